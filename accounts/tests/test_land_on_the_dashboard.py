"""HQ and administrators land on the national dashboard, after the password and after the second factor."""

import pytest
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from conftest import current_totp, totp_device_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["hq_analyst", "hq_officer", "admin"])
def test_hq_and_admin_land_on_the_national_dashboard_after_two_factor_login(client, personas, persona):
    user = personas[persona]
    device = totp_device_for(user)
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two_factor_verify"))

    response = client.post(response.redirect_chain[-1][0], {"token": current_totp(device)}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("reports:dashboard")
    assert response.templates[0].name == "reports/dashboard.html"


@pytest.mark.parametrize("persona", ["hq_analyst", "hq_officer", "admin"])
def test_the_home_page_of_hq_and_admin_is_the_dashboard(client_for, personas, persona):
    response = client_for(personas[persona]).get(reverse("core:home"))
    assert response.status_code == 302 and response["Location"] == reverse("reports:dashboard")


def test_province_staff_still_land_on_their_province(client_for, lampang_viewer):
    response = client_for(lampang_viewer).get(reverse("core:home"))
    assert response["Location"] == reverse("provinces:detail", args=["52"])
