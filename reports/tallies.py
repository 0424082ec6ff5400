"""The triggers that keep the report tallies (reports/models.py) exact, and a rebuild from scratch.

Statement-level triggers with transition tables: an import of 100,000 rows by COPY or bulk_create pays for one
GROUP BY over the new rows, not for 100,000 trigger calls.

- Volunteers: the tally is a sum, so each statement adds its new rows and subtracts its old rows (an UPDATE does
  both; keys that did not move cancel out). Additions commute, so concurrent writers need no lock beyond the upsert's.
- Leavers and training: "people who left in the year" and "registrations with any attendance" are counts of distinct
  things, which do not add up. These triggers recount what the statement touched (the volunteers, the events) from
  the source tables. To recount from data no other transaction is still changing, they first lock the rows being
  recounted (the volunteers, the events) for the rest of the transaction; two check-ins at one event then queue for
  a moment instead of both writing a count that misses the other.
- Terms: the volunteers' tally is keyed by the current term's end (a half-month step, see TERM_END_KEY_FUNCTION) and
  the tier too, so an end moved by a re-appointment, or a lead turned network member, moves the volunteer's count.
  Nothing changes at midnight: a term that ends today is still in the same row tomorrow; the reports compare the step
  with the day they count at (reports.selectors).
- TRUNCATE fires no DELETE trigger, so a TRUNCATE trigger empties the tallies fed by the truncated table.

Sessions with `session_replication_role = replica` (the benchmark's loader) skip all triggers: call `rebuild()`
afterwards, or `python manage.py rebuild_report_tallies`.
"""

import datetime as dt

from django.db import connection, transaction

_LEFT_SQL = "('resigned', 'deceased')"

FISCAL_YEAR_FUNCTION = """
CREATE OR REPLACE FUNCTION reports_fiscal_year(day date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    -- 1 October + 92 days is 1 January: the Thai fiscal year (BE) starts in October.
    SELECT (extract(year FROM day + 92))::integer + 543
$$;
"""

# The last day of a term as a step on a scale of half months: two steps a month, the second for its last day alone.
# "Ended by the end of month m" and "ends within months a..b" are then comparisons of one number, exact at every
# month's end (a fiscal year ends on 30 September), while a province has a few dozen steps rather than a thousand days.
TERM_END_KEY_FUNCTION = """
CREATE OR REPLACE FUNCTION reports_term_end_key(ends_on date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN ends_on IS NULL THEN 0 ELSE
        2 * (extract(year FROM ends_on)::integer * 12 + extract(month FROM ends_on)::integer - 1)
        + (extract(day FROM ends_on + 1) = 1)::integer
    END
$$;
"""


def month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def term_end_key(ends_on: dt.date | None) -> int:
    """reports_term_end_key() in Python: 0 for no term on record."""
    if ends_on is None:
        return 0
    return 2 * month_number(ends_on) + ((ends_on + dt.timedelta(days=1)).day == 1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


# -- volunteers -> reports_volunteertally -----------------------------------------------------------------------------

ABSENCE_SPANS_YEARS = "reports_fiscal_year(r.absent_from) < reports_fiscal_year(r.absent_until)"
VOLUNTEER_KEY = {
    "province_id": "r.province_id",
    "status": "r.status",
    "appointed_fy": "coalesce(reports_fiscal_year(r.appointed_on), 0)",
    "changed_fy": "coalesce(reports_fiscal_year(r.status_changed_on), 0)",
    "term_end_key": "reports_term_end_key(r.term_ends_on)",
    "tier": "r.tier",
    # The latest absence the volunteer came back from (volunteers.absences), when it spans a fiscal year's end: one
    # within a year changes no year-end figure, and keeps the volunteer in the row of those never away.
    "absent_from_fy": f"CASE WHEN {ABSENCE_SPANS_YEARS} THEN reports_fiscal_year(r.absent_from) ELSE 0 END",
    "absent_until_fy": f"CASE WHEN {ABSENCE_SPANS_YEARS} THEN reports_fiscal_year(r.absent_until) ELSE 0 END",
    "absence_status": f"CASE WHEN {ABSENCE_SPANS_YEARS} THEN r.absence_status ELSE '' END",
}
# The key migration 0004 installed, before terms and tiers (migration 0007): the migrations install what they knew.
FIRST_VOLUNTEER_KEY = {k: VOLUNTEER_KEY[k] for k in ("province_id", "status", "appointed_fy", "changed_fy")}
# The key migration 0007 installed, before the absences (migration 0016).
TERMS_AND_TIERS_KEY = {k: VOLUNTEER_KEY[k] for k in (*FIRST_VOLUNTEER_KEY, "term_end_key", "tier")}

LEAVER_KEY = {"province_id": "r.province_id", "fiscal_year": "r.fiscal_year"}


TRAINING_PROVINCE_KEY = {
    "fiscal_year": "r.fiscal_year",
    "host_province_id": "r.host_province_id",
    "home_province_id": "r.home_province_id",
}
TRAINING_AMOUNTS = {"registered": "r.registered", "attended": "r.attended"}


def _delta_upsert(target: str, key: dict, amounts: dict, sources: list[tuple[str, int]]) -> str:
    """Add the amounts of the rows of each source, times its sign (+1 new rows, -1 old rows), to `target`, grouped by
    `key`, in key order (the same order in every transaction, so two statements never wait on each other crosswise)."""
    columns = ", ".join(key)
    selects = " UNION ALL ".join(
        "SELECT "
        + ", ".join(
            [f"{expr} AS {col}" for col, expr in key.items()] + [f"{sign} * {e} AS {a}" for a, e in amounts.items()]
        )
        + f" FROM {rows} r"
        for rows, sign in sources
    )
    sums = ", ".join(f"sum({a})" for a in amounts)
    changed = " OR ".join(f"sum({a}) <> 0" for a in amounts)
    updates = ", ".join(f"{a} = {target}.{a} + EXCLUDED.{a}" for a in amounts)
    return f"""
        INSERT INTO {target} ({columns}, {", ".join(amounts)})
        SELECT {columns}, {sums} FROM ({selects}) AS changes
        GROUP BY {columns} HAVING {changed} ORDER BY {columns}
        ON CONFLICT ({columns}) DO UPDATE SET {updates};
    """


def count_volunteers_function(key: dict) -> str:
    return _delta_function(
        "reports_count_volunteers", "reports_volunteertally", key, {"volunteers": "1"}, on_update_also=MOVE_LEAVERS
    )


def counting_function(name: str, upserts, on_update_also: str = "") -> str:
    """A statement-level trigger function that adds the inserted rows, takes away the deleted ones, and on an update
    does both; `upserts([(transition table, sign), ...])` writes the SQL that applies them."""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {upserts([("new_rows", 1)])}
    ELSIF TG_OP = 'DELETE' THEN
        {upserts([("old_rows", -1)])}
    ELSE
        {upserts([("new_rows", 1), ("old_rows", -1)])}
        {on_update_also}
    END IF;
    RETURN NULL;
END $$;
"""


def _delta_function(name: str, target: str, key: dict, amounts: dict, on_update_also: str = "") -> str:
    return counting_function(name, lambda sources: _delta_upsert(target, key, amounts, sources), on_update_also)


# The rows of an UPDATE that changed are found by grouping both transition tables by id, never by joining them:
# PL/pgSQL plans a statement once per session, for the transition tables of its first call, and a join planned for
# one row (a nested loop over both tables) then took 27 s for 9,000 rows, and would take most of an hour for an
# import's 100,000 (reports/tests/test_tally_triggers.py).
def changed_rows(shown: str, column: str) -> str:
    """A subquery of `column` from both transition tables, old and new, of the rows whose `shown` values (a list of
    expressions over a row) differ before and after the UPDATE; grouped by id, never joined (the comment above)."""
    return f"""(
            SELECT {column} FROM (
                SELECT {column}, min(shown) OVER same <> max(shown) OVER same AS changed FROM (
                    SELECT id AS row_id, {column}, ({shown})::text AS shown FROM new_rows
                    UNION ALL
                    SELECT id, {column}, ({shown})::text FROM old_rows
                ) AS sides WINDOW same AS (PARTITION BY row_id)
            ) AS compared WHERE changed
        ) AS changed_rows"""


# A volunteer who moves to another province takes their departures along (lock order as in the status-change trigger:
# the volunteer row, which this UPDATE already holds).
MOVE_LEAVERS = """
        UPDATE reports_leaveryear l SET province_id = moved.province_id
        FROM (
            SELECT id, max(province_id) FILTER (WHERE after) AS province_id
            FROM (SELECT id, province_id, true AS after FROM new_rows
                  UNION ALL SELECT id, province_id, false FROM old_rows) AS sides
            GROUP BY id
            HAVING max(province_id) FILTER (WHERE after) <> max(province_id) FILTER (WHERE NOT after)
        ) AS moved
        WHERE l.volunteer_id = moved.id;
"""

# -- status changes -> reports_leaveryear ----------------------------------------------------------------------------

LEAVER_YEARS_OF = f"""
    SELECT DISTINCT c.volunteer_id, reports_fiscal_year(c.changed_on) AS fiscal_year, v.province_id
    FROM volunteers_statuschange c JOIN volunteers_volunteer v ON v.id = c.volunteer_id
    WHERE c.to_status IN {_LEFT_SQL}
"""

STATUS_CHANGE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION reports_recount_leavers() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT volunteer_id) INTO touched FROM new_rows WHERE to_status IN {_LEFT_SQL};
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT volunteer_id) INTO touched FROM old_rows WHERE to_status IN {_LEFT_SQL};
    ELSE
        SELECT array_agg(DISTINCT volunteer_id) INTO touched FROM (
            SELECT volunteer_id FROM new_rows WHERE to_status IN {_LEFT_SQL}
            UNION ALL SELECT volunteer_id FROM old_rows WHERE to_status IN {_LEFT_SQL}
        ) AS both_sides;
    END IF;
    IF touched IS NULL THEN
        RETURN NULL;  -- suspensions and reinstatements are nobody's departure
    END IF;
    -- Serialise with other writers of these volunteers' departures and with their moves (see the module docstring).
    PERFORM 1 FROM volunteers_volunteer WHERE id = ANY (touched) ORDER BY id FOR NO KEY UPDATE;
    -- One statement: the departures these volunteers have now, those no longer true removed, the new ones added.
    WITH fresh AS ({LEAVER_YEARS_OF} AND c.volunteer_id = ANY (touched)),
    gone AS (
        DELETE FROM reports_leaveryear l
        WHERE l.volunteer_id = ANY (touched) AND NOT EXISTS (
            SELECT 1 FROM fresh f WHERE f.volunteer_id = l.volunteer_id AND f.fiscal_year = l.fiscal_year
        )
    )
    INSERT INTO reports_leaveryear (volunteer_id, fiscal_year, province_id)
    SELECT volunteer_id, fiscal_year, province_id FROM fresh ORDER BY volunteer_id, fiscal_year
    ON CONFLICT (volunteer_id, fiscal_year) DO UPDATE SET province_id = EXCLUDED.province_id
    WHERE reports_leaveryear.province_id <> EXCLUDED.province_id;
    RETURN NULL;
END $$;
"""

# -- registrations and attendance -> reports_trainingtally -----------------------------------------------------------


def counted_event(alias: str = "") -> str:
    """SQL: the event (of table alias `alias`) counts in the reports, as every event does but a cancelled one
    (trainings.Event.Status.CANCELLED): the one statement of the rule for every tally of events."""
    return f"{alias + '.' if alias else ''}status <> 'cancelled'"


# Cancelled registrations and cancelled events count nowhere in the reports, so they have no tally rows.
TRAINING_OF = f"""
    SELECT g.event_id, g.home_province_id, g.category, e.fiscal_year, e.host_province_id, count(*),
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM trainings_attendance a WHERE a.registration_id = g.id))
    FROM trainings_registration g JOIN trainings_event e ON e.id = g.event_id
    WHERE g.cancelled_at IS NULL AND {counted_event("e")}
"""
TRAINING_COLUMNS = "event_id, home_province_id, category, fiscal_year, host_province_id, registered, attended"

RECOUNT_EVENTS_FUNCTION = f"""
CREATE OR REPLACE FUNCTION reports_recount_events(touched bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF touched IS NULL THEN
        RETURN;
    END IF;
    PERFORM 1 FROM trainings_event WHERE id = ANY (touched) ORDER BY id FOR NO KEY UPDATE;
    DELETE FROM reports_trainingtally WHERE event_id = ANY (touched);
    INSERT INTO reports_trainingtally ({TRAINING_COLUMNS})
    {TRAINING_OF} AND g.event_id = ANY (touched)
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3;
END $$;
"""

REGISTRATION_FUNCTION = f"""
CREATE OR REPLACE FUNCTION reports_recount_registrations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM reports_recount_events((SELECT array_agg(DISTINCT event_id) FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM reports_recount_events((SELECT array_agg(DISTINCT event_id) FROM old_rows));
    ELSE
        -- Only what a tally shows: saving a registration for its certificate or its phone number recounts nothing.
        PERFORM reports_recount_events((
            SELECT array_agg(DISTINCT event_id)
            FROM {changed_rows("event_id, home_province_id, category, cancelled_at IS NULL", "event_id")}
        ));
    END IF;
    RETURN NULL;
END $$;
"""

EVENT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION reports_recount_changed_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- An event cancelled or restored, moved to another fiscal year or host: its figures move with it.
    PERFORM reports_recount_events((
        SELECT array_agg(DISTINCT id) FROM {changed_rows(f"{counted_event()}, fiscal_year, host_province_id", "id")}
    ));
    RETURN NULL;
END $$;
"""

ATTENDANCE_FUNCTION = """
CREATE OR REPLACE FUNCTION reports_recount_attendance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM reports_recount_events((
            SELECT array_agg(DISTINCT g.event_id) FROM new_rows a JOIN trainings_registration g ON g.id = a.registration_id
        ));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM reports_recount_events((
            SELECT array_agg(DISTINCT g.event_id) FROM old_rows a JOIN trainings_registration g ON g.id = a.registration_id
        ));
    ELSE
        PERFORM reports_recount_events((
            SELECT array_agg(DISTINCT g.event_id)
            FROM (SELECT registration_id FROM new_rows UNION SELECT registration_id FROM old_rows) AS a
            JOIN trainings_registration g ON g.id = a.registration_id
        ));
    END IF;
    RETURN NULL;
END $$;
"""

TRUNCATE_FUNCTION = """
CREATE OR REPLACE FUNCTION reports_truncate_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'volunteers_volunteer' THEN
        DELETE FROM reports_volunteertally;
    ELSIF TG_TABLE_NAME IN ('volunteers_statuschange', 'reports_leaveryear') THEN
        DELETE FROM reports_leaveryear;
        DELETE FROM reports_leavertally;
    ELSIF TG_TABLE_NAME IN ('trainings_registration', 'reports_trainingtally') THEN
        DELETE FROM reports_trainingtally;
        DELETE FROM reports_trainingprovincetally;
    ELSIF TG_TABLE_NAME = 'trainings_attendance' THEN
        UPDATE reports_trainingtally SET attended = 0 WHERE attended <> 0;
    END IF;
    RETURN NULL;
END $$;
"""

FUNCTIONS = {
    "reports_fiscal_year(date)": FISCAL_YEAR_FUNCTION,
    "reports_term_end_key(date)": TERM_END_KEY_FUNCTION,
    "reports_count_volunteers()": count_volunteers_function(VOLUNTEER_KEY),
    "reports_count_leavers()": _delta_function(
        "reports_count_leavers", "reports_leavertally", LEAVER_KEY, {"volunteers": "1"}
    ),
    "reports_count_training()": _delta_function(
        "reports_count_training", "reports_trainingprovincetally", TRAINING_PROVINCE_KEY, TRAINING_AMOUNTS
    ),
    "reports_recount_leavers()": STATUS_CHANGE_FUNCTION,
    "reports_recount_events(bigint[])": RECOUNT_EVENTS_FUNCTION,
    "reports_recount_registrations()": REGISTRATION_FUNCTION,
    "reports_recount_attendance()": ATTENDANCE_FUNCTION,
    "reports_recount_changed_events()": EVENT_FUNCTION,
    "reports_truncate_tallies()": TRUNCATE_FUNCTION,
}

# (table, function): one trigger per kind of statement, each with the transition tables it has.
TRIGGERS = [
    ("volunteers_volunteer", "reports_count_volunteers"),
    ("volunteers_statuschange", "reports_recount_leavers"),
    ("reports_leaveryear", "reports_count_leavers"),
    ("trainings_registration", "reports_recount_registrations"),
    ("trainings_attendance", "reports_recount_attendance"),
    ("reports_trainingtally", "reports_count_training"),
]
TRUNCATED = [
    "volunteers_volunteer",
    "volunteers_statuschange",
    "reports_leaveryear",
    "trainings_registration",
    "trainings_attendance",
    "reports_trainingtally",
]


def trigger_statements(table: str, function: str, name: str | None = None) -> list[str]:
    """A statement trigger per kind of write, named `<name>_insert` etc. (by default reports_ and the table's name
    without its app), each with the transition tables it has."""
    name = name or f"reports_{table.split('_', 1)[1]}"
    return [
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} "
        f"REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


def install_sql(volunteer_key: dict = VOLUNTEER_KEY) -> list[str]:
    statements = list(FUNCTIONS.values())
    if volunteer_key is not VOLUNTEER_KEY:
        statements.append(count_volunteers_function(volunteer_key))
    for table, function in TRIGGERS:
        statements += trigger_statements(table, function)
    statements.append(
        "CREATE TRIGGER reports_event_update AFTER UPDATE ON trainings_event "
        "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION reports_recount_changed_events()"
    )
    for table in TRUNCATED:
        short = table.split("_", 1)[1]
        statements.append(
            f"CREATE TRIGGER reports_{short}_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION reports_truncate_tallies()"
        )
    return statements


def uninstall_sql() -> list[str]:
    statements = []
    for table, _ in TRIGGERS:
        short = table.split("_", 1)[1]
        statements += [
            f"DROP TRIGGER IF EXISTS reports_{short}_{op} ON {table}" for op in ("insert", "update", "delete")
        ]
    statements.append("DROP TRIGGER IF EXISTS reports_event_update ON trainings_event")
    for table in TRUNCATED:
        statements.append(f"DROP TRIGGER IF EXISTS reports_{table.split('_', 1)[1]}_truncate ON {table}")
    statements += [f"DROP FUNCTION IF EXISTS {signature}" for signature in reversed(FUNCTIONS)]
    return statements


# -- events and their targets -> reports_eventtally ------------------------------------------------------------------
# The dashboard's events and targets per fiscal year and host province. Counted from the events, grouped over five
# years and joined to every event's targets, they were the dashboard's longest query (7-10 ms on bench/dashboard.py's
# fill); the tally is 77 rows a year. Kept by deltas, like the volunteers' tally: an event brings the targets it has
# when it is written, a target adds itself to its event's year and host as they are when it is written, so the sums
# come out right whichever is written first (Django deletes an event's targets before the event; the database's own
# cascade would delete them after). A target's writer first locks its events, as a move of an event to another year
# or host does (the UPDATE locks the row): each then waits for the other to commit and reads what it committed, so
# neither misses the other's change.

EVENT_TALLY = "reports_eventtally"
EVENT_TALLY_KEY = {"fiscal_year": "r.fiscal_year", "host_province_id": "r.host_province_id"}
EVENT_LIVE = f"({counted_event('r')})::integer"
EVENT_AMOUNTS = {
    "events": EVENT_LIVE,
    "target": f"{EVENT_LIVE} * coalesce((SELECT sum(t.target) FROM trainings_eventtarget t WHERE t.event_id = r.id), 0)",
}


def _targets_of_live_events(rows: str) -> str:
    return (
        "(SELECT e.fiscal_year, e.host_province_id, t.target "
        f"FROM {rows} t JOIN trainings_event e ON e.id = t.event_id WHERE {counted_event('e')})"
    )


def _count_targets(sources: list[tuple[str, int]]) -> str:
    events = " UNION ".join(f"SELECT event_id FROM {rows}" for rows, _ in sources)
    lock = f"PERFORM 1 FROM trainings_event WHERE id IN ({events}) ORDER BY id FOR NO KEY UPDATE;"
    return lock + _delta_upsert(
        EVENT_TALLY,
        EVENT_TALLY_KEY,
        {"events": "0", "target": "r.target"},
        [(_targets_of_live_events(rows), sign) for rows, sign in sources],
    )


def install_event_tally_sql() -> list[str]:
    return [
        _delta_function("reports_count_events", EVENT_TALLY, EVENT_TALLY_KEY, EVENT_AMOUNTS),
        counting_function("reports_count_event_targets", _count_targets),
        f"""CREATE OR REPLACE FUNCTION reports_truncate_event_tally() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_TABLE_NAME = 'trainings_event' THEN
                DELETE FROM {EVENT_TALLY};
            ELSE
                UPDATE {EVENT_TALLY} SET target = 0 WHERE target <> 0;
            END IF;
            RETURN NULL;
        END $$;""",
        *trigger_statements("trainings_event", "reports_count_events", name="reports_event_tally"),
        *trigger_statements("trainings_eventtarget", "reports_count_event_targets"),
        *(
            f"CREATE TRIGGER reports_{table.split('_', 1)[1]}_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION reports_truncate_event_tally()"
            for table in ("trainings_event", "trainings_eventtarget")
        ),
    ]


def uninstall_event_tally_sql() -> list[str]:
    return [
        *(
            f"DROP TRIGGER IF EXISTS {name}_{op} ON {table}"
            for table, name in (
                ("trainings_event", "reports_event_tally"),
                ("trainings_eventtarget", "reports_eventtarget"),
            )
            for op in ("insert", "update", "delete")
        ),
        "DROP TRIGGER IF EXISTS reports_event_truncate ON trainings_event",
        "DROP TRIGGER IF EXISTS reports_eventtarget_truncate ON trainings_eventtarget",
        "DROP FUNCTION IF EXISTS reports_count_events()",
        "DROP FUNCTION IF EXISTS reports_count_event_targets()",
        "DROP FUNCTION IF EXISTS reports_truncate_event_tally()",
    ]


REBUILD_EVENTS = [
    "LOCK TABLE trainings_event, trainings_eventtarget IN SHARE MODE",
    f"DELETE FROM {EVENT_TALLY}",
    f"INSERT INTO {EVENT_TALLY} (fiscal_year, host_province_id, events, target) "
    "SELECT e.fiscal_year, e.host_province_id, count(*), coalesce(sum(t.target), 0) "
    "FROM trainings_event e LEFT JOIN "
    "(SELECT event_id, sum(target) AS target FROM trainings_eventtarget GROUP BY event_id) AS t ON t.event_id = e.id "
    f"WHERE {counted_event('e')} GROUP BY 1, 2",
]


# -- one writer of a province's volunteers at a time ----------------------------------------------------------------
# Every statement that writes volunteers first takes a transaction lock on each province it writes, in province order,
# before any trigger touches a tally. The tallies have rows every writer of a province updates (the per-year roll-up,
# activity's serving months), held until commit: without the lock, an officer's save could take a tally row that an
# import of the same province's roster (many statements, one transaction) needs later, then wait on the import's
# roll-up row, and PostgreSQL would abort one of them as a deadlock (reports/tests/test_province_write_lock.py). With
# it, the save waits for the import to commit. Triggers fire in name order: "a0_" comes before "activity_".
PROVINCE_WRITE_LOCK = 4391  # pg_advisory_xact_lock(PROVINCE_WRITE_LOCK, province id)
PROVINCE_LOCK_TRIGGER = "a0_volunteer_province_lock"

PROVINCE_LOCK_FUNCTION = f"""
CREATE OR REPLACE FUNCTION volunteers_lock_provinces() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM pg_advisory_xact_lock({PROVINCE_WRITE_LOCK}, p)
        FROM (SELECT DISTINCT province_id::integer AS p FROM new_rows) AS provinces ORDER BY p;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_advisory_xact_lock({PROVINCE_WRITE_LOCK}, p)
        FROM (SELECT DISTINCT province_id::integer AS p FROM old_rows) AS provinces ORDER BY p;
    ELSE
        PERFORM pg_advisory_xact_lock({PROVINCE_WRITE_LOCK}, p)
        FROM (SELECT province_id::integer AS p FROM new_rows UNION SELECT province_id::integer FROM old_rows) AS provinces
        ORDER BY p;
    END IF;
    RETURN NULL;
END $$;
"""


def install_province_lock_sql() -> list[str]:
    return [
        PROVINCE_LOCK_FUNCTION,
        *trigger_statements("volunteers_volunteer", "volunteers_lock_provinces", name=PROVINCE_LOCK_TRIGGER),
    ]


def uninstall_province_lock_sql() -> list[str]:
    return [
        *(
            f"DROP TRIGGER IF EXISTS {PROVINCE_LOCK_TRIGGER}_{op} ON volunteers_volunteer"
            for op in ("insert", "update", "delete")
        ),
        "DROP FUNCTION IF EXISTS volunteers_lock_provinces()",
    ]


# -- rebuild ---------------------------------------------------------------------------------------------------------


def rebuild_statements(volunteer_key: dict = VOLUNTEER_KEY) -> list[str]:
    return [
        # Writers wait until the rebuild commits; readers carry on with the old tallies until then.
        "LOCK TABLE volunteers_volunteer, volunteers_statuschange, trainings_event, trainings_registration, "
        "trainings_attendance IN SHARE MODE",
        "DELETE FROM reports_volunteertally",
        f"INSERT INTO reports_volunteertally ({', '.join(volunteer_key)}, volunteers) "
        f"SELECT {', '.join(volunteer_key.values())}, count(*) FROM volunteers_volunteer r "
        f"GROUP BY {', '.join(str(n) for n in range(1, len(volunteer_key) + 1))}",
        *REBUILD_OTHERS,
    ]


REBUILD_OTHERS = [
    # Emptied through the trigger that keeps reports_leavertally, so both start from nothing.
    "DELETE FROM reports_leaveryear",
    "DELETE FROM reports_leavertally",
    f"INSERT INTO reports_leaveryear (volunteer_id, fiscal_year, province_id) {LEAVER_YEARS_OF}",
    "DELETE FROM reports_trainingtally",
    "DELETE FROM reports_trainingprovincetally",
    f"INSERT INTO reports_trainingtally ({TRAINING_COLUMNS}) {TRAINING_OF} GROUP BY 1, 2, 3, 4, 5",
]
REBUILD = rebuild_statements()


def rebuild() -> None:
    """Recount every tally from the registry and the training records, in one transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in [*REBUILD, *REBUILD_EVENTS]:
            cursor.execute(statement)


def rebuilt_rows() -> str:
    """How many rows each table rebuild() fills holds now: what the management command and the dashboard benchmark
    print after it."""
    from reports.models import EventTally, LeaverTally, LeaverYear, TrainingProvinceTally, TrainingTally, VolunteerTally

    return ", ".join(
        f"{model.__name__} {model.objects.count():,}"
        for model in (VolunteerTally, LeaverYear, LeaverTally, TrainingTally, TrainingProvinceTally, EventTally)
    )


def is_empty() -> bool:
    from reports.models import VolunteerTally

    return not VolunteerTally.objects.exists()


def volunteer_count(province_id: int | None = None) -> int:
    """Volunteers in the registry (in one province, or all): a sum over a few hundred tally rows, not a COUNT(*)."""
    from django.db.models import Sum

    from reports.models import VolunteerTally

    tallies = (
        VolunteerTally.objects.all() if province_id is None else VolunteerTally.objects.filter(province_id=province_id)
    )
    return tallies.aggregate(n=Sum("volunteers"))["n"] or 0


# -- people reached per province: kept from activity's per-district kind tally ---------------------------------------
# The dashboard's ผู้รับบริการ by kind and month, and per province: grouping activity_reportkindtally (a row per district,
# month and kind: about 110,000 a year) took 0.15 s per visit (measured on 2 shared cores). This tally is the same
# sums per province (about 9,000 a year), kept by statement triggers on activity's tally itself, so every write that
# changes it (a report saved, an import, activity's rebuild, a TRUNCATE of the reports, which empties it by DELETE)
# changes this one in the same transaction.

KIND_TALLY = "activity_reportkindtally"
PROVINCE_KINDS = "reports_provincekindtally"
PROVINCE_KIND_KEY = {"province_id": "r.province_id", "month": "r.month", "kind": "r.kind"}


def install_province_kind_sql() -> list[str]:
    function = _delta_function(
        "reports_count_province_kinds", PROVINCE_KINDS, PROVINCE_KIND_KEY, {"amount": "r.amount"}
    )
    return [
        function,
        f"CREATE OR REPLACE FUNCTION reports_truncate_province_kinds() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN DELETE FROM {PROVINCE_KINDS}; RETURN NULL; END $$;",
        *trigger_statements(KIND_TALLY, "reports_count_province_kinds"),
        f"CREATE TRIGGER reports_kind_tally_truncate AFTER TRUNCATE ON {KIND_TALLY} "
        "FOR EACH STATEMENT EXECUTE FUNCTION reports_truncate_province_kinds()",
    ]


def uninstall_province_kind_sql() -> list[str]:
    return [
        *(
            f"DROP TRIGGER IF EXISTS reports_reportkindtally_{op} ON {KIND_TALLY}"
            for op in ("insert", "update", "delete")
        ),
        f"DROP TRIGGER IF EXISTS reports_kind_tally_truncate ON {KIND_TALLY}",
        "DROP FUNCTION IF EXISTS reports_count_province_kinds()",
        "DROP FUNCTION IF EXISTS reports_truncate_province_kinds()",
    ]


REBUILD_PROVINCE_KINDS = [
    f"DELETE FROM {PROVINCE_KINDS}",
    f"INSERT INTO {PROVINCE_KINDS} (province_id, month, kind, amount) "
    f"SELECT province_id, month, kind, sum(amount) FROM {KIND_TALLY} GROUP BY 1, 2, 3 HAVING sum(amount) <> 0",
]


def rebuild_province_kinds() -> None:
    """Recount from activity's kind tally (after a load that skipped the triggers on it as well)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in REBUILD_PROVINCE_KINDS:
            cursor.execute(statement)


# The tables whose deleted rows the report cache's stamps must notice (reports.selectors.registry_stamp): a deletion
# can leave every latest change as it was, and counting the rows left would read their tallies whole on every page.
DELETION_LOGGED = [
    "volunteers_volunteer",
    "trainings_event",
    "trainings_eventtarget",
    "trainings_registration",
    "trainings_attendance",
]
DELETION_LOG_FUNCTION = """
CREATE OR REPLACE FUNCTION reports_log_deletions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO reports_deletion (source, province_id, rows, deleted_at) VALUES (TG_TABLE_NAME, NULL, NULL, now());
    ELSIF TG_TABLE_NAME = 'volunteers_volunteer' THEN
        INSERT INTO reports_deletion (source, province_id, rows, deleted_at)
        SELECT TG_TABLE_NAME, province_id, count(*), now() FROM old_rows GROUP BY province_id;
    ELSE
        INSERT INTO reports_deletion (source, province_id, rows, deleted_at)
        SELECT TG_TABLE_NAME, NULL, count(*), now() FROM old_rows HAVING count(*) > 0;
    END IF;
    RETURN NULL;
END $$;
"""


def install_deletion_log_sql() -> list[str]:
    statements = [DELETION_LOG_FUNCTION]
    for table in DELETION_LOGGED:
        short = table.split("_", 1)[1]
        statements += [
            f"CREATE TRIGGER reports_{short}_deletion_logged AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION reports_log_deletions()",
            f"CREATE TRIGGER reports_{short}_truncation_logged AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION reports_log_deletions()",
        ]
    return statements


def uninstall_deletion_log_sql() -> list[str]:
    statements = []
    for table in DELETION_LOGGED:
        short = table.split("_", 1)[1]
        statements += [
            f"DROP TRIGGER IF EXISTS reports_{short}_deletion_logged ON {table}",
            f"DROP TRIGGER IF EXISTS reports_{short}_truncation_logged ON {table}",
        ]
    return [*statements, "DROP FUNCTION IF EXISTS reports_log_deletions()"]
