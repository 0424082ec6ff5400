"""Every page reads the signed-in account's staff profile in the account's own query (accounts.backends): what the
profile says (role, province) is what the very next page obeys, and an account closed meanwhile is signed out."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import StaffProfile

pytestmark = pytest.mark.django_db


def test_an_officer_moved_to_another_province_lands_on_the_new_one_at_the_next_page(
    client, lampang_officer, chiang_mai
):
    client.force_login(lampang_officer)
    assert client.get(reverse("reports:home"))["Location"] == reverse("reports:province", args=["52"])

    StaffProfile.objects.filter(user=lampang_officer).update(province=chiang_mai)

    assert client.get(reverse("reports:home"))["Location"] == reverse("reports:province", args=["50"])
    assert client.get(reverse("reports:province", args=["52"])).status_code == 404  # not theirs any longer


def test_an_account_closed_meanwhile_is_signed_out_at_its_next_page(client, lampang_officer):
    client.force_login(lampang_officer)
    assert client.get(reverse("reports:province", args=["52"])).status_code == 200

    type(lampang_officer).objects.filter(pk=lampang_officer.pk).update(is_active=False)

    response = client.get(reverse("reports:province", args=["52"]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_first_administrator_without_a_profile_still_opens_the_admin_site(client, django_user_model, geography):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-password-1")
    client.force_login(root)

    response = client.get(reverse("admin:index"))

    # Signed in as the administrator it is: sent on to set up the second factor that administrators must have.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert not StaffProfile.objects.filter(user=root).exists()


def test_the_profile_is_not_asked_for_apart_from_the_account(client, lampang_officer):
    client.force_login(lampang_officer)
    with CaptureQueriesContext(connection) as page:
        assert client.get(reverse("reports:province", args=["52"])).status_code == 200

    profile_table = StaffProfile._meta.db_table
    read_alone = [q["sql"] for q in page.captured_queries if q["sql"].startswith(f'SELECT "{profile_table}"')]
    assert read_alone == []
    assert any(f'JOIN "{profile_table}"' in q["sql"] for q in page.captured_queries)
