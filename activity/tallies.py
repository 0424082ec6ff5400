"""The triggers that keep the monthly reports' tallies (activity/models.py ReportTally, ReportKindTally) exact, and a
rebuild from scratch, as reports/tallies.py does for the volunteers.

The reporting-rate board (and later the province report and the dashboard) read received, on time and the numbers by
kind of work per (province, district, month) from these few thousand rows, never from the 12,000,000 reports.

- Statement-level triggers with transition tables: the grid's save of one row, or an import of 10,000 reports by COPY,
  pays for one GROUP BY over the rows the statement changed.
- Both tallies are sums, so each statement adds its new rows and subtracts its old ones (an UPDATE does both; a
  correction that changes neither the key nor on time cancels out in the receipts tally). The upsert is written once,
  in reports.tallies._delta_upsert, and used here with the same key order, so concurrent writers never deadlock.
- The numbers by kind expand each report's JSONB counts with jsonb_each_text: one tally row per (province, district,
  month, kind code). A kind HQ adds later simply starts having rows; a retired kind's rows stay.
- TRUNCATE fires no DELETE trigger, so a TRUNCATE trigger empties both tallies.

Sessions with `session_replication_role = replica` (the benchmark's loader) skip triggers: call `rebuild()` after.
"""

from django.db import connection, transaction

from reports.tallies import _delta_upsert

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


def _upserts(sources: list[tuple[str, int]]) -> str:
    return _delta_upsert(RECEIPTS, KEY, RECEIPT_AMOUNTS, sources) + _delta_upsert(
        KINDS, KIND_KEY, KIND_AMOUNTS, [(_by_kind(rows), sign) for rows, sign in sources]
    )


COUNT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION activity_count_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_upserts([("new_rows", 1)])}
    ELSIF TG_OP = 'DELETE' THEN
        {_upserts([("old_rows", -1)])}
    ELSE
        {_upserts([("new_rows", 1), ("old_rows", -1)])}
    END IF;
    RETURN NULL;
END $$;
"""

TRUNCATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION activity_truncate_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {RECEIPTS};
    DELETE FROM {KINDS};
    RETURN NULL;
END $$;
"""


def install_sql() -> list[str]:
    return [
        COUNT_FUNCTION,
        TRUNCATE_FUNCTION,
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


REBUILD = [
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


def rebuild() -> None:
    """Recount both tallies from the reports, in one transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in REBUILD:
            cursor.execute(statement)
