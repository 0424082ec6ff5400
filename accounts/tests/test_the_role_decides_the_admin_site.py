"""The role is the one source of administrator rights: an administrator demoted in the user form loses the admin site
and the other provinces, ticking the admin flags beside another role gives nothing, and only administrators open the
admin site, whatever flags an account carries (README: "Administrators have the Django admin site")."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from accounts.models import StaffProfile
from accounts.tests.factories import StaffFactory
from conftest import totp_device_for
from tests.admin_forms import form_as_posted

pytestmark = pytest.mark.django_db

PROFILE = "staff_profile-0-"
REFUSED = "ส่วนจัดการระบบใช้ได้เฉพาะผู้ดูแลระบบ"


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def signed_in(user) -> Client:
    """A browser of its own for `user`, past the second factor (which province staff may switch on): a refusal here
    is about the role, not the code."""
    browser = Client()
    browser.force_login(user)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = totp_device_for(user).persistent_id
    session.save()
    return browser


def post_user_form(admin_client, user, fields=None, **profile):
    """The admin's change form of `user` posted back as shown, with `fields` of the user form and `profile` changed."""
    url = reverse("admin:auth_user_change", args=[user.pk])
    # tests.admin_forms joins a list into one text (as an array field takes it); a multiple select sends each value.
    groups = list(user.groups.values_list("pk", flat=True))
    user.groups.clear()
    data = form_as_posted(admin_client, url)
    user.groups.set(groups)
    data["groups"] = [str(pk) for pk in groups]
    data["user_permissions"] = [str(pk) for pk in user.user_permissions.values_list("pk", flat=True)]
    data.update(fields or {})
    data.update({PROFILE + name: value for name, value in profile.items()})
    return admin_client.post(url, data)


def test_an_administrator_demoted_in_the_user_form_loses_the_admin_site_and_the_other_provinces(
    admin_client, lampang, chiang_mai
):
    account = StaffFactory(username="p3.hq.withprov", role="hq", province=None)

    promoted = post_user_form(admin_client, account, role="admin")
    account.refresh_from_db()
    assert promoted.status_code == 302 and account.is_superuser and account.is_staff

    demoted = post_user_form(admin_client, account, role="viewer", province=lampang.pk)

    assert demoted.status_code == 302
    account.refresh_from_db()
    assert not account.is_superuser and not account.is_staff
    listed = admin_client.get(reverse("admin:auth_user_changelist"), {"q": "p3.hq.withprov"}).content.decode()
    assert "ผู้ดูข้อมูลระดับจังหวัด" in listed
    browser = signed_in(account)
    assert browser.get("/provinces/").status_code == 404
    assert browser.get(f"/provinces/{chiang_mai.code}/").status_code == 404
    refused = browser.get("/admin/auth/user/", follow=True)
    assert refused.status_code == 403 and REFUSED in refused.content.decode()


def test_the_admin_flags_ticked_beside_another_role_in_the_user_form_give_nothing(admin_client, lampang_officer):
    response = post_user_form(admin_client, lampang_officer, {"is_staff": "on", "is_superuser": "on"})

    assert response.status_code == 302
    lampang_officer.refresh_from_db()
    assert not lampang_officer.is_staff and not lampang_officer.is_superuser
    page = admin_client.get(reverse("admin:auth_user_change", args=[lampang_officer.pk])).content.decode()
    assert 'name="is_superuser"' not in page and 'name="is_staff"' not in page
    assert "มาจากบทบาท “ผู้ดูแลระบบ”" in page


def test_flags_left_from_before_follow_the_role_once_the_account_is_saved(admin_client, lampang_officer):
    User.objects.filter(pk=lampang_officer.pk).update(is_staff=True, is_superuser=True)

    post_user_form(admin_client, lampang_officer, position="นักวิชาการแรงงาน")

    lampang_officer.refresh_from_db()
    assert not lampang_officer.is_staff and not lampang_officer.is_superuser


def test_a_role_set_outside_the_admin_takes_the_flags_away_too(admin_user, lampang):
    # As the demo accounts (accounts.demo) and any script set a role: through the profile.
    StaffProfile.objects.update_or_create(user=admin_user, defaults={"role": "officer", "province": lampang})

    admin_user.refresh_from_db()
    assert not admin_user.is_staff and not admin_user.is_superuser


@pytest.mark.parametrize("flags", [{"is_staff": True}, {"is_staff": True, "is_superuser": True}])
def test_a_province_officer_marked_as_staff_gets_no_admin_page(lampang_officer, flags):
    User.objects.filter(pk=lampang_officer.pk).update(**flags)
    lampang_officer.refresh_from_db()
    browser = signed_in(lampang_officer)

    for url in ("/admin/", "/admin/cases/case/", "/admin/rosters/volunteerroster/", "/admin/trainings/registration/"):
        response = browser.get(url, follow=True)
        assert response.status_code == 403, url
        assert REFUSED in response.content.decode()
        assert "บัญชีของท่านไม่ได้อยู่ในบทบาทผู้ดูแลระบบ" in response.content.decode()


def test_the_refusal_is_in_english_with_the_language_cookie(lampang_officer, settings):
    User.objects.filter(pk=lampang_officer.pk).update(is_staff=True)
    lampang_officer.refresh_from_db()
    browser = signed_in(lampang_officer)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = browser.get("/admin/", follow=True)

    assert response.status_code == 403 and "The admin site is for administrators only" in response.content.decode()


def test_the_administrator_still_opens_the_admin_site(admin_client):
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get("/admin/cases/case/").status_code == 200


def test_the_first_administrator_made_with_createsuperuser_opens_the_admin_site_until_given_a_role(
    admin_client, geography, lampang
):
    first = User.objects.create_superuser("first.admin", "first@example.org", "a-long-test-password-2568")
    assert signed_in(first).get("/admin/").status_code == 200

    listed = admin_client.get(reverse("admin:auth_user_changelist"), {"q": "first.admin"}).content.decode()
    assert "ผู้ดูแลระบบ" in listed
    post_user_form(admin_client, first, role="viewer", province=lampang.pk)

    first.refresh_from_db()
    assert first.staff_profile.role == "viewer" and not first.is_superuser and not first.is_staff
    assert signed_in(first).get("/admin/", follow=True).status_code == 403
