"""Roster files built in memory, as officers send them."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from core.tests.national_ids import valid_national_id
from provinces.models import Subdistrict

HEADERS = ["เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำบล/แขวง", "อำเภอ/เขต"]


def nid(serial: int, prefix: str = "352") -> str:
    """IDs of roster rows come from 352…, apart from VolunteerFactory's, so an import adds them unless a test says."""
    return valid_national_id(serial, prefix=prefix)


def person(serial: int, **overrides) -> dict:
    row = {
        "เลขประจำตัวประชาชน": nid(serial),
        "คำนำหน้า": "นาย",
        "ชื่อ": f"ทดสอบ{serial}",
        "นามสกุล": "นำเข้าดี",
        "ตำบล/แขวง": "สบตุ๋ย",
        "อำเภอ/เขต": "เมืองลำปาง",
    }
    row.update(overrides)
    return row


def xlsx_bytes(rows: list[dict], *, headers=None, title_rows=(), number_format_id=None) -> bytes:
    headers = headers or list(dict.fromkeys(k for row in rows for k in row)) or HEADERS
    workbook = Workbook()
    sheet = workbook.active
    for title in title_rows:
        sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[dict], *, encoding="utf-8-sig", headers=None) -> bytes:
    headers = headers or list(dict.fromkeys(k for row in rows for k in row))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    return buffer.getvalue().encode(encoding)


def upload_file(content: bytes, name: str = "roster.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def roster_csv(province, *, rows: int, first_serial: int, first_name: str, last_name: str, title: str = "นาย"):
    """A large CSV roster for the tests that run the real worker: `rows` people spread over the province's first 40
    subdistricts, named first_name + their number. Returns (the file, the national IDs in file order)."""
    places = list(Subdistrict.objects.filter(province=province).values_list("name_th", "district__name_th")[:40])
    ids = [valid_national_id(first_serial + n) for n in range(rows)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for n, national_id in enumerate(ids):
        subdistrict, district = places[n % len(places)]
        writer.writerow([national_id, title, f"{first_name}{n}", last_name, subdistrict, district])
    return buffer.getvalue().encode("utf-8"), ids
