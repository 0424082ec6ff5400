import datetime as dt

import pytest
from django.urls import reverse

from trainings.models import Event
from trainings.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(lampang, chiang_mai, bangkok):
    return {
        "lampang_2563": EventFactory(host_province=lampang, title="อบรมลำปาง 2563", topics=["anti_trafficking"]),
        "lampang_2564": EventFactory(
            host_province=lampang,
            title="ประชุมลำปาง 2564",
            kind=Event.Kind.MEETING,
            start_date=dt.date(2020, 11, 5),
            status=Event.Status.DRAFT,
        ),
        "chiangmai": EventFactory(host_province=chiang_mai, title="อบรมเชียงใหม่"),
        "national": EventFactory(
            host_province=bangkok, level=Event.Level.NATIONAL, title="สัมมนาระดับประเทศ", start_date=dt.date(2020, 12, 3)
        ),
    }


def titles(response):
    return {e.title for e in response.context["events"]}


def test_province_staff_see_their_events_and_national_ones(client_for, lampang_viewer, events):
    response = client_for(lampang_viewer).get(reverse("trainings:list"))
    assert titles(response) == {"อบรมลำปาง 2563", "ประชุมลำปาง 2564", "สัมมนาระดับประเทศ"}
    assert "province" not in response.context["form"].fields


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"fiscal_year": "2563"}, {"อบรมลำปาง 2563", "อบรมเชียงใหม่"}),
        ({"fiscal_year": "2564"}, {"ประชุมลำปาง 2564", "สัมมนาระดับประเทศ"}),
        ({"province": "50"}, {"อบรมเชียงใหม่"}),
        ({"topic": "anti_trafficking"}, {"อบรมลำปาง 2563"}),
        ({"kind": "meeting"}, {"ประชุมลำปาง 2564"}),
        ({"status": "draft"}, {"ประชุมลำปาง 2564"}),
        ({"province": "52", "fiscal_year": "2564"}, {"ประชุมลำปาง 2564"}),
    ],
)
def test_hq_filters_by_fiscal_year_province_topic_kind_and_status(client_for, hq_analyst, events, query, expected):
    response = client_for(hq_analyst).get(reverse("trainings:list"), query)
    assert titles(response) == expected


def test_the_event_page_shows_dates_in_be_and_the_fiscal_year(client_for, lampang_officer, events):
    page = (
        client_for(lampang_officer).get(reverse("trainings:detail", args=[events["lampang_2564"].pk])).content.decode()
    )
    assert "5 พฤศจิกายน 2563" in page
    assert "ปีงบประมาณ 2564" in page


def test_the_pages_switch_to_english(client_for, lampang_officer, events, settings):
    client = client_for(lampang_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("trainings:list")).content.decode()
    assert "<h1>Training events</h1>" in page and "New event" in page and "Fiscal year" in page
    page = client.get(reverse("trainings:detail", args=[events["lampang_2563"].pk])).content.decode()
    assert "Target, registered and attended by category" in page and "Sign-in sheet" in page


def test_in_english_a_cancelled_event_says_cancelled_and_the_form_button_says_cancel(
    client_for, lampang_officer, events, settings
):
    cancelled = events["lampang_2563"]
    cancelled.status = Event.Status.CANCELLED
    cancelled.save()
    client = client_for(lampang_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("trainings:detail", args=[cancelled.pk])).content.decode()
    assert ">Cancelled<" in page
    form = client.get(reverse("trainings:edit", args=[events["lampang_2564"].pk])).content.decode()
    assert ">Cancel</a>" in form


@pytest.mark.parametrize(
    "query, expected",
    [
        # Found by probing the list: an unknown value dropped every filter and listed all the years.
        ({"fiscal_year": "2563", "status": "bogus"}, {"อบรมลำปาง 2563", "อบรมเชียงใหม่"}),
        ({"fiscal_year": "2499", "kind": "meeting"}, {"ประชุมลำปาง 2564"}),
        ({"province": "99", "status": "draft", "topic": "zzz"}, {"ประชุมลำปาง 2564"}),
    ],
)
def test_an_unknown_filter_value_drops_only_that_filter(client_for, hq_analyst, events, query, expected):
    response = client_for(hq_analyst).get(reverse("trainings:list"), query)
    assert titles(response) == expected
