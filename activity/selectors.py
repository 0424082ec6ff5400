"""Reads of the monthly activity reports: the grid's rows and the month's reporting rate.

The reporting-rate functions take querysets already in the reader's scope and a grouping key, so the same two
queries serve one province per district (the summary page) and the nation per province: expected = volunteers
serving in the month, counted from the volunteers; received and on time = the reports of those volunteers, from the
trigger-kept tally (activity/tallies.py), which counts a report only when its volunteer serves in its month and where
the volunteer is now. So received never exceeds expected, and the districts add up to the total, whatever an edit
did after a month was reported (the reporting-rate board reads the same tally).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext

from activity import rules
from activity.models import MonthClosure, MonthlyReport, ReportTally, WorkKind
from volunteers.models import Volunteer


@dataclass
class Rate:
    """Reports expected, received, on time and late for one group (a district, a province)."""

    key: object = None
    name: str = ""
    expected: int = 0
    received: int = 0
    on_time: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def late(self) -> int:
        return self.received - self.on_time

    @property
    def missing(self) -> int:
        return max(self.expected - self.received, 0)

    @property
    def percent(self) -> float | None:
        """Received of expected, in percent (DHIS2's completeness); None when nobody was expected."""
        return round(100 * self.received / self.expected, 1) if self.expected else None


def expected_by(volunteers, month: dt.date, key: str) -> dict:
    """{key value: volunteers serving in `month`} of a scoped volunteer queryset."""
    rows = volunteers.filter(rules.serving_in_month(month)).values(key).annotate(n=Count("pk")).order_by()
    return {row[key]: row["n"] for row in rows}


def received_by(receipts, month: dt.date, key: str) -> dict:
    """{key value: (received, on time)} of a scoped ReportTally queryset: the reports of the volunteers serving in the
    month, by where the volunteers are now (never more than expected_by counts there)."""
    rows = (
        receipts.filter(month=month).values(key).annotate(received=Sum("received"), on_time=Sum("on_time")).order_by()
    )
    return {row[key]: (row["received"], row["on_time"]) for row in rows}


def reporting_rates(*, volunteers, receipts, month: dt.date, volunteer_key: str, receipt_key: str, names: dict):
    """[Rate] per group named in `names` ({key: name}, in the order shown), and the total."""
    expected = expected_by(volunteers, month, volunteer_key)
    received = received_by(receipts, month, receipt_key)
    rates = []
    for key, name in names.items():
        got, on_time = received.get(key, (0, 0))
        rates.append(Rate(key=key, name=name, expected=expected.get(key, 0), received=got, on_time=on_time))
    total = Rate(
        name=gettext("รวม"),
        expected=sum(r.expected for r in rates),
        received=sum(r.received for r in rates),
        on_time=sum(r.on_time for r in rates),
    )
    return rates, total


def district_rates(user, province, month: dt.date):
    """The province's month per district: what the officer sees missing."""
    districts = {d.pk: d.display_name for d in province.districts.select_related("province").order_by("name_sort")}
    return reporting_rates(
        volunteers=Volunteer.objects.visible_to(user).filter(province=province),
        receipts=ReportTally.objects.visible_to(user).filter(province=province),
        month=month,
        volunteer_key="subdistrict__district_id",
        receipt_key="district_id",
        names=districts,
    )


@dataclass
class GridRow:
    volunteer: Volunteer
    report: MonthlyReport | None
    values: list = field(default_factory=list)  # [(kind, value)] in the grid's column order

    @property
    def problems(self) -> str:
        return self.report.problems if self.report else ""


def grid_page(user, district, month: dt.date, kinds: list[WorkKind], *, subdistricts, page=1) -> "GridPage":
    """One page of the grid: the volunteers of `subdistricts` (the district's, or the one the officer chose) serving
    in the month (and any who already has a report of it), by subdistrict and name, with the month's report if any. The largest district has close to 2,000 rows:
    on one page it weighed megabytes and took most of half a second to render, so a page holds
    ACTIVITY_GRID_PAGE_SIZE rows, and only its volunteers and their reports are read (a count, a page, its reports)."""
    # A volunteer's report of the month wherever it was made: one who moved here since shows theirs (it counts here,
    # activity.tallies), not an empty row whose save would be refused as a second report.
    reports = MonthlyReport.objects.visible_to(user).filter(month=month)
    has_report = Exists(reports.filter(volunteer=OuterRef("pk")))
    # The subdistricts as a list of ids, not a join: joined, the planner read the province's index once per
    # subdistrict (25 times, 90 ms in the largest district); with the list, once.
    volunteers = Volunteer.objects.visible_to(user).filter(subdistrict__in=[s.pk for s in subdistricts])
    volunteers = (
        volunteers.filter(rules.serving_in_month(month) | Q(has_report))
        .select_related("subdistrict")
        .order_by("subdistrict__name_sort", "first_name_sort", "last_name_sort", "pk")
    )
    found = Paginator(volunteers, settings.ACTIVITY_GRID_PAGE_SIZE).get_page(page)
    shown = list(found.object_list)
    by_volunteer = {r.volunteer_id: r for r in reports.filter(volunteer_id__in=[v.pk for v in shown])}
    rows = []
    for volunteer in shown:
        report = by_volunteer.get(volunteer.pk)
        values = [(kind, report.count_of(kind.code) if report else "") for kind in kinds]
        rows.append(GridRow(volunteer=volunteer, report=report, values=values))
    return GridPage(rows=rows, page=found)


@dataclass
class GridPage:
    rows: list[GridRow]
    page: Page  # Django's page: its number, the rows' range (start_index, end_index) and the count of all

    @property
    def reported(self) -> int:
        """Rows of this page with the month's report already in."""
        return sum(1 for row in self.rows if row.report is not None)


def closure_of(user, province, month: dt.date) -> MonthClosure | None:
    return MonthClosure.objects.visible_to(user).filter(province=province, month=month).first()
