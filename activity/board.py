"""The reporting-rate board (อัตราการส่งรายงาน), in the style of DHIS2's completeness: for a fiscal year, or one month
of it, reports expected, received and on time per district of a province, or per province and region of the nation,
month by month; and, for a province, the volunteers who have not reported for two or more months running.

Where the numbers come from, chosen for the benchmark (1,000,000 volunteers x 12 months of reports):
- Received and on time: the trigger-kept tally (activity/tallies.py), a few rows per district and month; the board
  never reads the reports table (the missing list reads it by the unique (volunteer, month) index, for a handful of
  volunteers of one province).
- Expected: the serving tally (ServingTally, kept by triggers on the volunteers): each volunteer serves in one range
  of months, or two around the months wholly inside their latest absence (activity.rules.serving_in_month read as
  first month <= m <= last month), read as changes per month
  (ServingMonthDelta, ServingProvinceMonthDelta, kept by triggers on the serving tally): serving in month m is the
  sum of the changes up to m, one grouped query for the twelve months. Counting the 1,000,000 volunteers themselves with the rule's twelve
  filters took 0.7 s per visit (measured, 2 shared cores); the tally has a few rows per district and appointment
  month. The missing list (one province, a handful of volunteers) uses the rule itself.

Counting rules:
- A month counts once its report is due and the due day has passed (activity.rules.due_date: the 5th of the
  following month); a month not yet due shows what has arrived but counts nobody missing, and stays out of the
  year's figures, so the rate never counts the current month's forms as missing.
- Expected in a month: volunteers serving on at least one day of it (rules.serving_in_month: not one away all month
  and back since, suspended or between terms), by their current
  district; received and on time: the reports of the month of those volunteers, by the same district (the tally
  counts no other: activity/tallies.py). So no district shows more received than expected, and the districts and
  provinces add up to the total, even after an edit that left a report outside its volunteer's months or district.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Sum, Value
from django.db.models.functions import Greatest
from django.utils.translation import gettext

from accounts.scoping import plain_rows, plain_rows_of
from activity import rules
from activity.models import MonthlyReport, ReportTally, ServingMonthDelta, ServingProvinceMonthDelta
from activity.selectors import Rate
from core import thai
from provinces.models import Province
from volunteers.models import Volunteer

# How far back the missing list counts a volunteer's run of months without a report.
MISSING_LOOKBACK = 12
MISSING_AT_LEAST = 2


def year_months(fiscal_year: int) -> list[dt.date]:
    first, _last = thai.fiscal_year_bounds(fiscal_year)
    months = [first]
    for _i in range(11):
        months.append(rules.next_month(months[-1]))
    return months


def is_due(month: dt.date, today: dt.date) -> bool:
    """A month counts (expected, missing) once its due day has passed: on the due day itself a report is still on
    time, so nobody is missing yet."""
    return today > rules.due_date(month)


@dataclass
class BoardRow:
    """One district, province, region or the whole: the period's figures and one Rate per month shown."""

    key: object = None
    name: str = ""
    level: str = ""  # "district", "province", "region", "total"
    url: str = ""
    code: str = ""  # a province's or district's code, for its link
    months: list = field(default_factory=list)  # [Rate] in the order of Board.months
    total: Rate = field(default_factory=Rate)
    due: list = field(default_factory=list)  # [bool] per month, as Board.due

    @property
    def cells(self) -> list[tuple[Rate, bool]]:
        return list(zip(self.months, self.due, strict=True))

    @property
    def on_time_percent(self) -> float | None:
        """On time of expected, in percent (DHIS2's "reporting rate on time")."""
        return round(100 * self.total.on_time / self.total.expected, 1) if self.total.expected else None


@dataclass
class Missing:
    volunteer: Volunteer
    months: int
    since: dt.date  # the first month of the run

    @property
    def months_label(self) -> str:
        """ "12+" when the run goes back further than the board looks."""
        return f"{self.months}+" if self.months >= MISSING_LOOKBACK else str(self.months)

    @property
    def since_shown(self) -> str:
        return rules.month_shown(self.since)


@dataclass
class Board:
    fiscal_year: int
    months: list  # the months shown (the year's twelve, or the one chosen)
    due: list  # [bool] per month shown
    rows: list
    total: BoardRow
    last_due: dt.date | None
    missing: list = field(default_factory=list)

    @property
    def month_labels(self) -> list[str]:
        return [rules.month_shown(m) for m in self.months]

    @property
    def columns(self) -> list[tuple[str, bool]]:
        return [(rules.month_column(m), d) for m, d in zip(self.months, self.due, strict=True)]


def _expected(deltas, months: list[dt.date], key: str, *, shape: Hashable | None = None) -> dict:
    """{group: [volunteers serving per month]}: each month's sum of the serving changes up to it (ServingMonthDelta
    per district, ServingProvinceMonthDelta per province). The changes before the first month are summed into one,
    the months' own added up in Python: one sum per group and month, not one filtered sum per month over every
    change since the first volunteer (5.5 → 4.5 ms for the nation's 77 provinces, timed alone)."""
    numbers = [month_number(m) for m in months]
    before = numbers[0] - 1

    def rows():
        return (
            deltas.filter(month__lte=numbers[-1])
            .values_list(key, Greatest("month", Value(before)))
            .annotate(change=Sum("delta"))
            .order_by()
        )

    changes: dict = defaultdict(dict)
    for group, at, change in _plain_rows(rows, shape and ("expected", shape, key, numbers[0], numbers[-1])):
        changes[group][at] = change
    expected = {}
    for group, by_month in changes.items():
        serving, series = by_month.get(before, 0), []
        for number in numbers:  # consecutive months (a year's, or one)
            serving += by_month.get(number, 0)
            series.append(serving)
        expected[group] = series
    return expected


def month_number(month: dt.date) -> int:
    """activity_month_number() in Python: the serving tally's months."""
    return month.year * 12 + month.month - 1


def _received(tallies, months: list[dt.date], key: str, *, shape: Hashable | None = None) -> dict:
    """{(group, month): (received, on time)} from the tally."""

    def rows():
        return (
            tallies.filter(month__in=months)
            .values_list(key, "month")
            .annotate(received=Sum("received"), on_time=Sum("on_time"))
            .order_by()
        )

    return {
        (group, month): (received, on_time)
        for group, month, received, on_time in _plain_rows(rows, shape and ("received", shape, key, tuple(months)))
    }


def _plain_rows(build, key: Hashable | None) -> list[tuple]:
    """plain_rows(build()); with `key` (the caller names the queryset it was given, by `shape`), its SQL compiled
    once per process (accounts.scoping.plain_rows_of): the national dashboard's reporting rates."""
    return plain_rows(build()) if key is None else plain_rows_of(key, build)


def _row(key, name, level, months, due, expected, received) -> BoardRow:
    series = expected.get(key)
    rates = []
    for i, month in enumerate(months):
        got, on_time = received.get((key, month), (0, 0))
        # A month not yet due expects nobody: what arrived early shows, nobody is missing.
        serving = series[i] if series is not None and due[i] else 0
        rates.append(Rate(key=month, expected=serving, received=got, on_time=on_time))
    return BoardRow(key=key, name=name, level=level, due=due, months=rates, total=_sum(rates, due))


def _sum(rates: list[Rate], due: list[bool] | None = None) -> Rate:
    counted = [r for i, r in enumerate(rates) if due is None or due[i]]
    return Rate(
        expected=sum(r.expected for r in counted),
        received=sum(r.received for r in counted),
        on_time=sum(r.on_time for r in counted),
    )


def _add_up(key, name, level, rows: list[BoardRow], due) -> BoardRow:
    months = [_sum([r.months[i] for r in rows]) for i in range(len(due))]
    return BoardRow(key=key, name=name, level=level, months=months, total=_sum(months, due), due=due)


def _period(fiscal_year: int, month: dt.date | None, today: dt.date):
    months = [month] if month else year_months(fiscal_year)
    due = [is_due(m, today) for m in months]
    due_months = [m for m, d in zip(months, due, strict=True) if d]
    return months, due, (due_months[-1] if due_months else None)


def province_board(user, province, *, fiscal_year: int, month: dt.date | None, today: dt.date) -> Board:
    """The province per district, and its volunteers missing two or more months up to the last month due."""
    months, due, last_due = _period(fiscal_year, month, today)
    districts = list(province.districts.select_related("province").order_by("name_sort"))
    expected = _expected(ServingMonthDelta.objects.visible_to(user).filter(province=province), months, "district_id")
    received = _received(ReportTally.objects.visible_to(user).filter(province=province), months, "district_id")
    rows = []
    for district in districts:
        rows.append(_row(district.pk, district.shown_name, "district", months, due, expected, received))
        rows[-1].code = district.code
    total = _add_up(province.pk, province.shown_name, "total", rows, due)
    missing = missing_volunteers(user, province, last_due) if last_due else []
    return Board(fiscal_year, months, due, rows, total, last_due, missing)


def national_board(user, *, fiscal_year: int, month: dt.date | None, today: dt.date) -> Board:
    """The nation per region, and each region's provinces under it."""
    months, due, last_due = _period(fiscal_year, month, today)
    provinces = list(Province.objects.visible_to(user).select_related("region").in_reading_order("region__sort_order"))
    expected = _expected(ServingProvinceMonthDelta.objects.visible_to(user), months, "province_id")
    received = _received(ReportTally.objects.visible_to(user), months, "province_id")
    rows, regions = [], {}
    for province in provinces:
        row = _row(province.pk, province.shown_name, "province", months, due, expected, received)
        row.code = province.code
        regions.setdefault(province.region, []).append(row)
    for region, province_rows in regions.items():
        rows.append(_add_up(region.pk, region.shown_name, "region", province_rows, due))
        rows.extend(province_rows)
    total = _add_up(None, gettext("ทั้งประเทศ"), "total", [r for r in rows if r.level == "region"], due)
    return Board(fiscal_year, months, due, rows, total, last_due)


def missing_volunteers(user, province, last_due: dt.date) -> list[Missing]:
    """Volunteers of the province serving in the last month due and the one before without a report for either,
    with how many months running (up to MISSING_LOOKBACK) they have been serving without one."""
    months = [last_due]
    for _i in range(MISSING_LOOKBACK - 1):
        months.append(rules.previous_month(months[-1]))

    def reported(month):
        return Exists(MonthlyReport.objects.filter(volunteer=OuterRef("pk"), month=month))

    flags = {f"gap{i}": Q(rules.serving_in_month(m)) & ~reported(m) for i, m in enumerate(months)}
    volunteers = (
        Volunteer.objects.visible_to(user)
        .filter(province=province)
        .filter(flags["gap0"], flags["gap1"])
        .annotate(**{name: _flag(q) for name, q in list(flags.items())[MISSING_AT_LEAST:]})
        .select_related("subdistrict__district__province", "mentor")
        .order_by("subdistrict__district__name_sort", "first_name_sort", "last_name_sort", "pk")
    )
    found = []
    for volunteer in volunteers:
        run = MISSING_AT_LEAST
        while run < len(months) and getattr(volunteer, f"gap{run}"):
            run += 1
        found.append(Missing(volunteer=volunteer, months=run, since=months[run - 1]))
    return found


def _flag(condition: Q):
    return ExpressionWrapper(condition, output_field=BooleanField())
