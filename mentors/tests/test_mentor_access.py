"""Who may open and change which mentor page."""

import pytest
from django.urls import reverse

from provinces.models import Agency
from tests.admin_forms import form_as_posted
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def test_chiang_mai_officer_gets_404_on_lampang_mentor_urls(client_for, chiangmai_officer, lampang_mentor):
    client = client_for(chiangmai_officer)
    for url in [reverse("mentors:detail", args=[lampang_mentor.pk]), reverse("mentors:edit", args=[lampang_mentor.pk])]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"first_name": "แก้"}).status_code == 404, url
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.first_name == "วิไล"
    assert "พี่เลี้ยงดี" not in client.get(reverse("mentors:list"), {"province": "52"}).content.decode()


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst"])
def test_read_only_personas_read_but_cannot_write(persona, personas, client_for, lampang_mentor):
    client = client_for(personas[persona])
    html = client.get(reverse("mentors:detail", args=[lampang_mentor.pk])).content.decode()
    assert "วิไล พี่เลี้ยงดี" in html
    assert reverse("mentors:edit", args=[lampang_mentor.pk]) not in html
    assert client.get(reverse("mentors:edit", args=[lampang_mentor.pk])).status_code == 403
    assert client.post(reverse("mentors:edit", args=[lampang_mentor.pk]), {"first_name": "แก้"}).status_code == 403
    assert client.get(reverse("mentors:create")).status_code == 403
    assert client.post(reverse("mentors:create"), {"first_name": "ใหม่"}).status_code == 403
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.first_name == "วิไล"


def test_a_mentor_moved_to_another_provinces_agency_leaves_their_volunteers_behind_without_a_mentor(
    client_for, admin_user, chiangmai_officer, lampang_volunteer, lampang_mentor, chiang_mai
):
    """The admin site lets an administrator give a mentor another province's agency (a transfer): the volunteers stay
    in Lampang, without a mentor, and Chiang Mai's officers do not see them on the mentor's page."""
    admin = client_for(admin_user)
    url = reverse("admin:mentors_mentor_change", args=[lampang_mentor.pk])
    data = form_as_posted(admin, url) | {"agency": Agency.objects.filter(province=chiang_mai).first().pk}
    assert admin.post(url, data).status_code == 302
    lampang_mentor.refresh_from_db()
    lampang_volunteer.refresh_from_db()
    assert lampang_mentor.province == chiang_mai and lampang_volunteer.mentor is None
    assert lampang_volunteer.province.code == "52"
    html = client_for(chiangmai_officer).get(reverse("mentors:detail", args=[lampang_mentor.pk])).content.decode()
    assert "วิไล พี่เลี้ยงดี" in html and "สมหมาย" not in html


def test_a_mentor_page_lists_only_the_volunteers_its_reader_may_see(
    client_for, chiangmai_officer, chiangmai_mentor, lampang_volunteer
):
    """A Lampang volunteer written with a Chiang Mai mentor by another door (raw SQL, an old import) stays hidden."""
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(mentor=chiangmai_mentor)
    html = client_for(chiangmai_officer).get(reverse("mentors:detail", args=[chiangmai_mentor.pk])).content.decode()
    assert "ดอย สุเทพ" in html and "สมหมาย" not in html
