"""An officer gives one volunteer, or many selected on the list, a mentor of the province."""

import pytest
from django.urls import reverse

from mentors.tests.factories import MentorFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_assign_one_from_the_volunteer_page(client_for, lampang_officer, lampang, lampang_volunteer):
    other = MentorFactory(province=lampang, first_name="ประภา", last_name="สอนดี")
    client = client_for(lampang_officer)
    detail = reverse("volunteers:detail", args=[lampang_volunteer.pk])
    response = client.post(
        reverse("volunteers:assign_mentor"), {"volunteers": [lampang_volunteer.pk], "mentor": other.pk, "next": detail}
    )
    assert response.status_code == 302 and response["Location"] == detail
    html = client.get(detail).content.decode()
    assert "ประภา สอนดี" in html
    assert "มอบหมายพี่เลี้ยง นายประภา สอนดี ให้อาสาสมัคร 1 คนแล้ว" in html


def test_assign_many_at_once_from_the_list(client_for, lampang_officer, lampang, lampang_mentor):
    volunteers = VolunteerFactory.create_batch(5, province=lampang)
    response = client_for(lampang_officer).post(
        reverse("volunteers:assign_mentor"), {"volunteers": [v.pk for v in volunteers], "mentor": lampang_mentor.pk}
    )
    assert response.status_code == 302
    assert lampang_mentor.volunteers.count() == 5
    page = client_for(lampang_officer).get(reverse("mentors:detail", args=[lampang_mentor.pk])).content.decode()
    assert all(v.first_name in page for v in volunteers)


def test_mentor_of_another_province_is_refused(client_for, lampang_officer, lampang_volunteer, chiangmai_mentor):
    client = client_for(lampang_officer)
    response = client.post(
        reverse("volunteers:assign_mentor"),
        {"volunteers": [lampang_volunteer.pk], "mentor": chiangmai_mentor.pk},
        follow=True,
    )
    assert "พี่เลี้ยงที่เลือกไม่ได้อยู่ในจังหวัดที่ท่านดูแล" in response.content.decode()
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.mentor.first_name == "วิไล"


def test_nothing_selected_says_so(client_for, lampang_officer, lampang_mentor):
    response = client_for(lampang_officer).post(
        reverse("volunteers:assign_mentor"), {"mentor": lampang_mentor.pk}, follow=True
    )
    assert "กรุณาเลือกอาสาสมัครอย่างน้อยหนึ่งคน" in response.content.decode()


def test_get_is_not_allowed(client_for, lampang_officer):
    assert client_for(lampang_officer).get(reverse("volunteers:assign_mentor")).status_code == 405
