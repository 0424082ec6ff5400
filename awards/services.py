"""Writes to nominations: nominate, withdraw, review. Each is atomic, checks the writer's rights, and runs inside a
pghistory context naming the writer, so the history says who did it even outside a web request."""

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import ADMIN, HQ_OFFICER, can_write_in, role_of
from awards.models import CITATION_MAX_LENGTH, FIRST_FISCAL_YEAR, NOTE_MAX_LENGTH, Nomination
from core import thai
from core.templatetags.thai import year_shown
from volunteers.models import Volunteer

# HQ officers run the national programme and select; HQ analysts only read, as everywhere.
REVIEWING_ROLES = frozenset({HQ_OFFICER, ADMIN})
DECISIONS = (Nomination.Status.SELECTED, Nomination.Status.DECLINED)


def may_review(user) -> bool:
    """Who selects outstanding volunteers: HQ officers and administrators."""
    return role_of(user) in REVIEWING_ROLES


def _history_context(by, **extra):
    return pghistory.context(user=by.pk if by is not None else None, **extra)


def nomination_errors(*, volunteer: Volunteer, fiscal_year: int, citation: str, on=None) -> dict:
    """{field: message} for nominating `volunteer` for `fiscal_year` (BE); empty when it may be done."""
    errors = {}
    if (
        not Volunteer.objects.across_provinces("the volunteer the view let this user nominate")
        .serving(on)
        .filter(pk=volunteer.pk)
        .exists()
    ):
        errors["volunteer"] = _(
            "เสนอชื่อ %(name)s ไม่ได้: สถานะ “%(status)s” เสนอชื่อได้เฉพาะอาสาสมัครที่ปฏิบัติหน้าที่อยู่ (ยังไม่ครบวาระ)"
        ) % {"name": volunteer.full_name, "status": volunteer.status_display}
    elif (
        Nomination.objects.across_provinces("one nomination per volunteer and year, whoever nominated")
        .current()
        .filter(volunteer=volunteer, fiscal_year=fiscal_year)
        .exists()
    ):
        errors["volunteer"] = _already_nominated(volunteer, fiscal_year)
    if not FIRST_FISCAL_YEAR <= fiscal_year <= thai.current_fiscal_year():
        errors["fiscal_year"] = _("เสนอชื่อได้ตั้งแต่ปีงบประมาณ %(first)s ถึงปีงบประมาณปัจจุบัน") % {
            "first": year_shown(FIRST_FISCAL_YEAR)
        }
    if message := citation_error(citation):
        errors["citation"] = message
    return errors


def _already_nominated(volunteer: Volunteer, fiscal_year: int) -> str:
    return _("%(name)s ได้รับการเสนอชื่อในปีงบประมาณ %(year)s แล้ว") % {
        "name": volunteer.full_name,
        "year": year_shown(fiscal_year),
    }


def citation_error(citation: str) -> str | None:
    citation = (citation or "").strip()
    if not citation:
        return _("กรุณาระบุผลงานของอาสาสมัครโดยสังเขป")
    if len(citation) > CITATION_MAX_LENGTH:
        return _("ผลงานโดยสังเขปยาวได้ไม่เกิน %(max)s ตัวอักษร (ขณะนี้ %(length)s)") % {
            "max": f"{CITATION_MAX_LENGTH:,}",
            "length": f"{len(citation):,}",
        }
    return None


def check_nomination(nomination: Nomination) -> None:
    """The admin's check: a new nomination under the pages' rules (nomination_errors); one made already keeps its
    volunteer and year (the admin shows them read-only), and its citation the pages' limits."""
    if nomination.pk is None:
        errors = nomination_errors(
            volunteer=nomination.volunteer, fiscal_year=nomination.fiscal_year, citation=nomination.citation
        )
    else:
        errors = {"citation": message} if (message := citation_error(nomination.citation)) else {}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def nominate(*, volunteer: Volunteer, fiscal_year: int, citation: str, by) -> Nomination:
    """Put a serving volunteer of the writer's province forward for the fiscal year's award."""
    if not can_write_in(by, volunteer.province_id):
        raise PermissionDenied(_("เสนอชื่อได้เฉพาะอาสาสมัครในจังหวัดของท่าน"))
    # Locked so that two officers nominating the same person at once get the message, not a server error.
    volunteer = (
        Volunteer.objects.across_provinces("the volunteer the view let this user nominate")
        .select_for_update()
        .get(pk=volunteer.pk)
    )
    if errors := nomination_errors(volunteer=volunteer, fiscal_year=fiscal_year, citation=citation):
        raise ValidationError(errors)
    nomination = Nomination(
        volunteer=volunteer,
        province_id=volunteer.province_id,
        fiscal_year=fiscal_year,
        citation=citation.strip(),
        nominated_by=by,
    )
    nomination.full_clean()
    try:
        with _history_context(by, action="nominate"), transaction.atomic():
            nomination.save()
    except IntegrityError:
        raise ValidationError({"volunteer": _already_nominated(volunteer, fiscal_year)}) from None
    return nomination


@transaction.atomic
def withdraw(*, nomination: Nomination, by) -> Nomination:
    """The province takes its nomination back, while HQ has not yet decided on it; the row stays as a record."""
    if not can_write_in(by, nomination.province_id):
        raise PermissionDenied(_("ถอนการเสนอชื่อได้เฉพาะของจังหวัดของท่าน"))
    nomination = (
        Nomination.objects.across_provinces("the nomination the view let this user withdraw")
        .select_for_update()
        .select_related("volunteer")
        .get(pk=nomination.pk)
    )
    if not nomination.is_awaiting_review:
        raise ValidationError(
            _("ถอนการเสนอชื่อ %(name)s ไม่ได้: สถานะ “%(status)s” ถอนได้เฉพาะที่ยังรอส่วนกลางพิจารณา")
            % {"name": nomination.volunteer.full_name, "status": nomination.get_status_display()}
        )
    nomination.status = Nomination.Status.WITHDRAWN
    nomination.withdrawn_by, nomination.withdrawn_at = by, timezone.now()
    with _history_context(by, action="withdraw"):
        nomination.save(update_fields=["status", "withdrawn_by", "withdrawn_at"])
    return nomination


@transaction.atomic
def review(*, nominations, decision: str, note: str = "", by) -> int:
    """HQ selects or declines one or many nominations with one note. All or nothing: a withdrawn nomination in the
    list refuses the whole list, named, and so does selecting a volunteer no longer serving. A decision may
    be changed later (a mistake corrected); it is in the history."""
    if not may_review(by):
        raise PermissionDenied(_("การคัดเลือกเป็นของเจ้าหน้าที่ส่วนกลางที่จัดการกิจกรรมระดับประเทศ"))
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("กรุณาเลือกผลการพิจารณา: ได้รับคัดเลือก หรือ ไม่ได้รับคัดเลือก")})
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": _("หมายเหตุยาวได้ไม่เกิน %(max)s ตัวอักษร") % {"max": f"{NOTE_MAX_LENGTH:,}"}})
    pks = sorted({n.pk for n in nominations})
    if not pks:
        raise ValidationError({"nominations": _("กรุณาเลือกรายชื่อที่จะพิจารณาอย่างน้อยหนึ่งรายการ")})
    locked = list(
        Nomination.objects.across_provinces("HQ reviews every province's nominations")
        .select_for_update()
        .select_related("volunteer")
        .filter(pk__in=pks)
    )
    withdrawn = [n.volunteer.full_name for n in locked if n.status == Nomination.Status.WITHDRAWN]
    if withdrawn:
        raise ValidationError(
            {"nominations": _("จังหวัดถอนการเสนอชื่อแล้ว พิจารณาไม่ได้: %(names)s") % {"names": ", ".join(withdrawn)}}
        )
    if decision == Nomination.Status.SELECTED:
        # Nominated while serving; one who has since left, died, been suspended or come to the end of the term is
        # selected by the same rule that let them be nominated: serving today.
        not_serving = [
            _("%(name)s (สถานะ “%(status)s”)") % {"name": n.volunteer.full_name, "status": n.volunteer.status_display}
            for n in locked
            if not n.volunteer.is_serving
        ]
        if not_serving:
            raise ValidationError(
                {
                    "nominations": _("คัดเลือกไม่ได้ อาสาสมัครไม่ได้ปฏิบัติหน้าที่อยู่แล้ว: %(names)s")
                    % {"names": ", ".join(not_serving)}
                }
            )
    now = timezone.now()
    with _history_context(by, action="review"):
        for nomination in locked:
            nomination.status, nomination.review_note = decision, note
            nomination.reviewed_by, nomination.reviewed_at = by, now
            nomination.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    return len(locked)
