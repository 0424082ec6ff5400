# The months wholly inside a volunteer's latest absence (volunteers.absences: suspended and reinstated, or re-appointed
# after a gap between terms) are no longer expected: the serving tally keeps the ranges around the absence, and the
# receipts count no report of those months (activity/tallies.py). The trigger functions replaced, and both recounted
# from the volunteers (the serving deltas follow by their own triggers).

from django.db import migrations

from activity import tallies


def recount(statements):
    def run(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("activity", "0011_receipts_of_the_volunteers_expected"),
        ("volunteers", "0019_absence_kept_for_the_reports"),
    ]

    operations = [
        migrations.RunSQL(sql=tallies.install_absences_sql(), reverse_sql=tallies.uninstall_absences_sql()),
        migrations.RunPython(
            recount(tallies.REBUILD_SERVING + tallies.RECOUNT_RECEIPTS),
            recount(tallies.REBUILD_SERVING_BEFORE_ABSENCES + tallies.RECOUNT_RECEIPTS_BEFORE_ABSENCES),
        ),
    ]
