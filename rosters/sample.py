"""Realistic rosters in the template's format, for the benchmark, the tests and demonstrations."""

import datetime as dt
import random
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from core import thai
from core.xlsx import date_cell, is_date
from provinces.models import Subdistrict
from rosters.columns import VOLUNTEER_SPEC, VOLUNTEER_TIERS
from volunteers import rules
from volunteers.models import Volunteer

MALE_NAMES = [
    "สมชาย",
    "สมศักดิ์",
    "ประเสริฐ",
    "วิชัย",
    "สุรชัย",
    "บุญมี",
    "ทองดี",
    "อนุชา",
    "ธนากร",
    "ชาญวิทย์",
    "สมพงษ์",
    "ณัฐพล",
    "กิตติศักดิ์",
    "เอกชัย",
    "ปิยะพงษ์",
    "สุทธิพงษ์",
    "วีระพงษ์",
    "อำนาจ",
    "ประยุทธ",
    "จักรพันธ์",
]
FEMALE_NAMES = [
    "สมหญิง",
    "มาลี",
    "วันเพ็ญ",
    "ศิริพร",
    "กาญจนา",
    "สุดารัตน์",
    "บุษบา",
    "อรุณี",
    "พรทิพย์",
    "จันทร์เพ็ญ",
    "นภาพร",
    "รัตนา",
    "ปราณี",
    "สายสุนีย์",
    "วิไลวรรณ",
    "ดวงใจ",
    "ละเอียด",
    "ทองใบ",
    "อัมพร",
    "เพ็ญศรี",
]
LAST_NAMES = [
    "ใจดี",
    "ศรีสุข",
    "แก้วมณี",
    "บุญมา",
    "คำแสน",
    "ทองคำ",
    "อินทร์แก้ว",
    "ปัญญาดี",
    "วงศ์ใหญ่",
    "จันทร์หอม",
    "สุวรรณรัตน์",
    "ชัยมงคล",
    "เรือนคำ",
    "กันทะวงศ์",
    "ปินตา",
    "อุ่นเรือน",
    "ธิมา",
    "มูลเมือง",
    "สิทธิกุล",
    "ขัติยะ",
    "ไชยวงศ์",
    "ปัญโญ",
    "ยาวิชัย",
    "คำมูล",
    "อินต๊ะ",
    "หล้าคำ",
    "แสนใจ",
    "สุริยะ",
    "นันทะ",
    "วงค์ษา",
]
OCCUPATIONS = ["เกษตรกร", "รับจ้างทั่วไป", "ค้าขาย", "ช่างไฟฟ้า", "ช่างก่อสร้าง", "ผู้ใหญ่บ้าน", "แม่บ้าน", "ธุรกิจส่วนตัว"]
EDUCATIONS = ["ประถมศึกษา", "มัธยมศึกษาตอนต้น", "มัธยมศึกษาตอนปลาย", "ปวช.", "ปวส.", "ปริญญาตรี"]


def national_id(prefix: str, sequence: int) -> str:
    return thai.national_id_with_check_digit(f"{prefix}{sequence:0{12 - len(prefix)}d}")


def roster_rows(province, count: int, *, seed: int = 2563, bad_rows: int = 0, id_prefix: str | None = None):
    """`count` data rows (lists in the template's column order); `bad_rows` of them spread through with one fault each.

    The faults: a wrong check digit, an unknown subdistrict, a birth date in the future, an ID repeated from
    another row. Returns (rows, indexes of bad rows)."""
    rng = random.Random(seed)
    places = list(
        Subdistrict.objects.filter(province=province).values_list("name_th", "district__name_th").order_by("code")
    )
    if not places:
        raise ValueError("no subdistricts: load the geography first")
    prefix = id_prefix or f"3{province.code}"
    columns = [c.key for c in VOLUNTEER_SPEC.template_columns]
    rows: list[list] = []
    bad = set(rng.sample(range(1, count), min(bad_rows, max(count - 1, 0)))) if bad_rows else set()
    for i in range(count):
        male = rng.random() < 0.5
        title = "นาย" if male else rng.choice(["นาง", "นางสาว", "น.ส."])
        first = rng.choice(MALE_NAMES if male else FEMALE_NAMES)
        sub, district = places[rng.randrange(len(places))]
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
        # A person's appointment follows from their place in the roster, not the seed: a roster of the same people
        # drawn again (the benchmark's re-import) changes their details, not their terms of office.
        appointed = dt.date(2015, 1, 1) + dt.timedelta(days=(i * 7919) % (365 * 10))
        term_end = ""
        if i % 10 == 9:
            # Some orders set the end themselves: the last day of the fiscal year in which the default term ends.
            term_end = thai.format_date_numeric_be(dt.date(rules.default_term_end(appointed).year, 9, 30))
        values: dict[str, Any] = {
            "national_id": national_id(prefix, i + 1),
            "title": title,
            "first_name": first,
            "last_name": rng.choice(LAST_NAMES),
            "first_name_en": "",
            "last_name_en": "",
            "gender": "ชาย" if male else "หญิง",
            "birth_date": thai.format_date_numeric_be(birth) if i % 3 else birth,
            "phone": f"08{rng.randrange(10**8):08d}",
            "line_id": "",
            "email": "",
            "house_no": f"{rng.randrange(1, 300)}",
            "village_no": rng.randrange(1, 15),
            "village_name": "",
            "subdistrict": sub,
            "district": district,
            "appointed_on": thai.format_date_numeric_be(appointed),
            "appointment_order": f"ที่ {i % 97 + 1}/{thai.to_be_year(appointed.year)}",
            "term_ends_on": term_end,
            "tier": str(VOLUNTEER_TIERS[Volunteer.Tier.NETWORK if rng.random() < 0.2 else Volunteer.Tier.LEAD]),
            "occupation": rng.choice(OCCUPATIONS),
            "education": rng.choice(EDUCATIONS),
            "skills": "",
            "status": "ปฏิบัติหน้าที่",
            "status_changed_on": "",
            "consent_recorded_on": "",
            "notes": "",
        }
        if i in bad:
            fault = len(rows) % 4
            if fault == 0:
                nid = values["national_id"]
                values["national_id"] = nid[:12] + str((int(nid[12]) + 1) % 10)
            elif fault == 1:
                values["subdistrict"] = "ไม่มีตำบลนี้"
            elif fault == 2:
                values["birth_date"] = thai.format_date_numeric_be(dt.date.today() + dt.timedelta(days=400))
            else:
                values["national_id"] = national_id(prefix, 1)  # same as the first row
        rows.append([values[key] for key in columns])
    return rows, bad


def write_roster_xlsx(target, rows) -> None:
    """Rows under the template's header row, the ID column as text, like a filled-in template: typed dates stay
    text, date values are date cells shown in พ.ศ. as a Thai Excel shows them."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("รายชื่อ")
    sheet.append([c.header for c in VOLUNTEER_SPEC.template_columns])
    for row in rows:
        cell = WriteOnlyCell(sheet, value=row[0])
        cell.number_format = "@"
        # Excel stores nothing for an empty cell; neither do we.
        rest = (date_cell(sheet, value) if is_date(value) else None if value == "" else value for value in row[1:])
        sheet.append([cell, *rest])
    workbook.save(target)
