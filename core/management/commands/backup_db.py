from django.core.management.base import BaseCommand, CommandError

from core import backups


class Command(BaseCommand):
    help = "Back up the whole database with pg_dump (custom format) into .local/backups/ or BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Folder for the backup file (default: BACKUP_DIR or .local/backups).")
        parser.add_argument(
            "--keep", type=int, default=0, help="Keep only this many newest backups of this database (0: keep all)."
        )

    def handle(self, *args, dir=None, keep=0, **options):
        try:
            path = backups.backup(directory=dir, log=self.stdout.write)
            if keep:
                backups.prune(path.parent, backups.database_target().name, keep, log=self.stdout.write)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(path))
