"""The events and targets per fiscal year and host province, kept by triggers (reports/tallies.py, EVENT_TALLY), for
the dashboard."""

import django.db.models.deletion
from django.db import migrations, models

from reports import tallies


def count_existing(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in tallies.REBUILD_EVENTS:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("provinces", "0006_history_indexed_by_row_and_write_only"),
        ("reports", "0014_event_updated_index"),
        ("trainings", "0006_drop_indexes_a_composite_index_covers"),
    ]

    operations = [
        migrations.CreateModel(
            name="EventTally",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("fiscal_year", models.PositiveSmallIntegerField()),
                ("events", models.IntegerField(default=0)),
                ("target", models.BigIntegerField(default=0)),
                (
                    "host_province",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="provinces.province",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("fiscal_year", "host_province"), name="event_tally_key")
                ],
            },
        ),
        migrations.RunSQL(sql=tallies.install_event_tally_sql(), reverse_sql=tallies.uninstall_event_tally_sql()),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
