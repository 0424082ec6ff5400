"""Install the triggers that keep the report tallies (reports/tallies.py), and count what is already there, with the
volunteers' tally keyed as it was then (0007 adds the term's end and the tier)."""

from django.db import migrations

from reports import tallies


def count_existing(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in tallies.rebuild_statements(tallies.FIRST_VOLUNTEER_KEY):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_tallies"),
        ("volunteers", "0004_optimistic_locking_version"),
        ("trainings", "0002_certificate_token_and_cancelled_by"),
    ]

    operations = [
        migrations.RunSQL(sql=tallies.install_sql(tallies.FIRST_VOLUNTEER_KEY), reverse_sql=tallies.uninstall_sql()),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
