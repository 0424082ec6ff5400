"""The latest change to the trainings (cache stamps, reports.selectors.registry_stamp) read from an index: the stamp,
read on every national page, scanned every event for it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0013_volunteer_term_tally"),
        ("trainings", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX IF NOT EXISTS reports_event_updated ON trainings_event (updated_at)",
            reverse_sql="DROP INDEX IF EXISTS reports_event_updated",
        )
    ]
