"""The triggers that keep the monthly reports' tallies (activity/models.py ReportTally, ReportKindTally) and the
volunteers' serving months (ServingTally) exact, and a rebuild from scratch, as reports/tallies.py does for the
volunteers.

The reporting-rate board (and later the province report and the dashboard) read received, on time and the numbers by
kind of work per (province, district, month) from these few thousand rows, never from the 12,000,000 reports.

- Statement-level triggers with transition tables: the grid's save of one row, or an import of 10,000 reports by COPY,
  pays for one GROUP BY over the rows the statement changed.
- Both tallies are sums, so each statement adds its new rows and subtracts its old ones (an UPDATE does both; a
  correction that changes neither the key nor on time cancels out in the receipts tally). The upsert is written once,
  in reports.tallies._delta_upsert, and used here with the same key order, so concurrent writers never deadlock.
- The numbers by kind expand each report's JSONB counts with jsonb_each_text: one tally row per (province, district,
  month, kind code). A kind HQ adds later simply starts having rows; a retired kind's rows stay.
- Expected reports: each volunteer serves in one range of months, or two around the months of their latest absence
  (ServingTally's docstring), so a tally keyed by (province, district, first month, last month) answers "serving in
  month m" for every month of a year with one pass over a few rows per district and appointment month, where counting
  the volunteers themselves took 0.7 s for 1,000,000 volunteers (measured on a 2-core machine under load, 12 filtered
  counts per row).
- Received and on time count only the reports of volunteers expected in the month, where they are expected: serving
  in it (the same range of months as the serving tally) and in their current province and district. So a district
  never shows more received than expected, whatever was written meanwhile (an appointment date moved after a month
  already reported, a volunteer moved to another district), and the totals add up. The reports' trigger reads each
  report's volunteer; the volunteers' trigger moves the reports of a volunteer whose months or district changed.
- TRUNCATE fires no DELETE trigger, so a TRUNCATE trigger empties the tallies of the truncated table.

Sessions with `session_replication_role = replica` (the benchmark's loader) skip triggers: call `rebuild()` after.
"""

from django.db import connection, transaction

from reports.tallies import _delta_upsert, counting_function

REPORT_TABLE = "activity_monthlyreport"
RECEIPTS = "activity_reporttally"
KINDS = "activity_reportkindtally"

KEY = {"province_id": "r.province_id", "district_id": "r.district_id", "month": "r.month"}
RECEIPT_AMOUNTS = {"received": "1", "on_time": "r.on_time::integer"}
KIND_KEY = {**KEY, "kind": "r.kind"}
KIND_AMOUNTS = {"amount": "r.amount"}


def _by_kind(rows: str) -> str:
    """The report rows of a transition table, one per count in their JSONB (the database checks they are whole)."""
    return (
        f"(SELECT t.province_id, t.district_id, t.month, c.key AS kind, c.value::integer AS amount "
        f"FROM {rows} t CROSS JOIN LATERAL jsonb_each_text(t.counts) AS c)"
    )


def _kind_upserts(sources: list[tuple[str, int]]) -> str:
    return _delta_upsert(KINDS, KIND_KEY, KIND_AMOUNTS, [(_by_kind(rows), sign) for rows, sign in sources])


def _first_upserts(sources: list[tuple[str, int]]) -> str:
    return _delta_upsert(RECEIPTS, KEY, RECEIPT_AMOUNTS, sources) + _kind_upserts(sources)


# The reports' function as migration 0003 installed it (every report, in the district it was made in); migration 0011
# replaced it with COUNT_FUNCTION below. The migrations install what they knew.
FIRST_COUNT_FUNCTION = counting_function("activity_count_reports", _first_upserts)

# -- volunteers -> activity_servingtally -------------------------------------------------------------------------------

VOLUNTEER_TABLE = "volunteers_volunteer"
SERVING = "activity_servingtally"
# Past any month the board asks about: "no end" in a range of months.
NO_END = 999_999

MONTH_NUMBER_FUNCTION = """
CREATE OR REPLACE FUNCTION activity_month_number(day date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (extract(year FROM day)::integer * 12 + extract(month FROM day)::integer - 1)
$$;
"""


# rules.serving_in_month(m) as a range first <= m <= last (see ServingTally): appointed by m's last day (no date:
# always); active, or a status change on or after m's first day (another status with no date: never); the term's
# last day on or after m's first day (no term on record: no end).
def first_month(v: str) -> str:
    """SQL: the first month the volunteer row `v` (a table alias) serves in."""
    return f"coalesce(activity_month_number({v}.appointed_on), 0)"


def last_month(v: str) -> str:
    """SQL: the last month the volunteer row `v` serves in (NO_END: no end; before first_month: none at all)."""
    return f"""least(
        CASE WHEN {v}.status = 'active' THEN {NO_END} ELSE coalesce(activity_month_number({v}.status_changed_on), -1) END,
        coalesce(activity_month_number({v}.term_ends_on), {NO_END}))"""


# rules.away_throughout: the months wholly inside the latest absence, from its first day to the day before the
# volunteer served again. The first is the month after the one holding the absence's eve (the absence's own month
# when it began on the 1st); the last is the month before the return's (the return's day is served). No absence, or
# one within a month: none (first after last, or null).
def absent_first_month(v: str) -> str:
    """SQL: the first month the volunteer row `v` is away throughout (null: no absence)."""
    return f"(activity_month_number({v}.absent_from - 1) + 1)"


def absent_last_month(v: str) -> str:
    """SQL: the last month the volunteer row `v` is away throughout (null: no absence)."""
    return f"(activity_month_number({v}.absent_until) - 1)"


def _months_of(v: str, absences: bool) -> dict[str, str]:
    """{column: SQL} of the volunteer row `v`: the months it serves in, and (`absences`) those it is away throughout."""
    months = {"first_month": first_month(v), "last_month": last_month(v)}
    if absences:
        months |= {"absent_first": absent_first_month(v), "absent_last": absent_last_month(v)}
    return months


def _serves(month: str, months: dict[str, str]) -> str:
    """SQL: the month number `month` is one served in, by the columns of _months_of given as SQL (with or without
    the absence's)."""
    serves = f"{month} BETWEEN {months['first_month']} AND {months['last_month']}"
    if "absent_first" in months:
        serves += (
            f" AND {month} NOT BETWEEN coalesce({months['absent_first']}, 0) AND coalesce({months['absent_last']}, -1)"
        )
    return serves


def serves_in(month: str, v: str, absences: bool = True) -> str:
    """SQL: the volunteer row `v` serves in the month number `month` (rules.serving_in_month; `absences` False: as
    migrations 0004 and 0011 read it, before the volunteers had absences)."""
    return _serves(month, _months_of(v, absences))


SERVING_KEY_BEFORE_ABSENCES = {
    "province_id": "r.province_id",
    "district_id": "r.district_id",
    "first_month": first_month("r"),
    "last_month": last_month("r"),
}


def _with_district(rows: str) -> str:
    return (
        f"(SELECT t.province_id, s.district_id, t.appointed_on, t.status, t.status_changed_on, t.term_ends_on "
        f"FROM {rows} t JOIN provinces_subdistrict s ON s.id = t.subdistrict_id)"
    )


def _serving_upserts_before_absences(sources: list[tuple[str, int]]) -> str:
    return _delta_upsert(
        SERVING, SERVING_KEY_BEFORE_ABSENCES, {"volunteers": "1"}, [(_with_district(r), sign) for r, sign in sources]
    )


# The volunteers' function as migration 0004 installed it (one range a volunteer); migration 0012 replaced it with
# SERVING_FUNCTION below.
SERVING_FUNCTION_BEFORE_ABSENCES = counting_function("activity_count_serving", _serving_upserts_before_absences)

SERVING_KEY = {
    "province_id": "r.province_id",
    "district_id": "r.district_id",
    "first_month": "r.first_month",
    "last_month": "r.last_month",
}


def _serving_ranges(rows: str) -> str:
    """The ranges of months the volunteers of `rows` serve in, with their province and district: one a volunteer (as
    before absences, possibly empty: never serving), and a second for those with months wholly inside an absence,
    the range after it (the first ends before the absence). A second range that is empty (the absence runs to the
    volunteer's last month) is left out; the first may be empty (the absence began before the appointment).

    Two SELECTs over the volunteers' months computed once, not a LATERAL VALUES of the two pieces: that nested loop
    re-evaluated its list for every volunteer, 1.0 s of a 100,000-row import's INSERT against 0.1 s this way."""
    return f"""(
        WITH v AS MATERIALIZED (
            SELECT t.province_id, s.district_id, {first_month("t")} AS first_month, {last_month("t")} AS last_month,
                {absent_first_month("t")} AS absent_first, {absent_last_month("t")} AS absent_last
            FROM {rows} t JOIN provinces_subdistrict s ON s.id = t.subdistrict_id
        )
        SELECT province_id, district_id, first_month, CASE WHEN absent_first <= absent_last
            THEN least(last_month, absent_first - 1) ELSE last_month END AS last_month
        FROM v
        UNION ALL
        SELECT province_id, district_id, greatest(first_month, absent_last + 1), last_month
        FROM v WHERE absent_first <= absent_last AND greatest(first_month, absent_last + 1) <= last_month
    )"""


def _serving_upserts(sources: list[tuple[str, int]]) -> str:
    return _delta_upsert(SERVING, SERVING_KEY, {"volunteers": "1"}, [(_serving_ranges(r), sign) for r, sign in sources])


SERVING_FUNCTION = counting_function("activity_count_serving", _serving_upserts)

# -- reports and volunteers -> activity_reporttally (received, on time) -------------------------------------------------
# A report counts when its volunteer serves in its month, in the volunteer's current province and district. Each
# volunteer and each report is read by its key (a LATERAL subquery with OFFSET 0, which the planner keeps as one index
# lookup per row): PL/pgSQL keeps the plan of its first call for the session, and a hash join planned for an import's
# 10,000 reports would read the whole registry on every later save of one row.


def _serves_by_months(month: str, a: str, absences: bool) -> str:
    """SQL: serves_in over the columns of _months_of, read from the alias `a`."""
    return _serves(month, {column: f"{a}.{column}" for column in _months_of(a, absences)})


def _expected_reports(rows: str, absences: bool = True) -> str:
    """The reports of a transition table whose volunteer serves in the report's month, where the volunteer is now."""
    months = ", ".join(f"{e} AS {c}" for c, e in _months_of("p", absences).items())
    return (
        f"(SELECT v.province_id, v.district_id, t.month, t.on_time FROM {rows} t CROSS JOIN LATERAL ("
        f"SELECT p.province_id, s.district_id, {months} "
        f"FROM {VOLUNTEER_TABLE} p JOIN provinces_subdistrict s ON s.id = p.subdistrict_id "
        f"WHERE p.id = t.volunteer_id OFFSET 0) AS v "
        f"WHERE {_serves_by_months('activity_month_number(t.month)', 'v', absences)})"
    )


def _upserts(sources: list[tuple[str, int]], absences: bool = True) -> str:
    receipts = [(_expected_reports(rows, absences), sign) for rows, sign in sources]
    return _delta_upsert(RECEIPTS, KEY, RECEIPT_AMOUNTS, receipts) + _kind_upserts(sources)


COUNT_FUNCTION = counting_function("activity_count_reports", _upserts)
# As migration 0011 installed it; migration 0012 replaced it with COUNT_FUNCTION.
COUNT_FUNCTION_BEFORE_ABSENCES = counting_function("activity_count_reports", lambda s: _upserts(s, absences=False))


def _place(absences: bool) -> tuple[str, ...]:
    """What of a volunteer decides where their reports count; a change of anything else moves nothing."""
    return ("province_id", "subdistrict_id", *_months_of("t", absences))


def _moved_reports(absences: bool = True) -> str:
    """The reports of the volunteers of an UPDATE whose months or place changed: each once as it counted before
    (sign -1) and once as it counts now (+1), where that side serves in the report's month. The changed volunteers
    are found by grouping both transition tables by id, never by joining them (see reports.tallies.changed_rows)."""
    place = _place(absences)

    def side(rows: str, after: str) -> str:
        months = ", ".join(f"{e} AS {c}" for c, e in _months_of("t", absences).items())
        return f"SELECT id, {after} AS after, province_id, subdistrict_id, {months} FROM {rows} t"

    def of(side: str) -> list[str]:
        return [f"max({c}) FILTER (WHERE {side})" for c in place]

    columns = [f"{e} AS new_{c}" for e, c in zip(of("after"), place, strict=True)]
    columns += [f"{e} AS old_{c}" for e, c in zip(of("NOT after"), place, strict=True)]
    return f"""(
        SELECT side.sign, side.province_id, s.district_id, rep.month, rep.on_time FROM (
            SELECT id, {", ".join(columns)}
            FROM ({side("new_rows", "true")} UNION ALL {side("old_rows", "false")}) AS both_sides
            GROUP BY id
            HAVING ROW({", ".join(of("after"))}) IS DISTINCT FROM ROW({", ".join(of("NOT after"))})
        ) AS c
        CROSS JOIN LATERAL (
            SELECT r.month, r.on_time FROM {REPORT_TABLE} r WHERE r.volunteer_id = c.id OFFSET 0
        ) AS rep
        CROSS JOIN LATERAL (VALUES
            (1, {", ".join(f"c.new_{c}" for c in place)}),
            (-1, {", ".join(f"c.old_{c}" for c in place)})
        ) AS side (sign, {", ".join(place)})
        JOIN provinces_subdistrict s ON s.id = side.subdistrict_id
        WHERE {_serves_by_months("activity_month_number(rep.month)", "side", absences)}
    )"""


def _reports_of_deleted(absences: bool = True) -> str:
    return f"""(
        SELECT o.province_id, s.district_id, rep.month, rep.on_time FROM old_rows o
        CROSS JOIN LATERAL (
            SELECT r.month, r.on_time FROM {REPORT_TABLE} r WHERE r.volunteer_id = o.id OFFSET 0
        ) AS rep
        JOIN provinces_subdistrict s ON s.id = o.subdistrict_id
        WHERE {serves_in("activity_month_number(rep.month)", "o", absences)}
    )"""


MOVED_AMOUNTS = {"received": "r.sign", "on_time": "r.sign * r.on_time::integer"}


# A new volunteer has no reports yet (a report needs its volunteer's row), so an INSERT moves nothing: no trigger.
# A volunteer with reports cannot be deleted (the reports protect it) unless the reports go in the same transaction;
# if they go after, their own trigger no longer finds the volunteer, so the volunteer's delete takes them out.
def _volunteer_receipts_function(absences: bool) -> str:
    return f"""
CREATE OR REPLACE FUNCTION activity_move_receipts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        {_delta_upsert(RECEIPTS, KEY, MOVED_AMOUNTS, [(_moved_reports(absences), 1)])}
    ELSIF TG_OP = 'DELETE' THEN
        {_delta_upsert(RECEIPTS, KEY, RECEIPT_AMOUNTS, [(_reports_of_deleted(absences), -1)])}
    END IF;
    RETURN NULL;
END $$;
"""


VOLUNTEER_RECEIPTS_FUNCTION = _volunteer_receipts_function(absences=True)
# As migration 0011 installed it; migration 0012 replaced it.
VOLUNTEER_RECEIPTS_FUNCTION_BEFORE_ABSENCES = _volunteer_receipts_function(absences=False)


def install_receipts_sql() -> list[str]:
    """Received and on time among the volunteers expected (migration 0011, before absences): the reports' function
    replaced, and the volunteers' trigger that moves their reports."""
    return [
        COUNT_FUNCTION_BEFORE_ABSENCES,
        VOLUNTEER_RECEIPTS_FUNCTION_BEFORE_ABSENCES,
        f"CREATE TRIGGER activity_volunteer_receipts_update AFTER UPDATE ON {VOLUNTEER_TABLE} "
        "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION activity_move_receipts()",
        f"CREATE TRIGGER activity_volunteer_receipts_delete AFTER DELETE ON {VOLUNTEER_TABLE} "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_move_receipts()",
    ]


def uninstall_receipts_sql() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS activity_volunteer_receipts_update ON {VOLUNTEER_TABLE}",
        f"DROP TRIGGER IF EXISTS activity_volunteer_receipts_delete ON {VOLUNTEER_TABLE}",
        "DROP FUNCTION IF EXISTS activity_move_receipts()",
        FIRST_COUNT_FUNCTION,
    ]


TRUNCATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION activity_truncate_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = '{VOLUNTEER_TABLE}' THEN
        DELETE FROM {SERVING};
    ELSE
        DELETE FROM {RECEIPTS};
        DELETE FROM {KINDS};
    END IF;
    RETURN NULL;
END $$;
"""


def _triggers(table: str, short: str, function: str) -> list[str]:
    return [
        f"CREATE TRIGGER activity_{short}_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER activity_{short}_update AFTER UPDATE ON {table} "
        f"REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER activity_{short}_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER activity_{short}_truncate AFTER TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION activity_truncate_tallies()",
    ]


def install_serving_sql() -> list[str]:
    """The volunteers' serving tally (migration 0004, before absences)."""
    return [MONTH_NUMBER_FUNCTION, SERVING_FUNCTION_BEFORE_ABSENCES, TRUNCATE_FUNCTION] + _triggers(
        VOLUNTEER_TABLE, "volunteer", "activity_count_serving"
    )


def uninstall_serving_sql() -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS activity_volunteer_{op} ON {VOLUNTEER_TABLE}" for op in OPS),
        "DROP FUNCTION IF EXISTS activity_count_serving()",
        "DROP FUNCTION IF EXISTS activity_month_number(date)",
    ]


OPS = ("insert", "update", "delete", "truncate")


def install_sql() -> list[str]:
    """The reports' tallies as migration 0003 installed them (0011 replaced the function: install_receipts_sql)."""
    return [
        FIRST_COUNT_FUNCTION,
        TRUNCATE_FUNCTION,  # plpgsql resolves the serving tally only when a volunteers TRUNCATE fires it (0004)
        f"CREATE TRIGGER activity_report_insert AFTER INSERT ON {REPORT_TABLE} REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION activity_count_reports()",
        f"CREATE TRIGGER activity_report_update AFTER UPDATE ON {REPORT_TABLE} "
        "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_count_reports()",
        f"CREATE TRIGGER activity_report_delete AFTER DELETE ON {REPORT_TABLE} REFERENCING OLD TABLE AS old_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION activity_count_reports()",
        f"CREATE TRIGGER activity_report_truncate AFTER TRUNCATE ON {REPORT_TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION activity_truncate_tallies()",
    ]


def uninstall_sql() -> list[str]:
    return [
        *(
            f"DROP TRIGGER IF EXISTS activity_report_{op} ON {REPORT_TABLE}"
            for op in ("insert", "update", "delete", "truncate")
        ),
        "DROP FUNCTION IF EXISTS activity_truncate_tallies()",
        "DROP FUNCTION IF EXISTS activity_count_reports()",
    ]


# What migration 0003 counted with (every report, where it was made).
FIRST_REBUILD = [
    # Writers wait until the rebuild commits; readers carry on with the old tallies until then.
    f"LOCK TABLE {REPORT_TABLE} IN SHARE MODE",
    f"DELETE FROM {RECEIPTS}",
    f"DELETE FROM {KINDS}",
    f"INSERT INTO {RECEIPTS} (province_id, district_id, month, received, on_time) "
    f"SELECT province_id, district_id, month, count(*), count(*) FILTER (WHERE on_time) FROM {REPORT_TABLE} "
    "GROUP BY 1, 2, 3",
    f"INSERT INTO {KINDS} (province_id, district_id, month, kind, amount) "
    f"SELECT r.province_id, r.district_id, r.month, r.kind, sum(r.amount) FROM {_by_kind(REPORT_TABLE)} r "
    "GROUP BY 1, 2, 3, 4 HAVING sum(r.amount) <> 0",
]


def _recount_receipts(absences: bool = True) -> list[str]:
    return [
        f"DELETE FROM {RECEIPTS}",
        f"INSERT INTO {RECEIPTS} (province_id, district_id, month, received, on_time) "
        f"SELECT v.province_id, s.district_id, r.month, count(*), count(*) FILTER (WHERE r.on_time) "
        f"FROM {REPORT_TABLE} r JOIN {VOLUNTEER_TABLE} v ON v.id = r.volunteer_id "
        f"JOIN provinces_subdistrict s ON s.id = v.subdistrict_id "
        f"WHERE {serves_in('activity_month_number(r.month)', 'v', absences)} GROUP BY 1, 2, 3",
    ]


RECOUNT_RECEIPTS = _recount_receipts()
# What migration 0011 counted with (migration 0012 counts again with RECOUNT_RECEIPTS).
RECOUNT_RECEIPTS_BEFORE_ABSENCES = _recount_receipts(absences=False)

REBUILD = [
    # Writers wait until the rebuild commits; readers carry on with the old tallies until then.
    f"LOCK TABLE {REPORT_TABLE} IN SHARE MODE",
    f"LOCK TABLE {VOLUNTEER_TABLE} IN SHARE MODE",
    *RECOUNT_RECEIPTS,
    f"DELETE FROM {KINDS}",
    f"INSERT INTO {KINDS} (province_id, district_id, month, kind, amount) "
    f"SELECT r.province_id, r.district_id, r.month, r.kind, sum(r.amount) FROM {_by_kind(REPORT_TABLE)} r "
    "GROUP BY 1, 2, 3, 4 HAVING sum(r.amount) <> 0",
]


REBUILD_SERVING = [
    f"LOCK TABLE {VOLUNTEER_TABLE} IN SHARE MODE",
    f"DELETE FROM {SERVING}",
    f"INSERT INTO {SERVING} ({', '.join(SERVING_KEY)}, volunteers) "
    f"SELECT {', '.join(SERVING_KEY.values())}, count(*) FROM {_serving_ranges(VOLUNTEER_TABLE)} r GROUP BY 1, 2, 3, 4",
]
# What migration 0004 counted with: one range a volunteer.
REBUILD_SERVING_BEFORE_ABSENCES = [
    f"LOCK TABLE {VOLUNTEER_TABLE} IN SHARE MODE",
    f"DELETE FROM {SERVING}",
    f"INSERT INTO {SERVING} ({', '.join(SERVING_KEY_BEFORE_ABSENCES)}, volunteers) "
    f"SELECT {', '.join(SERVING_KEY_BEFORE_ABSENCES.values())}, count(*) FROM {_with_district(VOLUNTEER_TABLE)} r "
    "GROUP BY 1, 2, 3, 4",
]


def install_absences_sql() -> list[str]:
    """Migration 0012: the volunteers' serving tally and the receipts leave out the months wholly inside the
    volunteer's latest absence (the functions replaced; the triggers stay)."""
    return [SERVING_FUNCTION, COUNT_FUNCTION, VOLUNTEER_RECEIPTS_FUNCTION]


def uninstall_absences_sql() -> list[str]:
    return [
        SERVING_FUNCTION_BEFORE_ABSENCES,
        COUNT_FUNCTION_BEFORE_ABSENCES,
        VOLUNTEER_RECEIPTS_FUNCTION_BEFORE_ABSENCES,
    ]


# -- activity_servingtally -> the serving deltas per month --------------------------------------------------------------
# The board summed the serving ranges that meet the year: 456,796 ranges for 1,000,000 volunteers, 0.1 s per visit
# (measured). Read as changes per month instead (+volunteers at the first month, -volunteers the month after the
# last), "serving in month m" is the sum of the changes up to m: a few thousand rows for a province's districts and
# about 25,000 for the nation by province. Kept by statement triggers on the serving tally itself, so every write that
# changes it (a volunteer saved, an import, a rebuild, the DELETE a volunteers TRUNCATE makes) changes these too.
# A range with no end adds nothing at its end, and an empty range (last before first: never serving) adds nothing.

DELTAS = "activity_servingmonthdelta"
PROVINCE_DELTAS = "activity_servingprovincemonthdelta"
DELTA_KEY = {"province_id": "r.province_id", "district_id": "r.district_id", "month": "r.month"}
PROVINCE_DELTA_KEY = {"province_id": "r.province_id", "month": "r.month"}


def _changes(rows: str) -> str:
    return (
        f"(SELECT t.province_id, t.district_id, t.first_month AS month, t.volunteers AS delta FROM {rows} t "
        f"WHERE t.first_month <= t.last_month "
        f"UNION ALL SELECT t.province_id, t.district_id, t.last_month + 1, -t.volunteers FROM {rows} t "
        f"WHERE t.first_month <= t.last_month AND t.last_month < {NO_END})"
    )


def _delta_upserts(sources: list[tuple[str, int]]) -> str:
    changes = [(_changes(rows), sign) for rows, sign in sources]
    return _delta_upsert(DELTAS, DELTA_KEY, {"delta": "r.delta"}, changes) + _delta_upsert(
        PROVINCE_DELTAS, PROVINCE_DELTA_KEY, {"delta": "r.delta"}, changes
    )


DELTA_FUNCTION = f"""
CREATE OR REPLACE FUNCTION activity_count_serving_deltas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_delta_upserts([("new_rows", 1)])}
    ELSIF TG_OP = 'DELETE' THEN
        {_delta_upserts([("old_rows", -1)])}
    ELSIF TG_OP = 'UPDATE' THEN
        {_delta_upserts([("new_rows", 1), ("old_rows", -1)])}
    ELSE
        DELETE FROM {DELTAS};
        DELETE FROM {PROVINCE_DELTAS};
    END IF;
    RETURN NULL;
END $$;
"""


def install_delta_sql() -> list[str]:
    """The serving deltas (migration 0006)."""
    return [
        DELTA_FUNCTION,
        *(
            f"CREATE TRIGGER activity_serving_{short} AFTER {op.upper()} ON {SERVING} {refs} "
            "FOR EACH STATEMENT EXECUTE FUNCTION activity_count_serving_deltas()"
            for short, op, refs in (
                ("insert", "insert", "REFERENCING NEW TABLE AS new_rows"),
                ("update", "update", "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows"),
                ("delete", "delete", "REFERENCING OLD TABLE AS old_rows"),
                ("truncate", "truncate", ""),
            )
        ),
    ]


def uninstall_delta_sql() -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS activity_serving_{op} ON {SERVING}" for op in OPS),
        "DROP FUNCTION IF EXISTS activity_count_serving_deltas()",
    ]


REBUILD_DELTAS = [
    f"DELETE FROM {DELTAS}",
    f"DELETE FROM {PROVINCE_DELTAS}",
    f"INSERT INTO {DELTAS} (province_id, district_id, month, delta) "
    f"SELECT province_id, district_id, month, sum(delta) FROM {_changes(SERVING)} c "
    "GROUP BY 1, 2, 3 HAVING sum(delta) <> 0",
    f"INSERT INTO {PROVINCE_DELTAS} (province_id, month, delta) "
    f"SELECT province_id, month, sum(delta) FROM {DELTAS} GROUP BY 1, 2 HAVING sum(delta) <> 0",
]


def rebuild() -> None:
    """Recount the tallies from the reports and the volunteers, in one transaction. The serving deltas follow the
    serving tally's recount by trigger, and are recounted from it after all the same, for a database whose deltas
    were loaded or emptied without triggers."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in REBUILD + REBUILD_SERVING + REBUILD_DELTAS:
            cursor.execute(statement)
