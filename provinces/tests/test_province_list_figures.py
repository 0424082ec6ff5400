"""The list of all provinces shows each province's key figures of this fiscal year, from the dashboard's tallies."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentors.tests.factories import MentorFactory
from trainings.models import Event
from trainings.tests.factories import EventFactory
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def card_of(html: str, code: str) -> dict:
    card = re.search(rf'data-code="{code}".*?</a>', html, re.S).group(0)
    return dict(re.findall(r'data-figure="(\w+)">([^<]*)<', card))


def test_each_province_card_shows_its_key_figures(client_for, hq_analyst, lampang, chiang_mai):
    mentor = MentorFactory(province=lampang)
    for _ in range(3):
        VolunteerFactory(province=lampang, mentor=mentor)
    VolunteerFactory(province=lampang, status=Volunteer.Status.RESIGNED)
    EventFactory(host_province=lampang, start_date=dt.date.today())
    EventFactory(host_province=lampang, start_date=dt.date.today(), status=Event.Status.CANCELLED)

    html = client_for(hq_analyst).get(reverse("provinces:list")).content.decode()
    assert html.count('data-testid="province-figures"') == 77
    lampang_card = card_of(html, "52")
    assert lampang_card["active"] == "3"
    assert lampang_card["mentors"] == "1"
    assert lampang_card["events"] == "1"
    # Three volunteers in Lampang's first subdistrict: 1 of its subdistricts covered.
    subdistricts = lampang.subdistricts.count()
    assert lampang_card["coverage"] == f"{100 / subdistricts:.1f}%"
    assert card_of(html, "50") == {"active": "0", "coverage": "0.0%", "mentors": "0", "events": "0"}


def test_the_figures_take_a_few_queries_not_one_per_province(client_for, hq_analyst, lampang):
    client = client_for(hq_analyst)
    cache.clear()  # the figures computed afresh, not read from the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("provinces:list")).status_code == 200
    # A query per province would be 77 more; the cache stamp reads the reports' and cases' latest change too.
    assert len(queries) < 40
