"""The admin site lists volunteers and mentors usefully; staff who are not national see only their province."""

import pytest
from django.contrib.auth.models import Permission

from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_and_searches_volunteers(client_for, admin_user, lampang_volunteer, chiang_mai):
    VolunteerFactory(province=chiang_mai, last_name="เชียงใหม่ดี", national_id="3500100000011")
    client = client_for(admin_user)
    html = client.get("/admin/volunteers/volunteer/").content.decode()
    assert "ขยันยิ่ง" in html and "เชียงใหม่ดี" in html
    assert "1-5201-xxxxx-xx-9" in html
    html = client.get("/admin/volunteers/volunteer/", {"q": "ขยัน"}).content.decode()
    assert "ขยันยิ่ง" in html and "เชียงใหม่ดี" not in html
    assert client.get("/admin/mentors/mentor/").status_code == 200
    assert client.get(f"/admin/volunteers/volunteer/{lampang_volunteer.pk}/change/").status_code == 200


def test_province_staff_cannot_open_the_admin_even_with_the_staff_flag(
    client, lampang_officer, lampang_volunteer, chiang_mai
):
    """Only administrators use the admin site (the role decides, accounts.admin_site): a province officer given the
    staff flag and permissions still sees none of it, this province's volunteers or another's."""
    other = VolunteerFactory(province=chiang_mai, last_name="เชียงใหม่ดี", national_id="3500100000011")
    lampang_officer.is_staff = True
    lampang_officer.save()
    lampang_officer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_volunteer", "change_volunteer"])
    )
    client.force_login(lampang_officer)
    # The admin site asks everyone for the second factor; mark this session as having passed it.
    from django_otp import DEVICE_ID_SESSION_KEY

    from conftest import totp_device_for

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device_for(lampang_officer).persistent_id
    session.save()
    response = client.get("/admin/volunteers/volunteer/")
    html = response.content.decode()
    assert response.status_code in (302, 403)  # the admin's sign-in, or the page saying it is for administrators
    assert "ขยันยิ่ง" not in html and "เชียงใหม่ดี" not in html
    assert client.get(f"/admin/volunteers/volunteer/{other.pk}/change/").status_code in (302, 403)
