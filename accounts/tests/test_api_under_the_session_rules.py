"""Under /api/ the session's rules answer as the API does, in JSON: an idle or too old session, or one that still owes
its second factor, gets 401 with a `detail` (Thai, or English with the language cookie), not a redirect to an HTML
page; a request with an API token is the token's, whatever session cookie comes with it."""

import time

import pytest
from django.conf import settings

from accounts.middleware import SESSION_SEEN_AT
from accounts.signals import SESSION_LOGIN_AT
from accounts.tests.factories import PASSWORD
from api import tokens

pytestmark = pytest.mark.django_db

VOLUNTEERS = "/api/v1/volunteers/"


def idle_for(client, seconds):
    session = client.session
    session[SESSION_SEEN_AT] = int(time.time()) - seconds
    session.save()


def token_of(user) -> str:
    return tokens.create_token(user=user, name="ระบบทดสอบ", days=30, read_only=True)[1]


def test_an_idle_session_gets_json_401_from_the_api_and_is_ended(client_for, lampang_officer):
    client = client_for(lampang_officer)
    assert client.get(VOLUNTEERS).status_code == 200
    idle_for(client, 31 * 60)

    response = client.get(VOLUNTEERS)

    assert response.status_code == 401 and response["Content-Type"] == "application/json"
    assert "ไม่มีการใช้งานเกิน 30 นาที" in response.json()["detail"]
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert "_auth_user_id" not in client.session
    # The next page the browser opens is the login page, which says why.
    page = client.get("/provinces/52/", follow=True)
    assert page.redirect_chain[-1][0].startswith("/accounts/login/")


def test_the_refusal_is_in_english_with_the_language_cookie(client_for, lampang_officer):
    client = client_for(lampang_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    session = client.session
    session[SESSION_LOGIN_AT] = int(time.time()) - 12 * 3600 - 60
    session.save()

    response = client.get(VOLUNTEERS)

    assert response.status_code == 401
    assert response.json()["detail"] == "A login lasts at most 12 hours. Please log in again."


def test_a_token_request_is_answered_as_the_token_and_leaves_the_stale_session_alone(client_for, lampang_officer):
    client = client_for(lampang_officer)
    idle_for(client, 31 * 60)

    response = client.get(VOLUNTEERS, HTTP_AUTHORIZATION=f"Bearer {token_of(lampang_officer)}")

    assert response.status_code == 200 and "results" in response.json()
    assert client.session.get("_auth_user_id") == str(lampang_officer.pk)


def test_a_new_hq_account_before_its_second_factor_gets_json_401_from_the_api(client, hq_analyst):
    assert client.post("/accounts/login/", {"username": hq_analyst.username, "password": PASSWORD}).status_code == 302

    response = client.get(VOLUNTEERS)

    assert response.status_code == 401 and response["Content-Type"] == "application/json"
    assert "ตั้งค่าการยืนยันตัวตนสองขั้นตอน" in response.json()["detail"]
    assert "/accounts/2fa/setup/" in response.json()["detail"]
    # Its pages still lead to the set-up step, and its token (made by an administrator) works meanwhile.
    assert client.get("/provinces/")["Location"].startswith("/accounts/2fa/setup/")
    with_token = client.get(VOLUNTEERS, HTTP_AUTHORIZATION=f"Bearer {token_of(hq_analyst)}")
    assert with_token.status_code == 200


def test_a_session_that_owes_its_code_is_told_so_in_english(client, admin_user):
    from conftest import totp_device_for

    totp_device_for(admin_user)
    client.post("/accounts/login/", {"username": admin_user.username, "password": PASSWORD})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(VOLUNTEERS)

    assert response.status_code == 401
    assert response.json()["detail"] == (
        "This session has not entered its two-factor code yet: open /accounts/2fa/ in a browser, then try again."
    )


def test_the_api_docs_page_is_a_page_and_still_leads_to_the_login_page(client_for, lampang_officer):
    client = client_for(lampang_officer)
    idle_for(client, 31 * 60)

    response = client.get("/api/docs/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
