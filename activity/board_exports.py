"""The reporting-rate board as an .xlsx workbook, with the page's headings (reports.exports writes the sheets)."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook

from activity import board, rules
from core.downloads import month_in_name
from core.templatetags.thai import year_shown
from reports.exports import add_sheet, respond


def _percent(value):
    return "" if value is None else value


def board_workbook(data, *, scope: str, province=None):
    """Sheet 1: the period's figures per row (district, or region and province); sheet 2: the rate month by month;
    sheet 3 (a province): the volunteers missing two or more months."""
    period = (
        rules.month_shown(data.months[0])
        if len(data.months) == 1
        else _("ปีงบประมาณ %(fy)s") % {"fy": year_shown(data.fiscal_year)}
    )
    heading = f"{_('อัตราการส่งรายงาน')} · {scope} · {period}"
    place = capfirst(province.district_label) if province else _("ภาค / จังหวัด")
    columns = [
        (place, "name"),
        (_("ระดับ"), "level"),
        (_("ต้องส่ง"), "expected"),
        (_("ได้รับแล้ว"), "received"),
        (_("ตรงเวลา"), "on_time"),
        (_("ส่งช้า"), "late"),
        (_("ยังไม่ส่ง"), "missing"),
        (_("อัตราการส่งรายงาน (%)"), "percent"),
        (_("อัตราการส่งตรงเวลา (%)"), "on_time_percent"),
    ]
    levels = {"district": province.district_label if province else "", "province": _("จังหวัด"), "region": _("ภาค")}

    def figures(row):
        return {
            "name": row.name,
            "level": levels.get(row.level, _("รวม")),
            "expected": row.total.expected,
            "received": row.total.received,
            "on_time": row.total.on_time,
            "late": row.total.late,
            "missing": row.total.missing,
            "percent": _percent(row.total.percent),
            "on_time_percent": _percent(row.on_time_percent),
        }

    workbook = Workbook()
    add_sheet(
        workbook, _("อัตราการส่งรายงาน"), heading, columns, [figures(r) for r in data.rows], total=figures(data.total)
    )
    month_columns = [(place, "name")] + [
        (rules.month_shown(m) if due else f"{rules.month_shown(m)} ({_('ยังไม่ถึงกำหนด')})", f"m{i}")
        for i, (m, due) in enumerate(zip(data.months, data.due, strict=True))
    ]

    def by_month(row):
        values = {"name": row.name}
        for i, rate in enumerate(row.months):
            values[f"m{i}"] = _percent(rate.percent) if data.due[i] else rate.received
        return values

    add_sheet(
        workbook,
        _("รายเดือน"),
        f"{heading} · {_('รายเดือน (%) เดือนที่ยังไม่ถึงกำหนดแสดงจำนวนที่ได้รับแล้ว')}",
        month_columns,
        [by_month(r) for r in data.rows],
        total=by_month(data.total),
    )
    if province is not None:
        add_sheet(
            workbook,
            _("ไม่ส่ง 2 เดือนขึ้นไป"),
            f"{_('อาสาสมัครที่ไม่ส่งรายงานติดต่อกัน 2 เดือนขึ้นไป')} · {scope}",
            [
                (_("ชื่อ-นามสกุล"), "name"),
                (place, "district"),
                (_("พี่เลี้ยง"), "mentor"),
                (_("ไม่ส่งติดต่อกัน (เดือน)"), "months"),
                (_("ตั้งแต่เดือน"), "since"),
            ],
            [
                {
                    "name": m.volunteer.full_name,
                    "district": m.volunteer.subdistrict.district.shown_bare_name,
                    "mentor": str(m.volunteer.mentor) if m.volunteer.mentor else "",
                    "months": m.months if m.months < board.MISSING_LOOKBACK else m.months_label,
                    "since": m.since_shown,  # as the page shows it: กันยายน 2569, or Sep 2026 in English
                }
                for m in data.missing
            ],
        )
    period = month_in_name(data.months[0]) if len(data.months) == 1 else f"fy{year_shown(data.fiscal_year)}"
    code = province.code if province else "TH"
    return respond(
        workbook,
        _("อัตราการส่งรายงาน-%(code)s-%(period)s.xlsx") % {"code": code, "period": period},
        f"reporting-rates-{code}-{period}.xlsx",
    )
