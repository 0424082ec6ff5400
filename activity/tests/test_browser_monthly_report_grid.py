"""In the browser, by keyboard only: the Lampang officer types a district's month from the paper forms, Tab by Tab,
each row saved on leaving it; a wrong number is shown in Thai on its row; a reload shows what was saved."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from activity.models import MonthlyReport
from provinces.models import District
from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_lampang_officer_types_a_month_by_keyboard(browser_login, live_server, lampang_officer, lampang, work_kinds):
    subdistrict = District.objects.get(code="5201").subdistricts.order_by("code").first()
    first = VolunteerFactory(province=lampang, subdistrict=subdistrict, first_name="กมล", last_name="ขยันงาน")
    second = VolunteerFactory(province=lampang, subdistrict=subdistrict, first_name="ขวัญใจ", last_name="ใฝ่รู้")
    page = browser_login(lampang_officer)
    expect.set_options(timeout=15_000)
    last_month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)

    page.goto(f"{live_server.url}/activity/province/52/grid/?district=5201&month={last_month:%Y-%m}")
    rows = page.get_by_test_id("grid-row")
    expect(rows).to_have_count(2)
    first_row, second_row = rows.nth(0), rows.nth(1)
    expect(first_row).to_contain_text("กมล ขยันงาน")
    expect(first_row.get_by_role("button", name="บันทึก")).to_be_hidden()

    first_row.locator("input[name=k_info_jobs]").focus()
    typed = ["5", "", "2", "", "", "1", "", "", "3", "1"]
    for value in typed:
        if value:
            page.keyboard.type(value)
        page.keyboard.press("Tab")
    page.keyboard.type("ค่าแรงต่ำกว่าขั้นต่ำในร้านอาหาร")
    page.keyboard.press("Tab")
    # Tab left the first row for the second one, and the first row was saved.
    expect(second_row.locator("input[name=k_info_jobs]")).to_be_focused()
    expect(first_row.get_by_test_id("row-state")).to_contain_text("บันทึกแล้ว")
    expect(first_row.locator("input[name=k_info_training]")).to_have_value("0")

    page.keyboard.type("20000")
    for _ in range(len(work_kinds) + 1):  # through the numbers and the problems, out of the last row
        page.keyboard.press("Tab")
    expect(second_row.get_by_test_id("row-state")).to_contain_text("ไม่เกิน 10,000")
    expect(second_row.locator("input[name=k_info_jobs]")).to_have_attribute("aria-invalid", "true")
    assert not MonthlyReport.objects.filter(volunteer=second).exists()

    second_row.locator("input[name=k_info_jobs]").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    page.keyboard.press("Enter")
    expect(second_row.get_by_test_id("row-state")).to_contain_text("บันทึกแล้ว")

    page.reload()
    expect(first_row.locator("input[name=k_info_jobs]")).to_have_value("5")
    expect(first_row.locator("input[name=k_job_seekers]")).to_have_value("1")
    expect(first_row.locator("input[name=k_small_workplaces]")).to_have_value("1")
    expect(first_row.locator("input[name=problems]")).to_have_value("ค่าแรงต่ำกว่าขั้นต่ำในร้านอาหาร")
    expect(second_row.locator("input[name=k_info_jobs]")).to_have_value("20")
    report = MonthlyReport.objects.get(volunteer=first, month=last_month)
    assert report.counts["info_protection"] == 2 and report.counts["complaints"] == 3


def test_tab_from_a_pages_last_cell_goes_to_the_next_page_and_the_row_is_saved_first(
    browser_login, live_server, lampang_officer, lampang, work_kinds, settings
):
    settings.ACTIVITY_GRID_PAGE_SIZE = 2
    subdistrict = District.objects.get(code="5201").subdistricts.order_by("code").first()
    names = [("กมล", "ขยันงาน"), ("ขวัญใจ", "ใฝ่รู้"), ("จันทร์เพ็ญ", "ตั้งใจ")]
    volunteers = [
        VolunteerFactory(province=lampang, subdistrict=subdistrict, first_name=first, last_name=last)
        for first, last in names
    ]
    page = browser_login(lampang_officer)
    expect.set_options(timeout=15_000)
    last_month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)

    page.goto(f"{live_server.url}/activity/province/52/grid/?district=5201&month={last_month:%Y-%m}")
    expect(page.get_by_test_id("grid-row")).to_have_count(2)
    expect(page.get_by_test_id("grid-counts")).to_contain_text("แถว 1–2 จาก 3")
    last_row = page.get_by_test_id("grid-row").nth(1)
    last_row.locator("input[name=k_info_jobs]").focus()
    page.keyboard.type("4")
    last_row.locator("input[name=problems]").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("grid-next-page")).to_be_focused()
    expect(last_row.get_by_test_id("row-state")).to_contain_text("บันทึกแล้ว")

    page.keyboard.press("Enter")
    expect(page.get_by_test_id("grid-counts")).to_contain_text("แถว 3–3 จาก 3")
    expect(page.get_by_test_id("grid-row")).to_have_count(1)
    expect(page.get_by_test_id("grid-row").first).to_contain_text("จันทร์เพ็ญ ตั้งใจ")
    assert MonthlyReport.objects.get(volunteer=volunteers[1], month=last_month).counts["info_jobs"] == 4


def test_a_refused_number_is_explained_beside_the_name_and_cleared_when_put_back(
    browser_login, live_server, lampang_officer, lampang, work_kinds
):
    subdistrict = District.objects.get(code="5201").subdistricts.order_by("code").first()
    VolunteerFactory(province=lampang, subdistrict=subdistrict, first_name="กมล", last_name="ขยันงาน")
    VolunteerFactory(province=lampang, subdistrict=subdistrict, first_name="ขวัญใจ", last_name="ใฝ่รู้")
    page = browser_login(lampang_officer)
    expect.set_options(timeout=15_000)
    last_month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    page.goto(f"{live_server.url}/activity/province/52/grid/?district=5201&month={last_month:%Y-%m}")
    first_row, second_row = page.get_by_test_id("grid-row").nth(0), page.get_by_test_id("grid-row").nth(1)
    count = first_row.locator("input[name=k_info_jobs]")

    count.fill("-5")
    second_row.locator("input[name=k_info_jobs]").focus()  # the cursor goes on to the next row
    expect(first_row.get_by_test_id("row-message")).to_contain_text("ติดลบ")
    expect(first_row.get_by_test_id("row-message")).to_be_in_viewport()

    count.fill("")
    second_row.locator("input[name=k_info_jobs]").focus()
    expect(first_row.get_by_test_id("row-message")).to_have_text("")
    expect(first_row.get_by_test_id("row-state")).to_contain_text("กลับเป็นตัวเลขที่บันทึกไว้แล้ว")
    expect(count).not_to_have_attribute("aria-invalid", "true")
    assert "row-error" not in (first_row.get_attribute("class") or "")
    assert not MonthlyReport.objects.exists()
