from django.core.management.base import BaseCommand, CommandError

from core import backups


class Command(BaseCommand):
    help = (
        "Replace the database with a backup made by backup_db (pg_restore --clean --if-exists, one transaction). "
        "Asks no questions: stop the web server and the worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .dump file, e.g. .local/backups/portal-20250107T093000+0700.dump")

    def handle(self, *args, file, **options):
        try:
            backups.restore(file, log=self.stdout.write)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
