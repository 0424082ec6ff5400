"""Nobody is put in the care of a mentor who has ended, through the admin site either (its volunteer forms took one:
found by helper F4): the rule is the volunteer's own (Volunteer.clean), with the assign page's message."""

import html

import pytest
from django.urls import reverse

from mentors.tests.factories import MentorFactory
from tests.admin_forms import form_as_posted
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("change_page", ["admin:volunteers_volunteer_change", "admin:rosters_volunteerroster_change"])
def test_an_ended_mentor_is_refused_and_the_volunteer_keeps_theirs(client_for, admin_user, lampang, change_page):
    serving = MentorFactory(province=lampang)
    ended = MentorFactory(province=lampang, first_name="เกษียณ", last_name="แล้ว", is_active=False)
    volunteer = VolunteerFactory(province=lampang, mentor=serving)
    client = client_for(admin_user)
    url = reverse(change_page, args=[volunteer.pk])

    response = client.post(url, {**form_as_posted(client, url), "mentor": ended.pk})

    assert response.status_code == 200
    assert f"{ended.full_name} ไม่ได้ปฏิบัติหน้าที่พี่เลี้ยงแล้ว" in html.unescape(response.content.decode())
    assert Volunteer.objects.get(pk=volunteer.pk).mentor == serving
