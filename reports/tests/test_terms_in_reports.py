"""Terms of office in the reports: a volunteer whose term has ended is not serving in any report. The running fiscal
year counts as at today (a term that ended yesterday is over, one that ends today still runs), a past year as at its
last day (30 September); terms ending in the year are counted for the officer planning re-appointments."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.thai import fiscal_year, fiscal_year_bounds
from provinces.models import Subdistrict
from reports import selectors
from volunteers import services
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def on_day(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def places(province, n):
    return list(Subdistrict.objects.filter(province=province).order_by("code")[:n])


def volunteer(subdistrict, term_ends_on, **fields):
    return VolunteerFactory(
        subdistrict=subdistrict,
        appointed_on=dt.date(2019, 10, 1),
        term_ends_on=term_ends_on,
        **fields,
    )


# Mid-month (the tally plus this month's term ends), a month's last day, the year's last day, the year's first day.
@pytest.mark.parametrize(
    "today", [dt.date(2026, 11, 17), dt.date(2026, 11, 30), dt.date(2027, 9, 30), dt.date(2026, 10, 1)]
)
def test_a_term_that_ended_yesterday_is_over_and_one_ending_today_still_runs(monkeypatch, lampang, today):
    on_day(monkeypatch, today)
    s1, s2, s3 = places(lampang, 3)
    volunteer(s1, today - dt.timedelta(days=1), first_name="ครบวาระเมื่อวาน")
    volunteer(s2, today, first_name="ครบวาระวันนี้")
    volunteer(s3, None, first_name="ไม่มีวาระในทะเบียน")
    fy = fiscal_year(today)

    h = selectors.province_report(lampang, fy)["headline"]
    assert (h["active"], h["term_ended"], h["serving_lead"]) == (2, 1, 2)
    assert (h["coverage"]["covered"], h["coverage"]["filled"]) == (2, 2)
    assert h["coverage"]["vacancies"] == h["coverage"]["quota"] - 2  # s1's place is vacant again
    row = next(r for r in selectors.dashboard(fy)["rows"] if r["code"] == "52")
    assert (row["active"], row["term_ended"], row["covered"], row["serving_lead"]) == (2, 1, 2, 2)
    ending_in_year = 1 + (today - dt.timedelta(days=1) >= fiscal_year_bounds(fy)[0])
    assert h["terms_ending"] == row["terms_ending"] == ending_in_year
    district = next(d for d in selectors.province_report(lampang, fy)["districts"] if d["code"] == "5201")
    assert (district["active"], district["covered"]) == (2, 2)


def test_a_past_year_counts_a_term_that_ended_after_the_year_ended(monkeypatch, lampang):
    on_day(monkeypatch, dt.date(2026, 11, 17))
    s1, s2, s3 = places(lampang, 3)
    volunteer(s1, dt.date(2025, 9, 30), first_name="สิ้นสุดวันสิ้นปีงบ")  # the last day of FY 2568: still serving
    volunteer(s2, dt.date(2025, 9, 29), first_name="สิ้นสุดก่อนสิ้นปีงบ")
    volunteer(s3, dt.date(2026, 2, 1), first_name="สิ้นสุดปีถัดมา")

    report = selectors.province_report(lampang, 2568)
    h = report["headline"]
    assert (h["active"], h["term_ended"], h["coverage"]["covered"]) == (2, 1, 2)
    statuses = {row["status"]: row["count"] for row in report["status_rows"]}
    assert statuses == {"active": 2, "suspended": 0, "term_ended": 1, "resigned": 0, "deceased": 0}
    later = selectors.province_report(lampang, 2569)
    assert (later["headline"]["active"], later["headline"]["term_ended"]) == (0, 3)
    assert [t["active"] for t in later["trend"] if t["fy"] in (2568, 2569)] == [2, 0]
    assert selectors.province_report(lampang, 2570)["headline"]["active"] == 0


def test_terms_ending_in_the_fiscal_year_are_counted_for_the_province_and_its_districts(
    monkeypatch, client_for, lampang_officer, hq_analyst, lampang
):
    on_day(monkeypatch, dt.date(2026, 11, 17))  # FY 2570: 1 October 2026 – 30 September 2027
    s1, s2, s3, s4, s5, s6 = places(lampang, 6)
    volunteer(s1, dt.date(2026, 10, 1))  # ended earlier in the year: ครบวาระ, counted
    volunteer(s2, dt.date(2027, 9, 30))  # the year's last day: counted
    volunteer(s3, dt.date(2027, 10, 1))  # next year's
    volunteer(s4, dt.date(2026, 9, 30))  # last year's
    volunteer(s5, dt.date(2027, 3, 1), status=Volunteer.Status.RESIGNED, status_changed_on=dt.date(2026, 10, 5))
    volunteer(s6, dt.date(2027, 3, 1), status=Volunteer.Status.SUSPENDED, status_changed_on=dt.date(2026, 10, 5))

    report = selectors.province_report(lampang, 2570)
    assert report["headline"]["terms_ending"] == 3
    assert sum(d["terms_ending"] for d in report["districts"]) == 3
    row = next(r for r in selectors.dashboard(2570)["rows"] if r["code"] == "52")
    assert row["terms_ending"] == 3

    page = client_for(lampang_officer).get(reverse("reports:province", args=["52"]) + "?refresh=1")
    assert b'data-testid="stat-terms-ending">3<' in page.content
    dashboard = client_for(hq_analyst).get(reverse("reports:dashboard") + "?refresh=1")
    assert b'data-testid="stat-terms-ending">3<' in dashboard.content


def test_a_term_renewed_before_the_year_ends_leaves_the_figure_and_the_label_says_it_counts_those_not_renewed(
    monkeypatch, client_for, lampang_officer, hq_analyst, lampang
):
    on_day(monkeypatch, dt.date(2026, 11, 17))  # FY 2570
    s1, s2 = places(lampang, 2)
    for subdistrict in (s1, s2):  # a three-year term from 2 March 2567 to 1 March 2570
        ending = VolunteerFactory(subdistrict=subdistrict, appointed_on=dt.date(2024, 3, 2))
        services.sync_first_term(ending, by=lampang_officer)
    renewed = ending
    services.reappoint(volunteers=[renewed], starts_on=dt.date(2027, 3, 2), order_no="ที่ 9/2570", by=lampang_officer)

    assert selectors.province_report(lampang, 2570)["headline"]["terms_ending"] == 1
    page = client_for(lampang_officer).get(reverse("reports:province", args=["52"]) + "?refresh=1").content.decode()
    dashboard = client_for(hq_analyst).get(reverse("reports:dashboard") + "?refresh=1").content.decode()
    for shown in (page, dashboard):
        assert 'data-testid="stat-terms-ending">1<' in shown
        assert "วาระสิ้นสุดในปีงบประมาณนี้ ยังไม่ต่อวาระ" in shown


def test_the_completeness_board_lists_a_district_whose_only_volunteer_finished_their_term(monkeypatch, lampang):
    on_day(monkeypatch, dt.date(2026, 11, 17))
    (s1,) = places(lampang, 1)
    v = volunteer(s1, dt.date(2026, 11, 16))

    def empty_codes():
        return {d["code"] for d in selectors.completeness(2570)["empty_districts"]}

    assert s1.district.code in empty_codes()
    Volunteer.objects.filter(pk=v.pk).update(term_ends_on=dt.date(2029, 11, 16))  # re-appointed
    assert s1.district.code not in empty_codes()
