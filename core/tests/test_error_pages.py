"""Errors are shown as Thai pages in the portal's look, never as a traceback."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_thai_404_in_the_portal_layout(client_for, lampang_officer):
    response = client_for(lampang_officer).get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.text
    assert "portal-topbar" in response.text and "ออกจากระบบ" in response.text


def test_another_provinces_page_reads_as_missing(client_for, lampang_officer):
    response = client_for(lampang_officer).get("/provinces/50/")
    assert response.status_code == 404
    assert "นอกขอบเขตจังหวัดที่ท่านมีสิทธิ์เข้าถึง" in response.text


def test_a_refusal_is_a_thai_403(client_for, django_user_model, geography):
    nobody = django_user_model.objects.create_user("nobody", password="x-long-password-1")
    response = client_for(nobody).get("/")
    assert response.status_code == 403


def test_a_stale_form_gets_a_thai_403_page():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "แบบฟอร์มหมดอายุหรือไม่ถูกต้อง" in response.text


@override_settings(ROOT_URLCONF="core.tests.fault_urls")
def test_a_bug_gets_the_thai_500_page_without_details(client):
    client.raise_request_exception = False
    response = client.get("/_test/crash/")
    assert response.status_code == 500
    assert "ระบบขัดข้องชั่วคราว" in response.text
    assert "Traceback" not in response.text and "1-2345-67890-12-1" not in response.text
    assert "portal-topbar" in response.text


def test_error_pages_switch_to_english(client_for, lampang_officer):
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.text
