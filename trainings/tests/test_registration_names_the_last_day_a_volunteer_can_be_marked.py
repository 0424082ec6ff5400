"""A volunteer serving on an event's first day is registered though their term ends (or they go out of office) before
its last day, as registration asks the first day only; but the officer is told, by name, the last day the desk can
mark them present and why (the term's end in พ.ศ.), and that they will get no certificate, on the registration page,
for a mentor's group and through the API, beside those not registered. The event's list of participants says the
same on their line. All of it is read at once, however many people are registered."""

import datetime as dt
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from api import tokens
from trainings.tests.factories import EventFactory
from volunteers.models import StatusChange, Term
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

CUT_SHORT = (
    "ลงทะเบียนแล้วแต่ไม่ได้ปฏิบัติหน้าที่ในบางวันของกิจกรรม 1 คน จึงบันทึกการเข้าร่วมวันนั้นไม่ได้ และจะไม่ได้รับเกียรติบัตร (ต้องเข้าร่วมครบทุกวัน): "
)
LAST_DAY_15_JAN = "บันทึกการเข้าร่วมได้ถึงวันที่ 15 ม.ค. 2570 เท่านั้น เพราะวาระสิ้นสุดวันที่ 15 ม.ค. 2570"


@pytest.fixture
def three_days(lampang):
    """Lampang's workshop of 15 to 17 Jan 2570, open for registration."""
    return EventFactory(host_province=lampang, start_date=dt.date(2027, 1, 15), end_date=dt.date(2027, 1, 17))


@pytest.fixture
def ends_on_the_first_day(lampang, lampang_mentor):
    """Active, whose term ends on the workshop's first day, 15 Jan 2570, with no new term on record."""
    return VolunteerFactory(
        province=lampang,
        mentor=lampang_mentor,
        first_name="วาระ",
        last_name="ใกล้ครบ",
        term_ends_on=dt.date(2027, 1, 15),
    )


def registered(event) -> set[int]:
    return set(event.registrations.active().exclude(volunteer=None).values_list("volunteer_id", flat=True))


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_page_registers_them_and_names_the_last_day_they_can_be_marked_and_why(
    client_for, lampang_officer, lampang, three_days, ends_on_the_first_day
):
    serving = VolunteerFactory(province=lampang, term_ends_on=dt.date(2029, 9, 30))
    response = client_for(lampang_officer).post(
        reverse("trainings:register", args=[three_days.pk]),
        {"volunteer": [ends_on_the_first_day.pk, serving.pk]},
        follow=True,
    )

    page = page_text(response)
    assert "ลงทะเบียนแล้ว 2 คน" in page
    assert f"{CUT_SHORT}{ends_on_the_first_day.full_name} ({LAST_DAY_15_JAN})" in page
    assert serving.full_name not in page.split(CUT_SHORT)[1].split("<")[0]
    assert registered(three_days) == {ends_on_the_first_day.pk, serving.pk}


def test_a_mentors_group_names_them_too(client_for, lampang_officer, lampang_mentor, three_days, ends_on_the_first_day):
    response = client_for(lampang_officer).post(
        reverse("trainings:register_group", args=[three_days.pk]), {"mentor": lampang_mentor.pk}, follow=True
    )

    assert f"{CUT_SHORT}{ends_on_the_first_day.full_name} ({LAST_DAY_15_JAN})" in page_text(response)
    assert ends_on_the_first_day.pk in registered(three_days)


def test_the_api_answers_them_apart_with_the_last_day(lampang_officer, lampang, three_days, ends_on_the_first_day):
    api = APIClient()
    token = tokens.create_token(user=lampang_officer, name="ทดสอบ", days=30, read_only=False)[1]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = api.post(
        "/api/v1/registrations/", {"event": three_days.pk, "volunteers": [ends_on_the_first_day.pk]}, format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["not_registered"] == []
    assert response.json()["cut_short"] == [{"name": ends_on_the_first_day.full_name, "reason": LAST_DAY_15_JAN}]
    assert registered(three_days) == {ends_on_the_first_day.pk}


def test_a_suspension_in_the_middle_names_the_days_missed_and_one_serving_throughout_is_not_named(
    client_for, lampang_officer, lampang
):
    held = EventFactory(host_province=lampang, start_date=dt.date(2026, 3, 2), end_date=dt.date(2026, 3, 4))
    suspended = VolunteerFactory(province=lampang, first_name="พัก", last_name="ชั่วคราว")
    for from_status, to_status, day in (("active", "suspended", 3), ("suspended", "active", 4)):
        StatusChange.objects.create(
            volunteer=suspended,
            from_status=from_status,
            to_status=to_status,
            changed_on=dt.date(2026, 3, day),
            reason="-",
        )
    throughout = VolunteerFactory(province=lampang, first_name="อยู่", last_name="ครบ")
    response = client_for(lampang_officer).post(
        reverse("trainings:register", args=[held.pk]), {"volunteer": [suspended.pk, throughout.pk]}, follow=True
    )

    page = page_text(response)
    assert (
        f"{CUT_SHORT}{suspended.full_name} (บันทึกการเข้าร่วมของวันที่ 3 มี.ค. 2569 ไม่ได้ "
        "เพราะมีสถานะ “พักการปฏิบัติหน้าที่” ตั้งแต่ 3 มี.ค. 2569 จนกลับมาปฏิบัติหน้าที่เมื่อ 4 มี.ค. 2569)"
    ) in page
    assert throughout.full_name not in page.split(CUT_SHORT)[1]
    assert registered(held) == {suspended.pk, throughout.pk}


def test_the_list_of_participants_says_it_on_their_line(
    client_for, lampang_officer, lampang, three_days, ends_on_the_first_day
):
    client = client_for(lampang_officer)
    serving = VolunteerFactory(province=lampang)
    client.post(
        reverse("trainings:register", args=[three_days.pk]), {"volunteer": [ends_on_the_first_day.pk, serving.pk]}
    )

    response = client.get(reverse("trainings:registrations", args=[three_days.pk]))

    page = page_text(response)
    assert page.count('data-testid="cut-short"') == 1
    assert f'data-testid="cut-short">{LAST_DAY_15_JAN}</div>' in page


def volunteers_ending_on_the_first_day(lampang, count: int, first: int) -> list:
    people = []
    for n in range(first, first + count):
        volunteer = VolunteerFactory(
            province=lampang, first_name=f"อาสา{n}", last_name="ใกล้ครบ", term_ends_on=dt.date(2027, 1, 15)
        )
        Term.objects.create(volunteer=volunteer, starts_on=dt.date(2025, 1, 16), ends_on=dt.date(2027, 1, 15))
        people.append(volunteer)
    return people


def test_registering_thirty_reads_no_more_than_registering_three(client_for, lampang_officer, lampang, three_days):
    client = client_for(lampang_officer)
    three = volunteers_ending_on_the_first_day(lampang, 3, first=1)
    thirty = volunteers_ending_on_the_first_day(lampang, 30, first=4)
    url = reverse("trainings:register", args=[three_days.pk])

    with CaptureQueriesContext(connection) as three_read:
        assert client.post(url, {"volunteer": [v.pk for v in three]}).status_code == 302
    with CaptureQueriesContext(connection) as thirty_read:
        assert client.post(url, {"volunteer": [v.pk for v in thirty]}).status_code == 302

    assert len(thirty_read) <= len(three_read)
    assert "ไม่ได้ปฏิบัติหน้าที่ในบางวันของกิจกรรม 30 คน" in page_text(client.get(url))
