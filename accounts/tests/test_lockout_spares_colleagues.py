"""A provincial office's staff share one address (NAT): one colleague's wrong passwords lock that colleague's account,
not the office. An account is still locked whatever addresses the guesses come from, and an address trying many
usernames is still stopped, at its own, higher limit."""

import pytest
from django.conf import settings

from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
OFFICE = "198.51.100.10"
OFFICE_BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36"
ACCOUNT_LOCKED = "ผู้ใช้อื่นยังเข้าสู่ระบบได้ตามปกติ"
ADDRESS_LOCKED = "ระงับการเข้าสู่ระบบจากเครือข่ายนี้"


def attempt(client, username, password, address=OFFICE):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, HTTP_USER_AGENT=OFFICE_BROWSER
    )


def test_five_typos_by_one_colleague_do_not_lock_another_out_of_the_same_office(
    client, lampang_officer, lampang_viewer
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "lampang.officer", "wrong-password").status_code == 200
    response = attempt(client, "lampang.officer", "wrong-password")
    assert response.status_code == 429
    assert "ผิดครบ 5 ครั้ง" in response.text and ACCOUNT_LOCKED in response.text
    assert ADDRESS_LOCKED not in response.text

    # The colleague at the next desk: same office address, same browser.
    response = attempt(client, "lampang.viewer", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(lampang_viewer.pk)


def test_the_lockout_page_in_english_says_only_this_username_waits(client, lampang_officer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = attempt(client, "lampang.officer", "wrong-password")
    assert response.status_code == 429
    assert "The password for this username was entered wrongly 5 times" in response.text
    assert "blocked for 15 minutes. Other users can still log in." in response.text


def test_five_failures_against_one_account_lock_it_even_from_another_address(client, lampang_officer):
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = attempt(client, "lampang.officer", "wrong-password", address=f"203.0.113.{n + 1}")
    assert response.status_code == 429

    response = attempt(client, "lampang.officer", PASSWORD, address="192.0.2.200")
    assert response.status_code == 429
    assert ACCOUNT_LOCKED in response.text
    assert "_auth_user_id" not in client.session


def test_an_address_trying_many_usernames_is_locked_at_its_own_limit(client, lampang_officer, chiangmai_officer):
    attacker = "198.51.100.66"
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        # More guesses than an account allows, each at a different username: none of them locks yet.
        assert attempt(client, f"guess{n}", "wrong-password", address=attacker).status_code == 200
    response = attempt(client, "guess-last", "wrong-password", address=attacker)
    assert response.status_code == 429
    assert ADDRESS_LOCKED in response.text and "ครบ 20 ครั้ง" in response.text

    # Even the right password of an account no one guessed at waits, from that address only.
    response = attempt(client, "lampang.officer", PASSWORD, address=attacker)
    assert response.status_code == 429
    assert ADDRESS_LOCKED in response.text
    response = attempt(client, "chiangmai.officer", PASSWORD, address="198.51.100.67")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(chiangmai_officer.pk)


def test_a_colleagues_login_does_not_clear_the_failures_against_another_account(
    client, lampang_officer, lampang_viewer
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "lampang.officer", "wrong-password")
    # Someone with an account of their own logging in from the same address between guesses gains no more guesses.
    assert attempt(client, "lampang.viewer", PASSWORD).status_code == 302
    client.logout()

    response = attempt(client, "lampang.officer", "wrong-password")
    assert response.status_code == 429
    assert ACCOUNT_LOCKED in response.text
