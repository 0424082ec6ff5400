"""A staff account's profile edited in the admin site keeps the portal's rules: the phone is checked as mentors' and
volunteers' phones are, and an account linked to a mentor stays in the mentor's province."""

import pytest
from django.urls import reverse

from accounts.models import StaffProfile
from tests.admin_forms import form_as_posted

pytestmark = pytest.mark.django_db

PROFILE = "staff_profile-0-"


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def post_profile(admin_client, user, **changes):
    url = reverse("admin:auth_user_change", args=[user.pk])
    # tests.admin_forms joins a list into one text (as an array field takes it); a multiple select sends each value.
    groups = list(user.groups.values_list("pk", flat=True))
    user.groups.clear()
    data = form_as_posted(admin_client, url)
    user.groups.set(groups)
    data["groups"] = [str(pk) for pk in groups]
    data["user_permissions"] = [str(pk) for pk in user.user_permissions.values_list("pk", flat=True)]
    data.update({PROFILE + name: value for name, value in changes.items()})
    return admin_client.post(url, data)


def test_a_staff_phone_that_is_no_thai_number_is_refused_with_the_registries_message(admin_client, lampang_officer):
    response = post_profile(admin_client, lampang_officer, phone="12345")

    assert response.status_code == 200
    assert "“12345” ไม่ใช่หมายเลขโทรศัพท์ไทยที่ถูกต้อง" in response.content.decode()
    assert StaffProfile.objects.get(user=lampang_officer).phone == ""


def test_a_staff_phone_is_kept_in_its_one_form(admin_client, lampang_officer):
    response = post_profile(admin_client, lampang_officer, phone="081 234 5678")

    assert response.status_code == 302
    assert StaffProfile.objects.get(user=lampang_officer).phone == "0812345678"


def test_an_account_linked_to_a_mentor_is_not_moved_to_another_province(
    admin_client, lampang_officer, lampang_mentor, chiang_mai
):
    lampang_mentor.user = lampang_officer
    lampang_mentor.save()

    response = post_profile(admin_client, lampang_officer, province=chiang_mai.pk)

    assert response.status_code == 200
    assert "บัญชีนี้ผูกกับพี่เลี้ยง นายวิไล พี่เลี้ยงดี ของจังหวัดลำปาง จึงย้ายไปจังหวัดอื่นไม่ได้" in response.content.decode()
    assert StaffProfile.objects.get(user=lampang_officer).province_id == lampang_mentor.province_id


def test_an_account_linked_to_a_mentor_keeps_the_rest_of_its_profile_editable_and_others_move(
    admin_client, lampang_officer, lampang_viewer, lampang_mentor, chiang_mai
):
    lampang_mentor.user = lampang_officer
    lampang_mentor.save()

    kept = post_profile(admin_client, lampang_officer, position="นักวิชาการแรงงาน")
    moved = post_profile(admin_client, lampang_viewer, province=chiang_mai.pk)

    assert kept.status_code == 302 and moved.status_code == 302
    assert StaffProfile.objects.get(user=lampang_officer).position == "นักวิชาการแรงงาน"
    assert StaffProfile.objects.get(user=lampang_viewer).province == chiang_mai
