"""A volunteer whose term of office has ended (ครบวาระ: active by status, the term's last day passed without a new term
on record) is not registered into an event, on the page or through the API, and the officer reads their name, that
the term ended and on which day (พ.ศ.), beside the others registered. The day that counts is the event's first day:
a term that ends before an event ahead begins is refused, one that runs to its first day is not, and an event held
already takes those who were serving when it began."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api import tokens
from tests.english import english_name, in_english
from trainings.tests.factories import EventFactory
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

REGISTRATIONS = "/api/v1/registrations/"
REFUSED = "ลงทะเบียนไม่ได้ 1 คน เพราะรับเฉพาะผู้ที่ยังปฏิบัติหน้าที่: "


@pytest.fixture
def event_ahead(lampang):
    """Lampang's workshop of 15 Jan 2570, open for registration."""
    return EventFactory(host_province=lampang, start_date=dt.date(2027, 1, 15), end_date=dt.date(2027, 1, 16))


@pytest.fixture
def term_ended(lampang):
    """Active by status, whose term ended on 30 Sep 2569 and was not renewed."""
    return VolunteerFactory(province=lampang, first_name="ครบ", last_name="วาระแล้ว", term_ends_on=dt.date(2026, 9, 30))


def api_as(user) -> APIClient:
    client = APIClient()
    token = tokens.create_token(user=user, name="ทดสอบ", days=30, read_only=False)[1]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def registered(event) -> set[int]:
    return set(event.registrations.active().values_list("volunteer_id", flat=True))


def test_the_page_registers_the_serving_volunteer_and_names_the_one_whose_term_ended_with_its_date(
    client_for, lampang_officer, lampang, event_ahead, term_ended
):
    serving = VolunteerFactory(province=lampang, term_ends_on=dt.date(2029, 9, 30))
    response = client_for(lampang_officer).post(
        reverse("trainings:register", args=[event_ahead.pk]), {"volunteer": [term_ended.pk, serving.pk]}, follow=True
    )
    page = response.content.decode()
    assert term_ended.status == Volunteer.Status.ACTIVE
    assert "ลงทะเบียนแล้ว 1 คน" in page
    assert f"{REFUSED}{term_ended.full_name} (ครบวาระ: วาระสิ้นสุด 30 ก.ย. 2569 ก่อนวันเริ่มกิจกรรม 15 ม.ค. 2570)" in page
    assert registered(event_ahead) == {serving.pk}


def test_the_api_registers_nobody_whose_term_ended_and_gives_the_reason(
    lampang_officer, lampang, event_ahead, term_ended
):
    serving = VolunteerFactory(province=lampang)
    client = api_as(lampang_officer)
    response = client.post(
        REGISTRATIONS, {"event": event_ahead.pk, "volunteers": [serving.pk, term_ended.pk]}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert [r["display_name"] for r in response.json()["registered"]] == [serving.full_name]
    assert response.json()["not_registered"] == [
        {"name": term_ended.full_name, "reason": "ครบวาระ: วาระสิ้นสุด 30 ก.ย. 2569 ก่อนวันเริ่มกิจกรรม 15 ม.ค. 2570"}
    ]

    alone = client.post(REGISTRATIONS, {"event": event_ahead.pk, "volunteers": [term_ended.pk]}, format="json")
    assert alone.status_code == 200 and alone.json()["registered"] == []
    assert registered(event_ahead) == {serving.pk}


def test_a_term_that_ends_before_an_event_ahead_begins_is_refused_and_one_that_runs_to_its_first_day_is_not(
    client_for, lampang_officer, lampang, event_ahead
):
    ends_the_day_before = VolunteerFactory(province=lampang, term_ends_on=dt.date(2027, 1, 14))
    ends_on_the_first_day = VolunteerFactory(province=lampang, term_ends_on=dt.date(2027, 1, 15))
    response = client_for(lampang_officer).post(
        reverse("trainings:register", args=[event_ahead.pk]),
        {"volunteer": [ends_the_day_before.pk, ends_on_the_first_day.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert (
        f"{REFUSED}{ends_the_day_before.full_name} (ครบวาระ: วาระสิ้นสุด 14 ม.ค. 2570 ก่อนวันเริ่มกิจกรรม 15 ม.ค. 2570)" in page
    )
    assert registered(event_ahead) == {ends_on_the_first_day.pk}


def test_an_event_held_already_takes_a_volunteer_who_served_then_though_the_term_has_ended_since(
    lampang_officer, lampang, term_ended
):
    held = EventFactory(host_province=lampang, start_date=dt.date(2026, 9, 1), end_date=dt.date(2026, 9, 2))
    response = api_as(lampang_officer).post(
        REGISTRATIONS, {"event": held.pk, "volunteers": [term_ended.pk]}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["not_registered"] == []
    assert registered(held) == {term_ended.pk}


def test_a_mentors_group_registers_without_the_one_whose_term_ended_and_names_them(
    client_for, lampang_officer, lampang, lampang_mentor, event_ahead
):
    group = VolunteerFactory.create_batch(2, province=lampang, mentor=lampang_mentor)
    ended = VolunteerFactory(province=lampang, mentor=lampang_mentor, term_ends_on=dt.date(2026, 9, 30))
    response = client_for(lampang_officer).post(
        reverse("trainings:register_group", args=[event_ahead.pk]), {"mentor": lampang_mentor.pk}, follow=True
    )
    page = response.content.decode()
    assert "ลงทะเบียนแล้ว 3 คน" in page
    assert f"{REFUSED}{ended.full_name} (ครบวาระ: วาระสิ้นสุด 30 ก.ย. 2569 ก่อนวันเริ่มกิจกรรม 15 ม.ค. 2570)" in page
    assert registered(event_ahead) - {None} == {v.pk for v in group}


def test_in_english_the_reason_says_the_term_ended_with_the_dates_in_english(
    client_for, lampang_officer, event_ahead, term_ended
):
    response = in_english(client_for(lampang_officer)).post(
        reverse("trainings:register", args=[event_ahead.pk]), {"volunteer": [term_ended.pk]}, follow=True
    )
    assert (
        f"1 not registered, as only people still serving can be: {english_name(term_ended)} "
        "(term ended: the term ends on 30 Sep 2026, before the event starts on 15 Jan 2027)"
    ) in response.content.decode()
    assert not registered(event_ahead)


def test_the_search_offers_no_tick_box_for_one_whose_term_ends_before_the_event(
    client_for, lampang_officer, lampang, event_ahead, term_ended
):
    serving = VolunteerFactory(province=lampang, first_name="ครบ", last_name="ยังอยู่", term_ends_on=dt.date(2029, 9, 30))
    response = client_for(lampang_officer).get(reverse("trainings:register", args=[event_ahead.pk]), {"q": "ครบ"})
    offered = [v.pk for v in response.context["results"]]
    assert offered == [serving.pk]
    assert response.context["hidden_inactive"] == 1  # the officer is told one more matched
