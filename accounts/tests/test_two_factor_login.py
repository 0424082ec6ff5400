"""HQ analysts and administrators pass a TOTP code after the password; province staff may switch it on."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import PASSWORD
from conftest import current_totp, totp_device_for
from core.models import AuditEvent

pytestmark = pytest.mark.django_db

SETUP = "/accounts/2fa/setup/"
VERIFY = "/accounts/2fa/"


def password_login(client, user):
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client.get(response["Location"])


def test_hq_analyst_sets_up_an_authenticator_on_first_login(client, hq_analyst):
    response = password_login(client, hq_analyst)
    assert response.status_code == 302 and response["Location"].startswith(SETUP)

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "ตั้งค่าการยืนยันตัวตนสองขั้นตอน" in page.text and "<svg" in page.text
    device = TOTPDevice.objects.get(user=hq_analyst, confirmed=False)
    secret = page.context["secret"].replace(" ", "")
    assert secret and secret in page.text.replace(" ", "")

    # Until the code is given, every page leads back to this step.
    for url in ("/", "/provinces/", "/provinces/52/", "/admin/"):
        assert client.get(url)["Location"].startswith(SETUP)

    response = client.post(SETUP + "?next=/provinces/52/", {"token": current_totp(device), "next": "/provinces/52/"})
    assert response.status_code == 302 and response["Location"] == "/provinces/52/"
    assert client.get("/provinces/52/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="login", user=hq_analyst, detail__second_factor="totp").exists()


def test_a_wrong_code_is_refused_in_thai_and_audited(client, hq_analyst):
    device = totp_device_for(hq_analyst)
    response = password_login(client, hq_analyst)
    assert response["Location"].startswith(VERIFY)
    wrong = f"{(int(current_totp(device)) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY, {"token": wrong})
    assert response.status_code == 200
    assert "รหัสยืนยันไม่ถูกต้องหรือหมดเวลาแล้ว" in response.text
    assert client.get("/provinces/")["Location"].startswith(VERIFY)
    assert AuditEvent.objects.filter(action="login_failed", detail__reason="second_factor").count() == 1

    response = client.post(VERIFY, {"token": "12ab"})
    assert "รหัสยืนยันต้องเป็นตัวเลข 6 หลัก" in response.text


def test_repeated_wrong_codes_make_the_user_wait(client, admin_user):
    device = totp_device_for(admin_user)
    password_login(client, admin_user)
    wrong = f"{(int(current_totp(device)) + 7) % 1_000_000:06d}"
    client.post(VERIFY, {"token": wrong})
    response = client.post(VERIFY, {"token": current_totp(device)})
    assert "กรุณารอ" in response.text
    assert client.get("/provinces/").status_code == 302


def test_the_admin_site_needs_the_second_factor(client, admin_user):
    device = totp_device_for(admin_user)
    password_login(client, admin_user)
    response = client.get("/admin/core/auditevent/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)

    client.post(VERIFY, {"token": current_totp(device), "next": "/admin/core/auditevent/"})
    assert client.get("/admin/core/auditevent/").status_code == 200


def test_the_admin_site_refuses_an_unverified_session_even_without_the_middleware(rf, admin_user):
    from django.contrib import admin

    request = rf.get("/admin/")
    request.user = admin_user
    admin_user.is_verified = lambda: False
    assert not admin.site.has_permission(request)
    admin_user.is_verified = lambda: True
    assert admin.site.has_permission(request)


def test_province_officers_log_in_without_a_code_unless_they_switch_it_on(client, lampang_officer):
    response = password_login(client, lampang_officer)
    assert response.status_code == 302 and response["Location"] == "/provinces/52/"

    page = client.get(reverse("accounts:security"))
    assert "ยังไม่เปิดใช้งาน" in page.text
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=lampang_officer)
    client.post(SETUP, {"token": current_totp(device)})
    assert "เปิดใช้งานอยู่" in client.get(reverse("accounts:security")).text

    client.post(reverse("accounts:logout"))
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    response = password_login(client, lampang_officer)
    assert response["Location"].startswith(VERIFY)
    client.post(VERIFY, {"token": current_totp(device)})
    assert client.get("/provinces/52/").status_code == 200

    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    client.post(reverse("accounts:security"), {"token": current_totp(device)})
    assert not TOTPDevice.objects.filter(user=lampang_officer).exists()


def test_hq_cannot_switch_the_second_factor_off(client_for, hq_analyst):
    client = client_for(hq_analyst)
    page = client.get(reverse("accounts:security"))
    assert "ต้องใช้การยืนยันตัวตนสองขั้นตอนเสมอ" in page.text
    device = TOTPDevice.objects.get(user=hq_analyst)
    client.post(reverse("accounts:security"), {"token": current_totp(device)})
    assert TOTPDevice.objects.filter(user=hq_analyst, confirmed=True).exists()


def test_the_next_address_cannot_point_off_site(client, hq_analyst):
    device = totp_device_for(hq_analyst)
    password_login(client, hq_analyst)
    response = client.post(VERIFY, {"token": current_totp(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_next_address_that_is_not_a_path_goes_home_instead_of_failing(client, hq_analyst):
    device = totp_device_for(hq_analyst)
    password_login(client, hq_analyst)
    client.post(VERIFY, {"token": current_totp(device)})
    # Already verified: the step sends the user on; "foo" once made redirect() look for a URL named foo (a 500).
    response = client.get(VERIFY, {"next": "foo"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_second_step_switches_to_english(client, hq_analyst):
    totp_device_for(hq_analyst)
    password_login(client, hq_analyst)
    client.cookies["django_language"] = "en"
    page = client.get(VERIFY)
    assert "Second login step" in page.text and "6-digit verification code" in page.text
