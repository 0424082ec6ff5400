"""A session ends after 30 minutes without a request and 12 hours after the login, whatever happens."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import F

from accounts.middleware import SESSION_SEEN_AT
from accounts.signals import SESSION_LOGIN_AT

pytestmark = pytest.mark.django_db


def shift_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def idle_for(client, seconds):
    """What the browser and the server hold after `seconds` without a request: the session's clocks and its stored
    expiry move back, and the browser forgets the cookie once its max-age (SESSION_COOKIE_AGE) has run out."""
    shift_session(client, **{SESSION_SEEN_AT: seconds})
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=F("expire_date") - timedelta(seconds=seconds)
    )
    if seconds >= settings.SESSION_COOKIE_AGE:
        del client.cookies[settings.SESSION_COOKIE_NAME]


def test_the_limits_are_30_minutes_idle_and_12_hours_in_all():
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    # The cookie outlives the idle window, so that the portal (not the browser) ends an idle session and says so.
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60


def test_thirty_one_idle_minutes_end_the_session(client_for, lampang_officer):
    client = client_for(lampang_officer)
    assert client.get("/provinces/52/").status_code == 200
    shift_session(client, **{SESSION_SEEN_AT: 31 * 60})

    response = client.get("/provinces/52/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/?next=/provinces/52/")
    assert "ไม่มีการใช้งานเกิน 30 นาที" in response.text
    assert "_auth_user_id" not in client.session


def test_the_login_page_says_the_session_ended_after_31_idle_minutes_as_a_browser_sees_it(client_for, lampang_officer):
    client = client_for(lampang_officer)
    assert client.get("/provinces/52/").status_code == 200
    idle_for(client, 31 * 60)

    response = client.get("/provinces/52/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "ออกจากระบบอัตโนมัติเนื่องจากไม่มีการใช้งานเกิน 30 นาที" in response.text


def test_a_busy_session_still_ends_twelve_hours_after_login(client_for, lampang_officer):
    client = client_for(lampang_officer)
    shift_session(client, **{SESSION_LOGIN_AT: 12 * 3600 + 60, SESSION_SEEN_AT: 10})

    response = client.get("/provinces/52/", follow=True)
    assert "ครบเวลาใช้งานสูงสุด 12 ชั่วโมง" in response.text
    assert "_auth_user_id" not in client.session


def test_an_active_session_is_kept_and_its_idle_clock_restarts(client_for, lampang_officer):
    client = client_for(lampang_officer)
    shift_session(client, **{SESSION_LOGIN_AT: 11 * 3600, SESSION_SEEN_AT: 29 * 60})

    response = client.get("/provinces/52/")
    assert response.status_code == 200
    assert int(time.time()) - client.session[SESSION_SEEN_AT] < 5
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 12 * 60 * 60
