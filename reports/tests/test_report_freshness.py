"""Cached figures say how fresh they are, and a change in the registry shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_the_second_visit_is_served_from_the_cache(client_for, hq_analyst, small_province):
    client = client_for(hq_analyst)
    url = reverse("reports:dashboard") + "?fy=2568"
    with CaptureQueriesContext(connection) as first:
        html = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) < len(first) - 5
    assert "ข้อมูล ณ" in html and "ช้าที่สุดทุก 10 นาที" in html


@pytest.mark.parametrize("page", ["dashboard", "province"])
def test_a_new_volunteer_shows_at_once(client_for, hq_analyst, small_province, page):
    client = client_for(hq_analyst)
    url = (
        reverse("reports:dashboard") if page == "dashboard" else reverse("reports:province", args=["98"])
    ) + "?fy=2568"
    assert 'data-testid="stat-active">4<' in client.get(url).content.decode()
    VolunteerFactory(subdistrict=small_province["province"].subdistricts.get(code="980103"))
    html = client.get(url).content.decode()
    assert 'data-testid="stat-active">5<' in html


def test_the_province_landing_page_shows_headline_cards(client_for, lampang_officer, hq_analyst, small_province):
    html = client_for(hq_analyst).get(reverse("provinces:detail", args=["98"])).content.decode()
    # Today: V1, V2, V3 and V7 serve (V8 resigned in Dec 2025); S11, S12 and S22 have someone.
    assert 'data-testid="summary-active">4<' in html
    assert 'data-testid="summary-coverage">60.0%<' in html
    assert 'data-testid="summary-mentors">2<' in html
    lampang_html = client_for(lampang_officer).get(reverse("provinces:detail", args=["52"])).content.decode()
    assert 'data-testid="summary-active">0<' in lampang_html


def test_readers_who_come_while_the_figures_are_computed_again_get_the_earlier_ones(
    client_for, hq_analyst, small_province
):
    from django.core.cache import cache

    client = client_for(hq_analyst)
    url = reverse("reports:dashboard") + "?fy=2568"
    assert 'data-testid="stat-active">4<' in client.get(url).content.decode()
    VolunteerFactory(subdistrict=small_province["province"].subdistricts.get(code="980103"))
    # Another request is computing the dashboard after the change: this one does not compute it a second time.
    cache.add("reports:dashboard:2568:all:computing", "another request", 60)
    with CaptureQueriesContext(connection) as waiting:
        html = client.get(url).content.decode()
    assert 'data-testid="stat-active">4<' in html and "ข้อมูล ณ" in html
    cache.delete("reports:dashboard:2568:all:computing")
    with CaptureQueriesContext(connection) as computing:
        html = client.get(url).content.decode()
    assert 'data-testid="stat-active">5<' in html
    assert len(waiting) < len(computing) - 5


def test_with_no_earlier_figures_a_reader_computes_them_even_while_another_request_does(
    client_for, hq_analyst, small_province
):
    from django.core.cache import cache

    cache.add("reports:province:2568:98:th:computing", "another request", 60)  # the Thai page's figures
    html = client_for(hq_analyst).get(reverse("reports:province", args=["98"]) + "?fy=2568").content.decode()
    assert 'data-testid="stat-active">4<' in html


def test_asking_to_compute_again_does_not_wait_on_another_request(client_for, hq_analyst, small_province):
    from django.core.cache import cache

    client = client_for(hq_analyst)
    url = reverse("reports:dashboard") + "?fy=2568"
    client.get(url)
    VolunteerFactory(subdistrict=small_province["province"].subdistricts.get(code="980103"))
    cache.add("reports:dashboard:2568:all:computing", "another request", 60)
    assert 'data-testid="stat-active">5<' in client.get(url + "&refresh=1").content.decode()
