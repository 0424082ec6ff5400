"""Two offices save the same person as a mentor at the same moment: both checks find the national ID free, the
database's unique index stops the second, and its officer reads the form's message for a taken ID (page or API),
never an error page. The same for an account linked to a second mentor."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api import tokens
from core.tests.national_ids import valid_national_id
from mentors.models import Mentor
from mentors.tests.factories import MentorFactory
from provinces.models import Agency

pytestmark = pytest.mark.django_db

TAKEN = "เลขประจำตัวประชาชนนี้ลงทะเบียนเป็นพี่เลี้ยงแล้ว"
NATIONAL_ID = valid_national_id(4242, prefix="35299")
MENTORS = "/api/v1/mentors/"


@pytest.fixture
def saved_meanwhile(monkeypatch, chiang_mai):
    """Chiang Mai saves a mentor with NATIONAL_ID right after the service's own check, before its write (the service's
    last full_clean, which passes no `exclude`; the form's passes one)."""
    real_full_clean = Mentor.full_clean
    saved = []

    def full_clean(mentor, *args, **kwargs):
        real_full_clean(mentor, *args, **kwargs)
        if "exclude" not in kwargs and mentor.national_id == NATIONAL_ID and not saved:
            saved.append(MentorFactory(province=chiang_mai, national_id=NATIONAL_ID))

    monkeypatch.setattr(Mentor, "full_clean", full_clean)
    return saved


def api_as(user) -> APIClient:
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {tokens.create_token(user=user, name='ทดสอบ', days=30, read_only=False)[1]}"
    )
    return client


def form_data(agency, **changes):
    return {
        "title": "นางสาว",
        "first_name": "พรรณี",
        "last_name": "ดูแลดี",
        "position": "นักวิชาการแรงงาน",
        "agency": agency.pk,
        "phone": "054-222-333",
        "is_active": "on",
        **changes,
    }


def test_the_second_of_two_registrations_at_once_on_the_page_gets_the_taken_id_message(
    client_for, lampang_officer, lampang, saved_meanwhile
):
    agency = Agency.objects.get(province=lampang, kind="employment")
    client = client_for(lampang_officer)
    client.raise_request_exception = False
    response = client.post(reverse("mentors:create"), form_data(agency, national_id=NATIONAL_ID))
    assert response.status_code == 200
    assert saved_meanwhile, "the other office's save did not happen in between"
    assert TAKEN in response.content.decode()
    assert not Mentor.objects.filter(first_name="พรรณี").exists()


def test_the_second_of_two_registrations_at_once_through_the_api_gets_400_with_the_taken_id_message(
    lampang_officer, lampang, saved_meanwhile
):
    agency = Agency.objects.get(province=lampang, kind="employment")
    client = api_as(lampang_officer)
    client.raise_request_exception = False
    body = {k: v for k, v in form_data(agency, national_id=NATIONAL_ID).items() if k != "is_active"}
    response = client.post(MENTORS, body, format="json")
    assert response.status_code == 400, response.content
    assert saved_meanwhile
    assert response.json()["errors"]["national_id"] == [TAKEN]
    assert not Mentor.objects.filter(first_name="พรรณี").exists()


def test_an_edit_to_an_id_registered_a_moment_before_on_the_page_gets_the_taken_id_message(
    client_for, lampang_officer, lampang_mentor, saved_meanwhile
):
    client = client_for(lampang_officer)
    client.raise_request_exception = False
    response = client.post(
        reverse("mentors:edit", args=[lampang_mentor.pk]),
        form_data(lampang_mentor.agency, national_id=NATIONAL_ID, version=lampang_mentor.version),
    )
    assert response.status_code == 200
    assert saved_meanwhile
    assert TAKEN in response.content.decode()
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.national_id != NATIONAL_ID


def test_an_edit_to_an_id_registered_a_moment_before_through_the_api_gets_400(
    lampang_officer, lampang_mentor, saved_meanwhile
):
    client = api_as(lampang_officer)
    client.raise_request_exception = False
    response = client.patch(
        f"{MENTORS}{lampang_mentor.pk}/",
        {"national_id": NATIONAL_ID},
        format="json",
        HTTP_IF_MATCH=str(lampang_mentor.version),
    )
    assert response.status_code == 400, response.content
    assert saved_meanwhile
    assert response.json()["errors"]["national_id"] == [TAKEN]
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.national_id != NATIONAL_ID


def test_an_account_already_linked_to_a_mentor_is_refused_for_a_second_one_by_name(
    client_for, lampang_officer, lampang, lampang_mentor
):
    lampang_mentor.user = lampang_officer
    lampang_mentor.save()
    agency = Agency.objects.get(province=lampang, kind="employment")
    client = client_for(lampang_officer)
    client.raise_request_exception = False
    response = client.post(reverse("mentors:create"), form_data(agency, user=lampang_officer.pk))
    assert response.status_code == 200
    assert f"บัญชีนี้ผูกกับพี่เลี้ยง {lampang_mentor.full_name} อยู่แล้ว บัญชีหนึ่งผูกกับพี่เลี้ยงได้คนเดียว" in response.content.decode()
    assert not Mentor.objects.filter(first_name="พรรณี").exists()
