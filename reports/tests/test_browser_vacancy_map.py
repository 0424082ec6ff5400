"""In a real browser: the dashboard's map shows vacancies and coverage by quota, and the dashboard and the province
report, with their new columns and cards, still fit a phone and pass axe-core's WCAG 2.x A/AA rules."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from core.thai import current_fiscal_year
from provinces.models import Subdistrict
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture
def lampang_leads(lampang):
    """Lampang: every subdistrict but one has its lead; the one left has a lead whose term ended in 2025."""
    places = list(Subdistrict.objects.filter(province=lampang).order_by("code"))
    for subdistrict in places[:-1]:
        VolunteerFactory(subdistrict=subdistrict, appointed_on=dt.date(2024, 10, 1))
    VolunteerFactory(subdistrict=places[-1], appointed_on=dt.date(2021, 10, 1), term_ends_on=dt.date(2025, 9, 30))
    VolunteerFactory(subdistrict=places[0], tier=Volunteer.Tier.NETWORK, appointed_on=dt.date(2024, 10, 1))
    return places


def test_the_map_shows_vacancies_and_coverage_by_quota(browser_login, live_server, hq_analyst, lampang_leads):
    page = browser_login(hq_analyst)
    page.goto(f"{live_server.url}/reports/dashboard/")
    lampang = page.locator('a.map-province[data-code="52"] path')

    page.get_by_test_id("map-measure").select_option("quota_coverage")
    expect(page.locator('[data-legend="quota_coverage"] [data-testid="map-legend-title"]')).to_have_text(
        "ความครอบคลุมตามโควตา (%)"
    )
    assert lampang.get_attribute("fill") == "#08519c"  # 80 % and more: the darkest blue

    page.get_by_test_id("map-measure").select_option("vacancies")
    expect(page.locator('[data-legend="vacancies"] [data-testid="map-legend-title"]')).to_have_text("ตำแหน่งว่าง (คน)")
    # Lampang has one vacancy against hundreds in every province without leads: the lightest class
    assert lampang.get_attribute("fill") == "#deebf7"
    expect(page.get_by_test_id("stat-vacancies")).not_to_have_text("0")


@pytest.mark.parametrize("path", ["/reports/dashboard/", "/reports/province/52/"])
def test_the_reports_fit_a_phone_and_axe_finds_nothing(browser_login, live_server, hq_analyst, lampang_leads, path):
    page = browser_login(hq_analyst)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{path}?fy={current_fiscal_year()}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}{path}?fy={current_fiscal_year()}")
    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
