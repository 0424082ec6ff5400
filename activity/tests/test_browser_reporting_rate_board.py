"""In the browser: HQ opens the national reporting-rate board and drills down to Lampang, where the volunteer who has
not reported shows in the two-months list; both boards fit a 390 px phone (the twelve month columns scroll in their
own box) and axe-core finds no WCAG A/AA violation on them."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from provinces.models import District
from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def test_hq_drills_down_and_the_boards_fit_a_phone(
    chromium, browser_login, live_server, hq_analyst, lampang, work_kinds
):
    district = District.objects.get(code="5201")
    VolunteerFactory(
        province=lampang,
        subdistrict=district.subdistricts.first(),
        first_name="ขาดส่ง",
        last_name="หลายเดือน",
        appointed_on=dt.date(2024, 1, 1),
    )
    page = browser_login(hq_analyst)
    expect.set_options(timeout=15_000)
    page.goto(f"{live_server.url}/activity/")
    page.get_by_test_id("board-link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("อัตราการส่งรายงาน")
    page.get_by_role("link", name="ลำปาง").first.click()
    expect(page.get_by_test_id("missing-list")).to_contain_text("ขาดส่ง หลายเดือน")

    # axe is injected by Playwright as a script of its own, which the portal's Content-Security-Policy would refuse.
    context = chromium.new_context(locale="th-TH", viewport={"width": 1366, "height": 900}, bypass_csp=True)
    try:
        context.add_cookies(page.context.cookies())
        checked = context.new_page()
        axe = Axe()
        for path in ("/activity/rates/", "/activity/province/52/rates/"):
            checked.set_viewport_size({"width": 1366, "height": 900})
            checked.goto(f"{live_server.url}{path}")
            expect(checked.get_by_test_id("board-table")).to_be_visible()
            violations = axe.run(checked, options=WCAG_AA).response["violations"]
            assert violations == [], f"{path}: {[(v['id'], [n['target'] for n in v['nodes']][:3]) for v in violations]}"
            checked.set_viewport_size({"width": 390, "height": 844})
            checked.goto(f"{live_server.url}{path}")
            assert checked.evaluate("document.documentElement.scrollWidth") <= 390, path
    finally:
        context.close()
