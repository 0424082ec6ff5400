"""A fiscal year is shown as the reader counts years on every page: พ.ศ. in Thai (2570), its Christian-era number in
English (2027), as the dashboard and the province report show it, never one era on one page and the other on the
next."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.tests.factories import NominationFactory
from core.thai import BE_OFFSET, current_fiscal_year
from trainings.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_everywhere(lampang, lampang_volunteer):
    NominationFactory(volunteer=lampang_volunteer, fiscal_year=current_fiscal_year())
    today = timezone.localdate()
    return EventFactory(host_province=lampang, start_date=today, end_date=today)


def pages(event):
    return [
        reverse("activity:province_rates", args=["52"]),
        reverse("awards:list"),
        reverse("trainings:list"),
        reverse("trainings:detail", args=[event.pk]),
        reverse("reports:province", args=["52"]),
    ]


@pytest.mark.parametrize(("language", "shown"), [("th", 0), ("en", BE_OFFSET)])
def test_every_page_shows_the_fiscal_year_in_the_readers_era(
    client_for, lampang_officer, year_everywhere, language, shown
):
    client = client_for(lampang_officer)
    client.cookies["django_language"] = language
    this_year = current_fiscal_year() - shown
    other_era = current_fiscal_year() - (BE_OFFSET - shown)
    for url in pages(year_everywhere):
        page = re.sub(r"<script[^>]*>.*?</script>", " ", client.get(url).content.decode(), flags=re.S)  # data, unseen
        text = re.sub(r"<[^>]+>|\s+", " ", page)
        assert str(this_year) in text, url
        assert str(other_era) not in text, url
