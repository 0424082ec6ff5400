"""The roll-up of the volunteers' figures per province and fiscal year (VolunteerYearTally) gives, for every year, what
the figures' definition (reports.conditions.year_conditions) counts over the tally of volunteers, however the tally
changes; and the reports read it, counting the running year at today."""

import datetime as dt
import importlib
import itertools
import pkgutil

import pytest
from django.db import connection
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from core.thai import fiscal_year_bounds
from provinces.models import Province
from reports import conditions, selectors, tallies
from reports.models import VolunteerTally, VolunteerYearTally

pytestmark = pytest.mark.django_db

YEARS = [0, *range(2550, 2580)]


def by_definition(years=YEARS) -> dict:
    """{(province_id, year, figure): volunteers}, counted over the tally rows with the conditions themselves."""
    aggregates = {}
    for y in years:
        for name, condition in conditions.year_conditions(y, conditions.running_from(conditions.last_step(y))).items():
            aggregates[f"{name}__{y}"] = Coalesce(Sum("volunteers", filter=condition), 0)
    return per_province_year(VolunteerTally.objects.values("province_id").annotate(**aggregates).order_by())


def by_roll_up(years=YEARS) -> dict:
    """The same figures as the sums of the roll-up's rows of each year and the years before."""
    aggregates = {
        f"{name}__{y}": Coalesce(Sum(name, filter=Q(fiscal_year__lte=y)), 0)
        for y in years
        for name in conditions.YEAR_FIGURES
    }
    return per_province_year(VolunteerYearTally.objects.values("province_id").annotate(**aggregates).order_by())


def per_province_year(rows) -> dict:
    """{(province_id, year, figure): n} of rows of "<figure>__<year>" sums per province, leaving out the zeros."""
    return {
        (row["province_id"], int(key.split("__")[1]), key.split("__")[0]): value
        for row in rows
        for key, value in row.items()
        if key != "province_id" and value
    }


def term_ends() -> list[dt.date | None]:
    """Term ends either side of fiscal years' ends and inside months: every kind of step."""
    days = [None]
    for year in (2018, 2021, 2024):
        days += [dt.date(year, 9, 29), dt.date(year, 9, 30), dt.date(year, 10, 1), dt.date(year, 10, 31)]
        days += [dt.date(year, 3, 15), dt.date(year, 12, 31)]
    return days


@pytest.fixture
def every_kind_of_tally_row(db):
    """A tally row for each status, tier, and fiscal year of appointment, change and term end (0: no date)."""
    provinces = list(Province.objects.filter(code__in=["52", "50"]).order_by("code"))
    rows = [
        VolunteerTally(
            province=province,
            status=status,
            appointed_fy=appointed,
            changed_fy=changed,
            term_end_key=tallies.term_end_key(ends_on),
            tier=tier,
            volunteers=1 + (appointed + changed) % 3,
        )
        for province, status, appointed, changed, ends_on, tier in itertools.product(
            provinces,
            ("active", "suspended", "resigned", "deceased"),
            (0, 2559, 2562),
            (0, 2561, 2564),
            term_ends(),
            ("lead", "network"),
        )
        if changed == 0 or changed >= appointed
    ]
    VolunteerTally.objects.bulk_create(rows)
    return rows


def test_the_year_steps_are_the_fiscal_years_first_and_last_days():
    for fy in (2543, 2566, 2569, 2570):
        start, end = fiscal_year_bounds(fy)
        assert conditions.first_step(fy) == tallies.term_end_key(start) == 2 * tallies.month_number(start)
        assert conditions.last_step(fy) == tallies.term_end_key(end)


def test_the_latest_migration_installed_the_definition_of_today():
    """A change to year_conditions() changes no existing database until a migration installs the trigger again
    (conditions.install_sql) and records the new conditions.function_digest() as its ROLL_UP_DIGEST."""
    import reports.migrations

    digests = {}
    for module in pkgutil.iter_modules(reports.migrations.__path__):
        migration = importlib.import_module(f"reports.migrations.{module.name}")
        if hasattr(migration, "ROLL_UP_DIGEST"):
            digests[module.name] = migration.ROLL_UP_DIGEST
    latest = digests[max(digests)]
    assert latest == conditions.function_digest(connection), (
        "year_conditions() changed: add a migration that runs conditions.install_sql() and conditions.rebuild_sql(), "
        "with ROLL_UP_DIGEST set to the new digest"
    )


def test_every_figure_of_every_year_is_the_definitions(every_kind_of_tally_row):
    expected = by_definition()
    assert expected, "the rows count for something"
    assert {name for _, _, name in expected} == set(conditions.YEAR_FIGURES)
    assert by_roll_up() == expected


def test_changes_and_removals_of_tally_rows_move_the_figures(every_kind_of_tally_row):
    VolunteerTally.objects.filter(status="suspended", tier="lead").update(volunteers=7)
    VolunteerTally.objects.filter(appointed_fy=2559, changed_fy=2564).update(changed_fy=2565)
    VolunteerTally.objects.filter(status="deceased", term_end_key=0).delete()
    assert by_roll_up() == by_definition()
    VolunteerTally.objects.all().delete()
    assert by_roll_up() == {}
    assert not VolunteerYearTally.objects.exclude(**dict.fromkeys(conditions.YEAR_FIGURES, 0)).exists()


def test_truncating_the_tally_empties_the_roll_up(every_kind_of_tally_row):
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE reports_volunteertally")
    assert not VolunteerYearTally.objects.exists()


def test_the_rebuild_gives_the_roll_up_the_trigger_keeps(every_kind_of_tally_row):
    kept = by_roll_up()
    with connection.cursor() as cursor:
        for statement in conditions.rebuild_sql(connection):
            cursor.execute(statement)
    assert by_roll_up() == kept == by_definition()


def test_the_running_year_counts_terms_at_today(every_kind_of_tally_row, monkeypatch):
    """On 15 March 2024 (fiscal year 2567), terms ending from today to 30 September still run: counted from the roll-up
    at the year's end and the tally rows in between, the figures are the definition's with today's step."""
    today = dt.date(2024, 3, 15)
    monkeypatch.setattr(selectors.timezone, "localdate", lambda: today)
    fy, years = 2567, selectors.trend_years(2567)
    figures = selectors.volunteer_figures(years, fy)
    step, last = selectors.term_step(today)
    running = conditions.running_from(step)
    for province_id in {row.province_id for row in every_kind_of_tally_row}:
        tally = VolunteerTally.objects.filter(province_id=province_id)
        by_definition_today = tally.aggregate(
            **{
                name: Coalesce(Sum("volunteers", filter=q), 0)
                for name, q in selectors.volunteer_conditions(years, fy, lambda _y: running).items()
                if name.endswith(str(fy)) or not name[-1].isdigit()
            }
        )
        counted = {name: figures[province_id][name] for name in by_definition_today}
        # The terms that end from today to the month's end come from the volunteers, and this test has none.
        assert last == dt.date(2024, 3, 31)
        assert counted == by_definition_today
        assert counted[f"active_{fy}"] != by_roll_up([fy]).get((province_id, fy, "active"), 0)
