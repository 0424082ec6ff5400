import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_lampang_officer_logs_in_in_thai_and_lands_on_lampang(browser_login, lampang_officer):
    page = browser_login(lampang_officer)
    expect(page.get_by_test_id("province-name")).to_have_text("จังหวัดลำปาง")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith('"Sarabun"') or font.startswith("Sarabun")
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ลำปาง')")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('Sarabun') && f.status === 'loaded')")

    page.get_by_role("button", name="English").click()
    expect(page.locator("#mainnav").get_by_role("link", name=re.compile(r"^\W*Volunteers$"))).to_be_visible()
    expect(page.get_by_test_id("province-name")).to_have_text("Lampang")
    page.get_by_test_id("current-user").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.get_by_role("button", name="ภาษาไทย").click()
    expect(page.locator("#mainnav").get_by_role("link", name=re.compile(r"^\W*อาสาสมัครแรงงาน$"))).to_be_visible()
    page.get_by_test_id("current-user").click()
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page.get_by_role("button", name="เข้าสู่ระบบ")).to_be_visible()


def test_hq_analyst_lands_on_the_dashboard_and_sees_77_provinces(browser_login, hq_analyst):
    page = browser_login(hq_analyst)
    assert page.url.endswith("/reports/dashboard/")
    page.locator("#mainnav").get_by_role("link", name="จังหวัดทั้งหมด").click()
    expect(page.locator(".province-card")).to_have_count(77)
    expect(page.locator('.province-card[data-code="52"] [data-figure="active"]')).to_be_visible()
    page.locator('.province-card[data-code="52"]').click()
    expect(page.get_by_test_id("province-name")).to_have_text("จังหวัดลำปาง")
