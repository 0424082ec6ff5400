"""The outstanding volunteers' workbook speaks the language of the list it is downloaded from: from the English list
its headings, regions, provinces, titles and fiscal year are in English and its dates are A.D. days as the English
pages show them; from the Thai list it is Thai, as it always was."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import Nomination
from awards.tests.factories import NominationFactory
from core.xlsx import BE_DATE_FORMAT, CE_DATE_FORMAT

pytestmark = pytest.mark.django_db

SELECTED_ON = dt.datetime(2025, 8, 20, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def selected_in_lampang(lampang_volunteer):
    """Lampang's volunteer (นายสมหมาย ขยันยิ่ง), selected by HQ on 20 August 2025, in fiscal year 2568."""
    return NominationFactory(
        volunteer=lampang_volunteer, fiscal_year=2568, status=Nomination.Status.SELECTED, reviewed_at=SELECTED_ON
    )


def workbook(client, language: str):
    client.cookies["django_language"] = language
    response = client.get(reverse("awards:outstanding_xlsx"), {"fy": 2568})
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_the_workbook_from_the_english_list_is_in_english(client_for, hq_analyst, selected_in_lampang):
    sheet = workbook(client_for(hq_analyst), "en")

    assert sheet.title == "Outstanding 2025"
    assert sheet["A1"].value == "Outstanding labour volunteers of fiscal year 2025 (1 person)"
    assert [cell.value for cell in sheet[2]] == [
        "Region",
        "Province",
        "Name",
        "District",
        "Subdistrict",
        "Citation",
        "Date selected",
    ]
    region, province, name, *_rest, selected_on = next(sheet.iter_rows(min_row=3, values_only=True))
    assert (region, province, name) == ("North", "Lampang", "Mr สมหมาย ขยันยิ่ง")
    assert selected_on == dt.datetime(2025, 8, 20)
    assert sheet["G3"].number_format == CE_DATE_FORMAT  # shown as 20 Aug 2025


def test_the_workbook_from_the_thai_list_is_thai(client_for, hq_analyst, selected_in_lampang):
    client = client_for(hq_analyst)
    workbook(client, "en")

    sheet = workbook(client, "th")

    assert sheet.title == "ดีเด่น 2568"
    assert sheet["A1"].value == "อาสาสมัครแรงงานดีเด่น ประจำปีงบประมาณ พ.ศ. 2568 (1 คน)"
    assert sheet["A2"].value == "ภาค" and sheet["G2"].value == "วันที่คัดเลือก"
    assert next(sheet.iter_rows(min_row=3, max_col=3, values_only=True)) == ("ภาคเหนือ", "ลำปาง", "นายสมหมาย ขยันยิ่ง")
    assert sheet["G3"].number_format == BE_DATE_FORMAT  # shown as 20/08/2568
