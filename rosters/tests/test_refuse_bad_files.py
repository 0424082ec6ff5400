"""Files that cannot be used are refused with a Thai reason, before anything is unpacked or written."""

import io
import zipfile

import pytest

from rosters.models import ImportJob
from rosters.tests.factories import HEADERS, person, xlsx_bytes
from rosters.tests.helpers import upload
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def zip_bomb_bytes() -> bytes:
    """A small .xlsx whose sheet unpacks to 60 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b"0" * (1024 * 1024)
            for _ in range(60):
                sheet.write(block)
    return buffer.getvalue()


def refused_at_upload(client, content, name):
    response, job = upload(client, content, name=name)
    assert response.status_code == 400
    assert job is None
    return response.content.decode()


def test_an_empty_file(client_for, lampang_officer):
    page = refused_at_upload(client_for(lampang_officer), b"", "roster.xlsx")
    assert "ไฟล์ที่ส่งมาว่างเปล่า" in page or "ไฟล์ว่างเปล่า" in page


def test_a_word_document_renamed_to_xlsx(client_for, lampang_officer):
    page = refused_at_upload(client_for(lampang_officer), docx_bytes(), "roster.xlsx")
    assert "เอกสาร Word ที่เปลี่ยนนามสกุลเป็น .xlsx" in page


def test_a_truncated_xlsx(client_for, lampang_officer):
    content = xlsx_bytes([person(1)])
    page = refused_at_upload(client_for(lampang_officer), content[: len(content) // 2], "roster.xlsx")
    assert "เสียหายหรือไม่ครบ" in page


def test_a_zip_bomb_is_refused_from_the_zip_directory(client_for, lampang_officer):
    content = zip_bomb_bytes()
    assert len(content) < 200_000
    page = refused_at_upload(client_for(lampang_officer), content, "roster.xlsx")
    assert "zip bomb" in page


def test_a_file_over_the_size_limit(client_for, lampang_officer, settings):
    settings.ROSTER_MAX_UPLOAD_MB = 1
    content = ("เลขประจำตัวประชาชน,ชื่อ\n" + "x" * (1024 * 1024 + 10)).encode()
    page = refused_at_upload(client_for(lampang_officer), content, "roster.csv")
    assert "รับได้ไม่เกิน 1 MB" in page


def test_a_text_file_or_a_picture_is_not_a_roster(client_for, lampang_officer):
    page = refused_at_upload(client_for(lampang_officer), b"hello", "roster.txt")
    assert "รับเฉพาะไฟล์ .xlsx .xls .ods หรือ .csv" in page
    page = refused_at_upload(client_for(lampang_officer), b"\x89PNG\r\n\x1a\n....", "roster.xlsx")
    assert "ไม่ใช่ไฟล์ Excel" in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (xlsx_bytes([], headers=HEADERS), "roster.xlsx", "ไฟล์มีแต่หัวตาราง"),
        ("\ufeffเลขประจำตัวประชาชน,ชื่อ,นามสกุล,ตำบล\n".encode(), "roster.csv", "ไฟล์มีแต่หัวตาราง"),
        (xlsx_bytes([{"ก": None}], headers=[None]), "roster.xlsx", "ไฟล์ว่างเปล่า"),
        (xlsx_bytes([{"สี": "ฟ้า", "ขนาด": "M"}]), "roster.xlsx", "ไม่พบแถวหัวตารางใน 15 แถวแรกของแผ่นงาน “Sheet”"),
        (
            xlsx_bytes([person(1)], title_rows=["ทะเบียนอาสาสมัครแรงงาน"] * 15),
            "roster.xlsx",
            "อยู่ภายใน 15 แถวแรก",
        ),
        ("สี,ขนาด\nฟ้า,M\n".encode(), "roster.csv", "ไม่พบแถวหัวตารางใน 15 แถวแรกของไฟล์"),
        (
            xlsx_bytes([{"เลขประจำตัวประชาชน": "3520000000019", "ชื่อ": "ก", "นามสกุล": "ข"}]),
            "roster.xlsx",
            "ไม่พบคอลัมน์ที่จำเป็น: คำนำหน้า, ตำบล/แขวง",
        ),
    ],
)
def test_files_without_data_are_refused_after_reading(client_for, lampang_officer, content, name, message):
    response, job = upload(client_for(lampang_officer), content, name=name)

    assert response.status_code == 302
    assert job.status == ImportJob.Status.REJECTED
    assert message in job.message
    page = client_for(lampang_officer).get(response.url).content.decode()
    assert message in page
    assert not Volunteer.objects.exists()


def test_a_file_over_the_row_limit(client_for, lampang_officer, settings):
    settings.ROSTER_MAX_ROWS = 5
    response, job = upload(client_for(lampang_officer), xlsx_bytes([person(n) for n in range(1, 8)]))

    assert job.status == ImportJob.Status.REJECTED
    assert "เกิน 5 แถว" in job.message or "เกินกำหนด 5 แถว" in job.message
    assert not Volunteer.objects.exists()


def test_a_rejected_file_cannot_be_confirmed(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([], headers=HEADERS))

    client.post(f"/rosters/imports/{job.pk}/confirm/")

    job.refresh_from_db()
    assert job.status == ImportJob.Status.REJECTED


def test_an_xlsx_cell_over_the_size_limit_written_by_a_program_is_refused_naming_its_row_and_column(
    client_for, lampang_officer
):
    # Excel and openpyxl stop at 32,767 characters a cell, but a workbook written by another program need not: the
    # long text goes into the workbook's XML in place of a marker.
    rows = [person(1), person(2), person(3, **{"หมายเหตุ": "LONG-REMARK"})]
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(rows)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as workbook:
        for item in source.infolist():
            workbook.writestr(item, source.read(item).replace(b"LONG-REMARK", ("ข" * 40_000).encode()))
    client = client_for(lampang_officer)

    response, job = upload(client, buffer.getvalue())

    assert job.status == ImportJob.Status.REJECTED
    assert job.message.startswith("แถวที่ 4 คอลัมน์ G “หมายเหตุ” มีข้อความยาว 40,000 ตัวอักษร เกินขีดจำกัด 32,767"), job.message
    assert "Error" not in job.message
    assert not Volunteer.objects.exists()


def test_an_xlsx_whose_sheet_breaks_part_way_through_is_refused_and_nothing_is_written(client_for, lampang_officer):
    # An .xlsx is read row by row as it is unzipped: XML broken after the first rows is found only when reached.
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([person(n) for n in range(1, 6)])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as workbook:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b'<row r="5"', b'<row r="5" <<', 1)
            workbook.writestr(item, data)

    response, job = upload(client_for(lampang_officer), buffer.getvalue())

    assert job.status == ImportJob.Status.REJECTED
    assert job.message.startswith("อ่านแผ่นงานในไฟล์ไม่ได้ ไฟล์อาจเสียหาย (อ่านได้ถึงแถวที่ "), job.message
    assert "Error" not in job.message
    assert not Volunteer.objects.exists()


def test_a_csv_cell_over_the_size_limit_is_refused_naming_its_row_and_column(client_for, lampang_officer):
    from rosters.tests.factories import csv_bytes

    # 200,000 characters: over Excel's 32,767 per cell and over the csv module's own limit (131,072).
    rows = [person(1), person(2, **{"หมายเหตุ": "ก" * 200_000})]
    client = client_for(lampang_officer)

    response, job = upload(client, csv_bytes(rows), name="roster.csv")

    assert job.status == ImportJob.Status.REJECTED
    assert job.message.startswith("แถวที่ 3 คอลัมน์ G “หมายเหตุ” มีข้อความยาว 200,000 ตัวอักษร เกินขีดจำกัด 32,767"), job.message
    assert "Error" not in job.message
    assert "หมายเหตุ" in client.get(response.url).content.decode()
    assert not Volunteer.objects.exists()
