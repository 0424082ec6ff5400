"""Recount the monthly reports' tallies and the volunteers' serving tally (activity/tallies.py).

The triggers keep them exact on their own; this is for data written with triggers off (a load under
session_replication_role = replica, as the benchmark does) or restored from a dump taken without the tallies.
"""

from django.core.management.base import BaseCommand

from activity import tallies
from activity.models import ReportKindTally, ReportTally, ServingTally


class Command(BaseCommand):
    help = "Recount the activity tallies (reports received and on time, numbers by kind, serving months)."

    def handle(self, *args, **options):
        tallies.rebuild()
        counts = ", ".join(
            f"{model.__name__} {model.objects.across_provinces('a system command').count():,}"
            for model in (ReportTally, ReportKindTally, ServingTally)
        )
        self.stdout.write(f"Activity tallies rebuilt: {counts} rows")
