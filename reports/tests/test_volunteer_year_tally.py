"""The roll-ups of the volunteers' figures give what the figures' definition (reports.conditions.year_conditions)
counts over the tally of volunteers, however the tally changes: per province and fiscal year (VolunteerYearTally), and
per term-end step what a term still running adds to its year (VolunteerTermTally); and the reports read them, counting
the running year at today on any day of it."""

import datetime as dt
import importlib
import itertools
import pkgutil

import pytest
from django.db import connection
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from core.thai import fiscal_year, fiscal_year_bounds
from provinces.models import Province
from reports import conditions, selectors, tallies
from reports.models import VolunteerTally, VolunteerTermTally, VolunteerYearTally

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


def by_term_definition() -> dict:
    """{(province_id, step, figure): n}: what the tally rows of each term-end step add to the figures of the fiscal year
    the step falls in, counted while their terms run (at the step) rather than after (at the next step)."""
    counted = {}
    for step in VolunteerTally.objects.exclude(term_end_key=0).values_list("term_end_key", flat=True).distinct():
        y = fiscal_year(dt.date(step // 2 // 12, step // 2 % 12 + 1, 1))
        running = conditions.year_conditions(y, conditions.running_from(step))
        ended = conditions.year_conditions(y, conditions.running_from(step + 1))
        rows = (
            VolunteerTally.objects.filter(term_end_key=step)
            .values("province_id")
            .annotate(
                **{
                    name: Coalesce(Sum("volunteers", filter=running[name]), 0)
                    - Coalesce(Sum("volunteers", filter=ended[name]), 0)
                    for name in conditions.TERM_DEPENDENT
                }
            )
        )
        counted |= {
            (row["province_id"], step, name): row[name]
            for row in rows
            for name in conditions.TERM_DEPENDENT
            if row[name]
        }
    return counted


def by_term_roll_up() -> dict:
    return {
        (row["province_id"], row["term_end_key"], name): row[name]
        for row in VolunteerTermTally.objects.values("province_id", "term_end_key", *conditions.TERM_DEPENDENT)
        for name in conditions.TERM_DEPENDENT
        if row[name]
    }


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
    """A tally row for each status, tier, fiscal year of appointment, change and term end (0: no date), and absence."""
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
    # And the same rows once away and back (volunteers.absences): away from after the appointment until, at the
    # latest, the latest status change, which is the return or after it.
    rows += [
        VolunteerTally(
            province_id=row.province_id,
            status=row.status,
            appointed_fy=row.appointed_fy,
            changed_fy=row.changed_fy,
            term_end_key=row.term_end_key,
            tier=row.tier,
            absent_from_fy=began,
            absent_until_fy=ended,
            absence_status=status,
            volunteers=2,
        )
        for row in rows
        for began, ended, status in ((2559, 2561, "suspended"), (2560, 2564, "resigned"), (2562, 2564, "term_ended"))
        if row.appointed_fy <= began and row.changed_fy >= ended
    ]
    VolunteerTally.objects.bulk_create(rows)
    return rows


def test_the_year_steps_are_the_fiscal_years_first_and_last_days():
    for fy in (2543, 2566, 2569, 2570):
        start, end = fiscal_year_bounds(fy)
        assert conditions.first_step(fy) == tallies.term_end_key(start) == 2 * tallies.month_number(start)
        assert conditions.last_step(fy) == tallies.term_end_key(end)


@pytest.mark.parametrize(
    "roll_up, recorded_as", [(conditions.YEARS, "ROLL_UP_DIGEST"), (conditions.TERMS, "TERM_ROLL_UP_DIGEST")]
)
def test_the_latest_migration_installed_the_definition_of_today(roll_up, recorded_as):
    """A change to year_conditions() changes no existing database until a migration installs each roll-up's trigger
    again (its uninstall_sql(), install_sql() and rebuild_sql()) and records its new digest()."""
    import reports.migrations

    digests = {}
    for module in pkgutil.iter_modules(reports.migrations.__path__):
        migration = importlib.import_module(f"reports.migrations.{module.name}")
        if hasattr(migration, recorded_as):
            digests[module.name] = getattr(migration, recorded_as)
    latest = digests[max(digests)]
    assert latest == roll_up.digest(connection), (
        f"year_conditions() changed: add a migration that runs uninstall_sql(), install_sql() and rebuild_sql() of the "
        f"roll-up kept in {roll_up.table}, with {recorded_as} set to the new digest"
    )


def test_every_figure_of_every_year_is_the_definitions(every_kind_of_tally_row):
    expected = by_definition()
    assert expected, "the rows count for something"
    assert {name for _, _, name in expected} == set(conditions.YEAR_FIGURES)
    assert by_roll_up() == expected


def test_what_each_steps_running_terms_add_is_the_definitions(every_kind_of_tally_row):
    expected = by_term_definition()
    assert {name for _, _, name in expected} == set(conditions.TERM_DEPENDENT)
    assert by_term_roll_up() == expected


def test_changes_and_removals_of_tally_rows_move_the_figures(every_kind_of_tally_row):
    VolunteerTally.objects.filter(status="suspended", tier="lead").update(volunteers=7)
    VolunteerTally.objects.filter(appointed_fy=2559, changed_fy=2564).update(changed_fy=2565)
    VolunteerTally.objects.filter(status="deceased", term_end_key=0).delete()
    assert by_roll_up() == by_definition()
    assert by_term_roll_up() == by_term_definition()
    VolunteerTally.objects.all().delete()
    assert by_roll_up() == by_term_roll_up() == {}
    assert not VolunteerYearTally.objects.exclude(**dict.fromkeys(conditions.YEAR_FIGURES, 0)).exists()


def test_truncating_the_tally_empties_the_roll_up(every_kind_of_tally_row):
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE reports_volunteertally")
    assert not VolunteerYearTally.objects.exists()
    assert not VolunteerTermTally.objects.exists()


def test_the_rebuild_gives_the_roll_ups_the_triggers_keep(every_kind_of_tally_row):
    kept, kept_terms = by_roll_up(), by_term_roll_up()
    with connection.cursor() as cursor:
        for statement in [*conditions.YEARS.rebuild_sql(connection), *conditions.TERMS.rebuild_sql(connection)]:
            cursor.execute(statement)
    assert by_roll_up() == kept == by_definition()
    assert by_term_roll_up() == kept_terms == by_term_definition()


@pytest.mark.parametrize(
    "today",
    [
        dt.date(2023, 10, 1),
        dt.date(2024, 3, 14),
        dt.date(2024, 3, 15),
        dt.date(2024, 3, 31),
        dt.date(2024, 9, 28),
        dt.date(2024, 9, 29),
        dt.date(2024, 9, 30),
    ],
)
def test_the_running_year_counts_terms_at_today(every_kind_of_tally_row, monkeypatch, today):
    """On any day of fiscal year 2567 (the fixture's terms end on 15 March, 29 and 30 September 2024 among others),
    terms ending from today to 30 September still run: counted from the roll-ups, the figures are the definition's
    with today's step. In September but on its last day, today's step is past the year's end: the terms ending on the
    30th are then counted from the volunteers, and the tally's figures count them as ended."""
    monkeypatch.setattr(selectors.timezone, "localdate", lambda: today)
    fy, years = 2567, selectors.trend_years(2567)
    figures = selectors.volunteer_figures(years, fy)
    step, _ = selectors.term_step(today)
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
        # The terms that end from today to the month's end come from the volunteers, and this test has none.
        counted = {name: figures[province_id][name] for name in by_definition_today}
        assert counted == by_definition_today
        if today < dt.date(2024, 9, 29):
            assert counted[f"active_{fy}"] != by_roll_up([fy]).get((province_id, fy, "active"), 0)
