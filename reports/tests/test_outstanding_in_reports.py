"""Outstanding volunteers (อสร. ดีเด่น) in the reports: those HQ selected for the fiscal year, per province, region and
nation; a nomination not (yet) selected, or of another year, counts nowhere; a selection shows at once."""

import pytest
from django.urls import reverse

from awards.models import Nomination
from awards.tests.factories import NominationFactory
from reports import selectors
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominations(lampang):
    people = [VolunteerFactory(province=lampang) for _ in range(4)]
    for volunteer, year, status in [
        (people[0], 2569, Nomination.Status.SELECTED),
        (people[1], 2569, Nomination.Status.SELECTED),
        (people[2], 2569, Nomination.Status.NOMINATED),
        (people[3], 2568, Nomination.Status.SELECTED),
    ]:
        NominationFactory(volunteer=volunteer, province=lampang, fiscal_year=year, status=status)
    return people


def test_the_selected_of_the_year_are_counted_for_the_province_region_and_nation(lampang, nominations):
    assert selectors.province_report(lampang, 2569)["headline"]["outstanding"] == 2
    assert selectors.province_report(lampang, 2568)["headline"]["outstanding"] == 1
    data = selectors.dashboard(2569)
    assert next(r for r in data["rows"] if r["code"] == "52")["outstanding"] == 2
    assert next(r for r in data["regions"] if r["code"] == "north")["outstanding"] == 2
    assert data["country"]["outstanding"] == 2


def test_a_selection_shows_on_the_pages_at_once(client_for, hq_analyst, lampang_officer, lampang, nominations):
    dashboard = client_for(hq_analyst).get(reverse("reports:dashboard") + "?fy=2569")
    assert b'data-testid="stat-outstanding">2<' in dashboard.content
    Nomination.objects.filter(volunteer=nominations[2]).update(status=Nomination.Status.SELECTED)
    dashboard = client_for(hq_analyst).get(reverse("reports:dashboard") + "?fy=2569")
    assert b'data-testid="stat-outstanding">3<' in dashboard.content
    report = client_for(lampang_officer).get(reverse("reports:province", args=["52"]) + "?fy=2569")
    assert b'data-testid="stat-outstanding">3<' in report.content
