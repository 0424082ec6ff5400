"""The province report's fiscal year at its edges: 30 September closes a year, 1 October opens the next."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import selectors
from trainings import services
from trainings.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def boundary_events(lampang, lampang_officer):
    """Three Lampang events around 1 October 2020 (FY 2563 ends on 30 September 2020), each with people present."""
    events = {}
    for title, start, end, present in [
        ("ปิดปีงบ 30 ก.ย.", dt.date(2020, 9, 30), dt.date(2020, 9, 30), 2),
        ("เปิดปีงบ 1 ต.ค.", dt.date(2020, 10, 1), dt.date(2020, 10, 1), 3),
        ("คร่อมปีงบ 30 ก.ย.-1 ต.ค.", dt.date(2020, 9, 30), dt.date(2020, 10, 1), 1),
    ]:
        event = EventFactory(host_province=lampang, title=title, start_date=start, end_date=end)
        registrations = RegistrationFactory.create_batch(4, event=event)
        services.mark_present_bulk(
            day=event.days.order_by("date").last(), registrations=registrations[:present], by=lampang_officer
        )
        events[title] = event
    return events


def test_an_event_on_30_september_counts_in_the_year_that_ends_and_one_on_1_october_in_the_next(
    lampang, boundary_events
):
    ending = selectors.province_report(lampang, 2563)
    starting = selectors.province_report(lampang, 2564)
    assert [row["event"].title for row in ending["hosted"]["events"]] == ["ปิดปีงบ 30 ก.ย.", "คร่อมปีงบ 30 ก.ย.-1 ต.ค."]
    assert [row["event"].title for row in starting["hosted"]["events"]] == ["เปิดปีงบ 1 ต.ค."]
    assert (ending["headline"]["events"], ending["headline"]["attended"]) == (2, 2 + 1)
    assert (starting["headline"]["events"], starting["headline"]["attended"]) == (1, 3)
    assert ending["hosted"]["totals"]["registered"] == 8 and starting["hosted"]["totals"]["registered"] == 4


def test_the_trend_puts_each_side_of_1_october_in_its_own_year(lampang, boundary_events):
    trend = {row["fy"]: row for row in selectors.province_report(lampang, 2564)["trend"]}
    assert (trend[2563]["events"], trend[2563]["attended"]) == (2, 3)
    assert (trend[2564]["events"], trend[2564]["attended"]) == (1, 3)


def hosted_titles(page: str) -> list[str]:
    table = page[page.index('data-testid="hosted-table"') :]
    table = table[: table.index("</table>")]
    return [t for t in ("ปิดปีงบ 30 ก.ย.", "เปิดปีงบ 1 ต.ค.", "คร่อมปีงบ 30 ก.ย.-1 ต.ค.") if t in table]


@pytest.mark.parametrize(
    "today, fiscal_year, hosted",
    [
        (dt.date(2020, 9, 30), 2563, ["ปิดปีงบ 30 ก.ย.", "คร่อมปีงบ 30 ก.ย.-1 ต.ค."]),  # the year's last day
        (dt.date(2020, 10, 1), 2564, ["เปิดปีงบ 1 ต.ค."]),  # the next year's first day
    ],
)
def test_the_province_report_opened_on_30_september_or_1_october_shows_that_days_fiscal_year(
    monkeypatch, client_for, lampang_officer, boundary_events, today, fiscal_year, hosted
):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)
    response = client_for(lampang_officer).get(reverse("reports:province", args=["52"]))
    assert response.status_code == 200
    page = response.content.decode()
    shown = re.search(r'data-testid="report-fy">ปีงบประมาณ (\d+) ·', page)
    assert shown and int(shown.group(1)) == fiscal_year, shown and shown.group(0)
    assert hosted_titles(page) == hosted
