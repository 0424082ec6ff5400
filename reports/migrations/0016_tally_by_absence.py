"""The volunteers' tally learns the latest absence a volunteer came back from (volunteers.absences): its key gains the
fiscal years of the absence's first day and of the return and what they were meanwhile, the trigger counts by the new
key, the figures' definition (reports.conditions.year_conditions) counts them as not serving at the ends of the years
in between, and the tally and its roll-ups are recounted."""

from django.db import migrations, models

from reports import conditions, tallies

# conditions.YEARS.digest() and conditions.TERMS.digest() of the triggers installed here
# (reports/tests/test_volunteer_year_tally.py).
ROLL_UP_DIGEST = "fac83a4da85508f9"
TERM_ROLL_UP_DIGEST = "e58aaa8458041080"


def run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def count_by_absence(apps, schema_editor):
    connection = schema_editor.connection
    run(
        schema_editor,
        [*conditions.YEARS_BEFORE_ABSENCES.uninstall_sql(), *conditions.TERMS_BEFORE_ABSENCES.uninstall_sql()],
    )
    run(schema_editor, tallies.rebuild_statements(tallies.VOLUNTEER_KEY))
    for roll_up in (conditions.YEARS, conditions.TERMS):
        run(schema_editor, [*roll_up.install_sql(connection), *roll_up.rebuild_sql(connection)])


def count_without_absence(apps, schema_editor):
    connection = schema_editor.connection
    run(schema_editor, [*conditions.YEARS.uninstall_sql(), *conditions.TERMS.uninstall_sql()])
    for roll_up in (conditions.YEARS_BEFORE_ABSENCES, conditions.TERMS_BEFORE_ABSENCES):
        run(schema_editor, roll_up.install_sql(connection))


def recount_without_absence(apps, schema_editor):
    connection = schema_editor.connection
    run(schema_editor, tallies.rebuild_statements(tallies.TERMS_AND_TIERS_KEY))
    for roll_up in (conditions.YEARS_BEFORE_ABSENCES, conditions.TERMS_BEFORE_ABSENCES):
        run(schema_editor, roll_up.rebuild_sql(connection))


class Migration(migrations.Migration):
    dependencies = [
        ("provinces", "0006_history_indexed_by_row_and_write_only"),
        ("reports", "0015_event_tally"),
        ("volunteers", "0019_absence_kept_for_the_reports"),
    ]

    operations = [
        # Backwards, last: the tally counted again by the key it goes back to.
        migrations.RunPython(migrations.RunPython.noop, recount_without_absence),
        migrations.RemoveConstraint(
            model_name="volunteertally",
            name="volunteer_tally_key",
        ),
        # Backwards: rows that differ only by absence would break the narrower key, so the tally is emptied first.
        migrations.RunSQL(migrations.RunSQL.noop, reverse_sql="DELETE FROM reports_volunteertally"),
        migrations.AddField(
            model_name="volunteertally",
            name="absence_status",
            field=models.CharField(db_default="", default="", max_length=12),
        ),
        migrations.AddField(
            model_name="volunteertally",
            name="absent_from_fy",
            field=models.PositiveSmallIntegerField(db_default=0, default=0),
        ),
        migrations.AddField(
            model_name="volunteertally",
            name="absent_until_fy",
            field=models.PositiveSmallIntegerField(db_default=0, default=0),
        ),
        migrations.AddConstraint(
            model_name="volunteertally",
            constraint=models.UniqueConstraint(
                fields=(
                    "province",
                    "status",
                    "appointed_fy",
                    "changed_fy",
                    "term_end_key",
                    "tier",
                    "absent_from_fy",
                    "absent_until_fy",
                    "absence_status",
                ),
                name="volunteer_tally_key",
            ),
        ),
        migrations.RunSQL(
            sql=[tallies.count_volunteers_function(tallies.VOLUNTEER_KEY)],
            reverse_sql=[tallies.count_volunteers_function(tallies.TERMS_AND_TIERS_KEY)],
        ),
        migrations.RunPython(count_by_absence, count_without_absence),
        # The coverage by quota and the province's one-pass breakdown read the volunteers themselves, serving as
        # reports.selectors.active_at(), which now asks the absence too: their indexes carry it, to stay index-only.
        migrations.RunSQL(
            sql=[
                "DROP INDEX IF EXISTS reports_volunteer_report",
                "CREATE INDEX reports_volunteer_report ON volunteers_volunteer "
                "(province_id, status, appointed_on, status_changed_on) "
                "INCLUDE (id, subdistrict_id, mentor_id, gender, birth_date, term_ends_on, tier, absent_from, absent_until)",
                "DROP INDEX IF EXISTS reports_volunteer_coverage",
                "CREATE INDEX reports_volunteer_coverage ON volunteers_volunteer (tier, subdistrict_id) "
                "INCLUDE (province_id, status, appointed_on, status_changed_on, term_ends_on, absent_from, absent_until)",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS reports_volunteer_report",
                "CREATE INDEX reports_volunteer_report ON volunteers_volunteer "
                "(province_id, status, appointed_on, status_changed_on) "
                "INCLUDE (id, subdistrict_id, mentor_id, gender, birth_date, term_ends_on, tier)",
                "DROP INDEX IF EXISTS reports_volunteer_coverage",
                "CREATE INDEX reports_volunteer_coverage ON volunteers_volunteer (tier, subdistrict_id) "
                "INCLUDE (province_id, status, appointed_on, status_changed_on, term_ends_on)",
            ],
        ),
    ]
