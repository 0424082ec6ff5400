"""A list's paging, ordering and month parameters that cannot be honoured are refused with a 400 naming the parameter
and what it takes (in Thai, or in English with the language cookie), never answered as if they had not been sent:
`page_size` outside 1–200, an `ordering` the list does not sort by, a `month` before the programme began (a year in
the wrong era) or still to come."""

import datetime as dt

import pytest
from django.utils import timezone

from activity.services import save_report
from tests.english import THAI, in_english
from trainings.tests.factories import EventFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/events/",
    "/api/v1/cases/",
    "/api/v1/registrations/",
    "/api/v1/monthly-reports/",
    "/api/v1/import-jobs/",
    "/api/v1/volunteers/",
    "/api/v1/mentors/",
    "/api/v1/provinces/",
    "/api/v1/work-kinds/",
]
REPORTS = "/api/v1/monthly-reports/"


@pytest.mark.parametrize("size", ["abc", "-5", "0", "201", "100000", "1.5", "9" * 40])
def test_a_page_size_outside_1_to_200_is_refused_naming_the_range(api_as, lampang_officer, size):
    client = api_as(lampang_officer)
    for url in ("/api/v1/volunteers/", "/api/v1/events/", REPORTS):
        refused = client.get(url, {"page_size": size})
        assert refused.status_code == 400, (url, size, refused.content)
        message = refused.json()["errors"]["page_size"][0]
        assert "page_size" in message and "1 ถึง 200" in message, message


def test_page_sizes_from_1_to_200_are_honoured(api_as, lampang_officer, lampang):
    VolunteerFactory.create_batch(3, province=lampang)
    client = api_as(lampang_officer)
    assert len(client.get("/api/v1/volunteers/", {"page_size": "2"}).json()["results"]) == 2
    assert len(client.get("/api/v1/volunteers/", {"page_size": "200"}).json()["results"]) == 3
    assert len(client.get("/api/v1/volunteers/", {"page_size": ""}).json()["results"]) == 3


def test_a_page_size_refused_in_english_says_so_in_english(api_as, lampang_officer):
    refused = in_english(api_as(lampang_officer)).get("/api/v1/events/", {"page_size": "100000"})
    assert refused.status_code == 400
    message = refused.json()["errors"]["page_size"][0]
    assert "page_size" in message and "1 to 200" in message and not THAI.search(message), message


@pytest.mark.parametrize("url", LISTS)
def test_every_list_refuses_an_ordering_it_does_not_sort_by_naming_those_it_does(api_as, lampang_officer, url):
    refused = api_as(lampang_officer).get(url, {"ordering": "bogus"})
    assert refused.status_code == 400, refused.content
    message = refused.json()["errors"]["ordering"][0]
    assert "“bogus”" in message and "id, -id" in message, message


def test_events_sort_by_their_start_date_and_an_unknown_key_is_refused_in_english(api_as, lampang_officer, lampang):
    first = EventFactory(host_province=lampang, start_date=dt.date(2024, 3, 1))
    later = EventFactory(host_province=lampang, start_date=dt.date(2025, 3, 1))
    earlier = EventFactory(host_province=lampang, start_date=dt.date(2023, 3, 1))
    client = api_as(lampang_officer)

    listed = client.get("/api/v1/events/", {"ordering": "-start_date"}).json()["results"]
    assert [row["id"] for row in listed] == [later.pk, first.pk, earlier.pk]

    refused = in_english(client).get("/api/v1/events/", {"ordering": "title"})
    message = refused.json()["errors"]["ordering"][0]
    assert refused.status_code == 400 and message.startswith("Cannot sort by “title”"), message
    assert "start_date" in message and not THAI.search(message)


@pytest.fixture
def report_of_last_month(lampang, lampang_officer):
    from activity.kinds import seed_work_kinds
    from activity.rules import previous_month

    seed_work_kinds()
    worker = VolunteerFactory(province=lampang, appointed_on=dt.date(2024, 1, 15))
    return save_report(
        volunteer=worker, month=previous_month(timezone.localdate()), counts={"info_jobs": "2"}, by=lampang_officer
    )


def months_ahead(months: int) -> dt.date:
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@pytest.mark.parametrize("month", ["1999-11", "2469-11", "2004-12", "2547-12", "future"])
def test_a_report_month_before_the_programme_or_still_to_come_is_refused(api_as, lampang_officer, month):
    if month == "future":
        month = months_ahead(1).strftime("%Y-%m")
    refused = api_as(lampang_officer).get(REPORTS, {"month": month})
    assert refused.status_code == 400, refused.content
    message = refused.json()["errors"]["month"][0]
    this_month = timezone.localdate()
    assert message.startswith("เดือน (month) ต้องเป็นเดือนตั้งแต่ 2548-01"), message
    assert f"{this_month.year + 543}-{this_month.month:02d}" in message


def test_a_report_month_in_either_era_up_to_this_one_lists_its_reports(api_as, lampang_officer, report_of_last_month):
    client = api_as(lampang_officer)
    month = report_of_last_month.month
    for text in (month.strftime("%Y-%m"), f"{month.year + 543}-{month.month:02d}"):
        listed = client.get(REPORTS, {"month": text})
        assert [row["id"] for row in listed.json()["results"]] == [report_of_last_month.pk]
    this_month = client.get(REPORTS, {"month": timezone.localdate().strftime("%Y-%m")})
    assert this_month.status_code == 200 and this_month.json()["results"] == []
    assert client.get(REPORTS, {"month": "2005-01"}).status_code == 200


def test_a_report_month_refused_in_english_counts_years_as_the_reader_does(api_as, lampang_officer):
    refused = in_english(api_as(lampang_officer)).get(REPORTS, {"month": "2469-11"})
    assert refused.status_code == 400
    message = refused.json()["errors"]["month"][0]
    this_month = timezone.localdate()
    assert "2005-01" in message and f"{this_month.year}-{this_month.month:02d}" in message, message
    assert "Nov 1926" in message and not THAI.search(message)
