"""The volunteers' tally learns terms of office and tiers (issue 14): its key gains the step of the current term's end
and the tier, the trigger counts by the new key, and the tally is recounted.

The indexes the reports read volunteers through carry the term's end and the tier too, so that coverage by quota
(serving leads per subdistrict) and the province's one-pass breakdown stay index-only; a third index on the term's end
answers "whose term ends this month", the day-exact part of "serving today", across the country."""

from django.db import migrations, models

from reports import tallies


def recount(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in tallies.rebuild_statements(tallies.TERMS_AND_TIERS_KEY):
            cursor.execute(statement)


def recount_by_the_first_key(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in tallies.rebuild_statements(tallies.FIRST_VOLUNTEER_KEY):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("provinces", "0003_programme_terms_tiers_quotas"),
        ("volunteers", "0009_programme_terms_tiers_quotas"),
        ("reports", "0006_drop_duplicate_volunteer_index"),
    ]

    operations = [
        # Backwards, last: the tally counted again by the key it goes back to.
        migrations.RunPython(migrations.RunPython.noop, recount_by_the_first_key),
        migrations.RemoveConstraint(model_name="volunteertally", name="volunteer_tally_key"),
        # Backwards: rows that differ only by term or tier would break the narrower key, so the tally is emptied first.
        migrations.RunSQL(migrations.RunSQL.noop, reverse_sql="DELETE FROM reports_volunteertally"),
        migrations.AddField(model_name="volunteertally", name="term_end_key", field=models.IntegerField(default=0)),
        migrations.AddField(
            model_name="volunteertally", name="tier", field=models.CharField(default="lead", max_length=8)
        ),
        migrations.AddConstraint(
            model_name="volunteertally",
            constraint=models.UniqueConstraint(
                fields=("province", "status", "appointed_fy", "changed_fy", "term_end_key", "tier"),
                name="volunteer_tally_key",
            ),
        ),
        migrations.RunSQL(
            sql=[tallies.TERM_END_KEY_FUNCTION, tallies.count_volunteers_function(tallies.TERMS_AND_TIERS_KEY)],
            reverse_sql=[tallies.count_volunteers_function(tallies.FIRST_VOLUNTEER_KEY)],
        ),
        migrations.RunSQL(
            sql=[
                "DROP INDEX IF EXISTS reports_volunteer_report",
                "CREATE INDEX reports_volunteer_report ON volunteers_volunteer "
                "(province_id, status, appointed_on, status_changed_on) "
                "INCLUDE (id, subdistrict_id, mentor_id, gender, birth_date, term_ends_on, tier)",
                "DROP INDEX IF EXISTS reports_volunteer_coverage",
                "CREATE INDEX reports_volunteer_coverage ON volunteers_volunteer "
                "(subdistrict_id, tier) INCLUDE (status, appointed_on, status_changed_on, term_ends_on)",
                "CREATE INDEX reports_volunteer_term_end ON volunteers_volunteer "
                "(term_ends_on) INCLUDE (province_id, status, tier, appointed_on, status_changed_on)",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS reports_volunteer_term_end",
                "DROP INDEX IF EXISTS reports_volunteer_coverage",
                "CREATE INDEX reports_volunteer_coverage ON volunteers_volunteer "
                "(subdistrict_id) INCLUDE (status, appointed_on, status_changed_on)",
                "DROP INDEX IF EXISTS reports_volunteer_report",
                "CREATE INDEX reports_volunteer_report ON volunteers_volunteer "
                "(province_id, status, appointed_on, status_changed_on) "
                "INCLUDE (id, subdistrict_id, mentor_id, gender, birth_date)",
            ],
        ),
        migrations.RunPython(recount, migrations.RunPython.noop),
    ]
