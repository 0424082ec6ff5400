"""An officer records a re-appointment whose term starts after today: an early re-appointment that continues the
current term is taken; a start more than a year ahead (found by probe P8: 01/01/2600 was taken) is refused as a year
typed in the other era, on every door that records a term (volunteers.rules.term_error: the pages, the board and the
roster import); a start of today or earlier after a gap is taken as before."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from core.thai import format_date_be, format_date_numeric_be
from tests.english import field_errors, in_english
from volunteers import rules
from volunteers.models import Term
from volunteers.tests.factories import VolunteerFactory
from volunteers.tests.term_factories import days, ending_in

pytestmark = pytest.mark.django_db


def typed(date: dt.date) -> str:
    return format_date_numeric_be(date)


def reappoint(client, volunteer, starts_on: dt.date):
    return client.post(
        reverse("volunteers:reappoint", args=[volunteer.pk]), {"order_no": "ลป 9/2570", "starts_on": typed(starts_on)}
    )


def shown_status(client, volunteer) -> str:
    """The status badge at the top of the volunteer's page, tags stripped."""
    html = client.get(reverse("volunteers:detail", args=[volunteer.pk])).content.decode()
    badge = re.search(r'data-testid="status-badge">(.*?)</div>', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", badge).split())


def test_a_term_that_continues_the_current_one_is_taken_ahead(client_for, lampang_officer, lampang_volunteer):
    ending_in(lampang_volunteer, 20)
    client = client_for(lampang_officer)
    # The start the page proposes: the day after the running term's last day.
    assert client.get(reverse("volunteers:reappoint", args=[lampang_volunteer.pk])).context["form"][
        "starts_on"
    ].value() == typed(days(21))
    response = reappoint(client, lampang_volunteer, days(21))
    assert response.status_code == 302
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.term_ends_on == rules.default_term_end(days(21))
    assert lampang_volunteer.terms.count() == 2


@pytest.mark.parametrize("years", [10, 30])
def test_a_start_years_ahead_is_refused(client_for, lampang_officer, lampang_volunteer, years):
    ending_in(lampang_volunteer, 20)
    far = days(0).replace(year=days(0).year + years, month=1, day=1)
    response = reappoint(client_for(lampang_officer), lampang_volunteer, far)
    assert f"วันเริ่มวาระ {format_date_be(far)} ห่างจากวันนี้เกิน 1 ปี" in field_errors(response)["starts_on"][0]
    assert lampang_volunteer.terms.count() == 1


@pytest.mark.parametrize("start", [0, -10], ids=["today", "ten days ago"])
def test_a_start_that_has_come_after_a_gap_is_taken_as_before(client_for, lampang_officer, lampang_volunteer, start):
    ending_in(lampang_volunteer, -300)
    client = client_for(lampang_officer)
    # Today is what the page proposes after an ended term.
    assert client.get(reverse("volunteers:reappoint", args=[lampang_volunteer.pk])).context["form"][
        "starts_on"
    ].value() == typed(days(0))
    assert reappoint(client, lampang_volunteer, days(start)).status_code == 302
    assert lampang_volunteer.terms.count() == 2
    assert shown_status(client, lampang_volunteer) == "ปฏิบัติหน้าที่"


def test_the_terms_board_proposes_a_start_it_accepts(client_for, lampang_officer, lampang):
    """Picked on the board one at a time, or with others whose term ends the same day."""
    soon = [ending_in(VolunteerFactory(province=lampang), 12) for _ in range(2)]
    ended = ending_in(VolunteerFactory(province=lampang), -8)
    client = client_for(lampang_officer)
    board = reverse("volunteers:terms_ending")
    for picked in ([v.pk for v in soon], [ended.pk]):
        asked = client.post(reverse("volunteers:reappoint_many"), {"volunteers": picked, "next": board})
        start = asked.context["form"]["starts_on"].value()
        done = client.post(
            reverse("volunteers:reappoint_many"),
            {"volunteers": picked, "order_no": "ลป 11/2570", "starts_on": start, "next": board},
        )
        assert done.status_code == 302, done.context["refused"]
    assert Term.objects.filter(order_no="ลป 11/2570").count() == 3


def test_one_order_for_a_group_whose_terms_end_on_different_days_is_taken_and_tells_of_the_gap(
    client_for, lampang_officer, lampang
):
    continues = ending_in(VolunteerFactory(province=lampang, first_name="ต่อทันที"), 20)
    gap = ending_in(VolunteerFactory(province=lampang, first_name="เว้นช่วง"), -8)
    response = client_for(lampang_officer).post(
        reverse("volunteers:reappoint_many"),
        {"volunteers": [continues.pk, gap.pk], "order_no": "ลป 10/2570", "starts_on": typed(days(21))},
        follow=True,
    )
    assert Term.objects.filter(order_no="ลป 10/2570").count() == 2
    assert "ครบวาระก่อนวาระใหม่เริ่ม" in response.content.decode()


def test_a_start_years_ahead_is_refused_in_english_too(client_for, lampang_officer, lampang_volunteer):
    ending_in(lampang_volunteer, 20)
    far = days(0).replace(year=days(0).year + 30, month=1, day=1)
    response = reappoint(in_english(client_for(lampang_officer)), lampang_volunteer, far)
    assert (
        "is more than a year from today: a term may be recorded at most a year ahead"
        in field_errors(response)["starts_on"][0]
    )
