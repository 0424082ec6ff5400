"""Terms of office seen from the office: whose term ends soon, whose ended without re-appointment, when a new term
starts by default, and the board's workbook.

The board reads `Volunteer.term_ends_on` (the current term's last day, kept by volunteers.services) through the
(province, term_ends_on) index, so a province's board is a range scan whatever the size of the registry.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core import thai
from core.templatetags.thai import be_date
from core.xlsx import date_format
from provinces.models import Province
from rosters.writers import write_xlsx, xlsx_value
from volunteers import rules
from volunteers.models import Volunteer

# How far back the board looks for terms that ended without re-appointment: older ones are no longer "to do this
# round" but a leaver to record, and the list filter ครบวาระ still finds them.
ENDED_LOOKBACK_DAYS = 365


def ending_soon_days() -> int:
    return settings.TERM_ENDING_SOON_DAYS


def ending_soon(queryset, today: dt.date | None = None):
    """In office, and the current term's last day is today or within TERM_ENDING_SOON_DAYS."""
    today = today or timezone.localdate()
    return _board_rows(
        queryset.filter(
            status__in=rules.IN_OFFICE,
            term_ends_on__gte=today,
            term_ends_on__lte=today + dt.timedelta(days=ending_soon_days()),
        )
    )


def ended_recently(queryset, today: dt.date | None = None):
    """ครบวาระ: still in office by status, the term ended within the last year, and no new term since."""
    today = today or timezone.localdate()
    return _board_rows(
        queryset.term_ended(today).filter(term_ends_on__gte=today - dt.timedelta(days=ENDED_LOOKBACK_DAYS))
    )


def _board_rows(queryset):
    return queryset.select_related("subdistrict__district", "province", "mentor").order_by(
        *Province.objects.reading_order("province__"), "term_ends_on", "first_name_sort", "last_name_sort", "pk"
    )


def days_left(volunteer: Volunteer, today: dt.date | None = None) -> int:
    """Days from today to the term's last day: 0 on the last day, negative once it has passed."""
    return (volunteer.term_ends_on - (today or timezone.localdate())).days


def default_start(volunteers, today: dt.date | None = None) -> dt.date:
    """The new term's first day an officer expects: the day after the current term ends, so that service runs on
    without a gap, but never before today. A term that has already ended restarts today: dating the new term back to
    the old end would make the volunteer "serving" in a past in which the reports counted them as ครบวาระ. For many
    people, the earliest day that overlaps none of their terms."""
    today = today or timezone.localdate()
    ends = [v.term_ends_on for v in volunteers if v.term_ends_on]
    return max([today, *(end + dt.timedelta(days=1) for end in ends)])


def gap_before(volunteers, starts_on: dt.date) -> str:
    """What one order's start means for those whose term ends earlier: out of office (ครบวาระ) until it, said so that
    the officer who picked a later start for everyone sees it; "" when nobody has a gap."""
    gaps = [v for v in volunteers if v.term_ends_on and v.term_ends_on + dt.timedelta(days=1) < starts_on]
    if not gaps:
        return ""
    names = ", ".join(v.full_name for v in gaps[:5]) + (
        _(" และอีก %(n)s คน") % {"n": len(gaps) - 5} if len(gaps) > 5 else ""
    )
    return _("%(names)s ครบวาระก่อนวาระใหม่เริ่ม %(start)s จึงไม่ได้ปฏิบัติหน้าที่ในช่วงระหว่างนั้น") % {
        "names": names,
        "start": be_date(starts_on),
    }


@dataclass
class BoardColumn:
    header: str
    value: object  # (volunteer, today, masked) -> cell value


def _columns():
    return [
        BoardColumn(_("จังหวัด"), lambda v, today, masked: v.province.name_th),
        BoardColumn(
            _("เลขประจำตัวประชาชน"),
            lambda v, today, masked: thai.mask_national_id(v.national_id) if masked else v.national_id,
        ),
        BoardColumn(_("ชื่อ-นามสกุล"), lambda v, today, masked: v.full_name),
        BoardColumn(_("ระดับ"), lambda v, today, masked: v.tier_display),
        BoardColumn(_("อำเภอ/เขต"), lambda v, today, masked: v.subdistrict.district.name_th),
        BoardColumn(_("ตำบล/แขวง"), lambda v, today, masked: v.subdistrict.name_th),
        BoardColumn(_("โทรศัพท์"), lambda v, today, masked: v.phone_display),
        BoardColumn(_("พี่เลี้ยง"), lambda v, today, masked: v.mentor.full_name if v.mentor_id else ""),
        BoardColumn(_("วาระสิ้นสุด"), lambda v, today, masked: v.term_ends_on),
        BoardColumn(_("เหลือ (วัน)"), lambda v, today, masked: days_left(v, today)),
        BoardColumn(_("สถานะ"), lambda v, today, masked: v.status_display),
    ]


# The ID column stays text in Excel, so that a full ID keeps its 13 digits and a leading zero.
_TEXT_COLUMNS = {1, 6}


def board_workbook(*, soon, ended, masked: bool, today: dt.date | None = None) -> bytes:
    """The board as one sheet in the page's language: terms ending soon, then terms that ended (negative days left),
    dates as date cells shown as the page shows them (พ.ศ. in Thai, 5 Dec 2026 in English: core.xlsx.date_format) and
    national IDs masked unless the user may see them in full (rosters.access.may_see_full_ids)."""
    today = today or timezone.localdate()
    columns = _columns()
    rows = ([xlsx_value(c.value(v, today, masked)) for c in columns] for group in (soon, ended) for v in group)
    return write_xlsx(
        [str(c.header) for c in columns],
        rows,
        text_columns=_TEXT_COLUMNS,
        sheet_title=_("วาระสิ้นสุด"),
        date_format=date_format(),
    )
