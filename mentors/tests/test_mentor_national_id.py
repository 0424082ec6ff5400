"""A mentor's national ID: masked on the page, opened in full only with a purpose by those who may write in the
province (the same form and record as a volunteer's), and searched for without it landing in a URL."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from core.tests.national_ids import valid_national_id
from mentors.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db

NATIONAL_ID = valid_national_id(55)


@pytest.fixture
def mentor(lampang):
    return MentorFactory(province=lampang, first_name="ประภา", last_name="มีเลข", national_id=NATIONAL_ID)


def formatted(nid: str) -> str:
    return f"{nid[0]}-{nid[1:5]}-{nid[5:10]}-{nid[10:12]}-{nid[12]}"


def test_the_mentor_page_shows_the_id_masked(client_for, lampang_officer, mentor):
    html = client_for(lampang_officer).get(reverse("mentors:detail", args=[mentor.pk])).content.decode()
    assert f"{NATIONAL_ID[0]}-{NATIONAL_ID[1:5]}-xxxxx-xx-{NATIONAL_ID[12]}" in html
    assert NATIONAL_ID not in html and formatted(NATIONAL_ID) not in html
    assert "แสดงเลขประจำตัวประชาชนเต็ม" in html
    assert not AuditEvent.objects.filter(action="view_national_id").exists()


def test_with_a_purpose_the_officer_sees_the_full_id_and_the_view_is_recorded(client_for, lampang_officer, mentor):
    url = reverse("mentors:national_id", args=[mentor.pk])
    response = client_for(lampang_officer).post(url, {"purpose": "verify_identity"})
    assert formatted(NATIONAL_ID) in response.content.decode()
    event = AuditEvent.objects.get(action="view_national_id")
    assert (event.object_type, event.object_id) == ("mentors.Mentor", str(mentor.pk))
    assert event.detail["purpose"] == "verify_identity"


def test_other_without_a_reason_is_refused_in_thai(client_for, lampang_officer, mentor):
    url = reverse("mentors:national_id", args=[mentor.pk])
    html = client_for(lampang_officer).post(url, {"purpose": "other"}).content.decode()
    assert "กรุณาระบุวัตถุประสงค์" in html
    assert formatted(NATIONAL_ID) not in html
    assert not AuditEvent.objects.filter(action="view_national_id").exists()


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst", "chiangmai_officer"])
def test_those_who_may_not_write_in_the_province_cannot_open_it(persona, personas, client_for, mentor):
    client = client_for(personas[persona])
    response = client.post(reverse("mentors:national_id", args=[mentor.pk]), {"purpose": "refer"})
    assert response.status_code == (404 if persona == "chiangmai_officer" else 403)
    if persona != "chiangmai_officer":
        html = client.get(reverse("mentors:detail", args=[mentor.pk])).content.decode()
        assert "แสดงเลขประจำตัวประชาชนเต็ม" not in html and formatted(NATIONAL_ID) not in html
    assert not AuditEvent.objects.filter(action="view_national_id").exists()


def test_opening_the_edit_form_is_recorded(client_for, lampang_officer, mentor):
    client_for(lampang_officer).get(reverse("mentors:edit", args=[mentor.pk]))
    assert AuditEvent.objects.get(action="view_national_id").detail["purpose"] == "edit_form"


def test_searching_mentors_by_id_finds_them_without_the_id_in_the_url(client_for, lampang_officer, lampang, mentor):
    MentorFactory(province=lampang, first_name="อื่น", last_name="ไม่ใช่")
    client = client_for(lampang_officer)
    response = client.post(reverse("core:search"), {"next": reverse("mentors:list"), "q": formatted(NATIONAL_ID)})
    location = response["Location"]
    assert response.status_code == 302
    assert NATIONAL_ID not in location and formatted(NATIONAL_ID) not in location and "search=" in location
    html = client.get(location).content.decode()
    table = html.split('data-testid="mentor-table"')[1]
    assert "มีเลข" in table and "ไม่ใช่" not in table
