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


# With DEBUG off, as `make run` and production serve: Django's English technical pages (the URL patterns, the
# traceback) must never show, whatever the error.
TECHNICAL_PAGE_TEXT = ["Using the URLconf", "Page not found", "Traceback", "Request Method", "DEBUG = True"]


def assert_thai_error_page(response, status, thai_title):
    assert response.status_code == status
    assert thai_title in response.text
    assert "portal-topbar" in response.text
    for text in TECHNICAL_PAGE_TEXT:
        assert text not in response.text, text


def test_without_debug_a_missing_page_is_the_thai_404_for_a_stranger_and_a_signed_in_officer(
    settings, client, client_for, lampang_officer
):
    settings.DEBUG = False
    assert_thai_error_page(client.get("/nonexistent/"), 404, "ไม่พบหน้าที่ต้องการ")
    assert_thai_error_page(client_for(lampang_officer).get("/provinces/50/"), 404, "ไม่พบหน้าที่ต้องการ")


def test_without_debug_a_change_the_account_may_not_make_is_the_thai_403(settings, client_for, lampang_viewer, lampang):
    from volunteers.tests.factories import VolunteerFactory

    settings.DEBUG = False
    volunteer = VolunteerFactory(province=lampang)
    response = client_for(lampang_viewer).get(f"/volunteers/{volunteer.pk}/edit/")
    assert_thai_error_page(response, 403, "ไม่มีสิทธิ์ดำเนินการ")


def test_without_debug_a_bad_request_is_the_thai_400(settings, client):
    settings.DEBUG = False
    assert_thai_error_page(client.get("/volunteers/?q=a%00b"), 400, "คำขอไม่ถูกต้อง")


@override_settings(ROOT_URLCONF="core.tests.fault_urls")
def test_without_debug_a_bug_is_the_thai_500(settings, client):
    settings.DEBUG = False
    client.raise_request_exception = False
    assert_thai_error_page(client.get("/_test/crash/"), 500, "ระบบขัดข้องชั่วคราว")
