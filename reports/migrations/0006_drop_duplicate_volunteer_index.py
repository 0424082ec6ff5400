"""reports_volunteer_prov_updated (0001) and the registry's own volunteer_prov_updated (volunteers 0005) are the same
index on (province_id, updated_at): every insert and update of a volunteer kept both. The registry's stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_volunteer_report_index"),
        ("volunteers", "0005_updated_at_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            sql="DROP INDEX IF EXISTS reports_volunteer_prov_updated",
            reverse_sql="CREATE INDEX IF NOT EXISTS reports_volunteer_prov_updated "
            "ON volunteers_volunteer (province_id, updated_at)",
        )
    ]
