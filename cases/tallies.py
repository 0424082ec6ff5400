"""The triggers that keep the cases' tallies (cases/models.py CaseTally, CaseDaysTally) exact, and a rebuild from
scratch, as activity/tallies.py does for the monthly reports.

The province report and the national dashboard read referrals per agency, the share resolved and the median days to
resolve from these rows (a few per province, agency, month and status; a few per province, month and day count),
never from the 500,000 cases of the benchmark.

- CaseTally: cases per (province, agency, month of referral, status). A status step is an UPDATE: the case leaves
  its old status's row and joins the new one's. Erasing a case's personal data changes no key: the two cancel out.
- CaseDaysTally: cases done per (province, month of closing, days from referral to done), a histogram from which
  the median is exact (reports.results.median). Only done cases count: a case that could not be referred was not
  resolved. The same histogram per (province, fiscal year) and per (month) for the whole country serve the national
  dashboard: reading every province's monthly histogram took 0.19 s for a year (measured on 2 shared cores).
- Statement-level triggers with transition tables, written with reports.tallies._delta_upsert (one GROUP BY over
  the rows a statement changed; key order fixed, so concurrent writers never deadlock).
- TRUNCATE fires no DELETE trigger, so a TRUNCATE trigger empties both tallies.

Sessions with `session_replication_role = replica` (the benchmark's and the demo's COPY loaders) skip triggers:
call `rebuild()` after.
"""

from django.db import connection, transaction

from reports.tallies import _delta_upsert, counting_function

CASE_TABLE = "cases_case"
COUNTS = "cases_casetally"
DAYS = "cases_casedaystally"
YEAR_DAYS = "cases_caseyeardaystally"
NATION_DAYS = "cases_casenationdaystally"

MONTH_OF = "date_trunc('month', {day})::date"
KEY = {
    "province_id": "r.province_id",
    "agency_id": "r.agency_id",
    "month": MONTH_OF.format(day="r.referred_on"),
    "status": "r.status",
}
DAYS_KEY = {
    "province_id": "r.province_id",
    "month": MONTH_OF.format(day="r.closed_on"),
    "days": "(r.closed_on - r.referred_on)",
}
# The national dashboard's medians: per province and fiscal year (พ.ศ., as reports_fiscal_year counts it), and per
# month for the whole country, so that it never reads every province's monthly histogram.
YEAR_DAYS_KEY = {
    "province_id": "r.province_id",
    "fiscal_year": "(extract(year FROM r.closed_on + 92))::integer + 543",
    "days": "(r.closed_on - r.referred_on)",
}
NATION_DAYS_KEY = {"month": DAYS_KEY["month"], "days": DAYS_KEY["days"]}
DAYS_TALLIES = [(DAYS, DAYS_KEY), (YEAR_DAYS, YEAR_DAYS_KEY), (NATION_DAYS, NATION_DAYS_KEY)]
ONE = {"cases": "1"}


def _done(rows: str) -> str:
    return f"(SELECT * FROM {rows} WHERE status = 'done')"


def _upserts(sources: list[tuple[str, int]]) -> str:
    done = [(_done(rows), sign) for rows, sign in sources]
    return _delta_upsert(COUNTS, KEY, ONE, sources) + "".join(
        _delta_upsert(table, key, ONE, done) for table, key in DAYS_TALLIES
    )


COUNT_FUNCTION = counting_function("cases_count_cases", _upserts)

TRUNCATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION cases_truncate_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {COUNTS};
    DELETE FROM {DAYS};
    DELETE FROM {YEAR_DAYS};
    DELETE FROM {NATION_DAYS};
    RETURN NULL;
END $$;
"""

OPS = ("insert", "update", "delete", "truncate")


def install_sql() -> list[str]:
    return [
        COUNT_FUNCTION,
        TRUNCATE_FUNCTION,
        f"CREATE TRIGGER cases_case_insert AFTER INSERT ON {CASE_TABLE} REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION cases_count_cases()",
        f"CREATE TRIGGER cases_case_update AFTER UPDATE ON {CASE_TABLE} "
        "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cases_count_cases()",
        f"CREATE TRIGGER cases_case_delete AFTER DELETE ON {CASE_TABLE} REFERENCING OLD TABLE AS old_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION cases_count_cases()",
        f"CREATE TRIGGER cases_case_truncate AFTER TRUNCATE ON {CASE_TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION cases_truncate_tallies()",
    ]


def uninstall_sql() -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS cases_case_{op} ON {CASE_TABLE}" for op in OPS),
        "DROP FUNCTION IF EXISTS cases_truncate_tallies()",
        "DROP FUNCTION IF EXISTS cases_count_cases()",
    ]


def _columns(key: dict) -> tuple[str, str]:
    return ", ".join(key), ", ".join(key.values())


REBUILD = [
    # Writers wait until the rebuild commits; readers carry on with the old tallies until then.
    f"LOCK TABLE {CASE_TABLE} IN SHARE MODE",
    *(f"DELETE FROM {table}" for table in (COUNTS, DAYS, YEAR_DAYS, NATION_DAYS)),
    f"INSERT INTO {COUNTS} ({_columns(KEY)[0]}, cases) "
    f"SELECT {_columns(KEY)[1]}, count(*) FROM {CASE_TABLE} r GROUP BY 1, 2, 3, 4",
    *(
        f"INSERT INTO {table} ({_columns(key)[0]}, cases) "
        f"SELECT {_columns(key)[1]}, count(*) FROM {_done(CASE_TABLE)} r "
        f"GROUP BY {', '.join(str(i + 1) for i in range(len(key)))}"
        for table, key in DAYS_TALLIES
    ),
]


def rebuild() -> None:
    """Recount both tallies from the cases, in one transaction (after a load with triggers off)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in REBUILD:
            cursor.execute(statement)
