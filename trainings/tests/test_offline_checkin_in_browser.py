"""Check-in without signal in Chromium (issue 17): a day prepared for offline, ticked, unticked and scanned with the
network off, the page closed and opened again, and everything sent once the signal returns; two phones; a
registration cancelled meanwhile; and logging out wiping what the phone kept."""

import datetime as dt
import threading

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.utils import timezone
from playwright.sync_api import expect

from trainings import services
from trainings.models import Attendance
from trainings.tests.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

# Preparing fetches some twenty files and a send writes a whole queue: on a busy test machine, more than expect's 5 s.
SLOW = 20_000

STORED = """async () => ({
  databases: (await indexedDB.databases()).map((d) => d.name),
  caches: await caches.keys(),
  workers: (await navigator.serviceWorker.getRegistrations()).length,
})"""


class Signal:
    """The venue's signal. Playwright's offline mode alone once let a request from the phone reach the live server
    (a CI run found the queued day's ticks in the database before the signal came back), so when the signal is lost
    the live server also closes every connection unanswered, as if the request had never left the phone."""

    def __init__(self):
        self.lost = threading.Event()

    def lose(self, *contexts):
        self.lost.set()
        for context in contexts:
            context.set_offline(True)

    def restore(self, *contexts):
        self.lost.clear()
        for context in contexts:
            context.set_offline(False)


@pytest.fixture
def signal(monkeypatch):
    signal = Signal()
    parse_request = WSGIRequestHandler.parse_request

    def parse_request_unless_lost(handler):
        if signal.lost.is_set():
            handler.close_connection = True
            return False
        return parse_request(handler)

    monkeypatch.setattr(WSGIRequestHandler, "parse_request", parse_request_unless_lost)
    return signal


@pytest.fixture
def event(lampang):
    return EventFactory(host_province=lampang, start_date=timezone.localdate(), title="อบรมอาสาสมัครแรงงาน ณ วัดพระธาตุ")


@pytest.fixture
def people(event):
    return [RegistrationFactory(event=event, name=f"นางสาวผู้เข้าร่วม ลำดับ{n:02d}") for n in range(50)]


def tick_url(live_server, event):
    return f"{live_server.url}/trainings/{event.pk}/days/{event.days.get().pk}/tick/"


def checkin_url(live_server, event):
    return f"{live_server.url}/trainings/{event.pk}/days/{event.days.get().pk}/checkin/"


def prepare(page, live_server, event, count):
    page.goto(tick_url(live_server, event))
    page.get_by_role("button", name="เตรียมใช้งานแบบไม่มีสัญญาณ").click()
    expect(page.get_by_test_id("offline-state")).to_contain_text(f"รายชื่อ {count} คน เตรียมไว้เมื่อ", timeout=SLOW)


def row(page, registration):
    return page.locator(f"tr.tick-row[data-registration='{registration.pk}']")


def photo_of_slip(page, live_server, registration, path):
    """A photo of the printed slip's QR code, as the phone's camera would take it."""
    page.goto(f"{live_server.url}/trainings/registrations/{registration.pk}/slip/")
    page.locator(".slip svg").screenshot(path=path)
    return str(path)


def test_a_day_ticked_and_scanned_without_signal_arrives_once_when_the_signal_returns(
    browser_login, live_server, lampang_officer, event, people, tmp_path, signal
):
    page = browser_login(lampang_officer)
    context = page.context
    # Under the portal's strict CSP: no inline script or worker of the offline pages may be blocked.
    blocked = []
    context.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
    photos = [photo_of_slip(page, live_server, p, tmp_path / f"slip{n}.png") for n, p in enumerate(people[20:23])]
    prepare(page, live_server, event, 50)

    signal.lose(context)
    page.reload()
    expect(page.get_by_test_id("offline-network")).to_be_visible()
    expect(page.get_by_test_id("offline-state")).to_contain_text("รายชื่อ 50 คน")
    for person in people[:20]:
        row(page, person).click()
    expect(page.get_by_test_id("present-count")).to_have_text("20")
    # Search works offline: find two of them by name and tap them again to take the tick back.
    for person in people[:2]:
        page.get_by_label("ค้นหาชื่อ หน่วยงาน หรือรหัส").fill(person.name.split()[-1])
        expect(page.locator("tr.tick-row:visible")).to_have_count(1)
        row(page, person).click()
        expect(row(page, person)).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_test_id("present-count")).to_have_text("18")
    expect(page.get_by_test_id("offline-pending")).to_have_text("รอส่ง 22 รายการ")

    # The QR page, opened offline from the phone's copy, reads three slips from photos.
    page.goto(checkin_url(live_server, event))
    for photo, person in zip(photos, people[20:23], strict=True):
        page.locator("#photo-scan").set_input_files(photo)
        expect(page.get_by_test_id("checkin-result")).to_contain_text(f"บันทึกการเข้าร่วมของ {person.name} แล้ว")
    expect(page.get_by_test_id("offline-pending")).to_have_text("รอส่ง 25 รายการ")
    expect(page.get_by_test_id("present-count")).to_have_text("21")
    assert not Attendance.objects.exists()

    # Closed and opened again, still without signal: the queue and the ticks are still there.
    page.close()
    page = context.new_page()
    page.goto(tick_url(live_server, event))
    expect(page.get_by_test_id("offline-pending")).to_have_text("รอส่ง 25 รายการ")
    expect(page.get_by_test_id("present-count")).to_have_text("21")
    expect(page.locator("tr.tick-row.is-present")).to_have_count(21)

    signal.restore(context)
    expect(page.get_by_test_id("offline-results")).to_contain_text("ส่งแล้ว 25 รายการ", timeout=SLOW)
    expect(page.get_by_test_id("offline-pending")).to_be_hidden()
    expected = {p.pk for p in people[2:23]}
    assert set(Attendance.objects.values_list("registration_id", flat=True)) == expected
    assert Attendance.objects.count() == 21
    assert set(Attendance.objects.filter(registration__in=people[20:23]).values_list("method", flat=True)) == {"qr"}

    assert blocked == []

    # The event's own page, the one the reports count from, says 21 too.
    page.goto(f"{live_server.url}/trainings/{event.pk}/")
    expect(page.get_by_test_id("total-attended")).to_have_text("21")


def test_a_long_queue_is_sent_in_parts_until_none_is_left(
    browser_login, live_server, lampang_officer, event, people, signal, monkeypatch
):
    """A desk offline all day at a large event queues more taps than the server takes in one request (2,000): the
    page sends them in parts, here of four, and the badge empties."""
    from trainings import offline

    monkeypatch.setattr(offline, "SYNC_BATCH", 4)
    page = browser_login(lampang_officer)
    sends = []
    page.context.on("request", lambda r: r.method == "POST" and r.url.endswith("/offline/sync/") and sends.append(r))
    prepare(page, live_server, event, 50)

    signal.lose(page.context)
    page.reload()
    for person in people[:10]:
        row(page, person).click()
    expect(page.get_by_test_id("offline-pending")).to_have_text("รอส่ง 10 รายการ")

    signal.restore(page.context)
    expect(page.get_by_test_id("offline-results")).to_contain_text("ส่งแล้ว 10 รายการ", timeout=SLOW)
    expect(page.get_by_test_id("offline-pending")).to_be_hidden()
    assert len(sends) == 3
    assert set(Attendance.objects.values_list("registration_id", flat=True)) == {p.pk for p in people[:10]}


def test_two_phones_ticking_the_same_ten_people_offline_count_them_once(
    chromium, live_server, lampang_officer, event, people, signal
):
    from accounts.tests.factories import PASSWORD

    pages = []
    for _ in range(2):
        context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("ชื่อผู้ใช้").fill(lampang_officer.username)
        page.get_by_label("รหัสผ่าน").fill(PASSWORD)
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        page.wait_for_load_state()
        prepare(page, live_server, event, 50)
        pages.append(page)
    try:
        # Both phones were prepared at the office; at the venue there is no signal.
        signal.lose(*(page.context for page in pages))
        for page in pages:
            page.reload()
        for page in pages:
            for person in people[:10]:
                row(page, person).click()
            expect(page.get_by_test_id("offline-pending")).to_have_text("รอส่ง 10 รายการ")
        assert not Attendance.objects.exists()
        for page in pages:
            signal.restore(page.context)
            expect(page.get_by_test_id("offline-results")).to_contain_text("ส่งแล้ว 10 รายการ", timeout=SLOW)
        assert Attendance.objects.count() == 10
        assert set(Attendance.objects.values_list("registration_id", flat=True)) == {p.pk for p in people[:10]}
    finally:
        for page in pages:
            page.context.close()


def test_a_registration_cancelled_while_offline_is_refused_at_sync_with_the_reason(
    browser_login, live_server, lampang_officer, event, people, signal
):
    page = browser_login(lampang_officer)
    prepare(page, live_server, event, 50)
    signal.lose(page.context)
    page.reload()
    services.cancel_registration(registration=people[0], reason="ป่วย แจ้งไม่มาร่วม", by=lampang_officer)
    row(page, people[0]).click()
    row(page, people[1]).click()
    # A double tap by mistake ticks and unticks: both taps are kept, in order.
    row(page, people[2]).dblclick()
    expect(page.get_by_test_id("offline-pending")).to_have_text("รอส่ง 4 รายการ")
    expect(row(page, people[2])).to_have_attribute("aria-pressed", "false")

    signal.restore(page.context)
    expect(page.get_by_test_id("offline-results")).to_contain_text("ส่งแล้ว 3 รายการ · ไม่ได้บันทึก 1 รายการ", timeout=SLOW)
    expect(page.get_by_test_id("offline-refused")).to_have_text(
        f"{people[0].name}: การลงทะเบียนของ {people[0].name} ถูกยกเลิกแล้ว"
    )
    assert list(Attendance.objects.values_list("registration_id", flat=True)) == [people[1].pk]
    expect(row(page, people[0])).to_have_attribute("aria-pressed", "false")


def test_logging_out_wipes_the_list_and_the_cached_pages_from_the_phone(
    browser_login, live_server, lampang_officer, event, people
):
    page = browser_login(lampang_officer)
    prepare(page, live_server, event, 50)
    stored = page.evaluate(STORED)
    assert stored["databases"] == ["portal-checkin"] and stored["caches"] and stored["workers"] == 1

    page.get_by_test_id("current-user").click()
    page.get_by_role("button", name="ออกจากระบบ").click()
    page.wait_for_url("**/accounts/login/**")
    assert page.evaluate(STORED) == {"databases": [], "caches": [], "workers": 0}


def test_a_week_after_the_event_the_phone_forgets_the_list(browser_login, live_server, lampang_officer, event, people):
    page = browser_login(lampang_officer)
    prepare(page, live_server, event, 50)
    row(page, people[0]).click()
    expect(page.get_by_test_id("offline-results")).to_contain_text("ส่งแล้ว 1 รายการ", timeout=SLOW)
    assert page.evaluate(STORED)["databases"] == ["portal-checkin"]
    # The phone's calendar moves on to eight days after the (one-day) event, and the page is opened again.
    page.clock.set_fixed_time(dt.datetime.combine(event.end_date + dt.timedelta(days=8), dt.time(9)))
    page.reload()
    expect(page.get_by_test_id("offline-panel")).to_have_attribute("data-ready", "true")
    expect(page.get_by_test_id("offline-state")).to_have_text("ยังไม่ได้เตรียมใช้งานแบบไม่มีสัญญาณ")
    assert page.evaluate(STORED) == {"databases": [], "caches": [], "workers": 0}


def test_the_offline_panel_fits_a_phone_and_axe_finds_nothing(
    chromium, live_server, lampang_officer, event, people, signal
):
    from axe_playwright_python.sync_playwright import Axe

    from accounts.tests.factories import PASSWORD
    from tests.test_phone_width import WCAG_AA

    # axe is injected as a script of its own, which the portal's Content-Security-Policy would refuse.
    context = chromium.new_context(locale="th-TH", viewport={"width": 390, "height": 844}, bypass_csp=True)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("ชื่อผู้ใช้").fill(lampang_officer.username)
        page.get_by_label("รหัสผ่าน").fill(PASSWORD)
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        page.wait_for_load_state()
        prepare(page, live_server, event, 50)
        signal.lose(context)
        for url in (tick_url(live_server, event), checkin_url(live_server, event)):
            page.goto(url)
            if url.endswith("tick/"):
                row(page, people[0]).click()
            expect(page.get_by_test_id("offline-pending")).to_have_text("รอส่ง 1 รายการ")
            expect(page.get_by_test_id("offline-network")).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
            violations = Axe().run(page, options=WCAG_AA).response["violations"]
            assert [v["id"] for v in violations] == [], url
    finally:
        context.close()
