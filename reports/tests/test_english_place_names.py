"""Districts and subdistricts are named in the reader's language in the report tables: the province report, its
workbook, the completeness page and the reporting-rate board show a district's English name on an English page, its
Thai name where it has no English one, and Thai pages and workbooks are as they were."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from provinces.models import District
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

REPORT = reverse("reports:province", args=["98"]) + "?fy=2568"
WORKBOOK = reverse("reports:province_xlsx", args=["98"]) + "?fy=2568"


@pytest.fixture
def analyst(client_for, hq_analyst):
    return client_for(hq_analyst)


def read(client, url: str, language: str):
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return response


def table(page: str, testid: str) -> str:
    return re.search(rf'data-testid="{testid}".*?</table>', page, flags=re.S)[0]


def sheet_rows(response, title: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(response.content))[title].iter_rows(min_row=3, values_only=True))


def test_the_english_province_report_names_its_districts_and_subdistricts_in_english(analyst, small_province):
    english = read(analyst, REPORT, "en").text

    for testid in ("district-table", "results-districts"):
        rows = table(english, testid)
        assert "Mueang Thotsop" in rows and "Na Thotsop" in rows
        assert "เมืองทดสอบ" not in rows and "นาทดสอบ" not in rows
    leavers = table(english, "leaver-table")
    assert "<td>Na Thotsop</td>" in leavers and "นาทดสอบ" not in leavers
    # The province's people in a national event held in Bangkok.
    assert "<td>Bangkok</td>" in english and "<td>กรุงเทพมหานคร</td>" not in english


def test_the_thai_province_report_names_them_in_thai_as_before(analyst, small_province):
    read(analyst, REPORT, "en")  # the English figures kept in the cache first

    thai = read(analyst, REPORT, "th").text

    for testid in ("district-table", "results-districts"):
        rows = table(thai, testid)
        assert "เมืองทดสอบ" in rows and "นาทดสอบ" in rows and "Thotsop" not in rows
    assert "<td>นาทดสอบ</td>" in table(thai, "leaver-table")
    assert "<td>กรุงเทพมหานคร</td>" in thai


def test_a_district_without_an_english_name_keeps_its_thai_name_on_the_english_report(analyst, small_province):
    District.objects.filter(code="9802").update(name_en="")

    rows = table(read(analyst, REPORT, "en").text, "district-table")

    assert re.search(r'data-district="9802"[^>]*>\s*<td>นาทดสอบ</td>', rows)


def test_the_province_workbook_from_an_english_page_names_districts_and_subdistricts_in_english(
    analyst, small_province
):
    english = read(analyst, WORKBOOK, "en")

    assert [row[:2] for row in sheet_rows(english, "Reporting rate")[:2]] == [
        ("9801", "Mueang Thotsop"),
        ("9802", "Na Thotsop"),
    ]
    assert sheet_rows(english, "Leavers")[0][1:3] == ("Na Thotsop", "Tambon 980201")

    thai = read(analyst, WORKBOOK, "th")

    assert [row[1] for row in sheet_rows(thai, "อัตราการส่งรายงาน")[:2]] == ["เมืองทดสอบ", "นาทดสอบ"]
    assert sheet_rows(thai, "พ้นสภาพ")[0][1:3] == ("นาทดสอบ", "ตำบล01")


def test_the_completeness_page_and_workbook_name_districts_without_volunteers_in_english(analyst, lampang):
    mueang = District.objects.get(code="5201")
    page = reverse("reports:completeness")
    workbook = reverse("reports:completeness_xlsx", args=["empty_districts"])

    row = re.search(r'<tr data-district="5201">.*?</tr>', read(analyst, page, "en").text)[0]
    assert f"<td>{mueang.name_en}</td>" in row and mueang.name_th not in row
    assert ("5201", mueang.name_en, "Lampang") in {
        r[:3] for r in sheet_rows(read(analyst, workbook, "en"), "Districts without volunteers")
    }

    row = re.search(r'<tr data-district="5201">.*?</tr>', read(analyst, page, "th").text)[0]
    assert f"<td>{mueang.name_th}</td>" in row


def test_the_reporting_rate_boards_missing_list_names_the_district_in_english(
    client_for, lampang_officer, lampang, monkeypatch
):
    mae_moh = District.objects.get(code="5203")
    VolunteerFactory(
        province=lampang,
        subdistrict=mae_moh.subdistricts.first(),
        first_name="ไม่เคยส่ง",
        appointed_on=dt.date(2026, 10, 1),
    )
    monkeypatch.setattr("activity.views.timezone.localdate", lambda: dt.date(2026, 12, 6))
    client = client_for(lampang_officer)
    page = reverse("activity:province_rates", args=["52"]) + "?fy=2570"
    download = reverse("activity:province_rates_xlsx", args=["52"]) + "?fy=2570"

    missing = read(client, page, "en").text.split('data-testid="missing-row"')[1].split("</tr>")[0]
    assert f"<td>{mae_moh.name_en}</td>" in missing and mae_moh.name_th not in missing
    missing_sheet = load_workbook(io.BytesIO(read(client, download, "en").content)).worksheets[2]
    assert mae_moh.name_en in [row[1] for row in missing_sheet.iter_rows(values_only=True)]

    missing = read(client, page, "th").text.split('data-testid="missing-row"')[1].split("</tr>")[0]
    assert f"<td>{mae_moh.name_th}</td>" in missing
