"""Files that cannot be used are refused with a Thai reason, before anything is unpacked or written."""

import io
import struct
import zipfile

import pytest

from rosters.models import ImportJob
from rosters.tests.factories import HEADERS, csv_bytes, nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, upload
from rosters.tests.libreoffice import convert
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


def password_protected_xlsx() -> bytes:
    """What Excel saves for a workbook with a password to open it: not a zip but an OLE2 (CFB) container holding the
    encrypted workbook as the stream "EncryptedPackage" beside "EncryptionInfo" (MS-OFFCRYPTO). Built by hand: a
    version 3 container (512-byte sectors) with one FAT sector, one directory sector and the two streams."""
    sector = 512
    end_of_chain, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    # Streams of 4,096 bytes or more live in ordinary sectors (smaller ones would need a mini stream).
    info = struct.pack("<HHI", 4, 4, 0x40) + bytes(4096 - 8)
    package = struct.pack("<Q", 9000) + bytes(range(256)) * 36
    info_sectors, package_sectors = -(-len(info) // sector), -(-len(package) // sector)
    fat = [fat_sector, end_of_chain]
    for start, count in ((2, info_sectors), (2 + info_sectors, package_sectors)):
        fat += [*range(start + 1, start + count), end_of_chain]
    fat += [free] * (sector // 4 - len(fat))

    def entry(name, kind, *, child=no_stream, right=no_stream, start=end_of_chain, size=0):
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(encoded), kind, 1, no_stream, right, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )

    directory = (
        entry("Root Entry", 5, child=1)
        + entry("EncryptionInfo", 2, right=2, start=2, size=len(info))
        + entry("EncryptedPackage", 2, start=2 + info_sectors, size=len(package))
        + entry("", 0)
    )
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain, 0)
        + struct.pack("<109I", 0, *[free] * 108)
    )
    return b"".join(
        part.ljust(-(-len(part) // sector) * sector, b"\0")
        for part in (header, *[struct.pack(f"<{len(fat)}I", *fat), directory, info, package])
    )


def old_xls_bytes(rows: list[dict]) -> bytes:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("รายชื่อ")
    headers = list(rows[0])
    for column, header in enumerate(headers):
        sheet.write(0, column, header)
        for number, row in enumerate(rows, start=1):
            sheet.write(number, column, row[header])
    buffer = io.BytesIO()
    workbook.save(buffer)
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


def test_a_file_one_byte_over_the_size_limit_says_how_big_it_is(client_for, lampang_officer, settings):
    # "1.0 MB, at most 1 MB" contradicted itself: the size is shown precisely enough to be over the limit.
    settings.ROSTER_MAX_UPLOAD_MB = 1
    header = "เลขประจำตัวประชาชน,ชื่อ\n".encode()
    content = header + b"x" * (1024 * 1024 + 1 - len(header))

    page = refused_at_upload(client_for(lampang_officer), content, "roster.csv")

    assert "ไฟล์ขนาด 1.01 MB (1,048,577 ไบต์) ใหญ่เกินกำหนด รับได้ไม่เกิน 1 MB" in page
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("name", ["roster.xlsx", "roster.xls"])
def test_a_password_protected_workbook_says_to_remove_the_password(client_for, lampang_officer, name):
    content = password_protected_xlsx()
    assert content.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

    page = refused_at_upload(client_for(lampang_officer), content, name)

    assert "ไฟล์นี้ตั้งรหัสผ่านไว้ ระบบเปิดไม่ได้ กรุณาเปิดใน Excel เอารหัสผ่านออก" in page
    assert "ไฟล์ &gt; ข้อมูล &gt; ป้องกันเวิร์กบุ๊ก &gt; เข้ารหัสด้วยรหัสผ่าน" in page
    assert "ไฟล์อาจเสียหาย" not in page
    assert not Volunteer.objects.exists()


def test_an_old_xls_workbook_without_a_password_is_still_imported(client_for, lampang_officer):
    client = client_for(lampang_officer)

    response, job = upload(client, old_xls_bytes([person(1)]), name="roster.xls")
    confirm(client, job)

    assert job.status == ImportJob.Status.DONE, job.message
    assert list(Volunteer.objects.values_list("national_id", flat=True)) == [nid(1)]


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


@pytest.fixture(scope="module")
def roster_with_a_stray_space_far_below() -> bytes:
    """Three people, and a single space typed in A50, far below them (the limit in the test is 5 rows)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for serial in (1, 2, 3):
        sheet.append([person(serial)[header] for header in HEADERS])
    sheet["A50"] = " "
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("extension", ["xlsx", "ods", "xls", "csv"])
def test_the_row_limit_counts_only_the_rows_with_data_in_every_format(
    client_for, lampang_officer, settings, profile, tmp_path, roster_with_a_stray_space_far_below, extension
):
    settings.ROSTER_MAX_ROWS = 5
    content = roster_with_a_stray_space_far_below
    if extension == "csv":
        content = csv_bytes([person(1), person(2), person(3)], headers=HEADERS) + b",,,,,\r\n" * 45 + b" ,,,,,\r\n"
    elif extension != "xlsx":
        content = convert(content, "roster.xlsx", extension, profile, tmp_path)
    client = client_for(lampang_officer)

    _, job = upload(client, content, name=f"roster.{extension}")
    confirm(client, job)

    assert job.status == ImportJob.Status.DONE, job.message
    assert "เกินกำหนด" not in job.message
    assert sorted(Volunteer.objects.values_list("national_id", flat=True)) == [nid(1), nid(2), nid(3)]


@pytest.mark.parametrize("extension", ["ods", "csv"])
def test_rows_with_data_over_the_limit_are_still_refused(
    client_for, lampang_officer, settings, profile, tmp_path, extension
):
    settings.ROSTER_MAX_ROWS = 5
    content = xlsx_bytes([person(n) for n in range(1, 8)])
    content = (
        csv_bytes([person(n) for n in range(1, 8)])
        if extension == "csv"
        else convert(content, "roster.xlsx", extension, profile, tmp_path)
    )

    _, job = upload(client_for(lampang_officer), content, name=f"roster.{extension}")

    assert job.status == ImportJob.Status.REJECTED
    assert "ไฟล์มีข้อมูลเกิน 5 แถวต่อครั้ง" in job.message
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
