"""In the browser, in Thai: the Lampang officer registers a volunteer, assigns a mentor, and finds them again."""

import pytest
from playwright.sync_api import expect

from mentors.tests.factories import MentorFactory
from provinces.models import Subdistrict

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_lampang_officer_registers_assigns_and_finds_a_volunteer(browser_login, live_server, lampang_officer, lampang):
    MentorFactory(province=lampang, title="นาง", first_name="จันทร์เพ็ญ", last_name="ดูแลดี")
    subdistrict = Subdistrict.objects.filter(province=lampang, district__code="5201").order_by("code").first()
    page = browser_login(lampang_officer)
    expect.set_options(timeout=15_000)

    page.locator("nav a[href='/volunteers/']").click()
    expect(page.get_by_role("heading", name="อาสาสมัครแรงงาน (อสร.)")).to_be_visible()
    page.get_by_role("link", name="ลงทะเบียนอาสาสมัคร").click()

    page.locator("#id_national_id").fill("1-5201-00099-88-6")
    page.locator("#id_title").select_option(label="นางสาว")
    page.locator("#id_first_name").fill("กาญจนาภรณ์")
    page.locator("#id_last_name").fill("ศรีเวียงแก้ว")
    page.locator("#id_gender").select_option(label="หญิง")
    page.locator("#id_birth_date").fill("15/08/2530")
    page.locator("#id_phone").fill("089 123 4567")
    page.locator("#id_district").select_option(str(subdistrict.district_id))
    page.locator("#id_subdistrict").select_option(str(subdistrict.pk))
    page.locator("#id_village_no").fill("3")
    page.locator("#id_appointed_on").fill("7 ม.ค. 2563")
    page.locator("#id_appointment_order").fill("คำสั่งจังหวัดลำปาง ที่ 15/2563")
    page.get_by_role("button", name="บันทึก").click()

    expect(page.get_by_test_id("volunteer-name")).to_have_text("นางสาวกาญจนาภรณ์ ศรีเวียงแก้ว")
    expect(page.get_by_test_id("birth-date")).to_contain_text("15 สิงหาคม 2530")
    expect(page.get_by_test_id("appointed-on")).to_have_text("7 มกราคม 2563")
    expect(page.get_by_test_id("national-id")).to_have_text("1-5201-xxxxx-xx-6")
    expect(page.get_by_test_id("mentor-name")).to_have_text("ยังไม่มีพี่เลี้ยง")

    page.locator("#id_mentor").select_option(label="นางจันทร์เพ็ญ ดูแลดี (สำนักงานแรงงานจังหวัดลำปาง)")
    page.get_by_role("button", name="มอบหมายพี่เลี้ยง").click()
    expect(page.get_by_test_id("mentor-name")).to_have_text("นางจันทร์เพ็ญ ดูแลดี")
    expect(page.get_by_role("alert")).to_contain_text("มอบหมายพี่เลี้ยง")

    page.locator("nav a[href='/volunteers/']").click()
    page.get_by_role("searchbox").fill("เวียง")
    page.get_by_role("button", name="ค้นหา").click()
    expect(page.get_by_test_id("result-count")).to_have_text("พบ 1 คน")
    table = page.get_by_test_id("volunteer-table")
    expect(table).to_contain_text("นางสาวกาญจนาภรณ์ ศรีเวียงแก้ว")
    expect(table).to_contain_text("1-5201-xxxxx-xx-6")
    expect(table).to_contain_text("7 ม.ค. 2563")
    expect(table).to_contain_text("จันทร์เพ็ญ")
