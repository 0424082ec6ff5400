"""One wrong code is one: the message says how many, never "หลายครั้ง" (many times)."""

import pytest
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from conftest import current_totp, totp_device_for

pytestmark = pytest.mark.django_db


def test_after_one_wrong_code_the_message_does_not_say_many_times(client, hq_analyst):
    device = totp_device_for(hq_analyst)
    client.post(reverse("accounts:login"), {"username": hq_analyst.username, "password": PASSWORD})
    wrong = f"{(int(current_totp(device)) + 3) % 1_000_000:06d}"
    first = client.post(reverse("accounts:two_factor_verify"), {"token": wrong}).content.decode()
    assert "รหัสยืนยันไม่ถูกต้อง" in first and "หลายครั้ง" not in first
    # Typed again at once, while django-otp still makes the account wait after that one wrong code.
    again = client.post(reverse("accounts:two_factor_verify"), {"token": current_totp(device)}).content.decode()
    assert "กรุณารอ" in again
    assert "หลายครั้ง" not in again
    assert "ผิดแล้ว 1 ครั้ง" in again
