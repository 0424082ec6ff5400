"""The province report's per-district, mentor and age figures read one province's volunteers: this index holds every
column they need, so PostgreSQL reads a few hundred index pages (an index-only scan) instead of one heap page per
volunteer scattered over the whole table. It replaces 0002's narrower index, whose figures now come from the tallies.

Coverage asks, for each of the 7,436 subdistricts, whether a volunteer served there at the end of the year: the
second index answers from the index alone, without a heap page per subdistrict."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_tally_triggers")]

    operations = [
        migrations.RunSQL(
            sql=[
                "CREATE INDEX IF NOT EXISTS reports_volunteer_report ON volunteers_volunteer "
                "(province_id, status, appointed_on, status_changed_on) "
                "INCLUDE (id, subdistrict_id, mentor_id, gender, birth_date)",
                "DROP INDEX IF EXISTS reports_volunteer_lifecycle",
                "CREATE INDEX IF NOT EXISTS reports_volunteer_coverage ON volunteers_volunteer "
                "(subdistrict_id) INCLUDE (status, appointed_on, status_changed_on)",
            ],
            reverse_sql=[
                "CREATE INDEX IF NOT EXISTS reports_volunteer_lifecycle "
                "ON volunteers_volunteer (province_id, status, appointed_on, status_changed_on)",
                "DROP INDEX IF EXISTS reports_volunteer_report",
                "DROP INDEX IF EXISTS reports_volunteer_coverage",
            ],
        )
    ]
