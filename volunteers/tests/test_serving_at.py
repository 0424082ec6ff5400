"""Who was serving on a day is one rule (volunteers.rules.serving_at), read by the province report's tables, its
coverage and the tallies alike: at the boundary day, a change on that day counts, one after it does not."""

import datetime as dt

import pytest

from reports.selectors import district_table, volunteer_breakdown
from volunteers.models import Volunteer
from volunteers.rules import Status, serving_at
from volunteers.tests.factories import VolunteerFactory

END = dt.date(2026, 9, 30)


@pytest.fixture
def people(lampang):
    def make(first_name, **fields):
        return VolunteerFactory(
            province=lampang, first_name=first_name, **{"appointed_on": dt.date(2024, 1, 5), **fields}
        )

    return {
        "serving": make("ทำงานอยู่"),
        "no_date": make("ไม่มีวันแต่งตั้ง", appointed_on=None),
        "appointed_after": make("แต่งตั้งทีหลัง", appointed_on=dt.date(2026, 10, 1)),
        "resigned_on_the_day": make("ลาออกวันนั้น", status=Status.RESIGNED, status_changed_on=END),
        "resigned_after": make("ลาออกทีหลัง", status=Status.RESIGNED, status_changed_on=dt.date(2026, 10, 1)),
    }


def test_serving_at_the_end_of_the_fiscal_year(people):
    serving = Volunteer.objects.filter(serving_at(END, appointed="appointed_on", changed="status_changed_on"))

    assert set(serving.values_list("first_name", flat=True)) == {"ทำงานอยู่", "ไม่มีวันแต่งตั้ง", "ลาออกทีหลัง"}


def test_the_province_report_counts_the_same_people(people, lampang):
    breakdown = volunteer_breakdown(lampang, END, mentors={})
    district_id = people["serving"].subdistrict.district_id

    assert breakdown["districts"][district_id]["active"] == 3
    assert breakdown["districts"][district_id]["total"] == 4  # appointed by the day, whatever their status
    row = next(r for r in district_table(lampang, END) if r["pk"] == district_id)
    assert row["covered"] == 1
