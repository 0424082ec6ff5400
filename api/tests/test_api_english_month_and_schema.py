"""In English (the language cookie) the API writes its months and its schema in English too: a monthly report's
`month_label` as the English pages show a month (Nov 2026, the year C.E.), and the schema's descriptions, made in the
reader's language when the schema is asked for, not in Thai when the code was loaded."""

import datetime as dt

import pytest

from activity.kinds import seed_work_kinds
from activity.services import save_report
from tests.english import THAI, in_english
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/monthly-reports/"


@pytest.fixture
def report(lampang, lampang_officer):
    seed_work_kinds()
    worker = VolunteerFactory(province=lampang, appointed_on=dt.date(2024, 1, 15))
    return save_report(volunteer=worker, month=dt.date(2025, 11, 1), counts={"info_jobs": "3"}, by=lampang_officer)


def test_a_reports_month_label_follows_the_readers_language(api_as, lampang_viewer, report):
    client = api_as(lampang_viewer)
    detail = f"{REPORTS}{report.pk}/"

    english_list = in_english(api_as(lampang_viewer)).get(REPORTS).json()["results"][0]
    english_detail = in_english(api_as(lampang_viewer)).get(detail).json()

    assert english_list["month"] == "2025-11" and english_list["month_label"] == "Nov 2025"
    assert english_detail["month_label"] == "Nov 2025"
    assert client.get(REPORTS).json()["results"][0]["month_label"] == "พฤศจิกายน 2568"
    assert client.get(detail).json()["month_label"] == "พฤศจิกายน 2568"


def test_the_case_status_steps_are_described_in_the_readers_language(client_for, lampang_viewer):
    client = client_for(lampang_viewer)

    thai = client.get("/api/schema/?format=json").json()
    english = in_english(client).get("/api/schema/?format=json").json()

    to_status = english["components"]["schemas"]["CaseStatusRequest"]["properties"]["to_status"]["description"]
    assert to_status == "New status: referred, accepted, done, not_referable"
    assert thai["components"]["schemas"]["CaseStatusRequest"]["properties"]["to_status"]["description"] == (
        "สถานะใหม่: referred, accepted, done, not_referable"
    )
    label = english["components"]["schemas"]["MonthlyReport"]["properties"]["month_label"]
    assert label["type"] == "string" and not THAI.search(label["description"])
