"""An officer who picks a mentor who has ended (พ้นหน้าที่แล้ว) for a volunteer, on the edit or registration page or
through the API, is told that the mentor no longer serves, not that the mentor is of another province; another
province's mentor still gets the province's message. A mentor ended at the same moment as an assignment is read again
under a lock, so nobody is put in an ended mentor's care."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from api import tokens
from core.thai import national_id_with_check_digit
from mentors.models import Mentor
from mentors.tests.factories import MentorFactory
from tests.english import field_errors, in_english
from volunteers import services
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

OTHER_PROVINCE = "พี่เลี้ยงที่เลือกไม่ได้สังกัดหน่วยงานในจังหวัดนี้"


@pytest.fixture
def ended_mentor(lampang):
    return MentorFactory(province=lampang, first_name="เกษียณ", last_name="แล้ว", is_active=False)


def edit_data(volunteer, **changes):
    return {
        "national_id": volunteer.national_id,
        "title": volunteer.title,
        "first_name": volunteer.first_name,
        "last_name": volunteer.last_name,
        "subdistrict": volunteer.subdistrict_id,
        "mentor": volunteer.mentor_id or "",
        "version": volunteer.version,
    } | changes


def test_the_edit_page_says_the_mentor_no_longer_serves(client_for, lampang_officer, lampang_volunteer, ended_mentor):
    url = reverse("volunteers:edit", args=[lampang_volunteer.pk])
    response = client_for(lampang_officer).post(url, edit_data(lampang_volunteer, mentor=ended_mentor.pk))
    assert response.status_code == 200
    assert field_errors(response)["mentor"] == ["นายเกษียณ แล้ว ไม่ได้ปฏิบัติหน้าที่พี่เลี้ยงแล้ว"]
    assert Volunteer.objects.get(pk=lampang_volunteer.pk).mentor_id == lampang_volunteer.mentor_id


def test_another_provinces_mentor_keeps_the_province_message(
    client_for, lampang_officer, lampang_volunteer, chiangmai_mentor
):
    url = reverse("volunteers:edit", args=[lampang_volunteer.pk])
    response = client_for(lampang_officer).post(url, edit_data(lampang_volunteer, mentor=chiangmai_mentor.pk))
    assert field_errors(response)["mentor"] == [OTHER_PROVINCE]
    ended_elsewhere = MentorFactory(province=chiangmai_mentor.province, is_active=False)
    response = client_for(lampang_officer).post(url, edit_data(lampang_volunteer, mentor=ended_elsewhere.pk))
    assert field_errors(response)["mentor"] == [OTHER_PROVINCE]


def test_the_registration_page_and_an_english_reader(client_for, lampang_officer, lampang, ended_mentor):
    subdistrict = lampang.subdistricts.order_by("code").first()
    data = {
        "national_id": national_id_with_check_digit("152010007788"),
        "title": "miss",
        "first_name": "ดวงพร",
        "last_name": "ศรีนวลแก้ว",
        "subdistrict": subdistrict.pk,
        "mentor": ended_mentor.pk,
    }
    client = client_for(lampang_officer)
    response = client.post(reverse("volunteers:create"), data)
    assert field_errors(response)["mentor"] == ["นายเกษียณ แล้ว ไม่ได้ปฏิบัติหน้าที่พี่เลี้ยงแล้ว"]
    english = in_english(client).post(reverse("volunteers:create"), data)
    assert field_errors(english)["mentor"] == ["Mr เกษียณ แล้ว no longer serves as a mentor"]
    assert not Volunteer.objects.filter(first_name="ดวงพร").exists()


def test_the_api_says_the_mentor_no_longer_serves(lampang_officer, lampang_volunteer, ended_mentor, chiangmai_mentor):
    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION=f"Bearer {tokens.create_token(user=lampang_officer, name='ทดสอบ', days=30, read_only=False)[1]}"
    )
    url = f"/api/v1/volunteers/{lampang_volunteer.pk}/"
    version = api.get(url)["ETag"]
    ended = api.patch(url, {"mentor": ended_mentor.pk}, format="json", HTTP_IF_MATCH=version)
    assert ended.status_code == 400
    assert ended.json()["errors"]["mentor"] == ["นายเกษียณ แล้ว ไม่ได้ปฏิบัติหน้าที่พี่เลี้ยงแล้ว"]
    elsewhere = api.patch(url, {"mentor": chiangmai_mentor.pk}, format="json", HTTP_IF_MATCH=version)
    assert elsewhere.json()["errors"]["mentor"] == [OTHER_PROVINCE]
    assert Volunteer.objects.get(pk=lampang_volunteer.pk).mentor_id == lampang_volunteer.mentor_id


def end(mentor: Mentor) -> None:
    """The mentor ended by another officer after this one's page read them as serving."""
    fresh = Mentor.objects.across_provinces("test").get(pk=mentor.pk)
    fresh.is_active = False
    fresh.save()


def test_assigning_a_mentor_ended_meanwhile_is_refused_under_a_lock(lampang_officer, lampang, lampang_volunteer):
    mentor = MentorFactory(province=lampang, first_name="เพิ่งพ้น", last_name="หน้าที่")
    seen_serving = Mentor.objects.across_provinces("test").get(pk=mentor.pk)  # as the assign form validated it
    end(mentor)
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as refused:
        services.assign_mentor(volunteers=[lampang_volunteer], mentor=seen_serving, by=lampang_officer)
    assert refused.value.message_dict["mentor"] == ["นายเพิ่งพ้น หน้าที่ ไม่ได้ปฏิบัติหน้าที่พี่เลี้ยงแล้ว"]
    assert any('FROM "mentors_mentor"' in q["sql"] and "FOR UPDATE" in q["sql"] for q in queries.captured_queries)
    assert Volunteer.objects.get(pk=lampang_volunteer.pk).mentor_id == lampang_volunteer.mentor_id


def test_an_edit_giving_a_mentor_ended_meanwhile_is_refused(lampang_officer, lampang, lampang_volunteer):
    mentor = MentorFactory(province=lampang, first_name="เพิ่งพ้น", last_name="หน้าที่")
    seen_serving = Mentor.objects.across_provinces("test").get(pk=mentor.pk)  # as the edit form validated it
    end(mentor)
    with pytest.raises(ValidationError) as refused:
        services.update_volunteer(volunteer=lampang_volunteer, data={"mentor": seen_serving}, by=lampang_officer)
    assert refused.value.message_dict["mentor"] == ["นายเพิ่งพ้น หน้าที่ ไม่ได้ปฏิบัติหน้าที่พี่เลี้ยงแล้ว"]
    assert Volunteer.objects.get(pk=lampang_volunteer.pk).mentor_id != mentor.pk
