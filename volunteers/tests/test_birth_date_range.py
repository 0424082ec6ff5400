"""A birth date must be possible: not in the future, at most 120 years ago and at least 15 (volunteers.rules), on
every door."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core import thai
from core.tests.national_ids import valid_national_id
from volunteers import rules
from volunteers.models import Volunteer
from volunteers.services import update_volunteer

pytestmark = pytest.mark.django_db


def test_a_birth_date_in_1901_is_refused_by_the_registration_form(client_for, lampang_officer, lampang):
    subdistrict = lampang.subdistricts.order_by("code").first()
    data = {
        "national_id": valid_national_id(7788, prefix="15201"),
        "title": "miss",
        "first_name": "ดวงพร",
        "last_name": "ศรีนวลแก้ว",
        "birth_date": "01/01/2444",
        "subdistrict": subdistrict.pk,
    }

    response = client_for(lampang_officer).post(reverse("volunteers:create"), data)

    assert response.status_code == 200
    assert "วันเกิด 1 ม.ค. 2444 เก่ากว่า 120 ปี" in response.content.decode()
    assert not Volunteer.objects.filter(first_name="ดวงพร").exists()


def test_the_service_refuses_a_birth_date_over_120_years_ago(lampang_volunteer, lampang_officer):
    too_old = rules.oldest_birth_date(timezone.localdate()) - dt.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        update_volunteer(volunteer=lampang_volunteer, data={"birth_date": too_old}, by=lampang_officer)

    assert refused.value.message_dict["birth_date"] == [rules.birth_date_error(too_old)]
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.birth_date is None


@pytest.mark.parametrize(
    ("today", "oldest"),
    [
        (dt.date(2026, 11, 30), dt.date(1906, 11, 30)),
        (dt.date(2028, 2, 29), dt.date(1908, 2, 29)),
        (dt.date(2100, 3, 1), dt.date(1980, 3, 1)),
        (dt.date(2020, 2, 29), dt.date(1900, 2, 28)),  # 1900 had no 29 February
    ],
)
def test_exactly_120_years_is_the_oldest_birth_date_accepted(today, oldest):
    assert rules.oldest_birth_date(today) == oldest
    assert rules.birth_date_error(oldest, today=today) is None
    assert "เก่ากว่า 120 ปี" in rules.birth_date_error(oldest - dt.timedelta(days=1), today=today)
    assert "อายุเพียง 0 ปี" in rules.birth_date_error(today, today=today)
    fifteen = dt.date(today.year - rules.MIN_AGE_YEARS, today.month, min(today.day, 28 if today.month == 2 else 31))
    assert rules.birth_date_error(fifteen, today=today) is None
    assert "อายุเพียง 14 ปี" in rules.birth_date_error(fifteen + dt.timedelta(days=1), today=today)
    assert rules.birth_date_error(today + dt.timedelta(days=1), today=today) == (
        f"วันเกิด {thai.format_date_be(today + dt.timedelta(days=1))} เป็นวันในอนาคต วันเกิดต้องไม่เกินวันนี้"
    )
