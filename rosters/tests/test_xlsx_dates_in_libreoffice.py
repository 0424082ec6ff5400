"""Dates in our .xlsx files are real date cells shown in พ.ศ.: checked with openpyxl and with LibreOffice itself."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from core.tests.national_ids import valid_national_id
from core.xlsx import BE_DATE_FORMAT
from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, upload
from rosters.tests.libreoffice import as_shown_csv
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def somchai(lampang):
    return VolunteerFactory(
        province=lampang,
        national_id=valid_national_id(1),
        first_name="สมชาย",
        birth_date=dt.date(1985, 3, 9),
        appointed_on=dt.date(2020, 1, 7),
    )


def export(client):
    return client.get(reverse("rosters:export_volunteers", args=["xlsx"])).content


def test_libreoffice_shows_the_exported_birth_date_in_buddhist_era(
    client_for, lampang_officer, somchai, profile, tmp_path
):
    content = export(client_for(lampang_officer))

    shown = as_shown_csv(content, "export.xlsx", profile, tmp_path)
    header, row = shown[0], shown[1]
    assert row[header.index("วันเกิด")] == "09/03/2528"
    assert row[header.index("วันที่แต่งตั้ง")] == "07/01/2563"
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    headers = [cell.value for cell in sheet[1]]
    birth = sheet.cell(row=2, column=headers.index("วันเกิด") + 1)
    assert birth.is_date and birth.value == dt.datetime(1985, 3, 9)  # a date, so it sorts and filters as one
    assert birth.number_format == BE_DATE_FORMAT
    # The .csv has no cell formats: its dates stay พ.ศ. text.
    response = client_for(lampang_officer).get(reverse("rosters:export_volunteers", args=["csv"]))
    assert "09/03/2528" in b"".join(response.streaming_content).decode("utf-8-sig")


def test_an_exported_file_imported_again_gives_back_the_same_birth_dates(client_for, lampang_officer, somchai):
    client = client_for(lampang_officer)
    content = export(client)
    assert openpyxl.load_workbook(io.BytesIO(content)).active["H2"].is_date  # the birth date goes out as a date cell
    Volunteer.objects.filter(pk=somchai.pk).update(birth_date=dt.date(1990, 1, 1), appointed_on=None)

    _, job = upload(client, content, name="export.xlsx")
    _, job = confirm(client, job)

    assert job.updated_count == 1, job.errors
    somchai.refresh_from_db()
    assert (somchai.birth_date, somchai.appointed_on) == (dt.date(1985, 3, 9), dt.date(2020, 1, 7))


def test_the_template_example_date_is_a_date_libreoffice_shows_in_buddhist_era(
    client_for, lampang_officer, profile, tmp_path
):
    content = client_for(lampang_officer).get(reverse("rosters:template", args=["volunteers"])).content

    shown = as_shown_csv(content, "template.xlsx", profile, tmp_path)
    assert shown[1][shown[0].index("วันเกิด")] == "15/03/2518"
    sheet = openpyxl.load_workbook(io.BytesIO(content))["รายชื่อ"]
    headers = [cell.value for cell in sheet[1]]
    example = sheet.cell(row=2, column=headers.index("วันเกิด") + 1)
    assert example.value == dt.datetime(1975, 3, 15) and example.number_format == BE_DATE_FORMAT
    # Where the officer types, the column stays text: 07/01/2563 is kept as typed, not turned into 1 July.
    assert sheet.cell(row=3, column=headers.index("วันเกิด") + 1).number_format == "@"


def test_a_date_cell_of_a_failed_row_comes_back_as_a_date_shown_in_buddhist_era(
    client_for, lampang_officer, profile, tmp_path
):
    client = client_for(lampang_officer)
    rows = [person(1), person(2, **{"ตำบล/แขวง": "ไม่มีตำบลนี้", "วันเกิด": dt.datetime(1985, 3, 9)})]
    _, job = upload(client, xlsx_bytes(rows))
    confirm(client, job)

    response = client.get(reverse("rosters:failed_rows", args=[job.pk]))
    content = b"".join(response.streaming_content)

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    headers = [cell.value for cell in sheet[1]]
    birth = sheet.cell(row=2, column=headers.index("วันเกิด") + 1)
    assert sheet.cell(row=2, column=headers.index("เลขประจำตัวประชาชน") + 1).value == nid(2)
    assert birth.value == dt.datetime(1985, 3, 9) and birth.number_format == BE_DATE_FORMAT
    shown = as_shown_csv(content, "failed.xlsx", profile, tmp_path)
    assert shown[1][headers.index("วันเกิด")] == "09/03/2528"
