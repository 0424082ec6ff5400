"""In the browser: the Lampang officer finds a volunteer by the full national ID, filters and pages on, and the ID
is in no URL the browser asked for, nor in its history; then opens the full ID by giving a purpose."""

import re

import pytest
from playwright.sync_api import expect

from core.models import AuditEvent
from provinces.models import Subdistrict
from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

NATIONAL_ID = "1520100012349"
DASHED = "1-5201-00012-34-9"


def test_lampang_officer_searches_by_id_and_the_id_is_in_no_url(
    browser_login, live_server, lampang_officer, lampang, lampang_volunteer
):
    # Enough namesakes in the volunteer's district for more than one page of ten.
    district_id = lampang_volunteer.subdistrict.district_id
    subdistrict = Subdistrict.objects.filter(district_id=district_id).first()
    VolunteerFactory.create_batch(12, province=lampang, subdistrict=subdistrict, first_name="สมหมาย", last_name="คนอื่น")
    page = browser_login(lampang_officer)
    expect.set_options(timeout=15_000)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    visited = []
    page.on("framenavigated", lambda frame: visited.append(frame.url) if frame == page.main_frame else None)

    page.goto(f"{live_server.url}/volunteers/")
    page.get_by_role("searchbox").fill(DASHED)
    page.get_by_role("button", name="ค้นหา").click()
    expect(page.get_by_test_id("result-count")).to_have_text("พบ 1 คน")
    expect(page.get_by_test_id("volunteer-table")).to_contain_text("นายสมหมาย ขยันยิ่ง")
    assert "search=" in page.url

    # Filter after the search: the district drop-down submits the form by itself, the search box still holding the ID.
    page.locator("#id_district").select_option(str(district_id))
    expect(page.locator("#id_district")).to_have_value(str(district_id))
    expect(page.get_by_test_id("result-count")).to_have_text("พบ 1 คน")
    page.locator("#id_status").select_option("active")
    page.get_by_role("button", name="ค้นหา").click()
    expect(page.get_by_test_id("volunteer-table")).to_contain_text("นายสมหมาย ขยันยิ่ง")

    # Page through a name search, then search by the ID from page 2.
    page.get_by_role("searchbox").fill("สมหมาย")
    page.locator("#id_per_page").select_option("10")
    page.get_by_role("button", name="ค้นหา").click()
    expect(page.get_by_test_id("result-count")).to_have_text("พบ 13 คน")
    page.get_by_role("link", name=re.compile("ถัดไป")).click()
    expect(page.locator(".pagination")).to_contain_text("หน้า 2 จาก 2")
    page.get_by_role("searchbox").fill(NATIONAL_ID)
    page.get_by_role("button", name="ค้นหา").click()
    expect(page.get_by_test_id("result-count")).to_have_text("พบ 1 คน")

    # Open the volunteer and the full ID, giving a purpose.
    page.get_by_role("link", name="นายสมหมาย ขยันยิ่ง").click()
    expect(page.get_by_test_id("national-id")).to_have_text("1-5201-xxxxx-xx-9")
    page.get_by_text("แสดงเลขประจำตัวประชาชนเต็ม").click()
    page.get_by_label("ตรวจสอบข้อมูลซ้ำ").check()
    page.get_by_role("button", name="แสดงเลขเต็ม").click()
    expect(page.get_by_test_id("national-id")).to_have_text(DASHED)
    assert AuditEvent.objects.get(action="view_national_id").detail["purpose"] == "duplicates"

    history = []
    for _step in range(6):
        history.append(page.url)
        page.go_back()
    history.append(page.url)

    urls = requested + visited + history
    assert any("/volunteers/?" in url for url in urls)
    leaked = [url for url in urls if NATIONAL_ID in url or DASHED in url]
    assert not leaked, leaked
