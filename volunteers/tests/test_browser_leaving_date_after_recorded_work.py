"""In the browser, in Thai: the Lampang officer records a resignation dated before a case the volunteer spotted; the
status page says why in Thai beside the date and nothing changes; the day after the case is saved."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from cases.tests.factories import CaseFactory
from volunteers.models import StatusChange, Volunteer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_resignation_before_a_spotted_case_is_refused_on_the_status_page(
    browser_login, live_server, lampang_officer, lampang_volunteer
):
    lampang_volunteer.appointed_on = dt.date(2024, 1, 10)
    lampang_volunteer.save()
    CaseFactory(volunteer=lampang_volunteer, spotted_on=dt.date(2025, 3, 20))
    page = browser_login(lampang_officer)

    page.goto(f"{live_server.url}/volunteers/{lampang_volunteer.pk}/status/")
    page.locator("select[name=to_status]").select_option("resigned")
    page.locator("input[name=changed_on]").fill("01/03/2568")
    page.locator("textarea[name=reason]").fill("แจ้งลาออกตามหนังสือของอำเภอ")
    page.get_by_role("button", name="บันทึกการเปลี่ยนสถานะ").click()

    expect(page.locator("form:has(textarea[name=reason])")).to_contain_text(
        "มีเรื่องส่งต่อ 1 เรื่องที่อาสาสมัครพบในหรือหลังวันที่มีผล 1 มี.ค. 2568 ล่าสุดพบเมื่อ 20 มี.ค. 2568"
    )
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.status == Volunteer.Status.ACTIVE
    assert not StatusChange.objects.filter(volunteer=lampang_volunteer).exists()

    page.locator("input[name=changed_on]").fill("21/03/2568")
    page.get_by_role("button", name="บันทึกการเปลี่ยนสถานะ").click()
    page.wait_for_load_state()
    lampang_volunteer.refresh_from_db()
    assert (lampang_volunteer.status, lampang_volunteer.status_changed_on) == ("resigned", dt.date(2025, 3, 21))
