"""The volunteers' figures of a fiscal year as conditions on the tally of volunteers (reports.models.VolunteerTally),
and the roll-up of the same conditions per province and year (VolunteerYearTally) that the reports read.

`year_conditions(y, running)` is the one definition. The reports evaluate it with a number for `y`. The trigger that
keeps the roll-up evaluates the very same conditions compiled to SQL with `y` a column: for each changed tally row and
each year at which one of its conditions can turn (its fiscal years of appointment, of status change and of term end,
and the years after them), it adds the change of each figure from the year before. A figure of year y is then the sum
of its column over the province's rows of years up to y: a few dozen rows a province, where counting the tally itself
sums a filter per figure over about 160,000 rows on a million volunteers (50 ms of the national dashboard's 150).

The roll-up counts terms at each fiscal year's end; the running year counts them at today. A second roll-up, kept by
the same conditions, holds per term-end step what that step's terms add to their fiscal year's figures while they still
run (VolunteerTermTally): reports.selectors adds its rows of the steps from today to the year's end.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.db.models import F, IntegerField, Q
from django.db.models.expressions import RawSQL

from reports import tallies
from volunteers.rules import IN_OFFICE, TERM_ENDED, Status, Tier, away_at, serving_at, term_running_at

SUSPENDED = Status.SUSPENDED.value
RESIGNED = Status.RESIGNED.value
DECEASED = Status.DECEASED.value

# The tally's fiscal years of the latest absence's first day and of the return (0 and 0: none).
ABSENCE = ("absent_from_fy", "absent_until_fy")

# The figures that depend on whether a term runs on the day counted at.
TERM_DEPENDENT = (SUSPENDED, TERM_ENDED, "serving_lead", "serving_network", "active")


def first_step(fy):
    """The term-end step of 1 October that starts fiscal year `fy` (BE), for a number or an SQL expression alike."""
    return 2 * ((fy - 544) * 12 + 9)


def last_step(fy):
    """The term-end step of 30 September, the last day of fiscal year `fy`: the step of a month's last day."""
    return 2 * ((fy - 543) * 12 + 8) + 1


def running_from(step) -> Q:
    """Tally rows whose term runs on a day of term-end step `step` or before (no term on record runs)."""
    return term_running_at(step, "term_end_key")


def year_conditions(y, running: Q, absence: tuple[str, str] | None = ABSENCE) -> dict[str, Q]:
    """Each figure of fiscal year `y` as a condition on tally rows; `running`: the term runs on the day counted at.
    `absence` None: the definition before the tally knew absences (what reports migrations 0011 and 0013 installed)."""
    appointed_by_end = Q(appointed_fy__lte=y)
    by_status = serving_at(y, appointed="appointed_fy", changed="changed_fy", absence=absence)

    def away_as(status: str, otherwise: Q) -> Q:
        """`otherwise`, or away at the year's end as `status` in an absence they have since come back from."""
        return otherwise | away_at(y, *absence) & Q(absence_status=status) if absence else otherwise

    suspended = away_as(SUSPENDED, appointed_by_end & Q(changed_fy__lte=y, status=SUSPENDED))
    return {
        "total": appointed_by_end,
        SUSPENDED: suspended & running,
        # In office by status at the year's end, but the term is over (ครบวาระ); or between two terms then.
        TERM_ENDED: away_as(TERM_ENDED, (by_status | suspended) & ~running),
        "serving_lead": by_status & running & Q(tier=Tier.LEAD),
        "serving_network": by_status & running & Q(tier=Tier.NETWORK),
        RESIGNED: away_as(RESIGNED, appointed_by_end & Q(changed_fy__lte=y, status=RESIGNED)),
        DECEASED: appointed_by_end & Q(changed_fy__lte=y, status=DECEASED),
        # In office in the year, with the current term's last day in it (those ended earlier in the year too).
        "terms_ending": Q(term_end_key__gte=first_step(y), term_end_key__lte=last_step(y))
        & appointed_by_end
        & (Q(status__in=IN_OFFICE) | Q(changed_fy__gt=y)),
        "active": by_status & running,
        "appointed": Q(appointed_fy=y),
    }


# The roll-up's columns (VolunteerYearTally's): the figures of a year at its end.
YEAR_FIGURES = tuple(year_conditions(0, Q()))


# -- the roll-up's trigger ------------------------------------------------------------------------------------------

YEAR_TALLY = "reports_volunteeryeartally"
# The changed tally rows go by the tally's own name in the trigger's query, so that the conditions compiled by the ORM
# (which name the tally's columns by its table) read them; the candidate years are `candidates.y`.
TALLY_COLUMNS = "province_id, status, appointed_fy, changed_fy, term_end_key, tier"
ABSENCE_COLUMNS = "absent_from_fy, absent_until_fy, absence_status"
# The fiscal year (BE) of a term-end step's month: step // 2 is year * 12 + month - 1, and October starts the next year.
TERM_FISCAL_YEAR = "((term_end_key / 2) / 12 + 543 + ((term_end_key / 2) % 12 >= 9)::integer)"
# Where a row's figures can turn: its years of appointment and change, and its term's year (a term that ends on
# 30 September still runs at that year's end, so the next year too). reports/tests/test_volunteer_year_tally.py
# checks every figure of every year against the definition, and fails when a turn is missing.
CANDIDATE_YEARS = (
    f"0, appointed_fy, appointed_fy + 1, changed_fy, changed_fy + 1, {TERM_FISCAL_YEAR}, {TERM_FISCAL_YEAR} + 1"
)
# And where an absence begins and ends.
ABSENCE_YEARS = "absent_from_fy, absent_until_fy"


def condition_sql(connection, condition: Q, year: str = "candidates.y") -> str:
    """`condition`, compiled by the ORM on the tally with `y` the SQL `year`, as SQL text with its values inlined (for a
    function's body)."""
    from reports.models import VolunteerTally

    # The SQL is a format string to mogrify(): a literal % (the modulo of TERM_FISCAL_YEAR) is written twice.
    year_column = RawSQL(year.replace("%", "%%"), (), output_field=IntegerField())
    query = VolunteerTally.objects.annotate(y=year_column).filter(condition).query
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.compile(query.where)
    with connection.cursor() as cursor:
        return cursor.mogrify(sql, params).decode()


def _change(connection, names, after: dict[str, Q], before: dict[str, Q], year: str = "candidates.y") -> dict[str, str]:
    """{figure: SQL of 1, 0 or -1: how much a tally row adds to the figure counted by `after` rather than `before`}."""
    return {
        name: f"(({condition_sql(connection, after[name], year)})::integer"
        f" - ({condition_sql(connection, before[name], year)})::integer)"
        for name in names
    }


def figure_changes(connection, absence=ABSENCE) -> dict[str, str]:
    """{figure: SQL of how much a tally row adds to it at year `candidates.y` compared with the year before}."""
    at_year = year_conditions(F("y"), running_from(last_step(F("y"))), absence)
    year_before = year_conditions(F("y") - 1, running_from(last_step(F("y") - 1)), absence)
    return _change(connection, YEAR_FIGURES, at_year, year_before)


def term_changes(connection, absence=ABSENCE) -> dict[str, str]:
    """{figure: SQL of how much a tally row with a term on record adds to the figures of the fiscal year its term ends
    in when they are counted on a day the term still runs rather than on a day after it ended}."""
    still_running = year_conditions(F("y"), running_from(F("term_end_key")), absence)
    ended = year_conditions(F("y"), running_from(F("term_end_key") + 1), absence)
    return _change(connection, TERM_DEPENDENT, still_running, ended, year=TERM_FISCAL_YEAR)


@dataclass(frozen=True)
class RollUp:
    """A table kept from the tally of volunteers by a statement trigger: per province and `key`, the sum over the
    changed tally rows of each figure's change (`changes`, SQL per figure, evaluated for each key of a row)."""

    table: str
    key: str
    key_sql: str
    changes: Callable
    function: str
    truncate_function: str
    trigger: str
    # The years a tally row can change a figure at, when the roll-up is per fiscal year (the keys' FROM item).
    candidate_years: bool = False
    keys_where: str = ""
    # False: the definition before the tally knew absences, which reports migrations 0011 and 0013 installed.
    absence: bool = True

    @property
    def keys_from(self) -> str:
        if not self.candidate_years:
            return ""
        years = f"{CANDIDATE_YEARS}, {ABSENCE_YEARS}" if self.absence else CANDIDATE_YEARS
        return f"""
        CROSS JOIN LATERAL (
            SELECT DISTINCT y FROM unnest(ARRAY[{years}]) AS y WHERE y >= 0
        ) AS candidates"""

    def figure_changes(self, connection) -> dict[str, str]:
        return self.changes(connection, ABSENCE if self.absence else None)

    def upsert(self, changes: dict[str, str], sources: list[tuple[str, int]]) -> str:
        columns = f"{TALLY_COLUMNS}, {ABSENCE_COLUMNS}" if self.absence else TALLY_COLUMNS
        rows = " UNION ALL ".join(
            f"SELECT {columns}, {sign} * volunteers AS volunteers FROM {t}" for t, sign in sources
        )
        sums = [f"sum(reports_volunteertally.volunteers * {change})" for change in changes.values()]
        updates = ", ".join(f"{name} = {self.table}.{name} + EXCLUDED.{name}" for name in changes)
        return f"""
        INSERT INTO {self.table} (province_id, {self.key}, {", ".join(changes)})
        SELECT reports_volunteertally.province_id, {self.key_sql}, {", ".join(sums)}
        FROM ({rows}) AS reports_volunteertally{self.keys_from}
        WHERE reports_volunteertally.volunteers <> 0{self.keys_where}
        GROUP BY 1, 2 HAVING {" OR ".join(f"{s} <> 0" for s in sums)} ORDER BY 1, 2
        ON CONFLICT (province_id, {self.key}) DO UPDATE SET {updates};
        """

    def digest(self, connection) -> str:
        """What the trigger computes, as a digest: a migration that installs the trigger records it, and a test fails
        when the definition has changed since (the database would keep the old trigger until a migration runs)."""
        import hashlib

        return hashlib.sha256(repr(sorted(self.figure_changes(connection).items())).encode()).hexdigest()[:16]

    def install_sql(self, connection) -> list[str]:
        changes = self.figure_changes(connection)
        return [
            tallies.counting_function(self.function, lambda sources: self.upsert(changes, sources)),
            *tallies.trigger_statements("reports_volunteertally", self.function, self.trigger),
            f"CREATE OR REPLACE FUNCTION {self.truncate_function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN DELETE FROM {self.table}; RETURN NULL; END $$;",
            f"CREATE TRIGGER {self.trigger}_truncate AFTER TRUNCATE ON reports_volunteertally "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {self.truncate_function}()",
        ]

    def uninstall_sql(self) -> list[str]:
        return [
            *(
                f"DROP TRIGGER IF EXISTS {self.trigger}_{op} ON reports_volunteertally"
                for op in ("insert", "update", "delete", "truncate")
            ),
            f"DROP FUNCTION IF EXISTS {self.function}()",
            f"DROP FUNCTION IF EXISTS {self.truncate_function}()",
        ]

    def rebuild_sql(self, connection) -> list[str]:
        """Recount the roll-up from the whole tally (after a load that skipped the triggers)."""
        return [
            f"DELETE FROM {self.table}",
            self.upsert(self.figure_changes(connection), [("reports_volunteertally", 1)]),
        ]


# The figures at each fiscal year's end, as each year's change from the year before (VolunteerYearTally).
YEARS = RollUp(
    table=YEAR_TALLY,
    key="fiscal_year",
    key_sql="candidates.y",
    changes=figure_changes,
    function="reports_count_volunteer_years",
    truncate_function="reports_truncate_volunteer_years",
    trigger="reports_volunteertally",
    candidate_years=True,
)

# What a term still running adds to its fiscal year's figures, per term-end step (VolunteerTermTally): the running
# year, counted at today, adds the rows of the steps from today to its end to its figures at the end.
TERMS = RollUp(
    table="reports_volunteertermtally",
    key="term_end_key",
    key_sql="reports_volunteertally.term_end_key",
    changes=term_changes,
    function="reports_count_volunteer_terms",
    truncate_function="reports_truncate_volunteer_terms",
    trigger="reports_volunteertally_terms",
    keys_where=" AND reports_volunteertally.term_end_key <> 0",
)

# What reports migrations 0011 and 0013 installed, before the tally knew absences (migration 0016).
YEARS_BEFORE_ABSENCES = replace(YEARS, absence=False)
TERMS_BEFORE_ABSENCES = replace(TERMS, absence=False)
