"""The database goes away: users get a Thai 503 page, no traceback, and the portal recovers by itself."""

import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

pytestmark = pytest.mark.django_db(transaction=True)


def fetch(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def signed_in_cookie(client, user):
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def terminate_other_connections():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def assert_thai_503(status, body, headers):
    assert status == 503
    assert "ระบบฐานข้อมูลไม่พร้อมใช้งานชั่วคราว" in body
    assert "Traceback" not in body and "OperationalError" not in body and "psycopg" not in body
    assert headers.get("Retry-After") == "30"


def test_database_down_then_back(live_server, client, lampang_officer):
    page = f"{live_server.url}/provinces/52/"
    cookie = signed_in_cookie(client, lampang_officer)
    assert fetch(page, cookie)[0] == 200

    # The server goes down: running connections are cut and new ones are refused (nothing listens there).
    db_settings = connection.settings_dict
    real_port = db_settings["PORT"]
    db_settings["PORT"] = "1"
    try:
        terminate_other_connections()
        assert_thai_503(*fetch(page, cookie))
        assert_thai_503(*fetch(page, cookie))
    finally:
        db_settings["PORT"] = real_port

    # It is back: the next request works, with no restart of the portal.
    status, body, _ = fetch(page, cookie)
    assert status == 200 and "จังหวัดลำปาง" in body


@override_settings(ROOT_URLCONF="core.tests.fault_urls")
def test_connection_lost_in_the_middle_of_a_request(live_server, geography):
    assert_thai_503(*fetch(f"{live_server.url}/_test/lose-database/"))
    assert fetch(f"{live_server.url}/_test/count/")[:2] == (200, "77")


@override_settings(ROOT_URLCONF="core.tests.fault_urls")
def test_a_restarted_server_is_not_noticed_by_users(live_server, geography):
    assert fetch(f"{live_server.url}/_test/count/")[0] == 200
    terminate_other_connections()
    # The stale persistent connection fails its health check and is replaced before use.
    assert fetch(f"{live_server.url}/_test/count/")[:2] == (200, "77")
