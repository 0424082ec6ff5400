"""The report and dashboard tables as .xlsx workbooks (openpyxl), with the same headings as the pages."""

import io
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.xlsx import as_date, is_date, set_date
from rosters.writers import XLSX_CONTENT_TYPE, safe_cell

HEADER_FILL = PatternFill("solid", fgColor="1B3A6B")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=13)


def add_sheet(workbook, title: str, heading: str, columns: list[tuple[str, str]], rows: list[dict], total=None):
    """One table: a title line, a header row, the rows, and an optional totals row in bold.

    Every text cell goes through `safe_cell`, so nothing a person typed (a leaver's reason, an event title) can
    run as a formula when the file is opened. Dates are date cells shown in พ.ศ., so they sort and filter as dates."""
    sheet = workbook.create_sheet(title[:31])
    sheet.append([safe_cell(heading)])
    sheet["A1"].font = TITLE_FONT
    sheet.append([safe_cell(str(label)) for label, _key in columns])
    for cell in sheet[2]:
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        _append(sheet, [_cell(row.get(key)) for _label, key in columns])
    if total is not None:
        _append(sheet, [_cell(total.get(key)) for _label, key in columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for index, (label, _key) in enumerate(columns, start=1):
        values = [len(str(label))] + [len(str(r.get(_key) or "")) for r in rows[:200]]
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, max(values) + 2))
    sheet.freeze_panes = "A3"
    return sheet


def _append(sheet, values):
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if is_date(cell.value):
            set_date(cell, cell.value)


def _cell(value):
    if isinstance(value, Promise):
        value = str(value)
    if is_date(value):
        return as_date(value)
    return safe_cell(value)


def respond(workbook, filename: str) -> HttpResponse:
    del workbook[workbook.sheetnames[0]]  # the empty sheet every new workbook starts with
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    ascii_name = filename.encode("ascii", "ignore").decode() or "report.xlsx"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return response


PROVINCE_COLUMNS = [
    ("รหัส", "code"),
    ("จังหวัด", "name"),
    ("ภาค", "region_name"),
    ("อสร. ปฏิบัติหน้าที่", "active"),
    ("อสร. ในทะเบียน", "total"),
    ("แต่งตั้งใหม่", "appointed"),
    ("พ้นสภาพ", "leavers"),
    ("ตำบล/แขวงทั้งหมด", "subdistricts"),
    ("ตำบล/แขวงที่ครบโควตา", "covered"),
    ("ความครอบคลุม (%)", "coverage"),
    ("โควตาแกนนำ (คน)", "quota"),
    ("แกนนำเต็มโควตา (คน)", "filled"),
    ("ตำแหน่งว่าง (คน)", "vacancies"),
    ("ความครอบคลุมตามโควตา (%)", "quota_coverage"),
    ("แกนนำที่ปฏิบัติหน้าที่", "serving_lead"),
    ("เครือข่ายที่ปฏิบัติหน้าที่", "serving_network"),
    ("วาระสิ้นสุดในปีงบประมาณ", "terms_ending"),
    ("ครบวาระ", "term_ended"),
    ("อสร. ดีเด่น", "outstanding"),
    ("พี่เลี้ยง", "mentors"),
    ("อสร. ต่อพี่เลี้ยง", "per_mentor"),
    ("กิจกรรมที่จัด", "events"),
    ("เป้าหมาย (คน)", "target"),
    ("ลงทะเบียน (คน)", "registered"),
    ("เข้าร่วม (คน)", "attended"),
    ("อัตราเข้าร่วมเทียบเป้าหมาย (%)", "attendance_rate"),
    ("คนของจังหวัดที่เข้าร่วมกิจกรรม", "people_trained"),
]
REGION_COLUMNS = [("ภาค", "name"), ("จำนวนจังหวัด", "provinces")] + PROVINCE_COLUMNS[3:]
TREND_COLUMNS = [
    ("ปีงบประมาณ", "fy"),
    ("อสร. ปฏิบัติหน้าที่ (สิ้นปี)", "active"),
    ("แต่งตั้งใหม่", "appointed"),
    ("พ้นสภาพ", "leavers"),
    ("กิจกรรม", "events"),
]


# -- the results section (issue 15): the same tables on the province report and the dashboard --------------------

RESULT_MONTH_COLUMNS = [
    ("เดือน", "label"),
    ("รายงานที่คาดว่าจะได้รับ", "expected"),
    ("ได้รับ", "received"),
    ("ตรงเวลา", "on_time"),
    ("อัตราการส่งรายงาน (%)", "percent"),
    ("ส่งตรงเวลา (%)", "on_time_percent"),
    ("ผู้รับบริการ (คน-ครั้ง)", "people"),
    ("ส่งต่อหน่วยงาน (เรื่อง)", "referred"),
    ("ดำเนินการเสร็จ", "done"),
    ("สัดส่วนที่แก้ไขแล้ว (%)", "resolved_percent"),
    ("มัธยฐานวันที่ใช้แก้ไข", "median_days"),
]
RATE_COLUMNS = [
    ("รายงานที่คาดว่าจะได้รับ", "expected"),
    ("ได้รับ", "received"),
    ("ตรงเวลา", "on_time"),
    ("อัตราการส่งรายงาน (%)", "percent"),
    ("ส่งตรงเวลา (%)", "on_time_percent"),
]
AGENCY_COLUMNS = [
    ("หน่วยงาน", "name"),
    ("ส่งต่อหน่วยงาน (เรื่อง)", "referred"),
    ("ยังเปิดอยู่", "open"),
    ("ดำเนินการเสร็จ", "done"),
    ("ส่งต่อไม่ได้", "not_referable"),
    ("สัดส่วนที่แก้ไขแล้ว (%)", "resolved_percent"),
]
RESULT_PROVINCE_COLUMNS = [
    ("รหัส", "code"),
    ("ภาค / จังหวัด", "name"),
    *RATE_COLUMNS,
    ("ผู้รับบริการ (คน-ครั้ง)", "people"),
    *AGENCY_COLUMNS[1:],
    ("มัธยฐานวันที่ใช้แก้ไข", "median_days"),
]


def result_months_sheet(workbook, results: dict, place: str):
    """Month by month in พ.ศ.: the reporting rate (a month not yet due expects nobody), people reached, referrals."""
    rows = []
    for i, m in enumerate(results["rates"]["months"]):
        cases = results["cases"]["months"][i]
        rows.append(
            {
                **m,
                "label": m["label"] if m["due"] else f"{m['label']} (ยังไม่ครบกำหนด)",
                "expected": m["expected"] if m["due"] else None,
                "people": results["people"]["people_months"][i],
                **{k: cases[k] for k in ("referred", "done", "resolved_percent", "median_days")},
            }
        )
    total = {
        "label": "ทั้งปีงบประมาณ",
        **results["rates"]["total"],
        "people": results["people"]["people"],
        **{k: results["cases"]["total"][k] for k in ("referred", "done", "resolved_percent", "median_days")},
    }
    add_sheet(workbook, "ผลรายเดือน", f"ผลการปฏิบัติงานของ อสร. รายเดือน {place}", RESULT_MONTH_COLUMNS, rows, total)


def result_kinds_sheet(workbook, results: dict, place: str):
    people = results["people"]
    columns = [("ประเภทงาน", "name")] + [(m["label"], f"m{i}") for i, m in enumerate(people["months"])]
    columns.append(("ทั้งปี", "year"))
    rows = [
        {
            "name": k["name_th"] if k["people"] else f"{k['name_th']} (แห่ง)",
            **{f"m{i}": n for i, n in enumerate(k["months"])},
            "year": k["year"],
        }
        for k in people["kinds"]
    ]
    total = {"name": "ผู้รับบริการ", **{f"m{i}": n for i, n in enumerate(people["people_months"])}}
    total["year"] = people["people"]
    add_sheet(workbook, "ผู้รับบริการ", f"ผู้รับบริการ จำแนกตามประเภทงาน รายเดือน {place}", columns, rows, total)


def result_agencies_sheet(workbook, results: dict, place: str):
    total = {"name": "รวม", **results["cases"]["total"]}
    add_sheet(workbook, "ส่งต่อหน่วยงาน", f"ส่งต่อหน่วยงาน {place}", AGENCY_COLUMNS, results["cases"]["agencies"], total)


def result_provinces_sheet(workbook, results: dict, place: str, region: str = ""):
    rows = []
    for g in results["regions"]:
        if region and g["code"] != region:
            continue
        rows.append({**g, "code": ""})
        rows += [p for p in results["provinces"] if p["region"] == g["code"]]
    total = None if region else {"name": "ทั้งประเทศ", **results["total"]}
    add_sheet(
        workbook, "ผลรายจังหวัด", f"ผลการปฏิบัติงานของ อสร. รายภาคและจังหวัด {place}", RESULT_PROVINCE_COLUMNS, rows, total
    )


def dashboard_workbook(data: dict, table: str, *, region: str = "") -> HttpResponse:
    workbook = Workbook()
    fy = data["fy"]
    if table == "provinces":
        rows = [r for r in data["rows"] if not region or r["region"] == region]
        add_sheet(workbook, "จังหวัด", f"อาสาสมัครแรงงานรายจังหวัด ปีงบประมาณ {fy}", PROVINCE_COLUMNS, rows)
    elif table == "regions":
        total = {"name": "ทั้งประเทศ", **data["country"]}
        add_sheet(workbook, "ภาค", f"สรุปรายภาค ปีงบประมาณ {fy}", REGION_COLUMNS, data["regions"], total)
    elif table == "results_months":
        result_months_sheet(workbook, data["results"], f"ทั้งประเทศ ปีงบประมาณ {fy}")
    elif table == "results_provinces":
        result_provinces_sheet(workbook, data["results"], f"ปีงบประมาณ {fy}", region)
    elif table == "results_kinds":
        result_kinds_sheet(workbook, data["results"], f"ทั้งประเทศ ปีงบประมาณ {fy}")
    elif table == "results_agencies":
        result_agencies_sheet(workbook, data["results"], f"ทั้งประเทศ ปีงบประมาณ {fy}")
    else:
        columns = TREND_COLUMNS + [("เป้าหมายผู้เข้าร่วม (คน)", "target")]
        add_sheet(workbook, "แนวโน้ม", f"แนวโน้มทั้งประเทศ ปีงบประมาณ {fy - 4}–{fy}", columns, data["trend"])
    return respond(workbook, f"dashboard-{table}-{fy}.xlsx")


def completeness_workbook(data: dict, table: str) -> HttpResponse:
    workbook = Workbook()
    fy = data["fy"]
    if table == "stale_provinces":
        add_sheet(
            workbook,
            "ทะเบียนไม่เคลื่อนไหว",
            f"จังหวัดที่ทะเบียน อสร. ไม่มีการแก้ไขเกิน {data['stale_days']} วัน",
            [("รหัส", "code"), ("จังหวัด", "name"), ("ภาค", "region"), ("แก้ไขล่าสุด", "last_change")],
            data["stale_provinces"],
        )
    elif table == "events_without_attendance":
        add_sheet(
            workbook,
            "กิจกรรมไม่มีการลงเวลา",
            f"กิจกรรมที่จัดเสร็จแล้วแต่ยังไม่บันทึกการเข้าร่วม ปีงบประมาณ {fy}",
            [
                ("กิจกรรม", "title"),
                ("จังหวัดที่จัด", "province"),
                ("วันเริ่ม", "start_date"),
                ("วันสิ้นสุด", "end_date"),
                ("สถานะ", "status"),
                ("ลงทะเบียน (คน)", "registered"),
            ],
            data["events_without_attendance"],
        )
    else:
        add_sheet(
            workbook,
            "อำเภอไม่มี อสร.",
            f"อำเภอ/เขตที่ไม่มีแกนนำ อสร. ปฏิบัติหน้าที่ ปีงบประมาณ {fy}",
            [("รหัส", "code"), ("อำเภอ/เขต", "name"), ("จังหวัด", "province"), ("ตำบล/แขวง", "subdistricts")],
            data["empty_districts"],
        )
    return respond(workbook, f"completeness-{table}-{fy}.xlsx")


def province_workbook(province, data: dict) -> HttpResponse:
    """Every table of the province report, one sheet each."""
    workbook = Workbook()
    fy = data["fy"]
    place = f"{province.display_name} ปีงบประมาณ {fy}"
    h = data["headline"]
    summary = [
        {"label": "อสร. ปฏิบัติหน้าที่", "value": h["active"]},
        {"label": "อสร. พักการปฏิบัติหน้าที่", "value": h["suspended"]},
        {"label": "อสร. ในทะเบียนทั้งหมด", "value": h["total"]},
        {"label": "แต่งตั้งใหม่ในปีงบประมาณ", "value": h["appointed"]},
        {"label": "พ้นสภาพในปีงบประมาณ", "value": h["leavers"]},
        {"label": "ครบวาระ (ยังไม่ได้แต่งตั้งใหม่)", "value": h["term_ended"]},
        {"label": "ตำบล/แขวงที่ครบโควตา", "value": h["coverage"]["covered"]},
        {"label": "ตำบล/แขวงทั้งหมด", "value": h["coverage"]["subdistricts"]},
        {"label": "ความครอบคลุม (%)", "value": h["coverage"]["percent"]},
        {"label": "โควตาแกนนำ (คน)", "value": h["coverage"]["quota"]},
        {"label": "แกนนำเต็มโควตา (คน)", "value": h["coverage"]["filled"]},
        {"label": "ตำแหน่งว่าง (คน)", "value": h["coverage"]["vacancies"]},
        {"label": "ความครอบคลุมตามโควตา (%)", "value": h["coverage"]["quota_coverage"]},
        {"label": "แกนนำที่ปฏิบัติหน้าที่", "value": h["serving_lead"]},
        {"label": "เครือข่ายที่ปฏิบัติหน้าที่", "value": h["serving_network"]},
        {"label": "วาระสิ้นสุดในปีงบประมาณ", "value": h["terms_ending"]},
        {"label": "อสร. ดีเด่น", "value": h["outstanding"]},
        {"label": "พี่เลี้ยงที่ปฏิบัติหน้าที่", "value": h["active_mentors"]},
        {"label": "อสร. ต่อพี่เลี้ยง 1 คน", "value": h["per_mentor"]},
        {"label": "อสร. ที่ไม่มีพี่เลี้ยง", "value": h["without_mentor"]},
        {"label": "กิจกรรมที่จังหวัดจัด", "value": h["events"]},
        {"label": "ผู้เข้าร่วมกิจกรรมที่จังหวัดจัด (คน)", "value": h["attended"]},
        {"label": "อัตราเข้าร่วมเทียบเป้าหมาย (%)", "value": h["attendance_rate"]},
    ]
    add_sheet(workbook, "สรุป", f"สรุป {place}", [("รายการ", "label"), ("จำนวน", "value")], summary)
    district_total = {
        "name": "รวม",
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
    add_sheet(
        workbook,
        f"ราย{province.district_word}",
        f"อสร. และความครอบคลุมราย{province.district_word} {place}",
        [
            ("รหัส", "code"),
            ("อำเภอ/เขต", "name"),
            ("อสร. ปฏิบัติหน้าที่", "active"),
            ("อสร. ในทะเบียน", "total"),
            ("ตำบล/แขวงทั้งหมด", "subdistricts"),
            ("ตำบล/แขวงที่ครบโควตา", "covered"),
            ("ความครอบคลุม (%)", "coverage"),
            ("โควตาแกนนำ (คน)", "quota"),
            ("แกนนำเต็มโควตา (คน)", "filled"),
            ("ตำแหน่งว่าง (คน)", "vacancies"),
            ("ความครอบคลุมตามโควตา (%)", "quota_coverage"),
            ("แกนนำที่ปฏิบัติหน้าที่", "leads"),
            ("เครือข่ายที่ปฏิบัติหน้าที่", "network"),
            ("วาระสิ้นสุดในปีงบประมาณ", "terms_ending"),
            ("พี่เลี้ยงที่ดูแล", "mentors"),
        ],
        data["districts"],
        district_total,
    )
    add_sheet(
        workbook,
        "พี่เลี้ยง",
        f"พี่เลี้ยงรายหน่วยงาน {province.display_name} (ปัจจุบัน)",
        [
            ("หน่วยงาน", "agency"),
            ("พี่เลี้ยงทั้งหมด", "mentors"),
            ("ปฏิบัติหน้าที่", "active_mentors"),
            ("อสร. ที่ดูแล", "volunteers"),
            ("อสร. ต่อพี่เลี้ยง", "per_mentor"),
        ],
        data["mentors"],
    )
    add_sheet(
        workbook,
        "พ้นสภาพ",
        f"อสร. ที่พ้นสภาพ {place}",
        [
            ("ชื่อ-นามสกุล", "name"),
            ("อำเภอ/เขต", "district"),
            ("ตำบล/แขวง", "subdistrict"),
            ("สถานะ", "status"),
            ("วันที่มีผล", "changed_on"),
            ("เหตุผล", "reason"),
        ],
        data["leavers"],
    )
    age = data["age_gender"]
    add_sheet(
        workbook,
        "อายุและเพศ",
        f"อสร. ปฏิบัติหน้าที่ตามช่วงอายุและเพศ {place}",
        [("ช่วงอายุ", "band")] + [(label, g) for g, label in age["genders"]] + [("รวม", "total")],
        age["rows"],
        {"band": "รวม", **age["totals"]},
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
        "กิจกรรมที่จัด",
        f"กิจกรรมที่จังหวัดจัด {place}",
        [
            ("กิจกรรม", "title"),
            ("วันเริ่ม", "start_date"),
            ("ประเภทผู้เข้าร่วม", "category"),
            ("เป้าหมาย", "target"),
            ("ลงทะเบียน", "registered"),
            ("เข้าร่วม", "attended"),
            ("อัตราเข้าร่วม (%)", "rate"),
        ],
        event_rows,
        {"title": "รวม", **data["hosted"]["totals"]},
    )
    national_rows = []
    for item in data["national"]["events"]:
        for c in item["categories"]:
            national_rows.append(
                {
                    "title": item["event"].title,
                    "host": item["event"].host_province.name_th,
                    "start_date": item["event"].start_date,
                    "category": c["label"],
                    "registered": c["registered"],
                    "attended": c["attended"],
                }
            )
    add_sheet(
        workbook,
        "กิจกรรมส่วนกลาง",
        f"คนของจังหวัดในกิจกรรมระดับประเทศ {place}",
        [
            ("กิจกรรม", "title"),
            ("จังหวัดที่จัด", "host"),
            ("วันเริ่ม", "start_date"),
            ("ประเภทผู้เข้าร่วม", "category"),
            ("ลงทะเบียน", "registered"),
            ("เข้าร่วม", "attended"),
        ],
        national_rows,
        {"title": "รวม", **data["national"]["totals"]},
    )
    add_sheet(
        workbook,
        "แนวโน้ม",
        f"แนวโน้ม {province.display_name} ปีงบประมาณ {fy - 4}–{fy}",
        TREND_COLUMNS + [("ผู้เข้าร่วมกิจกรรมที่จังหวัดจัด (คน)", "attended")],
        data["trend"],
    )
    results = data["results"]
    result_months_sheet(workbook, results, place)
    add_sheet(
        workbook,
        "อัตราการส่งรายงาน",
        f"อัตราการส่งรายงาน ราย{province.district_word} {place}",
        [("รหัส", "code"), ("อำเภอ/เขต", "name"), *RATE_COLUMNS],
        results["rates"]["districts"],
        {"name": "รวม", **results["rates"]["total"]},
    )
    result_kinds_sheet(workbook, results, place)
    result_agencies_sheet(workbook, results, place)
    return respond(workbook, f"report-{province.code}-{fy}.xlsx")
