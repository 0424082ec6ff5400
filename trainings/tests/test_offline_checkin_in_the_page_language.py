"""Check-in without signal speaks the page's language (probe p4, D1): in English the panel's state line, badge, button
and messages are English and the time it was prepared has a CE year; in Thai they stay Thai with the BE year."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from trainings.tests.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

# Preparing fetches some twenty files: on a busy test machine, more than expect's 5 s.
SLOW = 20_000
THAI = re.compile("[\u0e00-\u0e7f]")

WORDS = {
    "en": {
        "prepare": "Prepare for use without signal",
        "ready": r"^Ready for use without signal: 3 people on the list, prepared on \d{1,2} [A-Z][a-z]{2} {ce}, \d\d:\d\d$",
        "again": "Prepare again",
        "ticked": "{name} is checked in (waiting to be sent)",
        "pending": "1 waiting to be sent",
        "unknown": "No one on today's list of participants has the code “NOSUCH1”. Please check the code.",
        "sent": "2 sent",
    },
    "th": {
        "prepare": "เตรียมใช้งานแบบไม่มีสัญญาณ",
        "ready": r"^พร้อมใช้แบบไม่มีสัญญาณ: รายชื่อ 3 คน เตรียมไว้เมื่อ \d{1,2} \S+ {be} \d\d:\d\d น\.$",
        "again": "เตรียมใหม่",
        "ticked": "บันทึกการเข้าร่วมของ {name} แล้ว (รอส่ง)",
        "pending": "รอส่ง 1 รายการ",
        "unknown": "ไม่พบรหัส “NOSUCH1” ในรายชื่อผู้เข้าร่วมของวันนี้ ตรวจสอบรหัสอีกครั้ง",
        "sent": "ส่งแล้ว 2 รายการ",
    },
}


@pytest.mark.parametrize("language", ["en", "th"])
def test_the_offline_panel_speaks_the_page_language_with_its_calendar(
    browser_login, live_server, lampang_officer, lampang, language
):
    words = WORDS[language]
    event = EventFactory(host_province=lampang, start_date=timezone.localdate(), title="อบรมอาสาสมัครแรงงาน")
    people = [RegistrationFactory(event=event, name=f"นางสาวผู้เข้าร่วม ลำดับ{n}") for n in range(3)]
    day = event.days.get()
    year = timezone.localdate().year
    page = browser_login(lampang_officer)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])

    page.goto(f"{live_server.url}/trainings/{event.pk}/days/{day.pk}/tick/")
    page.get_by_role("button", name=words["prepare"]).click()
    ready = re.compile(words["ready"].replace("{ce}", str(year)).replace("{be}", str(year + 543)))
    expect(page.get_by_test_id("offline-state")).to_have_text(ready, timeout=SLOW)
    expect(page.locator("#offline-prepare")).to_have_text(words["again"])

    # Without signal a tap waits on the phone: the message and the badge say so in the page's language.
    page.context.set_offline(True)
    page.locator(f"tr.tick-row[data-registration='{people[0].pk}']").click()
    expect(page.locator("#tick-message")).to_have_text(words["ticked"].replace("{name}", people[0].name))
    expect(page.get_by_test_id("offline-pending")).to_have_text(words["pending"])
    if language == "en":
        assert not THAI.search(page.get_by_test_id("offline-panel").inner_text())

    # The QR page's copy on the phone answers a code nobody has.
    page.goto(f"{live_server.url}/trainings/{event.pk}/days/{day.pk}/checkin/")
    page.locator("#code-form input[name=code]").fill("NOSUCH1")
    page.locator("#code-form").evaluate("(form) => form.requestSubmit()")
    expect(page.get_by_test_id("checkin-result")).to_have_text(words["unknown"])
    page.locator("#code-form input[name=code]").fill(people[1].code)
    page.locator("#code-form").evaluate("(form) => form.requestSubmit()")
    expect(page.get_by_test_id("offline-pending")).to_be_visible()

    page.context.set_offline(False)
    expect(page.get_by_test_id("offline-results")).to_have_text(words["sent"], timeout=SLOW)
    if language == "en":
        assert not THAI.search(page.get_by_test_id("offline-panel").inner_text())
