# The serving tally's trigger function written again with the same ranges computed without a LATERAL VALUES per
# volunteer (activity.tallies._serving_ranges): 1.0 s of a 100,000-row roster import's INSERT became 0.1 s. The
# tally's rows do not change, so nothing is recounted, and going back keeps this function: it counts the same.

from django.db import migrations

from activity import tallies


class Migration(migrations.Migration):
    dependencies = [("activity", "0012_serving_months_leave_out_absences")]

    operations = [migrations.RunSQL(sql=[tallies.SERVING_FUNCTION], reverse_sql=migrations.RunSQL.noop)]
