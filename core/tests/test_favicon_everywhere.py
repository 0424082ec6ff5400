"""Every page the portal draws carries its favicon (issue 13), the admin site's and the error pages included: a tab
left on the admin or on a lockout page is still recognisable among the browser's tabs."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from core.views import database_unavailable

pytestmark = pytest.mark.django_db

ICON = re.compile(r'<link rel="icon" href="(?P<href>[^"]+favicon\.svg)" type="image/svg\+xml">')


def assert_favicon(response, status):
    assert response.status_code == status, response.status_code
    html = response.content.decode()
    found = ICON.search(html)
    assert found, f"no favicon on a {status} page"
    # The link points at the portal's own icon, which the static files hold.
    assert found["href"] == f"{settings.STATIC_URL}favicon.svg" and finders.find("favicon.svg")


def test_the_admin_sites_pages_have_the_favicon(client_for, admin_user, lampang):
    from volunteers.tests.factories import VolunteerFactory

    admin_client = client_for(admin_user)
    volunteer = VolunteerFactory(province=lampang)
    assert_favicon(admin_client.get(reverse("admin:index")), 200)
    assert_favicon(admin_client.get(reverse("admin:volunteers_volunteer_history", args=[volunteer.pk])), 200)
    assert_favicon(admin_client.get("/admin/no-such-page/"), 404)
    assert_favicon(admin_client.get(reverse("admin:volunteers_volunteer_changelist")), 200)
    assert_favicon(admin_client.get(reverse("admin:volunteers_volunteer_add")), 200)


def test_the_error_pages_have_the_favicon(settings, client, client_for, lampang_viewer, lampang):
    from volunteers.tests.factories import VolunteerFactory

    settings.DEBUG = False
    assert_favicon(client.get("/no-such-page/"), 404)
    assert_favicon(client.get("/volunteers/?q=a%00b"), 400)
    volunteer = VolunteerFactory(province=lampang)
    assert_favicon(client_for(lampang_viewer).get(f"/volunteers/{volunteer.pk}/edit/"), 403)
    assert_favicon(Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"}), 403)
    assert_favicon(database_unavailable(RequestFactory().get("/")), 503)


@override_settings(ROOT_URLCONF="core.tests.fault_urls")
def test_the_500_page_has_the_favicon(settings, client):
    settings.DEBUG = False
    client.raise_request_exception = False
    assert_favicon(client.get("/_test/crash/"), 500)


def test_the_lockout_page_has_the_favicon(client, lampang_officer):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(reverse("accounts:login"), {"username": lampang_officer.username, "password": "wrong"})
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in response.content.decode()
    assert_favicon(response, 429)
