"""In the browser, in Thai: the Lampang officer opens the board of terms ending, picks two people, re-appoints them by
one order, and they leave the board."""

import pytest
from playwright.sync_api import expect

from core.thai import format_date_numeric_be
from volunteers.models import Term
from volunteers.tests.factories import VolunteerFactory
from volunteers.tests.term_factories import days, ending_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_lampang_officer_reappoints_two_from_the_board(browser_login, live_server, lampang_officer, lampang):
    soon = ending_in(VolunteerFactory(province=lampang, first_name="บุญมา", last_name="ใกล้ครบ"), 12)
    ended = ending_in(VolunteerFactory(province=lampang, first_name="แสงดาว", last_name="ครบแล้ว"), -8)
    stays = ending_in(VolunteerFactory(province=lampang, first_name="คงเดิม", last_name="รอคำสั่ง"), 40)
    page = browser_login(lampang_officer)
    expect.set_options(timeout=15_000)

    page.locator("nav").get_by_role("link", name="วาระใกล้สิ้นสุด").click()
    expect(page.get_by_role("heading", name="วาระจะสิ้นสุดใน 90 วัน", level=1)).to_be_visible()
    expect(page.get_by_test_id("soon-count")).to_have_text("2")
    expect(page.get_by_test_id("ended-count")).to_have_text("1")

    page.get_by_label(f"เลือก {soon.full_name}").check()
    page.get_by_label(f"เลือก {ended.full_name}").check()
    page.get_by_role("button", name="แต่งตั้งอีกวาระผู้ที่เลือก").click()

    expect(page.get_by_role("heading", name="แต่งตั้งอีกวาระ 2 คน")).to_be_visible()
    chosen = page.get_by_test_id("chosen")
    expect(chosen).to_contain_text("ใกล้ครบ")
    expect(chosen).to_contain_text("ครบแล้ว")
    expect(chosen).not_to_contain_text("รอคำสั่ง")
    # One start for both: the day after the later running term ends, so nobody's terms overlap.
    expect(page.get_by_label("วันเริ่มวาระ")).to_have_value(format_date_numeric_be(days(13)))
    page.get_by_label("เลขที่คำสั่งแต่งตั้ง").fill("คำสั่งจังหวัดลำปาง ที่ 200/2569")
    page.get_by_role("button", name="แต่งตั้งทุกคนที่เลือก").click()

    alerts = page.get_by_role("alert")
    expect(alerts.filter(has_text="แต่งตั้งอาสาสมัคร 2 คนอีกวาระ ตามคำสั่ง คำสั่งจังหวัดลำปาง ที่ 200/2569 แล้ว")).to_be_visible()
    # The one whose term had ended is out of office until the new term starts, and is told so.
    expect(alerts.filter(has_text="ครบวาระก่อนวาระใหม่เริ่ม")).to_contain_text(ended.full_name)
    expect(alerts.filter(has_text="ครบวาระก่อนวาระใหม่เริ่ม")).not_to_contain_text(soon.full_name)
    expect(page.get_by_test_id("soon-count")).to_have_text("1")
    expect(page.get_by_test_id("ended-count")).to_have_text("0")
    expect(page.get_by_test_id("board-soon")).to_contain_text("รอคำสั่ง")
    assert Term.objects.filter(order_no="คำสั่งจังหวัดลำปาง ที่ 200/2569").count() == 2
    assert stays.terms.count() == 1
