"""The signed-in account's reads on every page (session, account with profile, second-factor device) go by SQL written
once per process (accounts.account_reads): what the database holds now is what the next page obeys, and the rows read
that way are the instances Django's own reads would have made."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import account_reads
from accounts.models import StaffProfile
from rosters.models import ImportJob

pytestmark = pytest.mark.django_db


def field_values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_hq_whose_authenticator_was_removed_is_asked_for_the_second_factor_at_the_next_page(client_for, hq_analyst):
    client = client_for(hq_analyst)
    assert client.get(reverse("reports:dashboard")).status_code == 200

    TOTPDevice.objects.filter(user=hq_analyst).delete()

    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_an_authenticator_not_confirmed_any_more_does_not_count_as_the_second_factor(client_for, hq_analyst):
    client = client_for(hq_analyst)
    TOTPDevice.objects.filter(user=hq_analyst).update(confirmed=False)

    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(
        (reverse("accounts:two_factor_setup"), reverse("accounts:two_factor_verify"))
    )


def test_a_session_ended_in_the_database_sends_the_next_page_to_the_login(client, lampang_officer):
    client.force_login(lampang_officer)
    assert client.get(reverse("reports:province", args=["52"])).status_code == 200

    Session.objects.update(expire_date=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))

    response = client.get(reverse("reports:province", args=["52"]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_account_and_profile_read_are_the_ones_djangos_own_read_gives(lampang_officer, django_user_model):
    theirs = django_user_model.objects.select_related("staff_profile").get(pk=lampang_officer.pk)

    ours = account_reads.user_with_profile(lampang_officer.pk)

    assert field_values(ours) == field_values(theirs)
    assert field_values(ours.staff_profile) == field_values(theirs.staff_profile)
    assert ours.staff_profile.province.code == "52"
    assert ours.staff_profile.user is ours
    assert account_reads.user_with_profile(lampang_officer.pk + 1000) is None


def test_an_account_without_a_profile_reads_none_without_another_query(django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-password-1")

    user = account_reads.user_with_profile(root.pk)

    with CaptureQueriesContext(connection) as asked, pytest.raises(StaffProfile.DoesNotExist):
        user.staff_profile  # noqa: B018 (the read is the test)
    assert asked.captured_queries == []


def test_the_device_read_is_the_one_djangos_own_read_gives(hq_analyst):
    from conftest import totp_device_for

    device = totp_device_for(hq_analyst)

    ours = account_reads.instance_by_pk(TOTPDevice, device.pk)

    assert field_values(ours) == field_values(TOTPDevice.objects.get(pk=device.pk))
    assert ours.persistent_id == device.persistent_id
    assert account_reads.instance_by_pk(TOTPDevice, device.pk + 1000) is None


def test_a_model_whose_columns_django_converts_is_read_by_the_orm():
    # ImportJob has JSON columns, which Django decodes after the read: the ORM's read is given instead.
    asked = []

    found = account_reads.first_instance(
        ImportJob, "t.id = %s", [1], by_the_orm=lambda: asked.append("orm") or "the ORM's"
    )

    assert found == "the ORM's" and asked == ["orm"]
