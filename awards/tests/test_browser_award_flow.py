"""In the browser, in Thai: the Lampang officer nominates a volunteer from their page, and HQ's officer selects them."""

import pytest
from playwright.sync_api import expect

from awards.models import Nomination
from core.thai import current_fiscal_year

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_volunteer_is_nominated_by_the_province_and_selected_by_hq(
    browser_login, live_server, lampang_officer, hq_officer, lampang_volunteer
):
    expect.set_options(timeout=15_000)
    year = current_fiscal_year()
    page = browser_login(lampang_officer)
    page.goto(f"{live_server.url}/volunteers/{lampang_volunteer.pk}/")
    page.get_by_role("link", name=f"เสนอชื่อ ปีงบประมาณ {year}").click()
    page.get_by_label("ผลงานโดยสังเขป").fill("ช่วยแรงงานนอกระบบ 40 คนเข้าสู่ระบบประกันสังคม")
    page.get_by_role("button", name="เสนอชื่อ").click()
    expect(page.get_by_role("alert")).to_contain_text("เสนอชื่อ นายสมหมาย ขยันยิ่ง เป็นอาสาสมัครแรงงานดีเด่น")
    expect(page.get_by_test_id("nomination-table")).to_contain_text("ขยันยิ่ง")
    page.context.clear_cookies()

    page = browser_login(hq_officer)
    page.locator("nav a[href='/awards/review/']").click()
    page.get_by_label("เลือก นายสมหมาย ขยันยิ่ง").check()
    page.get_by_label("หมายเหตุการพิจารณา").fill("มติคณะกรรมการคัดเลือก")
    page.locator("button[value=selected]").click()
    expect(page.get_by_role("alert")).to_contain_text("บันทึกผล “ได้รับคัดเลือก” 1 รายการแล้ว")
    row = page.locator(f"tr[data-nomination='{Nomination.objects.get().pk}']")
    expect(row).to_contain_text("ได้รับคัดเลือก")
    expect(row.get_by_role("link", name="เกียรติบัตร")).to_be_visible()
