"""A case naming a volunteer who is not on the case form's list is refused with the true reason, checked in this order:
they are a volunteer of another province, or they are not serving (their status: suspended, deceased, term ended).
Before, every such volunteer got "not in this province", untrue of a suspended Lampang volunteer (found by probing
POST /api/v1/cases/). One the writer may not see still gets the plain message, naming nobody."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api import tokens
from cases.models import Case
from core import thai
from provinces.models import Agency
from tests.english import english_name, field_errors, in_english
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"
NOT_IN_PROVINCE = "อาสาสมัครที่เลือกไม่อยู่ในจังหวัดนี้"


def api_as(user) -> APIClient:
    api = APIClient()
    token = tokens.create_token(user=user, name=f"ทดสอบ {user.username}", days=30, read_only=False)[1]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


def body(volunteer, province) -> dict:
    return {
        "volunteer": volunteer.pk,
        "spotted_on": str(timezone.localdate()),
        "subdistrict": volunteer.subdistrict_id,
        "needs": ["job_seekers"],
        "agency": Agency.objects.get(province=province, kind=Agency.Kind.EMPLOYMENT).pk,
    }


def form_data(volunteer, province) -> dict:
    return {**body(volunteer, province), "spotted_on": thai.format_date_numeric_be(timezone.localdate())}


@pytest.fixture
def not_serving(lampang):
    """Lampang volunteers who are not serving, by the status each shows."""
    today = timezone.localdate()
    return {
        "พักการปฏิบัติหน้าที่": VolunteerFactory(province=lampang, status=Volunteer.Status.SUSPENDED, status_changed_on=today),
        "เสียชีวิต": VolunteerFactory(province=lampang, status=Volunteer.Status.DECEASED, status_changed_on=today),
        "ครบวาระ": VolunteerFactory(province=lampang, term_ends_on=today - dt.timedelta(days=1)),
    }


def test_the_api_says_a_lampang_volunteer_is_not_serving_and_why(lampang_officer, lampang, not_serving):
    api = api_as(lampang_officer)

    for status, volunteer in not_serving.items():
        refused = api.post(CASES, body(volunteer, lampang), format="json")

        assert refused.status_code == 400, status
        said = str(refused.json())
        assert f"{volunteer.full_name} ไม่ได้ปฏิบัติหน้าที่อยู่ ({status})" in said, said
        assert NOT_IN_PROVINCE not in said
    assert not Case.objects.across_provinces("test").exists()


def test_the_case_form_says_it_under_the_volunteer(client_for, lampang_officer, lampang, not_serving):
    client = client_for(lampang_officer)
    suspended = not_serving["พักการปฏิบัติหน้าที่"]

    response = client.post(reverse("cases:create"), form_data(suspended, lampang))

    assert response.status_code == 200
    assert field_errors(response)["volunteer"] == [
        f"{suspended.full_name} ไม่ได้ปฏิบัติหน้าที่อยู่ (พักการปฏิบัติหน้าที่) บันทึกเรื่องส่งต่อได้เฉพาะอาสาสมัครที่ปฏิบัติหน้าที่อยู่"
    ]
    assert not Case.objects.across_provinces("test").exists()


def test_in_english_the_status_is_named_in_english(client_for, lampang_officer, lampang, not_serving):
    client = in_english(client_for(lampang_officer))
    deceased = not_serving["เสียชีวิต"]

    response = client.post(reverse("cases:create"), form_data(deceased, lampang))

    [message] = field_errors(response)["volunteer"]
    assert message.startswith(f"{english_name(deceased)} is not serving (")
    assert "cases are recorded only for volunteers who are serving" in message


def test_a_volunteer_of_another_province_is_named_with_their_province_before_their_status(
    client_for, admin_user, lampang, chiang_mai
):
    suspended_in_chiang_mai = VolunteerFactory(
        province=chiang_mai, status=Volunteer.Status.SUSPENDED, status_changed_on=timezone.localdate()
    )
    client = client_for(admin_user)

    response = client.post(
        reverse("cases:create") + f"?province={lampang.code}", form_data(suspended_in_chiang_mai, lampang)
    )

    assert field_errors(response)["volunteer"] == [
        f"{suspended_in_chiang_mai.full_name} เป็นอาสาสมัครของจังหวัดเชียงใหม่ ไม่ใช่จังหวัดลำปาง ของเรื่องนี้ "
        "เลือกได้เฉพาะอาสาสมัครของจังหวัดเดียวกัน"
    ]
    assert not Case.objects.across_provinces("test").exists()


def test_a_volunteer_the_writer_may_not_see_is_not_named(
    client_for, chiangmai_officer, chiang_mai, lampang, not_serving
):
    client = client_for(chiangmai_officer)
    suspended = not_serving["พักการปฏิบัติหน้าที่"]

    form = client.post(reverse("cases:create"), form_data(suspended, chiang_mai))
    api = api_as(chiangmai_officer).post(CASES, body(suspended, chiang_mai), format="json")

    assert field_errors(form)["volunteer"] == ["อาสาสมัครที่เลือกไม่อยู่ในจังหวัดนี้ เลือกได้เฉพาะอาสาสมัครของจังหวัด"]
    assert api.status_code == 400 and NOT_IN_PROVINCE in str(api.json())
    assert suspended.full_name not in form.content.decode() + api.content.decode()
    for nobody in ("abc", "9" * 30):
        typed = client.post(reverse("cases:create"), {**form_data(suspended, chiang_mai), "volunteer": nobody})
        assert field_errors(typed)["volunteer"] == ["อาสาสมัครที่เลือกไม่อยู่ในจังหวัดนี้ เลือกได้เฉพาะอาสาสมัครของจังหวัด"]
