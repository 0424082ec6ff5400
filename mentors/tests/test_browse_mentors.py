"""The officer browses the province's mentors, each mentor's volunteers, and the districts still without one."""

import pytest
from django.urls import reverse

from mentors.tests.factories import MentorFactory
from provinces.models import Agency
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_list_shows_the_province_mentors_with_their_volunteer_counts(
    client_for, lampang_officer, lampang, lampang_mentor, chiangmai_mentor
):
    VolunteerFactory.create_batch(3, province=lampang, mentor=lampang_mentor)
    html = client_for(lampang_officer).get(reverse("mentors:list")).content.decode()
    name = '<span class="name-part">นายวิไล</span> <span class="name-part">พี่เลี้ยงดี</span>'
    assert name in html and "สุเทพ" not in html
    assert "สำนักงานแรงงานจังหวัดลำปาง" in html
    row = html.split(name)[1].split("</tr>")[0]
    assert ">3<" in row.replace(" ", "")
    assert reverse("mentors:create") in html


def test_filter_by_agency_kind(client_for, lampang_officer, lampang, lampang_mentor):
    skill = Agency.objects.get(province=lampang, kind="skill")
    MentorFactory(province=lampang, agency=skill, first_name="ครูฝึก", last_name="ฝีมือดี")
    html = client_for(lampang_officer).get(reverse("mentors:list"), {"agency_kind": "skill"}).content.decode()
    assert "ฝีมือดี" in html and "พี่เลี้ยงดี" not in html


def test_districts_without_a_mentor_link_to_the_volunteers(client_for, lampang_officer, lampang, lampang_mentor):
    VolunteerFactory.create_batch(2, province=lampang)
    VolunteerFactory(province=lampang, mentor=lampang_mentor)
    response = client_for(lampang_officer).get(reverse("mentors:list"))
    rows = list(response.context["districts_without_mentor"])
    assert rows[0].without_mentor == 2 and rows[0].active_count == 3
    assert "mentor=none" in response.content.decode()


def test_mentor_page_lists_volunteers_and_offers_unassigned_ones(client_for, lampang_officer, lampang, lampang_mentor):
    mine = VolunteerFactory(province=lampang, mentor=lampang_mentor, last_name="ในความดูแล")
    free = VolunteerFactory(province=lampang, last_name="ยังไม่มีใคร")
    client = client_for(lampang_officer)
    html = client.get(reverse("mentors:detail", args=[lampang_mentor.pk])).content.decode()
    assert "ในความดูแล" in html.split('data-testid="mentor-volunteers"')[1].split("</table>")[0]
    assert "ยังไม่มีใคร" in html.split('data-testid="unassigned-volunteers"')[1]
    client.post(reverse("volunteers:assign_mentor"), {"volunteers": [free.pk], "mentor": lampang_mentor.pk})
    assert set(lampang_mentor.volunteers.all()) == {mine, free}


def test_hq_sees_every_province(client_for, hq_analyst, lampang_mentor, chiangmai_mentor):
    html = client_for(hq_analyst).get(reverse("mentors:list")).content.decode()
    assert "พี่เลี้ยงดี" in html and "สุเทพ" in html
    html = client_for(hq_analyst).get(reverse("mentors:list"), {"province": "50"}).content.decode()
    assert "พี่เลี้ยงดี" not in html and "สุเทพ" in html
