"""A session ends after 30 minutes without a request and 12 hours after the login, whatever happens."""

import time

import pytest
from django.conf import settings

from accounts.middleware import SESSION_SEEN_AT
from accounts.signals import SESSION_LOGIN_AT

pytestmark = pytest.mark.django_db


def shift_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_the_limits_are_30_minutes_idle_and_12_hours_in_all():
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60


def test_thirty_one_idle_minutes_end_the_session(client_for, lampang_officer):
    client = client_for(lampang_officer)
    assert client.get("/provinces/52/").status_code == 200
    shift_session(client, **{SESSION_SEEN_AT: 31 * 60})

    response = client.get("/provinces/52/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/?next=/provinces/52/")
    assert "ไม่มีการใช้งานเกิน 30 นาที" in response.text
    assert "_auth_user_id" not in client.session


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
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60
