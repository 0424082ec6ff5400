# Received and on time count only the reports of volunteers expected in the month, where they are expected
# (activity/tallies.py): the reports' trigger function replaced, a trigger on the volunteers, and a recount.

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
        ("activity", "0010_constraint_messages_in_thai"),
        ("volunteers", "0018_constraint_messages_in_thai"),
    ]

    operations = [
        migrations.RunSQL(sql=tallies.install_receipts_sql(), reverse_sql=tallies.uninstall_receipts_sql()),
        migrations.RunPython(recount(tallies.RECOUNT_RECEIPTS_BEFORE_ABSENCES), recount(tallies.FIRST_REBUILD)),
    ]
