"""What a spreadsheet program puts in a cell or a file that is not what it looks like: a lookup's #N/A, a workbook
saved with a password, TRUE and FALSE. Each is named to the officer in Thai, and none is written as a value."""

import io
import os
import struct
import zipfile
from xml.sax.saxutils import escape

import pytest
import xlwt
from django.urls import reverse
from xlwt.CompoundDoc import XlsDoc

from rosters.models import ImportJob
from rosters.tests.factories import csv_bytes, nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, upload
from rosters.tests.libreoffice import convert
from rosters.tests.test_refuse_wrong_rows import with_sheet_xml_replaced
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

NOTES, VILLAGE_NO = "หมายเหตุ", "หมู่ที่"
FORMS = ["xlsx", "xlsx read in a child", "ods", "xls"]


def in_form(content: bytes, form: str, settings, profile, tmp_path) -> tuple[bytes, str]:
    """The .xlsx as the officer sends it in `form`: .ods and .xls saved by LibreOffice Calc, which keeps a formula's
    result the way its format does."""
    settings.ROSTER_READ_IN_CHILD_FROM_MB = 0 if form == "xlsx read in a child" else 1_000_000
    extension = form.split()[0]
    if extension != "xlsx":
        content = convert(content, "roster.xlsx", extension, profile, tmp_path)
    return content, f"roster.{extension}"


def found(job) -> set[tuple[int, str, str]]:
    return {(e["row"], e["column"], e["message"]) for e in job.errors}


# ---------------------------------------------------------------- a formula's error


def roster_with_a_failed_lookup() -> bytes:
    """The second person's note is a VLOOKUP that found nothing (#N/A) and their village number a formula that gave
    #VALUE!, as Excel keeps them: the formula with its error as the result."""
    written = xlsx_bytes(
        [
            person(1, **{NOTES: "ย้ายมาจากลำพูน", VILLAGE_NO: 3}),
            person(2, **{NOTES: "#N/A", VILLAGE_NO: "#VALUE!"}),
        ]
    )
    return with_sheet_xml_replaced(
        written,
        (b"<v>#N/A</v>", b"<f>VLOOKUP(A3,Z1:Z2,1,FALSE)</f><v>#N/A</v>"),
        (b"<v>#VALUE!</v>", b'<f>"x"+1</f><v>#VALUE!</v>'),
    )


@pytest.mark.parametrize("form", FORMS)
def test_a_lookup_that_found_nothing_is_named_by_its_row_and_column_even_in_a_column_that_may_be_blank(
    client_for, lampang_officer, settings, profile, tmp_path, form
):
    content, name = in_form(roster_with_a_failed_lookup(), form, settings, profile, tmp_path)
    client = client_for(lampang_officer)

    _, job = upload(client, content, name=name)

    assert job.status == "preview", job.message
    assert found(job) == {
        (3, NOTES, "สูตรในเซลล์นี้ให้ผลผิดพลาด (#N/A) กรุณาแก้สูตรหรือพิมพ์ค่าแทน"),
        (3, VILLAGE_NO, "สูตรในเซลล์นี้ให้ผลผิดพลาด (#VALUE!) กรุณาแก้สูตรหรือพิมพ์ค่าแทน"),
    }
    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "สูตรในเซลล์นี้ให้ผลผิดพลาด (#N/A)" in page
    _, job = confirm(client, job)
    assert list(Volunteer.objects.values_list("national_id", "notes", "village_no")) == [(nid(1), "ย้ายมาจากลำพูน", 3)]


def test_a_csv_saved_from_a_sheet_whose_lookup_failed_names_the_error_too(client_for, lampang_officer):
    # Excel and Calc write a failed formula's error into the CSV as its text: a name "#N/A" would be written otherwise.
    content = csv_bytes(
        [person(1, **{NOTES: "ย้ายมาจากลำพูน", VILLAGE_NO: 3}), person(2, **{NOTES: "#N/A", VILLAGE_NO: "#VALUE!"})]
    )
    client = client_for(lampang_officer)

    _, job = upload(client, content, name="roster.csv")

    assert job.status == "preview", job.message
    assert found(job) == {
        (3, NOTES, "สูตรในเซลล์นี้ให้ผลผิดพลาด (#N/A) กรุณาแก้สูตรหรือพิมพ์ค่าแทน"),
        (3, VILLAGE_NO, "สูตรในเซลล์นี้ให้ผลผิดพลาด (#VALUE!) กรุณาแก้สูตรหรือพิมพ์ค่าแทน"),
    }
    _, job = confirm(client, job)
    assert list(Volunteer.objects.values_list("national_id", "notes", "village_no")) == [(nid(1), "ย้ายมาจากลำพูน", 3)]


# ---------------------------------------------------------------- a password


def old_xls_saved_with_a_password() -> bytes:
    """What Excel 97-2003 saves for a workbook with a password to open it: the stream "Workbook" of an OLE2 container,
    its first record BOF followed by FILEPASS (RC4: version 1.1, salt, verifier and its hash), the rest encrypted."""
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("รายชื่อ")
    for column, header in enumerate(person(1)):
        sheet.write(0, column, header)
    stream = workbook.get_biff_data()
    (bof_length,) = struct.unpack_from("<H", stream, 2)
    filepass = struct.pack("<HHH", 1, 1, 1) + os.urandom(48)
    stream = stream[: 4 + bof_length] + struct.pack("<HH", 0x002F, len(filepass)) + filepass + stream[4 + bof_length :]
    buffer = io.BytesIO()
    XlsDoc().save(buffer, stream)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["roster.xls", "roster.xlsx"])
def test_an_old_excel_workbook_saved_with_a_password_says_to_remove_the_password(client_for, lampang_officer, name):
    response, job = upload(client_for(lampang_officer), old_xls_saved_with_a_password(), name=name)

    assert response.status_code == 400
    page = response.content.decode()
    assert "ไฟล์นี้ตั้งรหัสผ่านไว้ ระบบเปิดไม่ได้ กรุณาเปิดใน Excel เอารหัสผ่านออก" in page
    assert "ไฟล์อาจเสียหาย" not in page
    assert "ไม่ใช่ไฟล์ Excel" not in page
    assert job is None
    assert not ImportJob.objects.exists()
    assert not Volunteer.objects.exists()


# ---------------------------------------------------------------- TRUE and FALSE


def roster_with_true_and_false() -> bytes:
    """TRUE and FALSE (boolean cells) in the notes of two people and the village number of two others."""
    return xlsx_bytes(
        [
            person(1, **{NOTES: True, VILLAGE_NO: 3}),
            person(2, **{NOTES: False, VILLAGE_NO: 3}),
            person(3, **{NOTES: "", VILLAGE_NO: True}),
            person(4, **{NOTES: "", VILLAGE_NO: False}),
        ]
    )


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def ods_shown_in_thai(rows: list[list]) -> bytes:
    """An .ods as LibreOffice Calc in Thai saves it: a typed TRUE a boolean cell shown จริง, the FALSE of a formula a
    number 0 shown เท็จ. A cell is a text, or (value, shown) for a boolean cell, or ("=", value, shown) for a formula's."""

    def cell(value) -> str:
        if isinstance(value, str):
            return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'
        if value[0] == "=":
            _, number, shown = value
            return (
                f'<table:table-cell table:formula="of:=[.B1]=&quot;x&quot;" office:value-type="float" '
                f'office:value="{number}" calcext:value-type="float"><text:p>{shown}</text:p></table:table-cell>'
            )
        boolean, shown = value
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(boolean).lower()}" '
            f'calcext:value-type="boolean"><text:p>{shown}</text:p></table:table-cell>'
        )

    table = "".join(f"<table:table-row>{''.join(map(cell, row))}</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">'
        f'<office:body><office:spreadsheet><table:table table:name="รายชื่อ">{table}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return buffer.getvalue()


def roster_ods_shown_in_thai() -> bytes:
    headers = [*person(1), NOTES, VILLAGE_NO]
    rows = [
        [*person(1).values(), (True, "จริง"), "3"],
        [*person(2).values(), ("=", 0, "เท็จ"), "3"],
        [*person(3).values(), "", ("=", 1, "จริง")],
        [*person(4).values(), "", (False, "เท็จ")],
    ]
    return ods_shown_in_thai([headers, *rows])


@pytest.mark.parametrize("form", [*FORMS, "ods saved by Calc in Thai"])
def test_true_and_false_are_their_words_in_a_text_column_and_refused_as_a_village_number(
    client_for, lampang_officer, settings, profile, tmp_path, form
):
    # Calc keeps the TRUE of an .xlsx it opens as the formula =TRUE(), saved in an .ods as a number shown TRUE: it
    # was read as 1, a note "1" and village 1.
    if form == "ods saved by Calc in Thai":
        content, name = roster_ods_shown_in_thai(), "roster.ods"
    else:
        content, name = in_form(roster_with_true_and_false(), form, settings, profile, tmp_path)
    client = client_for(lampang_officer)

    _, job = upload(client, content, name=name)

    assert job.status == "preview", job.message
    assert found(job) == {
        (4, VILLAGE_NO, "หมู่ที่ “TRUE” ต้องเป็นตัวเลข 1–99"),
        (5, VILLAGE_NO, "หมู่ที่ “FALSE” ต้องเป็นตัวเลข 1–99"),
    }
    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "หมู่ที่ “TRUE” ต้องเป็นตัวเลข 1–99" in page
    _, job = confirm(client, job)
    assert list(Volunteer.objects.order_by("national_id").values_list("national_id", "notes", "village_no")) == [
        (nid(1), "TRUE", 3),
        (nid(2), "FALSE", 3),
    ]
