"""The volunteer's domain rules, each written once: the forms, the services, the roster import and the admin's
import all call these, whichever door a write comes through.

Each rule answers `None` when the value is allowed, otherwise the reason in the active language (Thai, or English for
an English reader; the roster import asks inside translation.override of the uploader's language), made when it is
asked. The module imports no model, so models.py can use it without an import cycle.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import thai
from core.people import page_in_thai
from core.templatetags.thai import be_date, year_shown

# Nobody registered is older than this; an older birth date is a year typed in the wrong era or a typo.
MAX_AGE_YEARS = 120
# Nor younger than this: a younger one is a year typed short ("15/03/67" read as 2567) or in the wrong era.
MIN_AGE_YEARS = 15
# The programme's regulation (ระเบียบกระทรวงแรงงานว่าด้วยอาสาสมัครแรงงาน) is of พ.ศ. 2548: no appointment, event, case
# or monthly report of it comes before, and such a date is a year typed in the wrong era or a typo.
PROGRAMME_BEGAN = dt.date(2005, 1, 1)


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

# Not a stored status: an active or suspended volunteer whose term of office ended without re-appointment shows as
# this, from the date alone (no nightly job), and counts as not serving.
TERM_ENDED = "term_ended"
TERM_ENDED_LABEL = _("ครบวาระ")
# The statuses whose holders are still in office while their term runs.
IN_OFFICE = (Status.ACTIVE, Status.SUSPENDED)
LEFT_OFFICE = (Status.RESIGNED, Status.DECEASED)


class Tier(models.TextChoices):
    """A subdistrict lead counts against the subdistrict's quota; a network member helps beside the leads."""

    LEAD = "lead", _("แกนนำระดับตำบล")
    NETWORK = "network", _("เครือข่าย อสร.")


TIER_LABELS = dict(Tier.choices)

# A quota outside this range is a typing error (Bangkok's largest แขวง have 3).
MAX_QUOTA = 50


def allowed_next_statuses(status: str) -> list[str]:
    return STATUS_TRANSITIONS.get(status, [])


def serving_at(
    when, *, appointed: str, changed: str, term_end: str | None = None, term_when=None, absence=None
) -> models.Q:
    """Who was serving at `when`: appointed by then (no appointment date counts as "by then"), active now or still
    active until a later status change, not away then (`absence`: the fields of the latest absence's first day and of
    the day they came back, volunteers.absences), and in a term that had not ended (no term end counts as not ended).
    The field names let the same rule read the volunteers themselves (dates) and the report tallies (fiscal years and
    months, where 0 stands for "no date"); `term_when` is `when` in the term field's unit when that differs."""
    serving = appointed_by(when, appointed) & (models.Q(status=Status.ACTIVE) | models.Q(**{f"{changed}__gt": when}))
    if absence:
        serving &= ~away_at(when, *absence)
    if term_end:
        serving &= term_running_at(when if term_when is None else term_when, term_end)
    return serving


def away_at(when, began: str, ended: str) -> models.Q:
    """Out of office at `when` in an absence they have come back from: it began by then and ended after."""
    return models.Q(**{f"{began}__lte": when, f"{ended}__gt": when})


def serving_on(day) -> models.Q:
    """Volunteers serving on `day`, as the registry's lists and counts read it: active, in a term that has not ended
    (Volunteer.objects.serving, the province report's mentor table)."""
    return models.Q(status=Status.ACTIVE) & term_running_at(day, "term_ends_on")


def term_running_at(when, field: str) -> models.Q:
    """A term that has not ended at `when`: the end is the last day in office, and no end means no term on record."""
    running = models.Q(**{f"{field}__gte": when})
    if field.endswith("_on"):
        return running | models.Q(**{f"{field}__isnull": True})
    return running | models.Q(**{field: 0})


class OutOfOffice(NamedTuple):
    """Why a volunteer was not serving on a day (out_of_office_on), with the dates that say so."""

    why: str  # NOT_YET_APPOINTED, BY_STATUS, BETWEEN_TERMS or AFTER_TERMS
    since: dt.date  # the appointment (or first term's start), the status's date, or the end of the term before
    status: str = ""  # BY_STATUS: the status held that day
    until: dt.date | None = None  # the day they served again (back to active, the next term's start); None: not since


NOT_YET_APPOINTED = "not_yet_appointed"
BY_STATUS = "by_status"
BETWEEN_TERMS = "between_terms"
AFTER_TERMS = "after_terms"


def out_of_office_on(
    day: dt.date,
    *,
    appointed_on: dt.date | None,
    status: str,
    status_changed_on: dt.date | None,
    changes: Sequence[tuple[dt.date, str]] = (),
    terms: Iterable[tuple[dt.date, dt.date]] = (),
    term_ends_on: dt.date | None = None,
) -> OutOfOffice | None:
    """Whether a volunteer was serving on `day`, the registry's one reading of their story: None when they were, else
    why not, in this order: not yet appointed; out of office by their status (suspended, resigned or deceased on or
    before that day, and not back yet); outside their terms (after the last one ended, or between two; before the first
    one is "not yet appointed"). `status` and `status_changed_on` are the record's; `changes` its status history
    [(changed_on, to_status)] in the order it happened; `terms` [(starts_on, ends_on)] in any order; `term_ends_on` the
    record's term end, which counts when the terms are not on record."""
    if appointed_on and day < appointed_on:
        return OutOfOffice(NOT_YET_APPOINTED, appointed_on)
    # The status that day: the record's own when it has not changed since (one imported as resigned has no history),
    # else the latest step of the history on or before it.
    held: tuple[str, dt.date] | None
    if status != Status.ACTIVE and status_changed_on and status_changed_on <= day:
        held = (status, status_changed_on)
    else:
        held = next(((to, on) for on, to in reversed(changes) if on <= day), None)
    if held and held[0] != Status.ACTIVE:
        back = min((on for on, to in changes if on > day and to == Status.ACTIVE), default=None)
        return OutOfOffice(BY_STATUS, held[1], status=held[0], until=back)
    terms = list(terms)
    if any(starts_on <= day <= ends_on for starts_on, ends_on in terms):
        return None
    # Out of every term on record (or past the record's own term end, when the terms are not on record).
    ended = max((ends_on for _starts, ends_on in terms if ends_on < day), default=None)
    if term_ends_on and term_ends_on < day:
        ended = max(ended or term_ends_on, term_ends_on)
    began = min((starts_on for starts_on, _ends in terms if starts_on > day), default=None)
    if ended is not None and began is not None:
        return OutOfOffice(BETWEEN_TERMS, ended, until=began)
    if ended is not None:
        return OutOfOffice(AFTER_TERMS, ended)
    if began is not None:
        return OutOfOffice(NOT_YET_APPOINTED, began)
    return None


def out_of_office_reason(out: OutOfOffice) -> str:
    """Why a volunteer was out of office, as `out` says, in a few words with its dates in พ.ศ. (in English dates for an
    English reader). The words follow "เพราะ" ("because") in each page's own sentence, which names the volunteer and
    the day: the attendance refusal, the registration's note on the days that cannot be marked, a case's spotted date;
    so the same story reads the same everywhere."""
    values = {"date": be_date(out.since)}
    if out.why == NOT_YET_APPOINTED:
        return gettext("เพิ่งได้รับแต่งตั้งเป็นอาสาสมัครเมื่อ %(date)s") % values
    if out.why == BY_STATUS:
        values["status"] = STATUS_LABELS.get(out.status, out.status)
        if out.until is None:
            return gettext("มีสถานะ “%(status)s” ตั้งแต่ %(date)s") % values
        return gettext("มีสถานะ “%(status)s” ตั้งแต่ %(date)s จนกลับมาปฏิบัติหน้าที่เมื่อ %(back)s") % {
            **values,
            "back": be_date(out.until),
        }
    if out.why == BETWEEN_TERMS:
        return gettext("อยู่ระหว่างวาระ โดยวาระก่อนสิ้นสุดวันที่ %(date)s และวาระถัดไปเริ่มวันที่ %(began)s") % {
            **values,
            "began": be_date(out.until),
        }
    return gettext("วาระสิ้นสุดวันที่ %(date)s") % values


def term_years() -> int:
    from django.conf import settings

    return settings.VOLUNTEER_TERM_YEARS


def default_term_end(starts_on: dt.date, years: int | None = None) -> dt.date:
    """The last day of a term that starts on `starts_on`: the day before the same date `years` later (a term from
    1 Oct 2566 ends on 30 Sep 2569; one from 29 Feb ends on 28 Feb)."""
    years = term_years() if years is None else years
    try:
        anniversary = starts_on.replace(year=starts_on.year + years)
    except ValueError:
        anniversary = dt.date(starts_on.year + years, 3, 1)
    return anniversary - dt.timedelta(days=1)


def term_ended(status: str, term_ends_on: dt.date | None, today: dt.date) -> bool:
    """In office by status, but the term's last day has passed."""
    return status in IN_OFFICE and term_ends_on is not None and term_ends_on < today


def display_status(status: str, term_ends_on: dt.date | None, today: dt.date) -> str:
    return TERM_ENDED if term_ended(status, term_ends_on, today) else status


# The village number (หมู่ที่) of an address: the form, the API (api.serializers) and the roster import
# (rosters.validation.parsers.village_no) take this range.
VILLAGE_NO_MIN = 1
VILLAGE_NO_MAX = 99


def village_no_message() -> str:
    return gettext("หมู่ที่ต้องเป็นตัวเลข %(low)s–%(high)s") % {"low": VILLAGE_NO_MIN, "high": VILLAGE_NO_MAX}


def village_no_error(value: int | None) -> str | None:
    """None unless the village number is outside VILLAGE_NO_MIN..VILLAGE_NO_MAX (blank is allowed)."""
    if value is None or VILLAGE_NO_MIN <= value <= VILLAGE_NO_MAX:
        return None
    return village_no_message()


TERM_RECORDED_AHEAD = dt.timedelta(days=366)


def term_start_error(starts_on: dt.date) -> str | None:
    """None when a term may start on `starts_on`: not before the programme, and not more than a year ahead (an early
    re-appointment is recorded weeks or months ahead; years ahead is a year typed in the other era)."""
    if error := before_programme_error(starts_on, what=gettext("วันเริ่มวาระ")):
        return error
    # The server's date, not the portal's time zone: a day either way does not move a limit of a year.
    if starts_on > dt.date.today() + TERM_RECORDED_AHEAD:
        return gettext(
            "วันเริ่มวาระ %(start)s ห่างจากวันนี้เกิน 1 ปี บันทึกวาระล่วงหน้าได้ไม่เกิน 1 ปี ตรวจสอบปี พ.ศ. หรือ ค.ศ. อีกครั้ง"
        ) % {"start": be_date(starts_on)}
    return None


def term_error(starts_on: dt.date | None, ends_on: dt.date | None) -> str | None:
    """None when a term's dates make sense: a start, and an end after it."""
    if starts_on is None:
        return gettext("กรุณาระบุวันเริ่มวาระ")
    if error := term_start_error(starts_on):
        return error
    if ends_on is not None and ends_on <= starts_on:
        return gettext("วันสิ้นสุดวาระ %(end)s ต้องอยู่หลังวันเริ่มวาระ %(start)s") % {
            "end": be_date(ends_on),
            "start": be_date(starts_on),
        }
    # An order may end a term with the fiscal year it would end in, not years later: a longer one is a typing slip.
    longest = term_years() + 1
    if ends_on is not None and ends_on > default_term_end(starts_on, longest):
        return gettext(
            "วันสิ้นสุดวาระ %(end)s ห่างจากวันเริ่มวาระ %(start)s เกิน %(longest)s ปี (วาระละ %(years)s ปี) กรุณาตรวจสอบวันที่"
        ) % {"end": be_date(ends_on), "start": be_date(starts_on), "longest": longest, "years": term_years()}
    return None


def overlapping_term_error(starts_on: dt.date, ends_on: dt.date, others) -> str | None:
    """None unless [starts_on, ends_on] overlaps one of `others`, pairs of (start, end) of the person's other terms."""
    for other_start, other_end in others:
        if starts_on <= other_end and other_start <= ends_on:
            return gettext(
                "วาระ %(start)s – %(end)s ซ้อนกับวาระเดิม %(other_start)s – %(other_end)s วาระใหม่ต้องเริ่มหลังวาระเดิมสิ้นสุด"
            ) % {
                "start": be_date(starts_on),
                "end": be_date(ends_on),
                "other_start": be_date(other_start),
                "other_end": be_date(other_end),
            }
    return None


def reappointment_error(status: str) -> str | None:
    """Who may not be appointed again: the deceased."""
    if status == Status.DECEASED:
        return gettext("แต่งตั้งผู้ที่เสียชีวิตแล้วให้ดำรงตำแหน่งอีกวาระไม่ได้")
    return None


def early_return_error(status: str, starts_on: dt.date | None, today: dt.date) -> str | None:
    """A resigned volunteer appointed again is active from the new term's first day, and the registry records status
    as of today: a term that starts later is recorded on that day, not before (they would count as serving now)."""
    if status == Status.RESIGNED and starts_on is not None and starts_on > today:
        return gettext(
            "วาระใหม่เริ่ม %(start)s ซึ่งยังไม่ถึง ผู้ที่ลาออกแล้วกลับมาปฏิบัติหน้าที่ตั้งแต่วันเริ่มวาระ กรุณาบันทึกการแต่งตั้งนี้ในวันนั้นหรือหลังจากนั้น"
        ) % {"start": be_date(starts_on)}
    return None


def quota_covered(serving_leads: int, quota: int) -> bool:
    """A subdistrict is covered when its serving leads reach its quota (a quota of 0 asks for nobody)."""
    return serving_leads >= quota


def quota_vacancies(serving_leads: int, quota: int) -> int:
    """The leads a subdistrict still lacks; more leads than the quota fill no other subdistrict's place."""
    return max(quota - serving_leads, 0)


def quota_error(value) -> str | None:
    if value is None or value < 0 or value > MAX_QUOTA:
        return gettext("โควตาต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง %(max)s คน") % {"max": MAX_QUOTA}
    return None


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
    labels = {"current": STATUS_LABELS.get(from_status, from_status), "target": STATUS_LABELS.get(to_status, to_status)}
    if from_status == Status.DECEASED:
        return (
            gettext("เปลี่ยนสถานะจาก “%(current)s” เป็น “%(target)s” ไม่ได้ ผู้ที่เสียชีวิตแล้วคงสถานะ “%(current)s” ตลอดไป")
            % labels
        )
    return gettext("เปลี่ยนสถานะจาก “%(current)s” เป็น “%(target)s” ไม่ได้") % labels


def month_names(months) -> list[str]:
    """Months as the reader names them: ต.ค. 2569, or Oct 2026 in English."""
    if page_in_thai():
        return [f"{thai.MONTHS_SHORT[m.month - 1]} {thai.to_be_year(m.year)}" for m in months]
    return [f"{thai.MONTHS_EN[m.month - 1]} {m.year}" for m in months]


def status_date_error(
    changed_on: dt.date | None,
    *,
    today: dt.date,
    appointed_on: dt.date | None = None,
    since: dt.date | None = None,
    since_status: str = "",
) -> str | None:
    """None when a status may take effect on `changed_on`: a date, not after today nor before the programme, nor before
    the appointment (`appointed_on`, the record's first) or the latest status change (`since`, to `since_status`): the
    history runs forward, and the figures read the status from that date on. A step out of office is then put to the
    work other apps record after it (volunteers.recorded_work). The status form (volunteers.services.change_status) and
    the roster import ask it."""
    if changed_on is None:
        return gettext("กรุณาระบุวันที่มีผล")
    if changed_on > today:
        return gettext("วันที่มีผลต้องไม่เป็นวันในอนาคต")
    if error := before_programme_error(changed_on, what=gettext("วันที่มีผล")):
        return error
    if appointed_on and changed_on < appointed_on:
        return gettext("วันที่มีผลต้องไม่ก่อนวันที่แต่งตั้ง (%(date)s)") % {"date": be_date(appointed_on)}
    if since and changed_on < since:
        return gettext("วันที่มีผลต้องไม่ก่อนการเปลี่ยนสถานะครั้งล่าสุด (%(date)s) ซึ่งเป็น “%(status)s”") % {
            "date": be_date(since),
            "status": STATUS_LABELS.get(since_status, since_status),
        }
    return None


def out_of_office_span(
    from_status: str, since: dt.date | None, to_status: str, changed_on: dt.date
) -> tuple[dt.date, dt.date | None] | None:
    """The time out of office a status step from `from_status` (held since `since`) to `to_status` on `changed_on`
    records, which no recorded work may fall in (volunteers.recorded_work): leaving for good from its day on; a
    return from a suspension the days between. None for a suspension (its return, recorded next, closes it) or a
    suspension without a date."""
    if to_status in LEFT_OFFICE:
        return (changed_on, None)
    if to_status == Status.ACTIVE and from_status == Status.SUSPENDED and since is not None:
        return (since, changed_on)
    return None


def oldest_birth_date(today: dt.date) -> dt.date:
    """The earliest birth date accepted on `today`: the same day MAX_AGE_YEARS years before (28 Feb for 29 Feb)."""
    try:
        return today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:
        return today.replace(year=today.year - MAX_AGE_YEARS, day=28)


def mentor_ended_error(mentor) -> str | None:
    """None unless `mentor` no longer serves as one: nobody is put in an ended mentor's care (their own volunteers
    were released when they ended, mentors.models.MentorQuerySet.release_volunteers)."""
    if mentor is None or mentor.is_active:
        return None
    return gettext("%(name)s ไม่ได้ปฏิบัติหน้าที่พี่เลี้ยงแล้ว") % {"name": mentor.full_name}


def before_programme_error(value: dt.date | None, *, what: str) -> str | None:
    """None unless `value` (named `what`, e.g. "วันที่พบ") comes before the programme began (PROGRAMME_BEGAN)."""
    if value is None or value >= PROGRAMME_BEGAN:
        return None
    return gettext("%(what)s %(date)s อยู่ก่อนมีโครงการอาสาสมัครแรงงาน (พ.ศ. %(began)s) ตรวจสอบปี พ.ศ. หรือ ค.ศ. อีกครั้ง") % {
        "what": what,
        "date": be_date(value),
        "began": year_shown(thai.to_be_year(PROGRAMME_BEGAN.year)),
    }


def consent_date_error(value: dt.date | None, today: dt.date) -> str | None:
    """None unless the PDPA consent's date cannot be: recorded when it was given, so neither ahead of today nor
    before the programme (a year typed in the other era)."""
    if value is not None and value > today:
        return gettext("วันที่ต้องไม่เป็นวันในอนาคต")
    return before_programme_error(value, what=gettext("วันที่บันทึกความยินยอม"))


def appointment_age_error(birth_date: dt.date | None, appointed_on: dt.date | None) -> str | None:
    """None unless the appointment (or a term's first day) comes before the person was born, or before they were
    MIN_AGE_YEARS old: one of the two dates is wrong, most often a year typed in the other era."""
    if birth_date is None or appointed_on is None:
        return None
    if appointed_on < birth_date:
        return gettext(
            "วันแต่งตั้ง %(appointed)s อยู่ก่อนวันเกิด %(born)s ซึ่งเป็นไปไม่ได้ ตรวจสอบปี พ.ศ. หรือ ค.ศ. ของวันเกิดและวันแต่งตั้งอีกครั้ง"
        ) % {"appointed": be_date(appointed_on), "born": be_date(birth_date)}
    age = (
        appointed_on.year
        - birth_date.year
        - ((appointed_on.month, appointed_on.day) < (birth_date.month, birth_date.day))
    )
    if age < MIN_AGE_YEARS:
        return gettext(
            "วันแต่งตั้ง %(appointed)s เมื่ออายุเพียง %(age)s ปี (เกิด %(born)s) น้อยกว่า %(min)s ปี "
            "ตรวจสอบปี พ.ศ. หรือ ค.ศ. ของวันเกิดและวันแต่งตั้งอีกครั้ง"
        ) % {"appointed": be_date(appointed_on), "age": age, "born": be_date(birth_date), "min": MIN_AGE_YEARS}
    return None


def birth_date_error(value: dt.date | None, *, today: dt.date | None = None) -> str | None:
    """None for no date or a possible one: not after today, at most MAX_AGE_YEARS years ago (exactly is fine) and at
    least MIN_AGE_YEARS."""
    if value is None:
        return None
    if today is None:
        from django.utils import timezone

        today = timezone.localdate()
    if value > today:
        return gettext("วันเกิด %(date)s เป็นวันในอนาคต วันเกิดต้องไม่เกินวันนี้") % {"date": be_date(value)}
    if value < oldest_birth_date(today):
        return gettext("วันเกิด %(date)s เก่ากว่า %(years)s ปี ซึ่งเป็นไปไม่ได้ ตรวจสอบปี พ.ศ. หรือ ค.ศ. อีกครั้ง") % {
            "date": be_date(value),
            "years": MAX_AGE_YEARS,
        }
    age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    if age < MIN_AGE_YEARS:
        return gettext(
            "วันเกิด %(date)s ทำให้อายุเพียง %(age)s ปี น้อยกว่า %(min)s ปี "
            "ซึ่งเป็นอาสาสมัครแรงงานไม่ได้ ตรวจสอบปีเกิด (พิมพ์ปีเต็ม 4 หลัก พ.ศ. หรือ ค.ศ.) อีกครั้ง"
        ) % {"date": be_date(value), "age": age, "min": MIN_AGE_YEARS}
    return None


def appointment_date_error(starts_on: dt.date | None, today: dt.date) -> str | None:
    """A person is registered from their appointment on: the record's appointment date is not after today (the
    registration form's rule; a later term of someone on record is a re-appointment, which may be ordered ahead), nor
    before the programme began."""
    if starts_on is not None and starts_on > today:
        return gettext("วันที่แต่งตั้ง %(date)s เป็นวันในอนาคต ลงทะเบียนได้ตั้งแต่วันแต่งตั้งเป็นต้นไป") % {"date": be_date(starts_on)}
    return before_programme_error(starts_on, what=gettext("วันที่แต่งตั้ง"))
