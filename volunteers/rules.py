"""The volunteer's domain rules, each written once: the forms, the services, the roster import and the admin's
import all call these, whichever door a write comes through.

Each rule answers `None` when the value is allowed, otherwise the Thai reason. The module imports no model, so
models.py can use it without an import cycle.
"""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import thai

# Nobody registered is older than this; an older birth date is a year typed in the wrong era or a typo.
MAX_AGE_YEARS = 120


class Status(models.TextChoices):
    """A volunteer's place in the lifecycle (Volunteer.Status)."""

    ACTIVE = "active", _("ปฏิบัติหน้าที่")
    SUSPENDED = "suspended", _("พักการปฏิบัติหน้าที่")
    RESIGNED = "resigned", _("ลาออก/พ้นสภาพ")
    DECEASED = "deceased", _("เสียชีวิต")


# A resigned volunteer may be appointed again; a deceased one stays deceased.
STATUS_TRANSITIONS: dict[str, list[str]] = {
    Status.ACTIVE: [Status.SUSPENDED, Status.RESIGNED, Status.DECEASED],
    Status.SUSPENDED: [Status.ACTIVE, Status.RESIGNED, Status.DECEASED],
    Status.RESIGNED: [Status.ACTIVE, Status.DECEASED],
    Status.DECEASED: [],
}
STATUS_LABELS = dict(Status.choices)


def allowed_next_statuses(status: str) -> list[str]:
    return STATUS_TRANSITIONS.get(status, [])


def serving_at(when, *, appointed: str, changed: str) -> models.Q:
    """Who was serving at `when`: appointed by then (no appointment date counts as "by then"), and active now or still
    active until a later status change. The field names let the same rule read the volunteers themselves (dates) and
    the report tallies (fiscal years, where 0 stands for "no date")."""
    return appointed_by(when, appointed) & (models.Q(status=Status.ACTIVE) | models.Q(**{f"{changed}__gt": when}))


def appointed_by(when, field: str) -> models.Q:
    """Appointed at `when` or before; a volunteer with no appointment date counts as appointed."""
    by_then = models.Q(**{f"{field}__lte": when})
    if field.endswith("_on"):
        by_then |= models.Q(**{f"{field}__isnull": True})
    return by_then


def status_transition_error(from_status: str | None, to_status: str) -> str | None:
    """None when a volunteer may move from `from_status` to `to_status` (a new record may start anywhere)."""
    if not from_status or from_status == to_status:
        return None
    if to_status in allowed_next_statuses(from_status):
        return None
    current = STATUS_LABELS.get(from_status, from_status)
    target = STATUS_LABELS.get(to_status, to_status)
    if from_status == Status.DECEASED:
        return f"เปลี่ยนสถานะจาก “{current}” เป็น “{target}” ไม่ได้ ผู้ที่เสียชีวิตแล้วคงสถานะ “{current}” ตลอดไป"
    return f"เปลี่ยนสถานะจาก “{current}” เป็น “{target}” ไม่ได้"


def oldest_birth_date(today: dt.date) -> dt.date:
    """The earliest birth date accepted on `today`: the same day MAX_AGE_YEARS years before (28 Feb for 29 Feb)."""
    try:
        return today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:
        return today.replace(year=today.year - MAX_AGE_YEARS, day=28)


def birth_date_error(value: dt.date | None, *, today: dt.date | None = None) -> str | None:
    """None for no date or a possible one: not after today, and at most MAX_AGE_YEARS years ago (exactly is fine)."""
    if value is None:
        return None
    if today is None:
        from django.utils import timezone

        today = timezone.localdate()
    if value > today:
        return f"วันเกิด {thai.format_date_be(value)} เป็นวันในอนาคต วันเกิดต้องไม่เกินวันนี้"
    if value < oldest_birth_date(today):
        return f"วันเกิด {thai.format_date_be(value)} เก่ากว่า {MAX_AGE_YEARS} ปี ซึ่งเป็นไปไม่ได้ ตรวจสอบปี พ.ศ. หรือ ค.ศ. อีกครั้ง"
    return None
