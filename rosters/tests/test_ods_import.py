"""A roster saved by LibreOffice as OpenDocument (.ods) imports like an .xlsx; a broken .ods is refused in Thai."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from core.xlsx import set_date
from rosters.tests.factories import nid, person
from rosters.tests.helpers import confirm, upload
from rosters.tests.libreoffice import convert
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def roster_xlsx() -> bytes:
    """Two people; one birth date typed as text, one a date cell shown in พ.ศ. as a Thai Excel or Calc shows it."""
    rows = [person(1, **{"วันเกิด": "15/03/2518"}), person(2, **{"ชื่อ": "มาลี", "วันเกิด": dt.date(1985, 3, 9)})]
    headers = list(rows[0])
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for number, row in enumerate(rows, start=2):
        for column, header in enumerate(headers, start=1):
            cell = sheet.cell(row=number, column=column)
            value = row[header]
            if isinstance(value, dt.date):
                set_date(cell, value)
            else:
                cell.value = value
                cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def roster_ods(profile, tmp_path_factory) -> bytes:
    return convert(roster_xlsx(), "roster.xlsx", "ods", profile, tmp_path_factory.mktemp("ods"))


def test_the_upload_form_offers_ods(client_for, lampang_officer):
    page = client_for(lampang_officer).get(reverse("rosters:list")).content.decode()

    assert 'accept=".xlsx,.xls,.ods,.csv"' in page
    assert ".ods" in page and "LibreOffice" in page


def test_a_roster_saved_by_libreoffice_as_ods_shows_its_preview_and_imports(client_for, lampang_officer, roster_ods):
    assert roster_ods.startswith(b"PK") and b"opendocument.spreadsheet" in roster_ods[:100]
    client = client_for(lampang_officer)

    response, job = upload(client, roster_ods, name="รายชื่อ.ods")

    assert response.status_code == 302, response.content.decode()[:2000]
    assert job.file_format == "ods"
    assert (job.new_count, job.error_count) == (2, 0), job.errors
    preview = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "รายชื่อ.ods" in preview and 'data-testid="count-new">2<' in preview
    assert "หัวตารางอยู่แถวที่ 1" in preview
    confirm(client, job)
    people = {v[0]: v[1:] for v in Volunteer.objects.values_list("national_id", "first_name", "birth_date")}
    assert people == {nid(1): ("ทดสอบ1", dt.date(1975, 3, 15)), nid(2): ("มาลี", dt.date(1985, 3, 9))}


def test_an_xlsx_named_ods_is_read_as_what_it_is(client_for, lampang_officer):
    _, job = upload(client_for(lampang_officer), roster_xlsx(), name="รายชื่อ.ods")

    assert job.file_format == "xlsx"
    assert job.new_count == 2, job.errors


def refused(client, content, name) -> str:
    response, job = upload(client, content, name=name)
    assert response.status_code == 400 and job is None
    return response.content.decode()


def test_a_broken_ods_is_refused_with_a_thai_reason(client_for, lampang_officer, roster_ods):
    client = client_for(lampang_officer)

    page = refused(client, roster_ods[: len(roster_ods) // 2], "รายชื่อ.ods")

    assert "ไฟล์ .ods นี้เสียหายหรือไม่ครบ" in page and "LibreOffice" in page
    assert "รับเฉพาะไฟล์" not in page
    assert "ไฟล์ .ods นี้เสียหายหรือไม่ครบ" in refused(client, b"not a spreadsheet at all", "รายชื่อ.ods")


def opendocument(mimetype: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def test_a_text_document_renamed_to_ods_is_refused(client_for, lampang_officer):
    content = opendocument("application/vnd.oasis.opendocument.text", b"<office:document-content/>")

    page = refused(client_for(lampang_officer), content, "รายชื่อ.ods")

    assert "เอกสาร OpenDocument ชนิดอื่น" in page


def test_an_ods_zip_bomb_is_refused_from_the_zip_directory(client_for, lampang_officer):
    content = opendocument("application/vnd.oasis.opendocument.spreadsheet", b"0" * (60 * 1024 * 1024))
    assert len(content) < 200_000

    page = refused(client_for(lampang_officer), content, "รายชื่อ.ods")

    assert "zip bomb" in page and ".ods" in page
