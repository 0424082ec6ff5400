"""Queue again every waiting roster job that Redis lost (TASKS_BACKEND=rq); run every minute from cron."""

from django.core.management.base import BaseCommand

from rosters.requeue import requeue_all_lost


class Command(BaseCommand):
    help = "Queue again the roster checks and imports that wait in the database but not in Redis (after an outage)."

    def handle(self, *args, **options):
        self.stdout.write(f"Waiting roster jobs looked at: {requeue_all_lost()}")
