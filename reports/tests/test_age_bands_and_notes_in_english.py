"""In English, the province report's age chart and the API figures give the age bands and the notes under the results
in English, as the table under the chart does (found by probing: they kept the Thai source text)."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

FY = 2568
THAI = re.compile("[\u0e00-\u0e7f]")
ENGLISH_BANDS = ["Under 30", "30–39", "40–49", "50–59", "60 and over", "Date of birth not given"]


@pytest.fixture
def lampang_people(lampang):
    for born in (dt.date(2000, 1, 1), dt.date(1950, 1, 1), None):
        VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7), birth_date=born)


def in_language(client, language):
    client.cookies["django_language"] = language
    return client


def chart_data(html: str) -> dict:
    return json.loads(html.split('id="report-charts" type="application/json">')[1].split("</script>")[0])


def test_the_age_chart_is_labelled_in_the_readers_language(client_for, lampang_officer, lampang_people):
    client = client_for(lampang_officer)
    url = reverse("reports:province", args=["52"])

    english = chart_data(in_language(client, "en").get(url, {"fy": FY}).content.decode())
    thai = chart_data(in_language(client, "th").get(url, {"fy": FY}).content.decode())

    assert [r["label"] for r in english["age_gender"]] == ENGLISH_BANDS
    assert [r["label"] for r in thai["age_gender"]] == [
        "ต่ำกว่า 30",
        "30–39",
        "40–49",
        "50–59",
        "60 ขึ้นไป",
        "ไม่ระบุวันเกิด",
    ]


def test_the_static_chart_script_labels_the_age_axis_from_the_translated_labels():
    from django.conf import settings

    script = (settings.BASE_DIR / "static" / "reports" / "reports.js").read_text()
    assert "data.age_gender.map((r) => r.label)" in script


def test_the_province_figures_of_the_api_give_bands_and_notes_in_english(client_for, lampang_officer, lampang_people):
    client = in_language(client_for(lampang_officer), "en")

    body = client.get(reverse("api:figures-province", args=["52"]), {"fiscal_year": FY}).json()

    assert [r["band"] for r in body["age_gender"]["rows"]] == ENGLISH_BANDS
    notes = body["results"]["notes"]
    assert notes["rate"].startswith("Reporting rate = ")
    assert not any(THAI.search(text) for text in notes.values()), notes


def test_the_national_figures_of_the_api_give_the_notes_in_english_and_thai_by_default(
    client_for, hq_analyst, lampang_people
):
    client = client_for(hq_analyst)
    url = reverse("api:figures-national")

    english = in_language(client, "en").get(url, {"fiscal_year": FY}).json()["results"]["notes"]
    thai = in_language(client, "th").get(url, {"fiscal_year": FY}).json()["results"]["notes"]

    assert not any(THAI.search(text) for text in english.values()), english
    assert thai["rate"].startswith("อัตราการส่งรายงาน = ")
