"""A covering index for the reports' volunteer figures: status at the end of each fiscal year and appointments in
it are counted per province from this index alone (an index-only scan), not from the 30-column table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_report_indexes")]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX IF NOT EXISTS reports_volunteer_lifecycle "
            "ON volunteers_volunteer (province_id, status, appointed_on, status_changed_on)",
            reverse_sql="DROP INDEX IF EXISTS reports_volunteer_lifecycle",
        )
    ]
