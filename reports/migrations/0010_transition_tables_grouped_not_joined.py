"""The tally triggers find an UPDATE's changed rows by grouping its two transition tables, not by joining them: a join
planned for a first statement of one row (PL/pgSQL keeps the plan for the session) was a nested loop that took minutes
on an import's 100,000 rows (reports/tallies.py)."""

from django.db import migrations

from reports import tallies


class Migration(migrations.Migration):
    dependencies = [("reports", "0009_province_kind_tally")]

    operations = [
        migrations.RunSQL(
            sql=[
                tallies.count_volunteers_function(tallies.TERMS_AND_TIERS_KEY),
                tallies.REGISTRATION_FUNCTION,
                tallies.EVENT_FUNCTION,
            ],
            # The functions' earlier text found the same rows, more slowly at scale: nothing to put back.
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
