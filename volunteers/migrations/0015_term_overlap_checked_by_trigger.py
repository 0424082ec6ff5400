"""Two terms of one person never overlap: checked by a statement trigger on the terms, through their (volunteer,
starts_on) index, instead of the exclusion constraint of 0009.

The constraint's GiST index on (volunteer, daterange) cost more than every other part of writing a term: 100,000
first terms copied into a table like this one took 2.2-3.4 s with it and 0.3-0.5 s without. With the trigger in its
place, the import's INSERT of 100,000 new volunteers and their first terms went from 9.9 to 8.2 s (median of six
runs each, alternated).

An exclusion constraint sees another transaction's uncommitted rows; a check in a trigger does not. So the trigger first
takes the lock every writer of a province's volunteers takes (reports/tallies.py, PROVINCE_WRITE_LOCK), for the
provinces of the terms' volunteers, and then checks in a snapshot taken after it: a second writer of the same person's
terms waits for the first to commit and then sees its term. Every door that writes a term (the services, the import)
already writes the volunteer in the same transaction and holds that lock, so none waits longer than before.

Each new term is looked up alone (a LATERAL with LIMIT 1, the province by a scalar subquery), so the plan stays a
probe of the index per term, whatever the planner guesses about the size of the statement's rows.
"""

from django.db import migrations

from reports.tallies import PROVINCE_WRITE_LOCK

CHECK_FUNCTION = f"""
CREATE OR REPLACE FUNCTION volunteers_term_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    clash record;
BEGIN
    PERFORM pg_advisory_xact_lock({PROVINCE_WRITE_LOCK}, p)
    FROM (
        SELECT DISTINCT (SELECT v.province_id FROM volunteers_volunteer AS v WHERE v.id = n.volunteer_id)::integer AS p
        FROM new_rows AS n
    ) AS provinces
    WHERE p IS NOT NULL
    ORDER BY p;
    SELECT n.volunteer_id, n.starts_on, n.ends_on, other.starts_on AS other_starts_on, other.ends_on AS other_ends_on
    INTO clash
    FROM new_rows AS n
    CROSS JOIN LATERAL (
        SELECT t.starts_on, t.ends_on FROM volunteers_term AS t
        WHERE t.volunteer_id = n.volunteer_id AND t.starts_on <= n.ends_on AND t.ends_on >= n.starts_on
          AND t.id <> n.id
        LIMIT 1
    ) AS other
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'conflicting key value violates exclusion constraint "term_no_overlap"'
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'term_no_overlap', TABLE = 'volunteers_term',
                  DETAIL = format('Volunteer %s: the term %s to %s overlaps the term %s to %s.', clash.volunteer_id,
                                  clash.starts_on, clash.ends_on, clash.other_starts_on, clash.other_ends_on);
    END IF;
    RETURN NULL;
END $$;
"""

TRIGGERS = [
    f"CREATE TRIGGER term_no_overlap_{op} AFTER {op.upper()} ON volunteers_term REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION volunteers_term_no_overlap()"
    for op in ("insert", "update")
]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0012_province_write_lock"),
        ("volunteers", "0014_history_indexed_by_row_and_write_only"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="term", name="term_no_overlap"),
        migrations.RunSQL(
            sql=[CHECK_FUNCTION, *TRIGGERS],
            reverse_sql=[
                "DROP TRIGGER IF EXISTS term_no_overlap_insert ON volunteers_term",
                "DROP TRIGGER IF EXISTS term_no_overlap_update ON volunteers_term",
                "DROP FUNCTION IF EXISTS volunteers_term_no_overlap()",
            ],
        ),
    ]
