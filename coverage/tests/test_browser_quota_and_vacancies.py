"""In the browser: an HQ officer raises Lampang's quota and sees the change in the history; the quota and vacancy
pages fit a phone and axe-core finds no WCAG A/AA violation on them."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from mentors.tests.factories import MentorFactory
from provinces.models import Subdistrict
from tests.test_phone_width import PHONE, TOO_WIDE, WCAG_AA
from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_hq_officer_raises_lampangs_quota_and_the_pages_fit_a_phone_and_pass_axe(
    browser_login, live_server, hq_officer, lampang
):
    places = list(Subdistrict.objects.filter(province=lampang).order_by("code")[:3])
    VolunteerFactory(
        subdistrict=places[1], first_name="บุญมี", last_name="ใกล้บ้าน", mentor=MentorFactory(province=lampang)
    )
    page = browser_login(hq_officer)
    expect.set_options(timeout=15_000)

    page.locator("nav a[href='/coverage/']").click()
    page.locator("tr[data-province='52']").get_by_role("link", name="โควตา").click()
    page.locator("#id_province-quota").fill("2")
    page.locator("#id_province-reason").fill("หนังสือกรมการจัดหางาน ที่ รง 0305/ว 99")
    page.get_by_role("button", name="บันทึกโควตาทั้งจังหวัด").click()

    expect(page.get_by_role("alert")).to_contain_text("ตั้งโควตา 2 คนให้ทุกตำบลของจังหวัดลำปางแล้ว")
    history = page.get_by_test_id("quota-history")
    expect(history).to_contain_text("1 → 2")
    expect(history).to_contain_text("หนังสือกรมการจัดหางาน ที่ รง 0305/ว 99")
    expect(page.locator(f"tr[data-subdistrict='{places[0].code}'] [data-testid=quota]")).to_have_text("2")

    page.locator("a.btn[href='/coverage/province/52/vacancies/']").click()
    expect(page.locator(f"tr[data-subdistrict='{places[0].code}'] [data-testid=missing]")).to_have_text("2")
    expect(page.locator(f"tr[data-subdistrict='{places[0].code}']")).to_contain_text("บุญมี ใกล้บ้าน")

    problems = []
    axe = Axe()
    for path in ("/coverage/", "/coverage/province/52/quotas/", "/coverage/province/52/vacancies/"):
        page.set_viewport_size({"width": 1366, "height": 900})
        page.goto(f"{live_server.url}{path}")
        for violation in axe.run(page, options=WCAG_AA).response["violations"]:
            problems.append(f"{violation['id']} on {path}: {[n['target'] for n in violation['nodes']][:3]}")
        page.set_viewport_size(PHONE)
        page.goto(f"{live_server.url}{path}")
        if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
            problems.append(f"{path} wider than a phone: {page.evaluate(TOO_WIDE)}")
    assert not problems, "\n".join(problems)
