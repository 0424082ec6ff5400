"""Recount the report tallies from the registry and the training records.

The triggers keep the tallies exact on their own; this is for data written with triggers off (a load under
session_replication_role = replica, as the benchmark does) or restored from a dump taken without the tallies.
"""

from django.core.management.base import BaseCommand

from reports import tallies
from reports.tallies import volunteer_count


class Command(BaseCommand):
    help = "Recount the report tallies (volunteers, departures, training, events) from scratch, in one transaction."

    def handle(self, *args, **options):
        tallies.rebuild()
        self.stdout.write(f"Report tallies rebuilt ({volunteer_count():,} volunteers): {tallies.rebuilt_rows()} rows")
