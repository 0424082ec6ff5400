"""The registry's term ends are read through volunteer_prov_term_end (province, term end) alone: PostgreSQL 18 reads a
range of term ends across the country from it by skipping from province to province (79 index searches for a month
of 1,000,000 volunteers, 2 ms), and no page counts a year's term ends by an index-only scan any more (the running year
counts them from reports_volunteertermtally; the province report reads its volunteers through reports_volunteer_report).
Dropping the covering index led by the term end saves every new or changed volunteer its entry: 0.4-0.7 s of a
100,000-row roster's INSERT (bench/HISTORY.md, 5 Dec 2026)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0017_deletion_log")]

    operations = [
        migrations.RunSQL(
            sql=["DROP INDEX IF EXISTS reports_volunteer_term_end"],
            reverse_sql=[
                "CREATE INDEX reports_volunteer_term_end ON volunteers_volunteer "
                "(term_ends_on) INCLUDE (province_id, status, tier, appointed_on, status_changed_on)"
            ],
        )
    ]
