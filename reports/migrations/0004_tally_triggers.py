"""Install the triggers that keep the report tallies (reports/tallies.py), and count what is already there."""

from django.db import migrations

from reports import tallies


def count_existing(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in tallies.REBUILD:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_tallies"),
        ("volunteers", "0004_optimistic_locking_version"),
        ("trainings", "0002_certificate_token_and_cancelled_by"),
    ]

    operations = [
        migrations.RunSQL(sql=tallies.install_sql(), reverse_sql=tallies.uninstall_sql()),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
