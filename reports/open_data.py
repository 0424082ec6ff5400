"""Open data (issue 16): the network's figures per province, region and fiscal year for anyone, without personal data.

The figures are the national dashboard's own (reports.selectors.dashboard, from the cache entry the dashboard page
shares: reports.caching.dashboard_figures), so a number here is the number HQ sees; nothing is counted a second way.
Each column is declared once in COLUMNS, and the CSV, the JSON, the metadata's data dictionary and the page are all
built from it.

Small cells: a count of people from 1 to 4 is left blank (primary suppression). Every region total is the sum of its
provinces and the national total the sum of the regions, so a blank that is alone in such a sum could be worked out
by subtraction; whenever a sum has exactly one blank among its total and its parts, the smallest non-zero part left
is blanked as well (complementary suppression), or the total when no part is left, until no sum has a single blank.
A percentage that rests on a blanked count (the reporting rate on the volunteers serving) is blanked with it.

The metadata follows the fields of data.go.th, the government open data catalogue (CKAN with the ckanext-thai_gdc
extension of DGA and NSO: field names and choices from its ckan_dataset.json, e.g. license_id "Creative Commons
Attributions", update_frequency_unit, geo_coverage, data_language, first_year_of_data / last_year_of_data).
The texts are in Thai only and the same for every reader: a file at a stable URL that portals harvest and caches
keep should not change with the reader's language.
"""

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.thai import current_fiscal_year, fiscal_year_bounds
from reports.caching import dashboard_figures
from reports.fiscal_years import fiscal_year_choices
from reports.models import VolunteerTally
from trainings.models import Event

DATASET = "volunteer-network"
# Counts of people below this are blanked (the issue: "small cells (under 5 people) are suppressed").
SMALL_CELL = 5
# The built files are kept this long whatever changes meanwhile: an anonymous request costs at most one rebuild of
# the years' dashboards an hour, and the files say so (update frequency, Cache-Control max-age).
KEEP_SECONDS = 60 * 60
# The first day these files were published (data.go.th's created_date).
PUBLISHED_ON = dt.date(2026, 12, 1)
FIGURES = "open data: aggregates of every province, no person named"

NATIONAL, REGION, PROVINCE = "national", "region", "province"
LEVELS = (NATIONAL, REGION, PROVINCE)


@dataclass(frozen=True)
class Column:
    name: str  # the CSV header and JSON key, English snake_case
    label: str  # Thai, for the data dictionary and the page
    type: str  # integer, number or string
    unit: str
    description: str
    source: str = ""  # the key of the dashboard's province, region and country rows
    people: bool = False  # a count of people: 1 to 4 is blanked
    rests_on: str = ""  # a percentage blanked whenever this count is


COLUMNS = [
    Column(
        "fiscal_year",
        gettext_noop("ปีงบประมาณ (พ.ศ.)"),
        "integer",
        gettext_noop("ปี พ.ศ."),
        gettext_noop("ปีงบประมาณ 1 ตุลาคม ถึง 30 กันยายน เรียกตามปีที่สิ้นสุด"),
    ),
    Column(
        "level",
        gettext_noop("ระดับ"),
        "string",
        "",
        gettext_noop("national = ทั้งประเทศ, region = ภาค, province = จังหวัด"),
    ),
    Column(
        "region_code",
        gettext_noop("รหัสภาค"),
        "string",
        "",
        gettext_noop("ภาคตามการจัดกลุ่มของการสำรวจภาวะการทำงานของประชากร สำนักงานสถิติแห่งชาติ; ว่างในแถวทั้งประเทศ"),
    ),
    Column("region_name_th", gettext_noop("ชื่อภาค"), "string", "", gettext_noop("ว่างในแถวทั้งประเทศ")),
    Column("region_name_en", gettext_noop("ชื่อภาค (ภาษาอังกฤษ)"), "string", "", gettext_noop("ว่างในแถวทั้งประเทศ")),
    Column(
        "province_code",
        gettext_noop("รหัสจังหวัด"),
        "string",
        "",
        gettext_noop("รหัส 2 หลักของกรมการปกครอง; ว่างในแถวภาคและทั้งประเทศ"),
    ),
    Column("province_name_th", gettext_noop("ชื่อจังหวัด"), "string", "", gettext_noop("ว่างในแถวภาคและทั้งประเทศ")),
    Column(
        "province_name_en",
        gettext_noop("ชื่อจังหวัด (ภาษาอังกฤษ)"),
        "string",
        "",
        gettext_noop("ว่างในแถวภาคและทั้งประเทศ"),
    ),
    Column(
        "volunteers_serving",
        gettext_noop("อสร. ที่ปฏิบัติหน้าที่"),
        "integer",
        gettext_noop("คน"),
        gettext_noop("อาสาสมัครแรงงานที่ปฏิบัติหน้าที่และอยู่ในวาระ ณ วันสิ้นปีงบประมาณ (ปีปัจจุบัน ณ วันนี้) ตามภาพรวมประเทศของระบบ"),
        source="active",
        people=True,
    ),
    Column(
        "subdistricts_total",
        gettext_noop("ตำบล/แขวงทั้งหมด"),
        "integer",
        gettext_noop("ตำบล"),
        gettext_noop("ตำบล (แขวงในกรุงเทพมหานคร) ในพื้นที่"),
        source="subdistricts",
    ),
    Column(
        "subdistricts_covered",
        gettext_noop("ตำบล/แขวงที่มีแกนนำครบโควตา"),
        "integer",
        gettext_noop("ตำบล"),
        gettext_noop("ตำบลที่มีแกนนำ อสร. ที่ปฏิบัติหน้าที่ครบจำนวนที่กำหนดของตำบล ณ วันสิ้นปีงบประมาณ"),
        source="covered",
    ),
    Column(
        "coverage_percent",
        gettext_noop("ร้อยละความครอบคลุมตำบล/แขวง"),
        "number",
        gettext_noop("ร้อยละ"),
        gettext_noop("subdistricts_covered ÷ subdistricts_total × 100 ทศนิยม 1 ตำแหน่ง"),
        source="coverage",
    ),
    Column(
        "trainings",
        gettext_noop("กิจกรรมฝึกอบรมที่จัด"),
        "integer",
        gettext_noop("ครั้ง"),
        gettext_noop("กิจกรรมฝึกอบรม/ประชุมที่จังหวัดเป็นเจ้าภาพในปีงบประมาณ ไม่นับที่ยกเลิก (กิจกรรมระดับประเทศนับที่กรุงเทพมหานคร)"),
        source="events",
    ),
    Column(
        "participants",
        gettext_noop("ผู้เข้าร่วมกิจกรรม"),
        "integer",
        gettext_noop("คน"),
        gettext_noop("ผู้ลงทะเบียนที่เข้าร่วมอย่างน้อยหนึ่งวันของกิจกรรมที่จังหวัดเป็นเจ้าภาพ"),
        source="attended",
        people=True,
    ),
    Column(
        "reporting_rate_percent",
        gettext_noop("อัตราการส่งรายงานประจำเดือน"),
        "number",
        gettext_noop("ร้อยละ"),
        gettext_noop(
            "รายงานที่ได้รับ ÷ รายงานที่คาดว่าจะได้รับ (อสร. ที่ปฏิบัติหน้าที่ในเดือน × เดือนที่ถึงวันครบกำหนดแล้ว) × 100; "
            "ว่างเมื่อยังไม่มีเดือนที่ครบกำหนด เมื่อปีงบประมาณสิ้นสุดก่อนเริ่มมีรายงานประจำเดือน "
            "หรือเมื่อ volunteers_serving ถูกปกปิด"
        ),
        source="reporting_rate",
        rests_on="volunteers_serving",
    ),
]
HEADER = [c.name for c in COLUMNS]
PEOPLE = [c.name for c in COLUMNS if c.people]

SUPPRESSION_NOTE = gettext_noop(
    "จำนวนคน (volunteers_serving, participants) ตั้งแต่ 1 ถึง 4 คนไม่แสดง (ช่องว่างใน CSV, null ใน JSON) "
    "และเมื่อผลรวมใด (ภาค = ผลรวมจังหวัดในภาค, ทั้งประเทศ = ผลรวมภาค) มีช่องที่ไม่แสดงเพียงช่องเดียว "
    "จะไม่แสดงช่องที่มีค่าน้อยที่สุดถัดไปของผลรวมนั้นด้วย เพื่อไม่ให้คำนวณย้อนกลับจากผลรวมได้; "
    "ร้อยละที่คำนวณจากจำนวนที่ไม่แสดงก็ไม่แสดงเช่นกัน; ค่า 0 แสดงตามจริง"
)
DESCRIPTION = gettext_noop(
    "ข้อมูลสรุปเครือข่ายอาสาสมัครแรงงาน (อสร.) รายจังหวัด รายภาค และทั้งประเทศ แยกตามปีงบประมาณ: "
    "อสร. ที่ปฏิบัติหน้าที่ ความครอบคลุมตำบล/แขวง กิจกรรมฝึกอบรมและผู้เข้าร่วม และอัตราการส่งรายงานประจำเดือน "
    "เป็นตัวเลขเดียวกับภาพรวมประเทศในระบบสารสนเทศเครือข่ายอาสาสมัครแรงงาน ไม่มีข้อมูลส่วนบุคคล"
)


# ---------------------------------------------------------------------------------------------------------------
# The years and their rows


def fiscal_years() -> list[int]:
    """The fiscal years with any data, from the earliest to the current one, within the years the dashboard offers."""
    now = current_fiscal_year()
    earliest = [
        VolunteerTally.objects.filter(appointed_fy__gt=0, volunteers__gt=0).aggregate(y=Min("appointed_fy"))["y"],
        Event.objects.across_provinces(FIGURES)
        .exclude(status=Event.Status.CANCELLED)
        .aggregate(y=Min("fiscal_year"))["y"],
    ]
    first = min([y for y in earliest if y] + [now])  # an event planned for next year does not start the files
    return list(range(max(first, fiscal_year_choices()[-1]), now + 1))


def year_rows(data: dict) -> list[dict]:
    """One fiscal year of the dashboard as rows: the country, then each region followed by its provinces."""
    fy = data["fy"]
    work = data["results"]
    region_rates = {r["code"]: r["percent"] for r in work["regions"]}
    country = {**data["country"], "reporting_rate": work["total"]["percent"]}
    rows = [_row(fy, NATIONAL, country)]
    for region in data["regions"]:
        where = {"region_code": region["code"], "region_name_th": region["name"], "region_name_en": region["name_en"]}
        rows.append(_row(fy, REGION, {**region, "reporting_rate": region_rates.get(region["code"])}, where))
        for p in data["rows"]:
            if p["region"] == region["code"]:
                rows.append(
                    _row(
                        fy,
                        PROVINCE,
                        p,
                        where
                        | {"province_code": p["code"], "province_name_th": p["name"], "province_name_en": p["name_en"]},
                    )
                )
    return rows


def _row(fy: int, level: str, figures: dict, where: dict | None = None) -> dict:
    row = dict.fromkeys(HEADER, "") | {"fiscal_year": fy, "level": level} | (where or {})
    for column in COLUMNS:
        if column.source:
            row[column.name] = figures[column.source]
    return row


def suppress(rows: list[dict]) -> list[dict]:
    """The rows with small counts of people blanked (None), and the cells that would give them away (module doc)."""
    rows = [dict(r) for r in rows]
    by_year: dict[int, list[dict]] = {}
    for row in rows:
        by_year.setdefault(row["fiscal_year"], []).append(row)
    for year in by_year.values():
        sums = _sums(year)
        for name in PEOPLE:
            _suppress_column(name, sums, year)
    for column in COLUMNS:
        if column.rests_on:
            for row in rows:
                if row[column.rests_on] is None:
                    row[column.name] = None
    return rows


def _sums(year: list[dict]) -> list[tuple[dict, list[dict]]]:
    """(total, its parts) of one fiscal year: the country and its regions, each region and its provinces."""
    national = next(r for r in year if r["level"] == NATIONAL)
    regions = [r for r in year if r["level"] == REGION]
    sums = [(national, regions)]
    for region in regions:
        sums.append((region, [r for r in year if r["level"] == PROVINCE and r["region_code"] == region["region_code"]]))
    return sums


def _suppress_column(name: str, sums: list[tuple[dict, list[dict]]], year: list[dict]) -> None:
    hidden = {id(r) for r in year if 0 < r[name] < SMALL_CELL}
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            if sum(id(r) in hidden for r in (total, *parts)) != 1:
                continue
            left = [r for r in parts if id(r) not in hidden and r[name] > 0]
            # The smallest part loses the least; ties go to the first code, so the same data blanks the same cells.
            extra = min(left, key=lambda r: (r[name], r["province_code"] or r["region_code"])) if left else total
            if id(extra) not in hidden:
                hidden.add(id(extra))
                changed = True
    for row in year:
        if id(row) in hidden:
            row[name] = None


# ---------------------------------------------------------------------------------------------------------------
# The published document


def document() -> dict:
    """{"rows": suppressed rows, "years": [...], "generated_at": datetime, "provinces": n}, kept KEEP_SECONDS."""
    key = f"open-data:{DATASET}:{timezone.localdate().isoformat()}"
    built = cache.get(key)
    if built is None:
        built = build()
        cache.set(key, built, KEEP_SECONDS)
    return built


def build() -> dict:
    years = fiscal_years()
    rows, computed = [], []
    for fy in years:
        entry = dashboard_figures(fy)
        computed.append(entry["computed_at"])
        rows += year_rows(entry["data"])
    return {
        "rows": suppress(rows),
        "years": years,
        "generated_at": max(computed),
        "provinces": sum(1 for r in rows if r["level"] == PROVINCE and r["fiscal_year"] == years[-1]),
    }


def csv_bytes(doc: dict) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Thai names right; blank for a suppressed cell."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in doc["rows"]:
        writer.writerow(["" if row[name] is None else row[name] for name in HEADER])
    return out.getvalue().encode()


def json_bytes(doc: dict, links: dict) -> bytes:
    rows = [{name: (None if row[name] == "" else row[name]) for name in HEADER} for row in doc["rows"]]
    short = {
        "name": DATASET,
        "title": TITLE,
        "license_id": LICENSE["license_id"],
        "license_url": LICENSE["license_url"],
        "publisher": PUBLISHER,
        "generated_at": doc["generated_at"],
        "fiscal_years": doc["years"],
        "suppressed": SUPPRESSION_NOTE,
        "metadata_url": links["metadata"],
    }
    return dumps({"metadata": short, "rows": rows})


def dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder).encode()


TITLE = gettext_noop("ข้อมูลสรุปเครือข่ายอาสาสมัครแรงงาน (อสร.) รายจังหวัด รายภาค และทั้งประเทศ ตามปีงบประมาณ")
PUBLISHER = gettext_noop("กองตรวจราชการ สำนักงานปลัดกระทรวงแรงงาน")
SPATIAL_COVERAGE = gettext_noop("ประเทศไทย %(provinces)s จังหวัด (แยกรายจังหวัด รายภาค และทั้งประเทศ)")
# data.go.th's license_id choice for CC BY (ckanext-thai_gdc ckan_dataset.json); the version we grant is 4.0.
LICENSE = {
    "license_id": "Creative Commons Attributions",
    "license_title": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "license_url": "https://creativecommons.org/licenses/by/4.0/",
}


def metadata(doc: dict, links: dict) -> dict:
    """The dataset's description in data.go.th's fields (CKAN names), with its resources and data dictionary.

    `links` holds the absolute URLs of "page", "csv", "json" and "metadata". The description is Thai in any language,
    as data.go.th catalogues it; the page shows its title, notes, publisher and coverage in the reader's language."""
    first, last = doc["years"][0], doc["years"][-1]
    modified = timezone.localtime(doc["generated_at"])
    return {
        "name": DATASET,
        "title": TITLE,
        "notes": DESCRIPTION,
        "data_type": "ข้อมูลสถิติ",
        "owner_org": "สำนักงานปลัดกระทรวงแรงงาน",
        "organization": {"title": PUBLISHER, "ministry": "กระทรวงแรงงาน"},
        "publisher": PUBLISHER,
        # The Ministry's public contact; the programme's mailbox when it is set (OPEN_DATA_CONTACT_EMAIL).
        "maintainer": PUBLISHER,
        "maintainer_email": settings.OPEN_DATA_CONTACT_EMAIL,
        "maintainer_phone": "1506",
        "tags": ["อาสาสมัครแรงงาน", "อสร.", "กระทรวงแรงงาน", "แรงงานจังหวัด", "ฝึกอบรม", "volunteer", "labour"],
        "objective": ["พันธกิจหน่วยงาน", "เพื่อการให้บริการประชาชน"],
        "update_frequency_unit": "วัน",
        "update_frequency_interval": 1,
        "update_frequency_note": "ปรับปรุงอัตโนมัติจากระบบ ไฟล์ที่เผยแพร่คำนวณใหม่อย่างน้อยทุก 1 ชั่วโมง",
        "geo_coverage": "ประเทศ",
        "spatial_coverage": SPATIAL_COVERAGE % {"provinces": doc["provinces"]},
        "disaggregate": ["ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่"],
        "first_year_of_data": first,
        "last_year_of_data": last,
        "temporal_coverage": {
            "first_fiscal_year": first,
            "last_fiscal_year": last,
            "start_date": fiscal_year_bounds(first)[0],
            "end_date": fiscal_year_bounds(last)[1],
            "note": "ปีงบประมาณ พ.ศ.; ปีปัจจุบันนับ ณ วันที่ปรับปรุงข้อมูล",
        },
        "data_source": "ระบบสารสนเทศเครือข่ายอาสาสมัครแรงงาน (ทะเบียน อสร. กิจกรรมฝึกอบรม และรายงานประจำเดือน) "
        "ข้อมูลพื้นที่: GeoThai (CC BY 4.0); การจัดภาค: สำนักงานสถิติแห่งชาติ",
        "data_format": ["CSV", "JSON"],
        "data_category": "ข้อมูลสาธารณะ",
        "data_collect": "ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่",
        "unit_of_measure": "คน, ตำบล, ครั้ง, ร้อยละ (ดูพจนานุกรมข้อมูล)",
        "calculation_method": "ตัวเลขเดียวกับภาพรวมประเทศของระบบ; ภาค = ผลรวมจังหวัดในภาค, ทั้งประเทศ = ผลรวมภาค",
        "data_language": ["ไทย", "อังกฤษ"],
        **LICENSE,
        "accessible_condition": "เผยแพร่ต่อสาธารณะ ใช้ได้โดยไม่ต้องลงทะเบียน โปรดอ้างอิงสำนักงานปลัดกระทรวงแรงงาน",
        "suppressed": SUPPRESSION_NOTE,
        "personal_data": "ไม่มี: ตัวเลขสรุปรายพื้นที่เท่านั้น ไม่มีชื่อ เลขประจำตัวประชาชน หรือเบอร์โทรศัพท์ของบุคคลใด",
        "url": links["page"],
        "created_date": PUBLISHED_ON,
        "last_updated_date": modified.date(),
        "metadata_modified": modified,
        "resources": [
            {
                "name": f"{DATASET}.csv",
                "description": "ตารางข้อมูล CSV (UTF-8 มี BOM) หัวตารางภาษาอังกฤษตามพจนานุกรมข้อมูล",
                "format": "CSV",
                "mimetype": "text/csv",
                "url": links["csv"],
            },
            {
                "name": f"{DATASET}.json",
                "description": "ข้อมูลชุดเดียวกันในรูปแบบ JSON: {metadata, rows}",
                "format": "JSON",
                "mimetype": "application/json",
                "url": links["json"],
            },
        ],
        "data_dictionary": [
            {
                "name": c.name,
                "label": c.label,
                "type": c.type,
                "unit": c.unit,
                "description": c.description,
                "suppressed_when_small": c.people or bool(c.rests_on),
            }
            for c in COLUMNS
        ],
    }
