"""The registration page in Chromium: checkbox lists filtered by typing, "select all shown", a count of those chosen,
no whole-group button for a mentor without volunteers, the page still registering people without JavaScript; and an
event's day rows that stay on one line at 1366 px and two at most on a 390 px phone (issue 13)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from mentors.tests.factories import MentorFactory
from trainings.tests.factories import EventFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

# Lines an element's content takes on screen: its text and inline boxes grouped by where they start vertically.
LINES = """(el) => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const tops = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0).map((r) => r.top);
  tops.sort((a, b) => a - b);
  let lines = 0, last = -1e9;
  for (const top of tops) { if (top - last > 12) { lines += 1; last = top; } }
  return lines;
}"""


@pytest.fixture
def people(lampang):
    alone = MentorFactory(province=lampang, first_name="สมหมาย", last_name="ไร้กลุ่ม")
    leader = MentorFactory(province=lampang, first_name="ประยุทธ", last_name="ขยันดี")
    VolunteerFactory(province=lampang, mentor=leader, first_name="บุญมี", last_name="ทองเหลือง")
    VolunteerFactory(province=lampang, mentor=leader, first_name="มาลี", last_name="ทองเหลือง")
    VolunteerFactory(province=lampang, first_name="จันทร์เพ็ญ", last_name="ทองเหลือง")
    return alone, leader


def test_an_officer_filters_ticks_the_people_shown_and_registers_just_them(
    browser_login, live_server, lampang_officer, lampang, people
):
    alone, leader = people
    event = EventFactory(host_province=lampang)
    page = browser_login(lampang_officer)
    page.goto(f"{live_server.url}/trainings/{event.pk}/register/")

    assert page.locator("select[multiple]").count() == 0
    expect(page.get_by_test_id(f"register-group-{leader.pk}")).to_be_visible()
    expect(page.get_by_test_id(f"register-group-{alone.pk}")).to_have_count(0)

    page.get_by_label("ค้นหาชื่อ").fill("ทองเหลือง")
    page.get_by_label("ค้นหาชื่อ").press("Enter")
    results = page.get_by_test_id("volunteer-results")
    expect(results.locator("tbody tr")).to_have_count(3)
    expect(page.get_by_test_id("picker-count-volunteer")).to_have_text("เลือกแล้ว 0 คน")

    # By keyboard: type in the labelled filter, tab to "select all shown", press Enter.
    page.get_by_label("กรองรายชื่อในผลค้นหา").fill("มาลี")
    expect(results.locator("tbody tr:visible")).to_have_count(1)
    page.keyboard.press("Enter")  # in the filter: nothing is sent
    expect(page.get_by_test_id("picker-count-volunteer")).to_have_text("เลือกแล้ว 0 คน · แสดง 1 จาก 3 คน")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("picker-count-volunteer")).to_have_text("เลือกแล้ว 1 คน · แสดง 1 จาก 3 คน")
    page.get_by_label("กรองรายชื่อในผลค้นหา").fill("")
    expect(results.locator("tbody tr:visible")).to_have_count(3)
    assert results.locator("input[name=volunteer]:checked").count() == 1

    page.get_by_role("button", name="ลงทะเบียนคนที่เลือก").click()
    expect(page.locator(".alert").first).to_contain_text("ลงทะเบียนแล้ว 1 คน")
    registered = list(event.registrations.values_list("volunteer__first_name", flat=True))
    assert registered == ["มาลี"]

    # The mentors: a checkbox list with the same tools.
    page.get_by_label("กรองรายชื่อพี่เลี้ยง").fill("ไร้กลุ่ม")
    expect(page.get_by_test_id("mentor-pick").locator("li:visible")).to_have_count(1)
    page.locator("[data-picker=mentor]").get_by_role("button", name="เลือกทั้งหมดที่แสดง").click()
    expect(page.get_by_test_id("picker-count-mentor")).to_have_text("เลือกแล้ว 1 คน · แสดง 1 จาก 2 คน")
    page.get_by_role("button", name="ลงทะเบียน", exact=True).click()
    expect(page.locator(".alert").first).to_contain_text("ลงทะเบียนแล้ว 1 คน")
    assert event.registrations.filter(mentor=alone).exists() and not event.registrations.filter(mentor=leader).exists()


def test_without_javascript_the_lists_are_plain_checkboxes_that_register(
    chromium, live_server, lampang_officer, lampang, people
):
    alone, _leader = people
    event = EventFactory(host_province=lampang)
    context = chromium.new_context(locale="th-TH", java_script_enabled=False, viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("ชื่อผู้ใช้").fill(lampang_officer.username)
        page.get_by_label("รหัสผ่าน").fill(PASSWORD)
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        page.goto(f"{live_server.url}/trainings/{event.pk}/register/")
        expect(page.locator("[data-picker-tools]").first).to_be_hidden()
        page.get_by_label("สมหมาย ไร้กลุ่ม").check()
        page.get_by_role("button", name="ลงทะเบียน", exact=True).click()
        expect(page.locator(".alert").first).to_contain_text("ลงทะเบียนแล้ว 1 คน")
        assert event.registrations.filter(mentor=alone).exists()
    finally:
        context.close()


@pytest.mark.parametrize(("width", "most_lines"), [(1366, 1), (390, 2)])
def test_each_day_row_of_an_event_stays_on_one_line_on_a_desktop_and_two_on_a_phone(
    browser_login, live_server, lampang_officer, lampang, page, width, most_lines
):
    event = EventFactory(
        host_province=lampang, start_date=dt.date(2020, 11, 28), end_date=dt.date(2020, 11, 30), title="อบรม " * 20
    )
    browser_login(lampang_officer)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/trainings/{event.pk}/")
    rows = page.get_by_test_id("day-row")
    expect(rows).to_have_count(3)
    for n in range(3):
        row = rows.nth(n)
        lines = row.evaluate(LINES)
        assert lines <= most_lines, f"day {n + 1} takes {lines} lines at {width} px"
        assert row.locator("td").first.evaluate(LINES) == 1, "the date itself is cut"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_axe_finds_nothing_on_the_picker_the_day_rows_and_the_certificates_page(
    chromium, live_server, browser_login, lampang_officer, lampang, people, settings, tmp_path
):
    from axe_playwright_python.sync_playwright import Axe

    from tests.test_phone_width import WCAG_AA
    from trainings import services
    from trainings.tests.factories import RegistrationFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    event = EventFactory(host_province=lampang, start_date=dt.date(2020, 11, 28), end_date=dt.date(2020, 11, 29))
    registration = RegistrationFactory(event=event, name="นายผ่าน อบรม")
    for day in event.days.all():
        services.check_in(day=day, registration=registration, method="tick", by=lampang_officer)
    cookies = browser_login(lampang_officer).context.cookies()
    # axe is injected as a script of its own, which the portal's Content-Security-Policy would refuse.
    context = chromium.new_context(locale="th-TH", viewport={"width": 1366, "height": 900}, bypass_csp=True)
    context.add_cookies(cookies)
    try:
        page = context.new_page()
        found = []
        for path in [f"/trainings/{event.pk}/register/?q=ทองเหลือง", f"/trainings/{event.pk}/"]:
            page.goto(f"{live_server.url}{path}")
            if "register" in path:  # the search results and their tools are on the page axe reads
                expect(page.get_by_label("กรองรายชื่อในผลค้นหา")).to_be_visible()
            found += [
                (path, v["id"], v["nodes"][0]["target"])
                for v in Axe().run(page, options=WCAG_AA).response["violations"]
            ]
        page.get_by_role("button", name="พิมพ์เกียรติบัตรทั้งหมด (1)").click()
        expect(page.get_by_test_id("download-certificates")).to_be_visible()
        found += [
            ("certificates", v["id"], v["nodes"][0]["target"])
            for v in Axe().run(page, options=WCAG_AA).response["violations"]
        ]
        assert not found
        # And on a 390 px phone, none of the three is wider than the screen.
        phone = chromium.new_context(locale="th-TH", viewport={"width": 390, "height": 844})
        phone.add_cookies(cookies)
        on_phone = phone.new_page()
        for path in [
            f"/trainings/{event.pk}/register/?q=ทองเหลือง",
            f"/trainings/{event.pk}/",
            f"/trainings/{event.pk}/certificates/",
        ]:
            on_phone.goto(f"{live_server.url}{path}")
            assert on_phone.evaluate("document.documentElement.scrollWidth") <= 390, path
        expect(on_phone.get_by_test_id("download-certificates")).to_be_visible()
        phone.close()
    finally:
        context.close()
