"""Failed logins are throttled per account and per address; every login, failure and logout is in the audit."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from core.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def attempt(client, username, password, address="198.51.100.10", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def test_an_account_is_locked_after_five_wrong_passwords_even_from_another_address(client, lampang_officer):
    for _ in range(4):
        response = attempt(client, "lampang.officer", "wrong-password")
        assert response.status_code == 200
        assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.text
    response = attempt(client, "lampang.officer", "wrong-password")
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in response.text and "15 นาที" in response.text
    assert "ผิดครบ 5 ครั้ง" in response.text  # locked at the fifth, not after more than five

    # The right password from a new address does not help: the account itself waits.
    response = attempt(client, "lampang.officer", PASSWORD, address="203.0.113.99")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_address_trying_many_accounts_is_locked_but_others_are_not(client, lampang_officer, chiangmai_officer):
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        attempt(client, f"guess{n}", "wrong-password", address="198.51.100.66")
    response = attempt(client, "lampang.officer", PASSWORD, address="198.51.100.66")
    assert response.status_code == 429

    response = attempt(client, "chiangmai.officer", PASSWORD, address="198.51.100.67")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(chiangmai_officer.pk)


def test_a_successful_login_clears_earlier_failures(client, lampang_officer):
    for _ in range(4):
        attempt(client, "lampang.officer", "wrong-password")
    assert attempt(client, "lampang.officer", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "lampang.officer", "wrong-password")
    assert attempt(client, "lampang.officer", PASSWORD).status_code == 302


# As PROXY_COUNT=1 (one nginx in front) sets them.
@override_settings(AXES_IPWARE_PROXY_COUNT=0, AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"])
def test_behind_the_proxy_each_client_address_is_throttled_and_audited_separately(client, lampang_officer):
    proxy = "10.0.0.2"
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        # The attacker's own X-Forwarded-For entries are ignored: the proxy appends the real address last.
        spoofed = f"192.0.2.{n}, 203.0.113.5"
        attempt(client, f"guess{n}", "wrong", address=proxy, HTTP_X_FORWARDED_FOR=spoofed)
    response = attempt(client, "lampang.officer", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert response.status_code == 429

    response = attempt(client, "lampang.officer", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert response.status_code == 302
    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)
    assert set(failed.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    assert AuditEvent.objects.get(action=AuditEvent.Action.LOGIN).ip_address == "203.0.113.6"


def test_login_failed_login_and_logout_are_recorded_with_who_when_and_where(client, lampang_officer):
    attempt(client, "lampang.officer", "wrong-password", address="198.51.100.20")
    attempt(client, "lampang.officer", PASSWORD, address="198.51.100.20")
    client.post(reverse("accounts:logout"), REMOTE_ADDR="198.51.100.20")

    events = list(AuditEvent.objects.order_by("at", "pk"))
    assert [e.action for e in events] == ["login_failed", "login", "logout"]
    assert {e.username for e in events} == {"lampang.officer"}
    assert {e.ip_address for e in events} == {"198.51.100.20"}
    assert events[0].user is None and events[1].user == lampang_officer
    assert all(e.at for e in events)


def test_only_administrators_read_the_audit_in_the_admin_site(client_for, admin_user, hq_analyst, lampang_officer):
    attempt(client_for(lampang_officer), "lampang.officer", "wrong-password")
    url = reverse("admin:core_auditevent_changelist")

    for outsider in (lampang_officer, hq_analyst):
        response = client_for(outsider).get(url, follow=True)
        assert response.status_code == 403
        assert "ส่วนจัดการระบบใช้ได้เฉพาะผู้ดูแลระบบ" in response.text and "lampang.officer" not in response.text

    response = client_for(admin_user).get(url)
    assert response.status_code == 200
    assert "บันทึกการใช้งาน" in response.text
    assert "lampang.officer" in response.text and "เข้าสู่ระบบไม่สำเร็จ" in response.text
