"""The monthly activity report's rules, each written once: the entry grid, the services and (later) the Excel
import call these, whichever door a report comes through.

Each rule answers `None` when the value is allowed, otherwise the Thai reason naming the volunteer, the month and the
kind of work. The module imports no model, so models.py can use it without an import cycle.

Decisions, kept simple:
- Serving "in the month" means serving on at least one day of it: a volunteer who resigned on the 15th worked the
  first half and their paper form is accepted; one appointed on the 20th reports for the rest of the month. So a
  report is allowed when the volunteer was appointed by the month's last day, their term had not ended before its
  first day, and they were active then or still active until a status change within or after the month (the same
  reading of the stored status as volunteers.rules.serving_at, over a month instead of a day).
- Late: a report received after settings.ACTIVITY_REPORT_DUE_DAY (5) of the following month. Received on the 5th
  is on time, on the 6th late. "Received" is the day the report was first entered; later corrections keep it.
- Closing: a month stays open for entries and corrections, even when late, until the province's officer closes it.
  A closed month refuses every write until the officer reopens it with a reason; each close and reopen is kept in
  the history (who, when, why).
"""

import datetime as dt

from django.db import models

from core import thai
from core.people import page_in_thai
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


def serving_during(first: dt.date, last: dt.date) -> models.Q:
    """Volunteers serving on at least one day from `first` to `last` (see the module's docstring)."""
    active_then = models.Q(status=volunteer_rules.Status.ACTIVE) | models.Q(status_changed_on__gte=first)
    return (
        volunteer_rules.appointed_by(last, "appointed_on")
        & active_then
        & volunteer_rules.term_running_at(first, "term_ends_on")
    )


def serving_in_month(month: dt.date) -> models.Q:
    return serving_during(month, month_end(month))


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
            return f"“{value.strip()}” ไม่ใช่จำนวนเต็ม กรุณาใส่ตัวเลข 0 ถึง {MAX_COUNT:,}"
        digits = len(text.lstrip("-").lstrip("0"))
        if digits > len(str(MAX_COUNT)):
            # Counted, not read: int() refuses a text of over 4,300 digits, and no such number is printed back.
            sign = "ติดลบ" if text.startswith("-") else ""
            return f"ตัวเลข{sign} {digits:,} หลักเกินกว่าที่เป็นไปได้ กรุณาใส่ตัวเลข 0 ถึง {MAX_COUNT:,}"
        value = int(text)
    elif isinstance(value, float):
        # A spreadsheet cell (the import) holds 3.0 for 3; 2.5 people is a typing error.
        if not value.is_integer():
            return f"{value} ไม่ใช่จำนวนเต็ม กรุณาใส่ตัวเลข 0 ถึง {MAX_COUNT:,}"
        value = int(value)
    if value < 0:
        return f"จำนวนติดลบ ({value:,}) ไม่ได้ กรุณาใส่ตัวเลข 0 ถึง {MAX_COUNT:,}"
    if value > MAX_COUNT:
        return f"{value:,} คน/ครั้งในเดือนเดียวเกินกว่าที่เป็นไปได้ (ไม่เกิน {MAX_COUNT:,}) ตรวจสอบตัวเลขอีกครั้ง"
    return None


def count_error(value, *, volunteer: str, month: dt.date, kind: str) -> str | None:
    """None for a whole number from 0 to MAX_COUNT; `value` is what was typed (a blank cell is 0)."""
    reason = count_reason(value)
    return None if reason is None else f"{volunteer} เดือน{month_label(month)} ช่อง “{kind}”: {reason}"


def clean_count(value) -> int:
    """The number a valid typed value stands for (count_error() returned None for it)."""
    if isinstance(value, str):
        text = value.strip().replace(",", "").translate(thai.THAI_DIGITS)
        return int(text) if text else 0
    return int(value or 0)


def month_error(month: dt.date, *, today: dt.date) -> str | None:
    """Reports are for the current month or earlier (the programme's regulation dates from พ.ศ. 2548)."""
    if month > month_start(today):
        return f"เดือน{month_label(month)} ยังมาไม่ถึง บันทึกรายงานล่วงหน้าไม่ได้"
    if month.year + thai.BE_OFFSET < 2548:
        return f"เดือน{month_label(month)} อยู่ก่อนมีโครงการอาสาสมัครแรงงาน (พ.ศ. 2548)"
    return None


def not_serving_error(*, volunteer: str, month: dt.date, status: str) -> str:
    return f"{volunteer} ไม่ได้ปฏิบัติหน้าที่ในเดือน{month_label(month)} (สถานะ “{status}”) บันทึกรายงานได้เฉพาะเดือนที่ปฏิบัติหน้าที่อยู่"


def duplicate_error(*, volunteer: str, month: dt.date) -> str:
    return f"{volunteer} มีรายงานเดือน{month_label(month)} แล้ว เดือนหนึ่งมีได้รายงานเดียว ให้แก้ไขรายงานเดิม"


def closed_error(*, province: str, month: dt.date) -> str:
    return (
        f"{province} ปิดรับรายงานเดือน{month_label(month)} แล้ว เจ้าหน้าที่ต้องเปิดรับรายงานเดือนนี้อีกครั้ง (พร้อมเหตุผล) ก่อนบันทึกหรือแก้ไข"
    )


def received_on_error(month: dt.date, received_on: dt.date, *, today: dt.date) -> str | None:
    """A report of a month is received in that month at the earliest (the month-end meeting may be days before its
    last day, and the grid saves a report of the month under way with today's date), and not later than today."""
    if received_on > today:
        return f"วันที่ได้รับรายงาน {thai.format_date_be(received_on)} เป็นวันในอนาคต"
    if received_on < month_start(month):
        return (
            f"วันที่ได้รับรายงาน {thai.format_date_be(received_on)} อยู่ก่อนเดือน{month_label(month)} "
            "รายงานของเดือนได้รับได้ตั้งแต่วันแรกของเดือนนั้น"
        )
    return None


def problems_error(text: str) -> str | None:
    if len(text or "") > PROBLEMS_MAX_LENGTH:
        return f"ปัญหาแรงงานในพื้นที่ยาวได้ไม่เกิน {PROBLEMS_MAX_LENGTH:,} ตัวอักษร (ขณะนี้ {len(text):,})"
    return None


def reopen_reason_error(reason: str) -> str | None:
    reason = (reason or "").strip()
    if not reason:
        return "กรุณาระบุเหตุผลที่เปิดรับรายงานเดือนนี้อีกครั้ง"
    if len(reason) > REOPEN_REASON_MAX_LENGTH:
        return f"เหตุผลยาวได้ไม่เกิน {REOPEN_REASON_MAX_LENGTH:,} ตัวอักษร"
    return None
