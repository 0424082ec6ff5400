"""A fiscal year that ended before monthly reporting began has no reporting rate: the dashboard, the province report
and the open data leave it blank rather than publish 0.0 % (found by probing: the years before the first monthly
report showed 0.0 %, as if every volunteer had failed to report)."""

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse

from activity.models import MonthlyReport
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

BEFORE = 2568  # October 2024 – September 2025: nobody had sent a monthly report yet
FIRST_REPORTED = 2569
FIRST_MONTH = dt.date(2025, 12, 1)  # the first monthly report on record is of December 2025 (FY 2569)


@pytest.fixture
def lampang_reporting(lampang):
    """Six volunteers serving in Lampang since 2020; one report, of December 2025, the first there is."""
    people = [VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7)) for _i in range(6)]
    first = people[0]
    MonthlyReport.objects.create(
        volunteer=first,
        province=lampang,
        district=first.subdistrict.district,
        month=FIRST_MONTH,
        counts={},
        received_on=dt.date(2026, 1, 3),
        on_time=True,
    )


def test_the_dashboard_shows_no_rate_for_a_year_before_reporting_began(client_for, hq_analyst, lampang_reporting):
    client = client_for(hq_analyst)

    before = client.get(reverse("reports:dashboard"), {"fy": BEFORE})
    after = client.get(reverse("reports:dashboard"), {"fy": FIRST_REPORTED})

    results = before.context["data"]["results"]
    assert results["total"]["expected"] == 0 and results["total"]["percent"] is None
    lampang = next(r for r in results["provinces"] if r["code"] == "52")
    assert lampang["percent"] is None
    assert 'data-testid="stat-reporting-rate">–<' in before.content.decode()
    assert "0.0%" not in before.content.decode().split('data-testid="stat-reporting-rate"')[1][:40]
    # The year reporting began is counted as the reporting-rate board counts it: 1 report of 72 expected.
    total = after.context["data"]["results"]["total"]
    assert (total["expected"], total["received"], total["percent"]) == (72, 1, 1.4)


def test_the_province_report_shows_no_rate_for_a_year_before_reporting_began(
    client_for, lampang_officer, lampang_reporting
):
    client = client_for(lampang_officer)

    rates = client.get(reverse("reports:province", args=["52"]), {"fy": BEFORE}).context["data"]["results"]["rates"]

    assert rates["total"]["percent"] is None and rates["total"]["expected"] == 0
    assert all(m["percent"] is None for m in rates["months"])
    assert all(d["percent"] is None for d in rates["districts"])


def test_the_open_data_leaves_the_rate_blank_for_the_years_before_reporting_began(lampang_reporting):
    text = Client().get(reverse("open_data:csv")).content.decode("utf-8")[1:]
    national = {int(r["fiscal_year"]): r for r in csv.DictReader(io.StringIO(text)) if r["level"] == "national"}

    assert min(national) < BEFORE
    for fy in range(min(national), BEFORE + 1):
        assert national[fy]["volunteers_serving"] == "6", fy
        assert national[fy]["reporting_rate_percent"] == "", fy
    assert national[FIRST_REPORTED]["reporting_rate_percent"] == "1.4"
