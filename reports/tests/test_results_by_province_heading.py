"""The dashboard's results-by-province workbook from an English page is headed as its other workbooks are, the fiscal
year after a comma in lower case ("..., fiscal year 2025", not "..., Fiscal year 2025"); the Thai heading is as it was."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def heading(client, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(reverse("reports:dashboard_xlsx", args=["results_provinces"]), {"fy": 2568})
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active["A1"].value


def test_the_english_heading_reads_as_one_sentence(client_for, hq_analyst, geography):
    assert heading(client_for(hq_analyst), "en") == "Volunteers' results by region and province, fiscal year 2025"


def test_the_thai_heading_is_unchanged(client_for, hq_analyst, geography):
    assert heading(client_for(hq_analyst), "th") == "ผลการปฏิบัติงานของ อสร. รายภาคและจังหวัด ปีงบประมาณ 2568"
