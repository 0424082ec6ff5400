"""Delete the certificate batches, and their PDFs of names, past their time; run daily from cron (each new batch
also clears them, so this only matters on a portal where nobody has asked for certificates for a while)."""

from django.core.management.base import BaseCommand

from trainings.models import CertificateBatch
from trainings.services import purge_expired_certificate_batches


class Command(BaseCommand):
    help = f"Delete certificate PDFs made more than {CertificateBatch.KEEP_HOURS} hours ago."

    def handle(self, *args, **options):
        purged = purge_expired_certificate_batches()
        self.stdout.write(f"{purged} certificate batches deleted")
