"""A log of the statements that delete rows the reports count, kept by triggers (reports/tallies.py,
DELETION_LOGGED), which the report cache's stamps read instead of counting the rows left."""

import django.db.models.deletion
from django.db import migrations, models

from reports import tallies


class Migration(migrations.Migration):
    dependencies = [
        ("provinces", "0006_history_indexed_by_row_and_write_only"),
        ("reports", "0016_tally_by_absence"),
        ("trainings", "0009_certificate_batch_names"),
        ("volunteers", "0019_absence_kept_for_the_reports"),
    ]

    operations = [
        migrations.CreateModel(
            name="Deletion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("source", models.CharField(max_length=63)),
                ("rows", models.BigIntegerField(help_text="None: the table was emptied (TRUNCATE)", null=True)),
                ("deleted_at", models.DateTimeField()),
                (
                    "province",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="provinces.province",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["source", "id"], name="reports_deletion_latest"),
                    models.Index(fields=["source", "province", "id"], name="reports_deletion_province"),
                ],
            },
        ),
        migrations.RunSQL(sql=tallies.install_deletion_log_sql(), reverse_sql=tallies.uninstall_deletion_log_sql()),
    ]
