"""Shared test fixtures: the six personas, Lampang and Chiang Mai with a mentor, a volunteer and an event, a logged-in
client, and headless Chromium. Each fixture is defined here once; an app's conftest.py holds only what its own tests use."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Each test makes several personas; the production hasher would spend most of the run hashing their passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def thai_after_each_test():
    # A request in English mode leaves English active in the thread (Django's locale middleware never switches
    # back), so a later test that formats text outside a request would read English.
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def cache_of_this_test(settings):
    # Cached report figures stay inside the test: not shared with the portal's files, nor with other runs, nor (the
    # cache lives as long as the process) with the next test.
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tasks_at_once(settings, tmp_path):
    """Background tasks (roster checks and imports, certificate batches) run inside the request that queues them,
    with the immediate backend, and the files they keep go to a throwaway folder. Apps whose tests need it turn it on
    for all their tests in their conftest.py."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    # One test database per pytest process, so that several runs can share one PostgreSQL server.
    from django.conf import settings

    name = settings.DATABASES["default"]["NAME"]
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_{name}_{os.getpid()}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from core.alongside import close_connections
    from provinces.services import load_geography

    with django_db_blocker.unblock():
        load_geography()
    yield
    # Before the test database is dropped: the report threads keep connections to it between pages.
    close_connections()


@pytest.fixture
def tables_recorded_as_empty(db):
    """record(*tables) writes what an autovacuum ANALYZE leaves when it runs while a bulk load is uncommitted: the
    tables' pages, and no live row in them. For the tests of plans that must not depend on those figures; they skip
    where the database user may not set a table's statistics."""
    from django.db import connection

    def record(*tables):
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if not cursor.fetchone()[0]:
                pytest.skip("setting a table's statistics needs a superuser")
            cursor.execute("UPDATE pg_class SET relpages = 1, reltuples = 0 WHERE relname = ANY(%s)", [list(tables)])

    return record


@pytest.fixture
def geography(db):
    """Geography is loaded once per session; tests on a live server truncate it, so reload when missing."""
    from provinces.models import Province
    from provinces.services import load_geography

    if Province.objects.count() < 77:
        load_geography()


@pytest.fixture
def lampang(geography):
    from provinces.models import Province

    return Province.objects.get(code="52")


@pytest.fixture
def chiang_mai(geography):
    from provinces.models import Province

    return Province.objects.get(code="50")


@pytest.fixture
def bangkok(geography):
    from provinces.models import Province

    return Province.objects.get(code="10")


@pytest.fixture
def lampang_officer(lampang):
    from accounts.tests.factories import StaffFactory

    return StaffFactory(username="lampang.officer", role="officer", province=lampang)


@pytest.fixture
def lampang_viewer(lampang):
    from accounts.tests.factories import StaffFactory

    return StaffFactory(username="lampang.viewer", role="viewer", province=lampang)


@pytest.fixture
def chiangmai_officer(chiang_mai):
    from accounts.tests.factories import StaffFactory

    return StaffFactory(username="chiangmai.officer", role="officer", province=chiang_mai)


@pytest.fixture
def hq_analyst(geography):
    from accounts.tests.factories import StaffFactory

    return StaffFactory(username="hq.analyst", role="hq", province=None)


@pytest.fixture
def hq_officer(geography):
    from accounts.tests.factories import StaffFactory

    return StaffFactory(username="hq.officer", role="hq_officer", province=None)


@pytest.fixture
def admin_user(geography):
    from accounts.tests.factories import StaffFactory

    return StaffFactory(username="admin", role="admin", province=None)


@pytest.fixture
def lampang_anti_trafficking(lampang):
    from accounts.scope import ANTI_TRAFFICKING
    from accounts.tests.factories import StaffFactory

    return StaffFactory(username="lampang.trafficking", role=ANTI_TRAFFICKING, province=lampang)


@pytest.fixture
def lampang_agency_staff(lampang):
    """Staff of Lampang's employment office (สำนักงานจัดหางานจังหวัดลำปาง): the cases referred to it, nothing else."""
    from accounts.scope import AGENCY_STAFF
    from accounts.tests.factories import StaffFactory
    from provinces.models import Agency

    agency = Agency.objects.get(province=lampang, kind=Agency.Kind.EMPLOYMENT)
    return StaffFactory(username="lampang.agency", role=AGENCY_STAFF, province=lampang, agency=agency)


@pytest.fixture
def lampang_mentor(lampang):
    from mentors.tests.factories import MentorFactory

    return MentorFactory(province=lampang, first_name="วิไล", last_name="พี่เลี้ยงดี", phone="0812223333")


@pytest.fixture
def chiangmai_mentor(chiang_mai):
    from mentors.tests.factories import MentorFactory

    return MentorFactory(province=chiang_mai, first_name="ดอย", last_name="สุเทพ")


@pytest.fixture
def lampang_volunteer(lampang, lampang_mentor):
    from volunteers.tests.factories import VolunteerFactory

    return VolunteerFactory(
        province=lampang, first_name="สมหมาย", last_name="ขยันยิ่ง", national_id="1520100012349", mentor=lampang_mentor
    )


@pytest.fixture
def chiangmai_volunteer(chiang_mai):
    from volunteers.tests.factories import VolunteerFactory

    return VolunteerFactory(province=chiang_mai, first_name="คำแปง", last_name="ไชยวงศ์")


@pytest.fixture
def lampang_event(lampang):
    from trainings.tests.factories import EventFactory

    return EventFactory(host_province=lampang)


@pytest.fixture
def personas(lampang_officer, lampang_viewer, chiangmai_officer, hq_analyst, hq_officer, admin_user):
    return {
        "lampang_officer": lampang_officer,
        "lampang_viewer": lampang_viewer,
        "chiangmai_officer": chiangmai_officer,
        "hq_analyst": hq_analyst,
        "hq_officer": hq_officer,
        "admin": admin_user,
    }


@pytest.fixture
def client_for(client):
    """`client_for(user)` logs the test client in as that user and returns it."""

    def login(user):
        client.force_login(user)
        verify_second_factor(client, user)
        return client

    return login


def totp_device_for(user):
    """The user's confirmed authenticator, created on first use, ready to accept the current code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    # The device refuses a code it has already accepted; tests may log in twice within one 30-second step.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    device.refresh_from_db()
    return device


def current_totp(device) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def verify_second_factor(client, user) -> None:
    """HQ (analysts, officers) and administrators must pass 2FA: mark the test client's session as verified."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from accounts.scope import is_national

    if not is_national(user):
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device_for(user).persistent_id
    session.save()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def browser_login(page, live_server):
    """`browser_login(user)` signs in through the Thai login page and returns the page."""
    from accounts.tests.factories import PASSWORD

    def login(user, password=PASSWORD):
        from accounts.scope import is_national

        device = totp_device_for(user) if is_national(user) else None
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("ชื่อผู้ใช้").fill(user.username)
        page.get_by_label("รหัสผ่าน").fill(password)
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        page.wait_for_load_state()
        if device is not None and "/accounts/2fa/" in page.url:
            # HQ and administrators: the second step asks for the authenticator's current code.
            page.get_by_label("รหัสยืนยัน 6 หลัก").fill(current_totp(device))
            page.get_by_role("button", name="ยืนยัน", exact=True).click()
            page.wait_for_load_state()
        return page

    return login
