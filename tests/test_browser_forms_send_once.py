"""A second click on a form's button while the first submission is on its way does not send the form twice."""

import contextlib
import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from activity.models import MonthClosure
from trainings.models import Event

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _fill_new_workshop(page, live_server, title):
    page.goto(f"{live_server.url}/trainings/new/")
    page.locator("[name=title]").fill(title)
    page.locator("[name=kind]").select_option("workshop")
    page.locator("[name=venue]").fill("ห้องประชุมศาลากลางจังหวัดลำปาง")
    page.locator("[name=start_date]").fill("15/01/2570")
    page.locator("[name=end_date]").fill("15/01/2570")
    page.locator("[name=target_volunteer]").fill("40")
    page.get_by_label("เครือข่ายอาสาสมัครแรงงาน").check()


def _answers_slowly(page, path):
    """The server gets each POST to `path` at once and its answer reaches the browser a second later, as on a
    provincial office's link: time enough for an officer to click again."""

    def slow(route):
        if route.request.method != "POST":
            return route.continue_()
        answer = route.fetch(max_redirects=0)
        time.sleep(1)
        with contextlib.suppress(PlaywrightError):  # a second submission cancels the first one's navigation
            route.fulfill(response=answer)

    page.route(f"**{path}", slow)


def test_a_second_click_while_saving_creates_one_event(browser_login, live_server, lampang_officer):
    page = browser_login(lampang_officer)
    _fill_new_workshop(page, live_server, "อบรมอาสาสมัครแรงงานรุ่นที่ 1")
    _answers_slowly(page, "/trainings/new/")

    page.get_by_role("button", name="บันทึก").evaluate("save => { save.click(); setTimeout(() => save.click(), 300); }")

    expect(page.get_by_test_id("event-title")).to_have_text("อบรมอาสาสมัครแรงงานรุ่นที่ 1")
    assert Event.objects.filter(title="อบรมอาสาสมัครแรงงานรุ่นที่ 1").count() == 1


def test_a_form_refused_by_the_server_can_be_sent_again(browser_login, live_server, lampang_officer):
    page = browser_login(lampang_officer)
    _fill_new_workshop(page, live_server, "")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.locator("[name=title]")).to_have_attribute("aria-invalid", "true")

    page.locator("[name=title]").fill("อบรมอาสาสมัครแรงงานรุ่นที่ 2")
    page.get_by_role("button", name="บันทึก").click()

    expect(page.get_by_test_id("event-title")).to_have_text("อบรมอาสาสมัครแรงงานรุ่นที่ 2")
    assert Event.objects.filter(title="อบรมอาสาสมัครแรงงานรุ่นที่ 2").count() == 1


def test_a_form_whose_question_was_declined_is_sent_when_confirmed(browser_login, live_server, lampang_officer):
    page = browser_login(lampang_officer)
    page.goto(f"{live_server.url}/activity/province/52/")
    close = page.get_by_role("button", name="ปิดรับรายงานเดือนนี้")

    page.once("dialog", lambda dialog: dialog.dismiss())
    close.click()
    page.once("dialog", lambda dialog: dialog.accept())
    close.click()

    expect(page.locator(".alert-success")).to_contain_text("ปิดรับรายงานเดือน")
    assert MonthClosure.objects.closed().filter(province__code="52").count() == 1
