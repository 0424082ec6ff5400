"""`load_demo` adds 24 months of monthly reports with realistic gaps (issue 15): every province reports, most of what
is expected arrives, some late, some volunteers stopped reporting, nobody reports for a month they did not serve in,
the tallies count them, and a second load adds nothing.

The demo is loaded once for the module (it takes a while) inside a transaction rolled back at the end."""

import datetime as dt
import statistics
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from activity import board, demo, rules
from activity.models import MonthClosure, MonthlyReport, ReportKindTally, ReportTally, WorkKind
from core.thai import current_fiscal_year, fiscal_year_bounds
from provinces.models import Province
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def today(demo_loaded, geography):
    return timezone.localdate()


def months_back(today: dt.date, steps: int) -> dt.date:
    month = rules.month_start(today)
    for _ in range(steps):
        month = rules.previous_month(month)
    return month


def test_every_province_has_reports_for_the_last_24_months_and_none_for_the_current_one(today):
    reports = MonthlyReport.objects.all()
    assert 120_000 <= reports.count() <= 200_000
    assert reports.values("province").distinct().count() == Province.objects.count() == 77
    assert reports.values("month").distinct().count() == 24
    assert reports.order_by("month").first().month == months_back(today, 24)
    assert not reports.filter(month=rules.month_start(today)).exists()
    # Nothing is received in the future: the previous month is only partly in when the demo is loaded early.
    assert not reports.filter(received_on__gt=today).exists()
    # Each report is filed under its volunteer's province and district.
    assert not reports.exclude(
        province=F("volunteer__province"), district=F("volunteer__subdistrict__district")
    ).exists()


def test_no_report_for_a_volunteer_who_was_not_serving_in_that_month(today):
    for steps in range(1, 25):
        month = months_back(today, steps)
        serving = Volunteer.objects.filter(rules.serving_in_month(month))
        assert not MonthlyReport.objects.filter(month=month).exclude(volunteer__in=serving).exists(), month


def test_the_reinstated_volunteers_are_not_expected_in_the_months_they_were_away(today):
    """The demo's volunteers suspended for a year within the months reported and reinstated: no report and no
    expected report for the months wholly inside the suspension, on the boards' tally as by the rule."""
    from activity.models import ServingProvinceMonthDelta

    reinstated = Volunteer.objects.filter(status="active", absence_status="suspended")
    assert reinstated.count() >= 100
    busiest, away_most = None, 0
    for steps in range(1, 25):
        month = months_back(today, steps)
        away = reinstated.filter(absent_from__lte=month, absent_until__gt=rules.month_end(month))
        assert not MonthlyReport.objects.filter(month=month, volunteer__in=away).exists(), month
        if away.count() > away_most:
            busiest, away_most = month, away.count()
    assert away_most >= 50
    on_the_board = ServingProvinceMonthDelta.objects.filter(month__lte=board.month_number(busiest)).aggregate(
        n=Sum("delta")
    )["n"]
    serving = Volunteer.objects.filter(rules.serving_in_month(busiest))
    assert on_the_board == serving.count()
    assert not serving.filter(absent_from__lte=busiest, absent_until__gt=rules.month_end(busiest)).exists()


def test_most_expected_reports_of_last_fiscal_year_arrived_and_weak_provinces_lag(today):
    first, last = fiscal_year_bounds(current_fiscal_year() - 1)
    expected, received = {}, {}
    month = first
    while month <= last:
        for code, n in (
            Volunteer.objects.filter(rules.serving_in_month(month))
            .values_list("province__code")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            expected[code] = expected.get(code, 0) + n
        month = rules.next_month(month)
    for code, n in (
        MonthlyReport.objects.filter(month__range=(first, last))
        .values_list("province__code")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        received[code] = n
    national = sum(received.values()) / sum(expected.values())
    assert 0.60 <= national <= 0.95
    rates = {code: received.get(code, 0) / n for code, n in expected.items()}
    assert len([r for r in rates.values() if r >= 0.7]) >= 65
    assert 3 <= len([r for r in rates.values() if r < 0.65]) <= 8
    assert min(rates.values()) >= 0.3


def test_most_reports_are_on_time_and_some_late_by_the_due_day_rule(today):
    reports = MonthlyReport.objects.all()
    late = reports.filter(on_time=False)
    assert 0.05 <= late.count() / reports.count() <= 0.25
    # "On time" is what the app's rule says for the day received: the 5th of the next month at the latest.
    for report in reports.order_by("pk")[:2000]:
        assert report.on_time == (not rules.is_late(report.month, report.received_on))
    assert late.filter(received_on__day__gt=rules.due_day()).exists()


def test_some_volunteers_still_serving_stopped_reporting_for_two_months_or_more(today):
    # The last two months whose reports were due by today.
    due = [m for m in (months_back(today, s) for s in range(1, 5)) if rules.due_date(m) < today][:2]
    silent = (
        Volunteer.objects.filter(rules.serving_in_month(due[0]) & rules.serving_in_month(due[1]))
        .annotate(
            recent=Count("monthly_reports", filter=Q(monthly_reports__month__in=due)),
            earlier=Count("monthly_reports", filter=Q(monthly_reports__month__lt=due[1])),
        )
        .filter(recent=0, earlier__gt=0)
    )
    assert 50 <= silent.count() <= 1_000


def test_counts_look_like_a_village_volunteers_month(today):
    kinds = list(WorkKind.objects.active())
    information = [k.code for k in kinds if k.group == WorkKind.Group.INFORMATION]
    services = [k.code for k in kinds if k.group == WorkKind.Group.SERVICE]
    sample = list(MonthlyReport.objects.order_by("pk").values_list("counts", flat=True)[:5000])
    values = [v for counts in sample for v in counts.values()]
    assert statistics.median(values) <= 10
    assert sum(v <= 30 for v in values) / len(values) > 0.97
    assert max(values) <= rules.MAX_COUNT

    def share_nonzero(codes):
        return sum(counts.get(c, 0) > 0 for counts in sample for c in codes) / (len(sample) * len(codes))

    assert share_nonzero(information) > 2 * share_nonzero(services)
    assert any(not any(counts.values()) for counts in sample)  # an empty month now and then
    problems = set(MonthlyReport.objects.exclude(problems="").values_list("problems", flat=True))
    assert 15 <= len(problems) <= 25
    assert "แรงงานนอกระบบในหมู่บ้านส่วนใหญ่ยังไม่มีประกันสังคม" in problems


def test_reports_are_entered_by_the_provinces_demo_officer_where_there_is_one(today):
    lampang = MonthlyReport.objects.filter(province__code="52")
    assert set(lampang.values_list("entered_by__username", flat=True)) == {"lampang.officer"}
    assert set(MonthlyReport.objects.filter(province__code="96").values_list("entered_by", flat=True)) == {None}


def test_lampang_closed_a_few_months_and_reopened_one_with_its_reason(today):
    closures = MonthClosure.objects.filter(province__code="52")
    assert closures.filter(is_closed=True).count() == 3
    reopened = closures.get(is_closed=False)
    assert reopened.reason == demo.REOPEN_REASON
    assert reopened.changed_by.username == "lampang.officer"
    assert reopened.events.filter(pgh_label="update").count() == 1


def test_the_tallies_count_the_demo_reports_though_written_without_their_triggers(today):
    reports = MonthlyReport.objects.all()
    assert ReportTally.objects.aggregate(n=Sum("received"), on=Sum("on_time")) == {
        "n": reports.count(),
        "on": reports.filter(on_time=True).count(),
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.key, sum(c.value::integer) FROM activity_monthlyreport, jsonb_each_text(counts) c GROUP BY 1"
        )
        by_kind = {kind: total for kind, total in cursor.fetchall() if total}
    assert dict(ReportKindTally.objects.values_list("kind").annotate(n=Sum("amount")).order_by()) == by_kind
    assert len(by_kind) == WorkKind.objects.count()


def test_loading_again_adds_nothing(today):
    before = (
        MonthlyReport.objects.count(),
        MonthClosure.objects.count(),
        ReportTally.objects.aggregate(Sum("received")),
    )
    demo.load()
    assert (
        MonthlyReport.objects.count(),
        MonthClosure.objects.count(),
        ReportTally.objects.aggregate(Sum("received")),
    ) == before
