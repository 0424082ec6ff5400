"""The report and dashboard tables as .xlsx workbooks (openpyxl), with the same headings as the pages, in the
language of the page they are downloaded from: its headings, labels, place names and dates as that page shows them
(core.xlsx's rule for dates)."""

import io

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext, pgettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.downloads import as_attachment
from core.people import page_in_thai
from core.templatetags.thai import year_shown
from core.xlsx import as_date, date_format, is_date, set_date
from reports.templatetags.reports import named
from rosters.writers import XLSX_CONTENT_TYPE, safe_cell

HEADER_FILL = PatternFill("solid", fgColor="1B3A6B")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=13)


def add_sheet(workbook, title: str, heading: str, columns: list[tuple[str, str]], rows: list[dict], total=None):
    """One table: a title line, a header row, the rows, and an optional totals row in bold.

    Every text cell goes through `safe_cell`, so nothing a person typed (a leaver's reason, an event title) can
    run as a formula when the file is opened. Dates are date cells, so they sort and filter as dates, shown as the
    page's language shows a day: in พ.ศ. in Thai, 5 Dec 2026 in English."""
    sheet = workbook.create_sheet(str(title)[:31])
    sheet.append([safe_cell(heading)])
    sheet["A1"].font = TITLE_FONT
    sheet.append([safe_cell(str(label)) for label, _key in columns])
    for cell in sheet[2]:
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    shown_as = date_format()
    for row in rows:
        _append(sheet, [_cell(row.get(key)) for _label, key in columns], shown_as)
    if total is not None:
        _append(sheet, [_cell(total.get(key)) for _label, key in columns], shown_as)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for index, (label, _key) in enumerate(columns, start=1):
        values = [len(str(label))] + [len(str(r.get(_key) or "")) for r in rows[:200]]
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, max(values) + 2))
    sheet.freeze_panes = "A3"
    return sheet


def _append(sheet, values, date_shown_as: str):
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if is_date(cell.value):
            set_date(cell, cell.value, date_shown_as)


def _cell(value):
    if isinstance(value, Promise):
        value = str(value)
    if is_date(value):
        return as_date(value)
    return safe_cell(value)


def respond(workbook, filename: str, ascii_name: str = "") -> HttpResponse:
    """The workbook, saved as `filename` (core.downloads: a year in it counted as the page counts it), with
    `ascii_name` for clients that read only an ASCII name."""
    del workbook[workbook.sheetnames[0]]  # the empty sheet every new workbook starts with
    buffer = io.BytesIO()
    workbook.save(buffer)
    return as_attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE), filename, ascii_name)


PROVINCE_COLUMNS = [
    (_lazy("รหัส"), "code"),
    (_lazy("จังหวัด"), "name"),
    (_lazy("ภาค"), "region_name"),
    (_lazy("อสร. ปฏิบัติหน้าที่"), "active"),
    (_lazy("อสร. ในทะเบียน"), "total"),
    (_lazy("แต่งตั้งใหม่"), "appointed"),
    (_lazy("พ้นสภาพ"), "leavers"),
    (_lazy("ตำบล/แขวงทั้งหมด"), "subdistricts"),
    (_lazy("ตำบล/แขวงที่ครบโควตา"), "covered"),
    (_lazy("ความครอบคลุม (%)"), "coverage"),
    (_lazy("โควตาแกนนำ (คน)"), "quota"),
    (_lazy("แกนนำเต็มโควตา (คน)"), "filled"),
    (_lazy("ตำแหน่งว่าง (คน)"), "vacancies"),
    (_lazy("ความครอบคลุมตามโควตา (%)"), "quota_coverage"),
    (_lazy("แกนนำที่ปฏิบัติหน้าที่"), "serving_lead"),
    (_lazy("เครือข่ายที่ปฏิบัติหน้าที่"), "serving_network"),
    (_lazy("วาระสิ้นสุดในปีงบประมาณ ยังไม่ต่อวาระ"), "terms_ending"),
    (_lazy("ครบวาระ"), "term_ended"),
    (_lazy("อสร. ดีเด่น"), "outstanding"),
    (_lazy("พี่เลี้ยง"), "mentors"),
    (_lazy("อสร. ต่อพี่เลี้ยง"), "per_mentor"),
    (_lazy("กิจกรรมที่จัด"), "events"),
    (_lazy("เป้าหมาย (คน)"), "target"),
    (_lazy("ลงทะเบียน (คน)"), "registered"),
    (_lazy("เข้าร่วม (คน)"), "attended"),
    (_lazy("อัตราเข้าร่วมเทียบเป้าหมาย (%)"), "attendance_rate"),
    (_lazy("คนของจังหวัดที่เข้าร่วมกิจกรรม"), "people_trained"),
]
REGION_COLUMNS = [(_lazy("ภาค"), "name"), (_lazy("จำนวนจังหวัด"), "provinces")] + PROVINCE_COLUMNS[3:]
TREND_COLUMNS = [
    (_lazy("ปีงบประมาณ"), "fy"),
    (_lazy("อสร. ปฏิบัติหน้าที่ (สิ้นปี)"), "active"),
    (_lazy("แต่งตั้งใหม่"), "appointed"),
    (_lazy("พ้นสภาพ"), "leavers"),
    (pgettext_lazy("count", "กิจกรรม"), "events"),
]


# -- the results section (issue 15): the same tables on the province report and the dashboard --------------------

RESULT_MONTH_COLUMNS = [
    (_lazy("เดือน"), "label"),
    (_lazy("รายงานที่คาดว่าจะได้รับ"), "expected"),
    (_lazy("ได้รับ"), "received"),
    (_lazy("ตรงเวลา"), "on_time"),
    (_lazy("อัตราการส่งรายงาน (%)"), "percent"),
    (_lazy("ส่งตรงเวลา (%)"), "on_time_percent"),
    (_lazy("ผู้รับบริการ (คน-ครั้ง)"), "people"),
    (_lazy("ส่งต่อหน่วยงาน (เรื่อง)"), "referred"),
    (_lazy("ดำเนินการเสร็จ"), "done"),
    (_lazy("สัดส่วนที่แก้ไขแล้ว (%)"), "resolved_percent"),
    (_lazy("มัธยฐานวันที่ใช้แก้ไข"), "median_days"),
]
RATE_COLUMNS = [
    (_lazy("รายงานที่คาดว่าจะได้รับ"), "expected"),
    (_lazy("ได้รับ"), "received"),
    (_lazy("ตรงเวลา"), "on_time"),
    (_lazy("อัตราการส่งรายงาน (%)"), "percent"),
    (_lazy("ส่งตรงเวลา (%)"), "on_time_percent"),
]
AGENCY_COLUMNS = [
    (_lazy("หน่วยงาน"), "name"),
    (_lazy("ส่งต่อหน่วยงาน (เรื่อง)"), "referred"),
    (_lazy("ยังเปิดอยู่"), "open"),
    (_lazy("ดำเนินการเสร็จ"), "done"),
    (_lazy("ส่งต่อไม่ได้"), "not_referable"),
    (_lazy("สัดส่วนที่แก้ไขแล้ว (%)"), "resolved_percent"),
]
RESULT_PROVINCE_COLUMNS = [
    (_lazy("รหัส"), "code"),
    (_lazy("ภาค / จังหวัด"), "name"),
    *RATE_COLUMNS,
    (_lazy("ผู้รับบริการ (คน-ครั้ง)"), "people"),
    *AGENCY_COLUMNS[1:],
    (_lazy("มัธยฐานวันที่ใช้แก้ไข"), "median_days"),
]


def _in_english(rows: list[dict], english: bool, *columns: str) -> list[dict]:
    """rows with each of `columns` (a place's Thai name, its English one beside it: named()) in English on an English
    page."""
    if not english:
        return rows
    return [{**row, **{column: named(row, True, column) for column in columns}} for row in rows]


def _years_shown(rows: list[dict]) -> list[dict]:
    """The trend's fiscal years as the pages count them: 2569 in Thai, 2026 in English."""
    return [{**row, "fy": year_shown(row["fy"])} for row in rows]


def _fiscal_year(fy: int) -> str:
    # Ends a heading after a comma ("..., fiscal year 2025"): the same Thai text starts other headings, capitalised.
    return pgettext("end of a heading", "ปีงบประมาณ %(fy)s") % {"fy": year_shown(fy)}


def _whole_country(fy: int) -> str:
    return _("ทั้งประเทศ ปีงบประมาณ %(fy)s") % {"fy": year_shown(fy)}


def result_months_sheet(workbook, results: dict, place: str):
    """Month by month (in พ.ศ. on a Thai page): the reporting rate (a month not yet due expects nobody), people
    reached, referrals."""
    english = not page_in_thai()
    not_due = _("ยังไม่ครบกำหนด")
    rows = []
    for i, m in enumerate(results["rates"]["months"]):
        cases = results["cases"]["months"][i]
        label = m["label_en"] if english else m["label"]
        rows.append(
            {
                **m,
                "label": label if m["due"] else f"{label} ({not_due})",
                "expected": m["expected"] if m["due"] else None,
                "people": results["people"]["people_months"][i],
                **{k: cases[k] for k in ("referred", "done", "resolved_percent", "median_days")},
            }
        )
    total = {
        "label": _("ทั้งปีงบประมาณ"),
        **results["rates"]["total"],
        "people": results["people"]["people"],
        **{k: results["cases"]["total"][k] for k in ("referred", "done", "resolved_percent", "median_days")},
    }
    add_sheet(
        workbook,
        _("ผลรายเดือน"),
        _("ผลการปฏิบัติงานของ อสร. รายเดือน %(place)s") % {"place": place},
        RESULT_MONTH_COLUMNS,
        rows,
        total,
    )


def result_kinds_sheet(workbook, results: dict, place: str):
    english = not page_in_thai()
    people = results["people"]
    in_places = _("แห่ง")
    columns = [(_("ประเภทงาน"), "name")] + [
        (m["label_en"] if english else m["label"], f"m{i}") for i, m in enumerate(people["months"])
    ]
    columns.append((_("ทั้งปี"), "year"))
    rows = []
    for k in people["kinds"]:
        name = named(k, english, "name_th")
        rows.append(
            {
                "name": name if k["people"] else f"{name} ({in_places})",
                **{f"m{i}": n for i, n in enumerate(k["months"])},
                "year": k["year"],
            }
        )
    total = {"name": _("ผู้รับบริการ"), **{f"m{i}": n for i, n in enumerate(people["people_months"])}}
    total["year"] = people["people"]
    add_sheet(
        workbook,
        _("ผู้รับบริการ"),
        _("ผู้รับบริการ จำแนกตามประเภทงาน รายเดือน %(place)s") % {"place": place},
        columns,
        rows,
        total,
    )


def result_agencies_sheet(workbook, results: dict, place: str):
    # The kinds of agency are kept in Thai, their source text; the page translates them as it shows them.
    agencies = [{**a, "name": _(a["name"])} for a in results["cases"]["agencies"]]
    total = {"name": _("รวม"), **results["cases"]["total"]}
    add_sheet(
        workbook,
        pgettext("cases referred", "ส่งต่อหน่วยงาน"),
        _("ส่งต่อหน่วยงาน %(place)s") % {"place": place},
        AGENCY_COLUMNS,
        agencies,
        total,
    )


def result_provinces_sheet(workbook, results: dict, place: str, region: str = ""):
    english = not page_in_thai()
    rows = []
    for g in results["regions"]:
        if region and g["code"] != region:
            continue
        rows.append({**g, "code": "", "name": named(g, english)})
        rows += [{**p, "name": named(p, english)} for p in results["provinces"] if p["region"] == g["code"]]
    total = None if region else {"name": _("ทั้งประเทศ"), **results["total"]}
    add_sheet(
        workbook,
        _("ผลรายจังหวัด"),
        _("ผลการปฏิบัติงานของ อสร. รายภาคและจังหวัด %(place)s") % {"place": place},
        RESULT_PROVINCE_COLUMNS,
        rows,
        total,
    )


def dashboard_workbook(data: dict, table: str, *, region: str = "") -> HttpResponse:
    workbook = Workbook()
    english = not page_in_thai()
    fy = data["fy"]
    if table == "provinces":
        rows = [r for r in data["rows"] if not region or r["region"] == region]
        add_sheet(
            workbook,
            _("จังหวัด"),
            _("อาสาสมัครแรงงานรายจังหวัด ปีงบประมาณ %(fy)s") % {"fy": year_shown(fy)},
            PROVINCE_COLUMNS,
            _in_english(rows, english, "name", "region_name"),
        )
    elif table == "regions":
        total = {"name": _("ทั้งประเทศ"), **data["country"]}
        add_sheet(
            workbook,
            _("ภาค"),
            _("สรุปรายภาค ปีงบประมาณ %(fy)s") % {"fy": year_shown(fy)},
            REGION_COLUMNS,
            _in_english(data["regions"], english, "name"),
            total,
        )
    elif table == "results_months":
        result_months_sheet(workbook, data["results"], _whole_country(fy))
    elif table == "results_provinces":
        result_provinces_sheet(workbook, data["results"], _fiscal_year(fy), region)
    elif table == "results_kinds":
        result_kinds_sheet(workbook, data["results"], _whole_country(fy))
    elif table == "results_agencies":
        result_agencies_sheet(workbook, data["results"], _whole_country(fy))
    else:
        columns = TREND_COLUMNS + [(_("เป้าหมายผู้เข้าร่วม (คน)"), "target")]
        add_sheet(
            workbook,
            _("แนวโน้ม"),
            _("แนวโน้มทั้งประเทศ ปีงบประมาณ %(first)s–%(last)s") % {"first": year_shown(fy - 4), "last": year_shown(fy)},
            columns,
            _years_shown(data["trend"]),
        )
    return respond(workbook, f"dashboard-{table}-{year_shown(fy)}.xlsx")


def completeness_workbook(data: dict, table: str) -> HttpResponse:
    workbook = Workbook()
    english = not page_in_thai()
    fy = data["fy"]
    if table == "stale_provinces":
        add_sheet(
            workbook,
            _("ทะเบียนไม่เคลื่อนไหว"),
            _("จังหวัดที่ทะเบียน อสร. ไม่มีการแก้ไขเกิน %(days)s วัน") % {"days": data["stale_days"]},
            [(_("รหัส"), "code"), (_("จังหวัด"), "name"), (_("ภาค"), "region"), (_("แก้ไขล่าสุด"), "last_change")],
            _in_english(data["stale_provinces"], english, "name", "region"),
        )
    elif table == "events_without_attendance":
        add_sheet(
            workbook,
            _("กิจกรรมไม่มีการลงเวลา"),
            _("กิจกรรมที่จัดเสร็จแล้วแต่ยังไม่บันทึกการเข้าร่วม ปีงบประมาณ %(fy)s") % {"fy": year_shown(fy)},
            [
                (_("กิจกรรม"), "title"),
                (_("จังหวัดที่จัด"), "province"),
                (_("วันเริ่ม"), "start_date"),
                (_("วันสิ้นสุด"), "end_date"),
                (_("สถานะ"), "status"),
                (_("ลงทะเบียน (คน)"), "registered"),
            ],
            _in_english(data["events_without_attendance"], english, "province"),
        )
    else:
        add_sheet(
            workbook,
            _("อำเภอไม่มี อสร."),
            _("อำเภอ/เขตที่ไม่มีแกนนำ อสร. ปฏิบัติหน้าที่ ปีงบประมาณ %(fy)s") % {"fy": year_shown(fy)},
            [(_("รหัส"), "code"), (_("อำเภอ/เขต"), "name"), (_("จังหวัด"), "province"), (_("ตำบล/แขวง"), "subdistricts")],
            _in_english(data["empty_districts"], english, "name", "province"),
        )
    return respond(workbook, f"completeness-{table}-{year_shown(fy)}.xlsx")


def province_workbook(province, data: dict) -> HttpResponse:
    """Every table of the province report, one sheet each."""
    workbook = Workbook()
    english = not page_in_thai()
    fy = data["fy"]
    province_name = province.shown_name
    place = _("%(province)s ปีงบประมาณ %(fy)s") % {"province": province_name, "fy": year_shown(fy)}
    h = data["headline"]
    summary = [
        {"label": _("อสร. ปฏิบัติหน้าที่"), "value": h["active"]},
        {"label": _("อสร. พักการปฏิบัติหน้าที่"), "value": h["suspended"]},
        {"label": _("อสร. ในทะเบียนทั้งหมด"), "value": h["total"]},
        {"label": _("แต่งตั้งใหม่ในปีงบประมาณ"), "value": h["appointed"]},
        {"label": _("พ้นสภาพในปีงบประมาณ"), "value": h["leavers"]},
        {"label": _("ครบวาระ (ยังไม่ได้แต่งตั้งใหม่)"), "value": h["term_ended"]},
        {"label": _("ตำบล/แขวงที่ครบโควตา"), "value": h["coverage"]["covered"]},
        {"label": _("ตำบล/แขวงทั้งหมด"), "value": h["coverage"]["subdistricts"]},
        {"label": _("ความครอบคลุม (%)"), "value": h["coverage"]["percent"]},
        {"label": _("โควตาแกนนำ (คน)"), "value": h["coverage"]["quota"]},
        {"label": _("แกนนำเต็มโควตา (คน)"), "value": h["coverage"]["filled"]},
        {"label": _("ตำแหน่งว่าง (คน)"), "value": h["coverage"]["vacancies"]},
        {"label": _("ความครอบคลุมตามโควตา (%)"), "value": h["coverage"]["quota_coverage"]},
        {"label": _("แกนนำที่ปฏิบัติหน้าที่"), "value": h["serving_lead"]},
        {"label": _("เครือข่ายที่ปฏิบัติหน้าที่"), "value": h["serving_network"]},
        {"label": _("วาระสิ้นสุดในปีงบประมาณ ยังไม่ต่อวาระ"), "value": h["terms_ending"]},
        {"label": _("อสร. ดีเด่น"), "value": h["outstanding"]},
        {"label": _("พี่เลี้ยงที่ปฏิบัติหน้าที่"), "value": h["active_mentors"]},
        {"label": _("อสร. ต่อพี่เลี้ยง 1 คน"), "value": h["per_mentor"]},
        {"label": _("อสร. ที่ไม่มีพี่เลี้ยง"), "value": h["without_mentor"]},
        {"label": _("กิจกรรมที่จังหวัดจัด"), "value": h["events"]},
        {"label": _("ผู้เข้าร่วมกิจกรรมที่จังหวัดจัด (คน)"), "value": h["attended"]},
        {"label": _("อัตราเข้าร่วมเทียบเป้าหมาย (%)"), "value": h["attendance_rate"]},
    ]
    add_sheet(
        workbook,
        _("สรุป"),
        _("สรุป %(place)s") % {"place": place},
        [(pgettext("a line of the summary", "รายการ"), "label"), (_("จำนวน"), "value")],
        summary,
    )
    district_total = {
        "name": _("รวม"),
        **{
            k: sum(d[k] for d in data["districts"])
            for k in (
                "active",
                "total",
                "subdistricts",
                "covered",
                "quota",
                "filled",
                "vacancies",
                "leads",
                "network",
                "terms_ending",
            )
        },
        "coverage": h["coverage"]["percent"],
        "quota_coverage": h["coverage"]["quota_coverage"],
    }
    # Bangkok's districts are เขต, everywhere else อำเภอ: the sheet is named by the province's word.
    if province.is_bangkok:
        by_district, districts_heading = _("รายเขต"), _("อสร. และความครอบคลุมรายเขต %(place)s")
        rates_heading = _("อัตราการส่งรายงาน รายเขต %(place)s")
    else:
        by_district, districts_heading = _("รายอำเภอ"), _("อสร. และความครอบคลุมรายอำเภอ %(place)s")
        rates_heading = _("อัตราการส่งรายงาน รายอำเภอ %(place)s")
    add_sheet(
        workbook,
        by_district,
        districts_heading % {"place": place},
        [
            (_("รหัส"), "code"),
            (_("อำเภอ/เขต"), "name"),
            (_("อสร. ปฏิบัติหน้าที่"), "active"),
            (_("อสร. ในทะเบียน"), "total"),
            (_("ตำบล/แขวงทั้งหมด"), "subdistricts"),
            (_("ตำบล/แขวงที่ครบโควตา"), "covered"),
            (_("ความครอบคลุม (%)"), "coverage"),
            (_("โควตาแกนนำ (คน)"), "quota"),
            (_("แกนนำเต็มโควตา (คน)"), "filled"),
            (_("ตำแหน่งว่าง (คน)"), "vacancies"),
            (_("ความครอบคลุมตามโควตา (%)"), "quota_coverage"),
            (_("แกนนำที่ปฏิบัติหน้าที่"), "leads"),
            (_("เครือข่ายที่ปฏิบัติหน้าที่"), "network"),
            (_("วาระสิ้นสุดในปีงบประมาณ ยังไม่ต่อวาระ"), "terms_ending"),
            (_("พี่เลี้ยงที่ดูแล"), "mentors"),
        ],
        _in_english(data["districts"], english, "name"),
        district_total,
    )
    add_sheet(
        workbook,
        _("พี่เลี้ยง"),
        _("พี่เลี้ยงรายหน่วยงาน %(province)s (ปัจจุบัน)") % {"province": province_name},
        [
            (_("หน่วยงาน"), "agency"),
            (_("พี่เลี้ยงทั้งหมด"), "mentors"),
            (_("ปฏิบัติหน้าที่"), "active_mentors"),
            (_("อสร. ที่ดูแล"), "volunteers"),
            (_("อสร. ต่อพี่เลี้ยง"), "per_mentor"),
        ],
        data["mentors"],
    )
    add_sheet(
        workbook,
        _("พ้นสภาพ"),
        _("อสร. ที่พ้นสภาพ %(place)s") % {"place": place},
        [
            (_("ชื่อ-นามสกุล"), "name"),
            (_("อำเภอ/เขต"), "district"),
            (_("ตำบล/แขวง"), "subdistrict"),
            (_("สถานะ"), "status"),
            (_("วันที่มีผล"), "changed_on"),
            (_("เหตุผล"), "reason"),
        ],
        data["leavers"],
    )
    age = data["age_gender"]
    add_sheet(
        workbook,
        _("อายุและเพศ"),
        _("อสร. ปฏิบัติหน้าที่ตามช่วงอายุและเพศ %(place)s") % {"place": place},
        [(_("ช่วงอายุ"), "band")] + [(label, g) for g, label in age["genders"]] + [(_("รวม"), "total")],
        # The bands are kept in Thai (their source text), and shown in the page's language as the page does.
        [{**row, "band": _(row["band"])} for row in age["rows"]],
        {"band": _("รวม"), **age["totals"]},
    )
    event_rows = []
    for item in data["hosted"]["events"]:
        for c in item["categories"]:
            event_rows.append(
                {
                    "title": item["event"].title,
                    "start_date": item["event"].start_date,
                    "category": c["label"],
                    "target": c["target"],
                    "registered": c["registered"],
                    "attended": c["attended"],
                    "rate": c["rate"],
                }
            )
    add_sheet(
        workbook,
        _("กิจกรรมที่จัด"),
        _("กิจกรรมที่จังหวัดจัด %(place)s") % {"place": place},
        [
            (_("กิจกรรม"), "title"),
            (_("วันเริ่ม"), "start_date"),
            (_("ประเภทผู้เข้าร่วม"), "category"),
            (_("เป้าหมาย"), "target"),
            (_("ลงทะเบียน"), "registered"),
            (_("เข้าร่วม"), "attended"),
            (_("อัตราเข้าร่วม (%)"), "rate"),
        ],
        event_rows,
        {"title": _("รวม"), **data["hosted"]["totals"]},
    )
    national_rows = []
    for item in data["national"]["events"]:
        host = str(item["event"].host_province)  # ลำปาง, or Lampang on an English page
        for c in item["categories"]:
            national_rows.append(
                {
                    "title": item["event"].title,
                    "host": host,
                    "start_date": item["event"].start_date,
                    "category": c["label"],
                    "registered": c["registered"],
                    "attended": c["attended"],
                }
            )
    add_sheet(
        workbook,
        _("กิจกรรมส่วนกลาง"),
        _("คนของจังหวัดในกิจกรรมระดับประเทศ %(place)s") % {"place": place},
        [
            (_("กิจกรรม"), "title"),
            (_("จังหวัดที่จัด"), "host"),
            (_("วันเริ่ม"), "start_date"),
            (_("ประเภทผู้เข้าร่วม"), "category"),
            (_("ลงทะเบียน"), "registered"),
            (_("เข้าร่วม"), "attended"),
        ],
        national_rows,
        {"title": _("รวม"), **data["national"]["totals"]},
    )
    add_sheet(
        workbook,
        _("แนวโน้ม"),
        _("แนวโน้ม %(province)s ปีงบประมาณ %(first)s–%(last)s")
        % {"province": province_name, "first": year_shown(fy - 4), "last": year_shown(fy)},
        TREND_COLUMNS + [(_("ผู้เข้าร่วมกิจกรรมที่จังหวัดจัด (คน)"), "attended")],
        _years_shown(data["trend"]),
    )
    results = data["results"]
    result_months_sheet(workbook, results, place)
    add_sheet(
        workbook,
        _("อัตราการส่งรายงาน"),
        rates_heading % {"place": place},
        [(_("รหัส"), "code"), (_("อำเภอ/เขต"), "name"), *RATE_COLUMNS],
        _in_english(results["rates"]["districts"], english, "name"),
        {"name": _("รวม"), **results["rates"]["total"]},
    )
    result_kinds_sheet(workbook, results, place)
    result_agencies_sheet(workbook, results, place)
    return respond(workbook, f"report-{province.code}-{year_shown(fy)}.xlsx")
