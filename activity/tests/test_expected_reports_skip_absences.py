"""A volunteer who was away and came back is not expected to report for the months wholly inside the absence: one
suspended on 20 November 2025 and reinstated on 10 February 2026 owes no report for December and January, and one
whose term ended on 31 December 2025 and who was re-appointed from 1 March 2026 owes none for January and February.
The months they served part of (November, February; December, March) are still theirs. The reporting-rate boards HQ
and the province read, the province's month summary, the district's grid and the report entry all agree."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from activity import services
from provinces.models import District
from volunteers import services as volunteer_services
from volunteers.models import Term
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

FY = 2569  # October 2025 to September 2026
OCT, NOV, DEC = dt.date(2025, 10, 1), dt.date(2025, 11, 1), dt.date(2025, 12, 1)
JAN, FEB, MAR, APR = dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1), dt.date(2026, 4, 1)
# Every month of fiscal year 2569 is due.
TODAY = dt.date(2026, 10, 20)


@pytest.fixture
def today_is(monkeypatch):
    monkeypatch.setattr("activity.views.timezone.localdate", lambda: TODAY)


@pytest.fixture
def mueang(lampang, work_kinds):
    return District.objects.get(code="5201")


@pytest.fixture
def steady(lampang, mueang):
    return VolunteerFactory(
        province=lampang,
        subdistrict=mueang.subdistricts.first(),
        first_name="ทำงานตลอด",
        appointed_on=dt.date(2024, 1, 15),
    )


@pytest.fixture
def reinstated(lampang, mueang, lampang_officer):
    volunteer = VolunteerFactory(
        province=lampang,
        subdistrict=mueang.subdistricts.first(),
        first_name="กลับมาใหม่",
        appointed_on=dt.date(2024, 1, 15),
    )
    for to_status, changed_on in (("suspended", dt.date(2025, 11, 20)), ("active", dt.date(2026, 2, 10))):
        volunteer_services.change_status(
            volunteer=volunteer, to_status=to_status, changed_on=changed_on, reason="ตามคำสั่งจังหวัด", by=lampang_officer
        )
    volunteer.refresh_from_db()
    return volunteer


@pytest.fixture
def between_terms(lampang, mueang, lampang_officer):
    volunteer = VolunteerFactory(
        province=lampang,
        subdistrict=mueang.subdistricts.last(),
        first_name="ต่อวาระ",
        appointed_on=dt.date(2022, 1, 1),
        term_ends_on=dt.date(2025, 12, 31),
    )
    Term.objects.create(
        volunteer=volunteer, order_no="1/2565", starts_on=dt.date(2022, 1, 1), ends_on=dt.date(2025, 12, 31)
    )
    volunteer_services.reappoint(volunteers=[volunteer], starts_on=MAR, order_no="7/2569", by=lampang_officer)
    volunteer.refresh_from_db()
    return volunteer


def expected_by_month(board_data, level, key) -> dict:
    row = next(r for r in board_data.rows if r.level == level and r.key == key)
    return {month: cell.expected for month, cell in zip(board_data.months, row.months, strict=True)}


def test_the_boards_expect_no_report_in_the_months_wholly_inside_an_absence(
    client_for, hq_analyst, lampang_officer, lampang, mueang, steady, reinstated, between_terms, today_is
):
    assert (reinstated.absent_from, reinstated.absent_until) == (dt.date(2025, 11, 20), dt.date(2026, 2, 10))
    assert (between_terms.absent_from, between_terms.absent_until) == (dt.date(2026, 1, 1), MAR)
    wanted = {OCT: 3, NOV: 3, DEC: 2, JAN: 1, FEB: 2, MAR: 3, APR: 3}

    page = client_for(lampang_officer).get(reverse("activity:province_rates", args=["52"]), {"fy": FY})
    by_district = expected_by_month(page.context["board"], "district", mueang.pk)
    assert {m: by_district[m] for m in wanted} == wanted

    page = client_for(hq_analyst).get(reverse("activity:rates"), {"fy": FY})
    by_province = expected_by_month(page.context["board"], "province", lampang.pk)
    assert {m: by_province[m] for m in wanted} == wanted
    # The year adds up the same way: 12 months of three volunteers, less the four months away.
    lampang_row = next(r for r in page.context["board"].rows if r.level == "province" and r.key == lampang.pk)
    assert lampang_row.total.expected == 36 - 4


def test_the_month_summary_and_the_grid_leave_out_who_was_away_all_month(
    client_for, lampang_officer, mueang, steady, reinstated, between_terms, today_is
):
    client = client_for(lampang_officer)
    summary = client.get(reverse("activity:summary", args=["52"]), {"month": "2026-01"})
    rate = next(r for r in summary.context["rates"] if r.key == mueang.pk)
    assert rate.expected == 1 and summary.context["total"].expected == 1

    grid = client.get(reverse("activity:grid", args=["52"]), {"district": "5201", "month": "2026-01"}).content.decode()
    assert "ทำงานตลอด" in grid and "กลับมาใหม่" not in grid and "ต่อวาระ" not in grid
    # February: back on the 10th, so their row is there; the term's gap runs to the end of the month.
    grid = client.get(reverse("activity:grid", args=["52"]), {"district": "5201", "month": "2026-02"}).content.decode()
    assert "กลับมาใหม่" in grid and "ต่อวาระ" not in grid


def test_the_report_of_a_month_away_is_refused_saying_why_and_the_months_around_it_are_taken(
    lampang_officer, reinstated, between_terms
):
    with pytest.raises(ValidationError) as refused:
        services.save_report(
            volunteer=reinstated, month=DEC, counts={"info_jobs": "2"}, by=lampang_officer, today=TODAY
        )
    message = str(refused.value)
    assert "ไม่ได้ปฏิบัติหน้าที่ตลอดเดือนธันวาคม 2568" in message and "10 ก.พ. 2569" in message
    with pytest.raises(ValidationError) as refused:
        services.save_report(
            volunteer=between_terms, month=FEB, counts={"info_jobs": "1"}, by=lampang_officer, today=TODAY
        )
    assert "ไม่ได้ปฏิบัติหน้าที่ตลอดเดือนกุมภาพันธ์ 2569" in str(refused.value) and "“ครบวาระ”" in str(refused.value)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.save_report(volunteer=reinstated, month=JAN, counts={}, by=lampang_officer, today=TODAY)
    assert "returned to service on" in str(refused.value) and "not serving on any day of Jan 2026" in str(refused.value)

    for volunteer, month in ((reinstated, NOV), (reinstated, FEB), (between_terms, DEC), (between_terms, MAR)):
        services.save_report(
            volunteer=volunteer, month=month, counts={"info_jobs": "1"}, by=lampang_officer, today=TODAY
        )
