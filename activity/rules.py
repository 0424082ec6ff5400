"""The monthly activity report's rules, each written once: the entry grid, the services and (later) the Excel
import call these, whichever door a report comes through.

Each rule answers `None` when the value is allowed, otherwise the reason naming the volunteer, the month and the kind
of work, in the language active when the rule is called (gettext at the call: the import runs in its uploader's). The module imports no model, so models.py can use it without an import cycle.

Decisions, kept simple:
- Serving "in the month" means serving on at least one day of it: a volunteer who resigned on the 15th worked the
  first half and their paper form is accepted; one appointed on the 20th reports for the rest of the month. So a
  report is allowed when the volunteer was appointed by the month's last day, their term had not ended before its
  first day, and they were active then or still active until a status change within or after the month (the same
  reading of the stored status as volunteers.rules.serving_at, over a month instead of a day).
- A volunteer who was away and came back (suspended and reinstated, or re-appointed after a gap between terms: the
  latest absence, volunteers.absences) is not serving in the months wholly inside the absence, from its first day to
  the day before they served again. A month they served at least one day of, the month they left or came back in
  unless the absence began on its 1st, is still theirs: the report is accepted and expected, as for a resignation on
  the 15th. The monthly reports' serving tally (activity.tallies) reads the same months.
- Late: a report received after settings.ACTIVITY_REPORT_DUE_DAY (5) of the following month. Received on the 5th
  is on time, on the 6th late. "Received" is the day the report was first entered; later corrections keep it.
- Closing: a month stays open for entries and corrections, even when late, until the province's officer closes it.
  A closed month refuses every write until the officer reopens it with a reason; each close and reopen is kept in
  the history (who, when, why).
"""

import datetime as dt

from django.db import models
from django.utils.translation import gettext as _

from core import thai
from core.editing import control_character_error
from core.people import page_in_thai
from core.templatetags.thai import be_date
from volunteers import rules as volunteer_rules

# More than this in one month for one kind of work is a typing error (a paper form read wrong, a year typed).
MAX_COUNT = 10_000
PROBLEMS_MAX_LENGTH = 2000
REOPEN_REASON_MAX_LENGTH = 500


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def previous_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def month_end(month: dt.date) -> dt.date:
    return next_month(month) - dt.timedelta(days=1)


def month_label(month: dt.date) -> str:
    """ตุลาคม 2569."""
    return f"{thai.MONTHS_LONG[month.month - 1]} {thai.to_be_year(month.year)}"


def month_shown(month: dt.date) -> str:
    """The month as a page shows it: ตุลาคม 2569, or Oct 2026 in English."""
    if not page_in_thai():
        return f"{thai.MONTHS_EN[month.month - 1]} {month.year}"
    return month_label(month)


def month_column(month: dt.date) -> str:
    """A table's heading for the month: ต.ค. 69, or Oct 26 in English."""
    if not page_in_thai():
        return f"{thai.MONTHS_EN[month.month - 1]} {str(month.year)[-2:]}"
    return f"{thai.MONTHS_SHORT[month.month - 1]} {str(thai.to_be_year(month.year))[-2:]}"


def due_day() -> int:
    from django.conf import settings

    return settings.ACTIVITY_REPORT_DUE_DAY


def due_date(month: dt.date) -> dt.date:
    """The last day a report for `month` is on time: the due day of the following month."""
    return next_month(month).replace(day=due_day())


def is_late(month: dt.date, received_on: dt.date) -> bool:
    return received_on > due_date(month)


def parse_month(text) -> dt.date | None:
    """ "2026-10" (the form's value) to 1 Oct 2026, and "2569-10" too, as a date's year is read in either era; None
    for anything else."""
    try:
        year_text, month_text = str(text or "").split("-")
        if not (len(year_text) == 4 and year_text.isascii() and year_text.isdigit()):
            return None
        return dt.date(thai.ce_year(int(year_text), 4), int(month_text), 1)
    except (TypeError, ValueError):
        return None


def away_throughout(first: dt.date, last: dt.date) -> models.Q:
    """Volunteers out of office on every day from `first` to `last` in the latest absence they came back from: it
    began by `first` and they served again only after `last`."""
    return models.Q(absent_from__lte=first, absent_until__gt=last)


def serving_during(first: dt.date, last: dt.date) -> models.Q:
    """Volunteers serving on at least one day from `first` to `last` (see the module's docstring)."""
    active_then = models.Q(status=volunteer_rules.Status.ACTIVE) | models.Q(status_changed_on__gte=first)
    return (
        volunteer_rules.appointed_by(last, "appointed_on")
        & active_then
        & volunteer_rules.term_running_at(first, "term_ends_on")
        & ~away_throughout(first, last)
    )


def serving_in_month(month: dt.date) -> models.Q:
    return serving_during(month, month_end(month))


def _max() -> str:
    return f"{MAX_COUNT:,}"


ECHO_LIMIT = 40


def _echoed(text: str) -> str:
    """What was typed, as a message quotes it: a pasted paragraph is cut, not repeated whole."""
    return text if len(text) <= ECHO_LIMIT else f"{text[:ECHO_LIMIT]}…"


def count_reason(value) -> str | None:
    """Why a typed count is not a whole number from 0 to MAX_COUNT, without saying where (count_error adds that);
    None when it is one (a blank is 0). The import checks whole columns with it and names the place only for the
    cells that fail."""
    if type(value) is int and 0 <= value <= MAX_COUNT:
        return None
    if isinstance(value, str):
        text = value.strip().replace(",", "").translate(thai.THAI_DIGITS)
        if text == "":
            return None
        # isascii: "²" and other digit-like signs pass isdigit() but are no number int() reads.
        if not (text.isascii() and text.lstrip("-").isdigit()):
            return _("“%(value)s” ไม่ใช่จำนวนเต็ม กรุณาใส่ตัวเลข 0 ถึง %(max)s") % {
                "value": _echoed(value.strip()),
                "max": _max(),
            }
        digits = len(text.lstrip("-").lstrip("0"))
        if digits > len(str(MAX_COUNT)):
            # Counted, not read: int() refuses a text of over 4,300 digits, and no such number is printed back.
            if text.startswith("-"):
                message = _("ตัวเลขติดลบ %(digits)s หลักเกินกว่าที่เป็นไปได้ กรุณาใส่ตัวเลข 0 ถึง %(max)s")
            else:
                message = _("ตัวเลข %(digits)s หลักเกินกว่าที่เป็นไปได้ กรุณาใส่ตัวเลข 0 ถึง %(max)s")
            return message % {"digits": f"{digits:,}", "max": _max()}
        value = int(text)
    elif isinstance(value, float):
        # A spreadsheet cell (the import) holds 3.0 for 3; 2.5 people is a typing error.
        if not value.is_integer():
            return _("%(value)s ไม่ใช่จำนวนเต็ม กรุณาใส่ตัวเลข 0 ถึง %(max)s") % {"value": value, "max": _max()}
        value = int(value)
        if len(str(abs(value))) > len(str(MAX_COUNT)):
            # 1e300 is a whole number too: counted, not printed back (300 digits help nobody).
            length = f"{len(str(abs(value))):,}"
            if value < 0:
                return _("ตัวเลขติดลบ %(digits)s หลักเกินกว่าที่เป็นไปได้ กรุณาใส่ตัวเลข 0 ถึง %(max)s") % {
                    "digits": length,
                    "max": _max(),
                }
            return _("ตัวเลข %(digits)s หลักเกินกว่าที่เป็นไปได้ กรุณาใส่ตัวเลข 0 ถึง %(max)s") % {
                "digits": length,
                "max": _max(),
            }
    if value < 0:
        return _("จำนวนติดลบ (%(value)s) ไม่ได้ กรุณาใส่ตัวเลข 0 ถึง %(max)s") % {"value": f"{value:,}", "max": _max()}
    if value > MAX_COUNT:
        return _("%(value)s คน/ครั้งในเดือนเดียวเกินกว่าที่เป็นไปได้ (ไม่เกิน %(max)s) ตรวจสอบตัวเลขอีกครั้ง") % {
            "value": f"{value:,}",
            "max": _max(),
        }
    return None


def count_error(value, *, volunteer: str, month: dt.date, kind: str) -> str | None:
    """None for a whole number from 0 to MAX_COUNT; `value` is what was typed (a blank cell is 0). `kind`: the kind
    of work's name in the reader's language (WorkKind.label)."""
    reason = count_reason(value)
    if reason is None:
        return None
    return _("%(volunteer)s เดือน%(month)s ช่อง “%(kind)s”: %(reason)s") % {
        "volunteer": volunteer,
        "month": month_shown(month),
        "kind": kind,
        "reason": reason,
    }


def clean_count(value) -> int:
    """The number a valid typed value stands for (count_error() returned None for it)."""
    if isinstance(value, str):
        text = value.strip().replace(",", "").translate(thai.THAI_DIGITS)
        return int(text) if text else 0
    return int(value or 0)


def month_error(month: dt.date, *, today: dt.date) -> str | None:
    """Reports are for the current month or earlier (the programme's regulation dates from พ.ศ. 2548)."""
    if month > month_start(today):
        return _("เดือน%(month)s ยังมาไม่ถึง บันทึกรายงานล่วงหน้าไม่ได้") % {"month": month_shown(month)}
    if month < volunteer_rules.PROGRAMME_BEGAN:
        return _("เดือน%(month)s อยู่ก่อนมีโครงการอาสาสมัครแรงงาน (พ.ศ. 2548)") % {"month": month_shown(month)}
    return None


def not_serving_error(*, volunteer, month: dt.date) -> str:
    """Why `volunteer` (a Volunteer, or a row with its name, appointment, status and term fields) was not serving in
    `month`, the reason named with its date: appointed after the month, another status since before it, or the term
    ended before it, or away throughout it (serving_during's four conditions, in that order)."""
    values = {"volunteer": volunteer.full_name, "month": month_shown(month)}
    status = volunteer.status
    if volunteer.appointed_on is not None and volunteer.appointed_on > month_end(month):
        return _(
            "%(volunteer)s ได้รับแต่งตั้งเมื่อ %(date)s หลังเดือน%(month)s จึงไม่ได้ปฏิบัติหน้าที่ในเดือนนั้น "
            "บันทึกรายงานได้เฉพาะเดือนที่ปฏิบัติหน้าที่อยู่"
        ) % {**values, "date": be_date(volunteer.appointed_on)}
    if status != volunteer_rules.Status.ACTIVE:
        label = str(volunteer_rules.STATUS_LABELS.get(status, status))
        changed_on = volunteer.status_changed_on
        if changed_on is None:
            return _(
                "%(volunteer)s มีสถานะ “%(status)s” โดยไม่มีวันที่มีผล จึงไม่นับว่าปฏิบัติหน้าที่ในเดือน%(month)s "
                "บันทึกรายงานได้เฉพาะเดือนที่ปฏิบัติหน้าที่อยู่"
            ) % {**values, "status": label}
        if changed_on < month_start(month):
            return _(
                "%(volunteer)s มีสถานะ “%(status)s” ตั้งแต่ %(date)s ก่อนเดือน%(month)s จึงไม่ได้ปฏิบัติหน้าที่ในเดือนนั้น "
                "บันทึกรายงานได้เฉพาะเดือนที่ปฏิบัติหน้าที่อยู่"
            ) % {**values, "status": label, "date": be_date(changed_on)}
    if volunteer.term_ends_on is not None and volunteer.term_ends_on < month_start(month):
        return _(
            "วาระของ %(volunteer)s สิ้นสุดเมื่อ %(date)s ก่อนเดือน%(month)s จึงไม่ได้ปฏิบัติหน้าที่ในเดือนนั้น "
            "บันทึกรายงานได้เฉพาะเดือนที่ปฏิบัติหน้าที่อยู่"
        ) % {**values, "date": be_date(volunteer.term_ends_on)}
    absent_from, absent_until = getattr(volunteer, "absent_from", None), getattr(volunteer, "absent_until", None)
    if absent_from and absent_until and absent_from <= month_start(month) and absent_until > month_end(month):
        away_as = volunteer_rules.STATUS_LABELS.get(volunteer.absence_status, volunteer_rules.TERM_ENDED_LABEL)
        return _(
            "%(volunteer)s มีสถานะ “%(status)s” ตั้งแต่ %(date)s และกลับมาปฏิบัติหน้าที่เมื่อ %(back)s "
            "จึงไม่ได้ปฏิบัติหน้าที่ตลอดเดือน%(month)s บันทึกรายงานได้เฉพาะเดือนที่ปฏิบัติหน้าที่อยู่"
        ) % {**values, "status": str(away_as), "date": be_date(absent_from), "back": be_date(absent_until)}
    # None of the four on the row read here (it changed since the check that refused): the status then.
    return _("%(volunteer)s ไม่ได้ปฏิบัติหน้าที่ในเดือน%(month)s (สถานะ “%(status)s”) บันทึกรายงานได้เฉพาะเดือนที่ปฏิบัติหน้าที่อยู่") % {
        **values,
        "status": volunteer.status_display,
    }


def duplicate_error(*, volunteer: str, month: dt.date) -> str:
    return _("%(volunteer)s มีรายงานเดือน%(month)s แล้ว เดือนหนึ่งมีได้รายงานเดียว ให้แก้ไขรายงานเดิม") % {
        "volunteer": volunteer,
        "month": month_shown(month),
    }


def closed_error(*, province, month: dt.date) -> str:
    """`province`: the Province (named in the reader's language: Province.shown_name), or its name as text."""
    return _("%(province)s ปิดรับรายงานเดือน%(month)s แล้ว เจ้าหน้าที่ต้องเปิดรับรายงานเดือนนี้อีกครั้ง (พร้อมเหตุผล) ก่อนบันทึกหรือแก้ไข") % {
        "province": province if isinstance(province, str) else province.shown_name,
        "month": month_shown(month),
    }


def earliest_received_on(month: dt.date) -> dt.date:
    """The first day a report of `month` may be received: the month's own first day (received_on_error). The
    import template's instructions print it."""
    return month_start(month)


def received_on_error(month: dt.date, received_on: dt.date, *, today: dt.date) -> str | None:
    """A report of a month is received in that month at the earliest (the month-end meeting may be days before its
    last day, and the grid saves a report of the month under way with today's date), and not later than today."""
    if received_on > today:
        return _("วันที่ได้รับรายงาน %(date)s เป็นวันในอนาคต") % {"date": be_date(received_on)}
    if received_on < earliest_received_on(month):
        return _("วันที่ได้รับรายงาน %(date)s อยู่ก่อนเดือน%(month)s รายงานของเดือนได้รับได้ตั้งแต่วันแรกของเดือนนั้น") % {
            "date": be_date(received_on),
            "month": month_shown(month),
        }
    return None


def problems_error(text: str) -> str | None:
    """The text of "ปัญหาแรงงานในพื้นที่": up to PROBLEMS_MAX_LENGTH characters, and no invisible control characters
    (the check every registry form makes: core.editing), whichever door it comes through (grid, API, import)."""
    if len(text or "") > PROBLEMS_MAX_LENGTH:
        return _("ปัญหาแรงงานในพื้นที่ยาวได้ไม่เกิน %(max)s ตัวอักษร (ขณะนี้ %(length)s)") % {
            "max": f"{PROBLEMS_MAX_LENGTH:,}",
            "length": f"{len(text):,}",
        }
    if reason := control_character_error(text):
        return _("ปัญหาแรงงานในพื้นที่: %(reason)s") % {"reason": reason}
    return None


def reopen_reason_error(reason: str) -> str | None:
    reason = (reason or "").strip()
    if not reason:
        return _("กรุณาระบุเหตุผลที่เปิดรับรายงานเดือนนี้อีกครั้ง")
    if len(reason) > REOPEN_REASON_MAX_LENGTH:
        return _("เหตุผลยาวได้ไม่เกิน %(max)s ตัวอักษร") % {"max": f"{REOPEN_REASON_MAX_LENGTH:,}"}
    return None
