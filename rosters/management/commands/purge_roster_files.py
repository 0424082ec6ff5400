"""Delete uploaded roster files past their retention period (ROSTER_FILE_RETENTION_DAYS); run daily from cron."""

from django.conf import settings
from django.core.management.base import BaseCommand

from rosters.services import purge_old_files


class Command(BaseCommand):
    help = "Delete the stored files of roster imports older than the retention period (the import records stay)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.ROSTER_FILE_RETENTION_DAYS,
            help="keep files this many days (default: ROSTER_FILE_RETENTION_DAYS, %(default)s)",
        )

    def handle(self, *args, days, **options):
        if days < 1:
            self.stderr.write("--days ต้องเป็นจำนวนวันตั้งแต่ 1 ขึ้นไป")
            raise SystemExit(2)
        purged = purge_old_files(older_than_days=days)
        self.stdout.write(f"Roster files older than {days} days deleted from {purged} imports")
