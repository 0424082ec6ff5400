"""Attendance is recorded for a day that has come (Asia/Bangkok), never ahead: every door refuses a future day in Thai."""

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from reports import selectors as reports
from trainings import services
from trainings.models import Attendance
from trainings.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
NOT_YET = "ยังไม่ถึงวันที่"


@pytest.fixture
def event(lampang):
    """Three days: yesterday, today and tomorrow in Thailand."""
    today = timezone.localdate()
    return EventFactory(
        host_province=lampang, start_date=today - dt.timedelta(days=1), end_date=today + dt.timedelta(1)
    )


@pytest.fixture
def registration(event, lampang_volunteer):
    return RegistrationFactory(event=event, volunteer=lampang_volunteer)


def day_of(event, offset: int):
    return event.days.get(date=timezone.localdate() + dt.timedelta(days=offset))


def attended_in_report(event) -> int:
    return reports.hosted_events(event.host_province, event.fiscal_year)["totals"]["attended"]


# Each door: how it is used through the page, and whether the page answers in JSON.
DOORS = {
    "tick list": ("trainings:tick", lambda r: {"registration": r.pk}, True),
    "tick list without JavaScript": ("trainings:tick", lambda r: {"registration": r.pk}, False),
    "typed code": ("trainings:checkin", lambda r: {"code": r.code}, True),
    "QR scan": ("trainings:checkin", lambda r: {"code": r.code, "method": "qr"}, True),
    "typed code without JavaScript": ("trainings:checkin", lambda r: {"code": r.code}, False),
    "bulk present from the paper sheet": ("trainings:mark_present", lambda r: {"registration": [r.pk]}, False),
}


def use_door(client, door, event, day, registration):
    name, data, wants_json = DOORS[door]
    url = reverse(name, args=[event.pk, day.pk])
    if wants_json:
        return client.post(url, data(registration), **JSON)
    return client.post(url, data(registration), follow=True)


@pytest.mark.parametrize("door", DOORS)
def test_tomorrow_is_refused_at_every_door_with_a_thai_message_and_nothing_counted(
    client_for, lampang_officer, event, registration, door
):
    tomorrow = day_of(event, 1)
    before = attended_in_report(event)
    response = use_door(client_for(lampang_officer), door, event, tomorrow, registration)
    expected = f"{NOT_YET} {tomorrow.date.day} "
    if DOORS[door][2]:
        assert response.status_code == 400
        assert response.json()["ok"] is False
        assert response.json()["message"].startswith(expected)
        assert "จึงยังบันทึกการเข้าร่วมของวันนั้นไม่ได้" in response.json()["message"]
    else:
        assert response.content.decode().count(expected) >= 2  # the refusal, and the page's own notice
    assert not Attendance.objects.exists()
    assert attended_in_report(event) == before == 0


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("offset", [0, -1], ids=["today", "yesterday"])
def test_today_and_days_gone_by_are_recorded_at_every_door(
    client_for, lampang_officer, event, registration, door, offset
):
    day = day_of(event, offset)
    response = use_door(client_for(lampang_officer), door, event, day, registration)
    if DOORS[door][2]:
        assert response.status_code == 200 and response.json()["ok"] is True
    assert NOT_YET not in response.content.decode()
    assert Attendance.objects.get().day == day
    assert attended_in_report(event) == 1


def test_the_service_refuses_a_future_day_whoever_calls_it(lampang_officer, event, registration):
    tomorrow = day_of(event, 1)
    with pytest.raises(ValidationError, match=NOT_YET):
        services.check_in(day=tomorrow, registration=registration, method="tick", by=lampang_officer)
    with pytest.raises(ValidationError, match=NOT_YET):
        services.check_in(day=tomorrow, code=registration.code, method="qr", by=lampang_officer)
    with pytest.raises(ValidationError, match=NOT_YET):
        services.mark_present_bulk(day=tomorrow, registrations=[registration], by=lampang_officer)
    assert not Attendance.objects.exists()


def test_the_day_is_thailands_not_utcs(lampang_officer, lampang, lampang_volunteer):
    # 18:30 UTC on 30 November is already 01:30 on 1 December in Bangkok: 1 December has come, 2 December has not.
    now = dt.datetime(2026, 11, 30, 18, 30, tzinfo=ZoneInfo("UTC"))
    event = EventFactory(host_province=lampang, start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 2))
    registration = RegistrationFactory(event=event, volunteer=lampang_volunteer)
    first, second = event.days.all()
    with mock.patch("django.utils.timezone.now", return_value=now):
        services.check_in(day=first, registration=registration, method="tick", by=lampang_officer)
        with pytest.raises(ValidationError, match="ยังไม่ถึงวันที่ 2 ธันวาคม 2569"):
            services.check_in(day=second, registration=registration, method="tick", by=lampang_officer)
    assert list(Attendance.objects.values_list("day__date", flat=True)) == [dt.date(2026, 12, 1)]


def test_the_desk_pages_of_a_future_day_say_so_and_offer_no_ticking(client_for, lampang_officer, event, registration):
    client = client_for(lampang_officer)
    tomorrow = day_of(event, 1)
    for name in ("trainings:tick", "trainings:checkin", "trainings:mark_present"):
        page = client.get(reverse(name, args=[event.pk, tomorrow.pk])).content.decode()
        assert 'data-testid="attendance-not-open"' in page and NOT_YET in page, name
        assert 'id="tick-table"' not in page and 'id="code-form"' not in page, name
        assert f'name="registration" value="{registration.pk}"' not in page, name
    tick_page = client.get(reverse("trainings:tick", args=[event.pk, tomorrow.pk])).content.decode()
    assert registration.display_name in strip_tags(tick_page)  # the desk can still see who is coming
    today_page = client.get(reverse("trainings:tick", args=[event.pk, day_of(event, 0).pk])).content.decode()
    assert 'id="tick-table"' in today_page and NOT_YET not in today_page
    detail = client.get(reverse("trainings:detail", args=[event.pk])).content.decode()
    assert detail.count('data-testid="day-not-yet"') == 1
    assert reverse("trainings:tick", args=[event.pk, tomorrow.pk]) not in detail
    assert reverse("trainings:sheet", args=[event.pk, tomorrow.pk]) in detail  # the sheet is printed ahead
