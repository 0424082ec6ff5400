"""The terms' overlap trigger (0015) reads the registry and the terms once per statement, whatever the statistics say.

0015 looked up each new term's province, and each new term's neighbours, row by row. An autovacuum ANALYZE that runs
while an import's rows are uncommitted records the tables as empty; the lookups were then planned as a full scan of an
index per row (`reports_volunteer_report`, which includes the id), and one batch of the benchmark's import ran for
minutes instead of under a second. Here both lookups take the statement's people as one array, in statements planned
with that array as a constant (EXECUTE ... USING): each plan PostgreSQL can choose for them, an index probe per person
or one pass with a hashed `= ANY`, reads each row once.

Overlaps are found without a join: the people's terms in order of their first day, each compared with the one before
it. If any two terms of a person overlap, two neighbours in that order do.
"""

from django.db import migrations

from reports.tallies import PROVINCE_WRITE_LOCK

CHECK_FUNCTION = f"""
CREATE OR REPLACE FUNCTION volunteers_term_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    people bigint[] := ARRAY(SELECT DISTINCT volunteer_id FROM new_rows);
    clash record;
    found_clash integer;
BEGIN
    EXECUTE 'SELECT pg_advisory_xact_lock({PROVINCE_WRITE_LOCK}, p) FROM ('
        || 'SELECT DISTINCT province_id::integer AS p FROM volunteers_volunteer WHERE id = ANY($1)'
        || ') AS provinces ORDER BY p'
        USING people;
    EXECUTE 'SELECT volunteer_id, earlier_starts_on, earlier_ends_on, starts_on, ends_on FROM ('
        || 'SELECT volunteer_id, starts_on, ends_on, '
        || 'lag(starts_on) OVER by_start AS earlier_starts_on, lag(ends_on) OVER by_start AS earlier_ends_on '
        || 'FROM volunteers_term WHERE volunteer_id = ANY($1) '
        || 'WINDOW by_start AS (PARTITION BY volunteer_id ORDER BY starts_on, id)'
        || ') AS neighbours WHERE starts_on <= earlier_ends_on LIMIT 1'
        INTO clash
        USING people;
    GET DIAGNOSTICS found_clash = ROW_COUNT;
    IF found_clash > 0 THEN
        RAISE EXCEPTION 'conflicting key value violates exclusion constraint "term_no_overlap"'
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'term_no_overlap', TABLE = 'volunteers_term',
                  DETAIL = format('Volunteer %s: the term %s to %s overlaps the term %s to %s.', clash.volunteer_id,
                                  clash.starts_on, clash.ends_on, clash.earlier_starts_on, clash.earlier_ends_on);
    END IF;
    RETURN NULL;
END $$;
"""


def previous_function():
    from importlib import import_module

    return import_module("volunteers.migrations.0015_term_overlap_checked_by_trigger").CHECK_FUNCTION


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0016_national_id_unique_without_like_index")]

    operations = [migrations.RunSQL(sql=CHECK_FUNCTION, reverse_sql=previous_function())]
