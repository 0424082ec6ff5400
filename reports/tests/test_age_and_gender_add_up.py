"""The age × gender table of the province report counts a volunteer whose gender was not recorded under "อื่น ๆ /
ไม่ระบุ" (other / not stated), so that its rows and columns add up to its totals: on the page, in the workbook and in
the API figures (found by probing: such volunteers went to a column no one showed)."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

FY = 2568  # ages as on 30 September 2025
BORN_1990 = dt.date(1990, 1, 1)  # 35: the 30–39 band


@pytest.fixture
def lampang_people(lampang):
    """Serving in Lampang: a man, a woman and someone whose gender was left blank, all in their thirties, and one more
    whose gender and date of birth were both left blank."""
    appointed = dt.date(2020, 1, 7)
    for gender, born in (
        (Volunteer.Gender.MALE, BORN_1990),
        (Volunteer.Gender.FEMALE, BORN_1990),
        ("", BORN_1990),
        ("", None),
    ):
        VolunteerFactory(province=lampang, appointed_on=appointed, gender=gender, birth_date=born)


def age_table(html: str) -> list[list[str]]:
    table = html.split('data-testid="age-table"')[1].split("</table>")[0]
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table)]


def test_the_page_counts_a_blank_gender_as_not_stated_and_adds_up(client_for, lampang_officer, lampang_people):
    html = client_for(lampang_officer).get(reverse("reports:province", args=["52"]), {"fy": FY}).content.decode()

    header, *rows = age_table(html)
    assert header == ["ช่วงอายุ", "ชาย", "หญิง", "อื่น ๆ / ไม่ระบุ", "รวม"]
    shown = {row[0]: [int(n) for n in row[1:]] for row in rows}
    assert shown["30–39"] == [1, 1, 1, 3]
    assert shown["ไม่ระบุวันเกิด"] == [0, 0, 1, 1]
    assert shown["รวม"] == [1, 1, 2, 4]
    for band, (male, female, other, total) in shown.items():
        assert male + female + other == total, band
    columns = list(zip(*[counts for band, counts in shown.items() if band != "รวม"], strict=True))
    assert [sum(column) for column in columns] == shown["รวม"]


def test_the_workbook_has_the_same_columns_and_adds_up(client_for, lampang_officer, lampang_people):
    response = client_for(lampang_officer).get(reverse("reports:province_xlsx", args=["52"]), {"fy": FY})
    sheet = load_workbook(io.BytesIO(response.content))["อายุและเพศ"]
    header, *rows = list(sheet.iter_rows(min_row=2, values_only=True))

    assert list(header) == ["ช่วงอายุ", "ชาย", "หญิง", "อื่น ๆ / ไม่ระบุ", "รวม"]
    counts = {band: list(numbers) for band, *numbers in rows}
    assert counts["30–39"] == [1, 1, 1, 3] and counts["รวม"] == [1, 1, 2, 4]
    for band, (male, female, other, total) in counts.items():
        assert male + female + other == total, band


def test_the_api_figures_count_a_blank_gender_as_other(client_for, lampang_officer, lampang_people):
    response = client_for(lampang_officer).get(
        reverse("api:figures-province", args=["52"]), {"fiscal_year": FY}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 200
    age = response.json()["age_gender"]
    assert age["totals"] == {"male": 1, "female": 1, "other": 2, "total": 4}
    for row in age["rows"]:
        assert set(row) == {"band", "male", "female", "other", "total"}
        assert row["male"] + row["female"] + row["other"] == row["total"], row["band"]
