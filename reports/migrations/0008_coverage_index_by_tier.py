"""Coverage by quota counts the serving leads per subdistrict in one GROUP BY (reports.selectors.quota_places): an
index led by the tier holds the leads alone, in subdistrict order, with every column the serving rule reads, so the
count reads a few thousand index entries whatever the number of network members, where 0007's (subdistrict, tier)
index was probed once per subdistrict."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_terms_and_tiers_in_tally")]

    operations = [
        migrations.RunSQL(
            sql=[
                "DROP INDEX IF EXISTS reports_volunteer_coverage",
                "CREATE INDEX reports_volunteer_coverage ON volunteers_volunteer (tier, subdistrict_id) "
                "INCLUDE (province_id, status, appointed_on, status_changed_on, term_ends_on)",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS reports_volunteer_coverage",
                "CREATE INDEX reports_volunteer_coverage ON volunteers_volunteer "
                "(subdistrict_id, tier) INCLUDE (status, appointed_on, status_changed_on, term_ends_on)",
            ],
        )
    ]
