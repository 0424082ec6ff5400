"""Erase the person's name, contact and national ID of cases closed CASE_PERSONAL_DATA_DAYS ago; run daily from cron
(like purge_roster_files), or with --queue to hand the work to the task worker."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.services import erase_expired_personal_data
from cases.tasks import erase_personal_data


class Command(BaseCommand):
    help = "Erase personal data of cases closed longer than CASE_PERSONAL_DATA_DAYS ago (the cases stay counted)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.CASE_PERSONAL_DATA_DAYS,
            help="keep personal data this many days after closing (default: CASE_PERSONAL_DATA_DAYS, %(default)s)",
        )
        parser.add_argument("--queue", action="store_true", help="queue the erasure for the task worker instead")

    def handle(self, *args, days, queue, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more")
        if queue:
            if days != settings.CASE_PERSONAL_DATA_DAYS:
                raise CommandError("--queue erases after CASE_PERSONAL_DATA_DAYS; leave out --days")
            result = erase_personal_data.enqueue()
            self.stdout.write(f"Erasure of case personal data queued (task {result.id})")
            return
        erased = erase_expired_personal_data(days=days)
        self.stdout.write(f"Personal data erased from {erased} cases closed {days} or more days ago")
