"""The worker's part of certificates made in the background: one PDF of a batch into storage, with its progress.

Apart from trainings.services, which queues the batch, so that the task module imports this and nothing imports
the task module back (as rosters.pipeline is to rosters.services).
"""

import datetime as dt
import time

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_noop

from trainings.models import CertificateBatch, Registration


def make_certificate_batch(batch_id: int) -> str:
    """The worker's part: one PDF of the batch's certificates into storage, the count of pages done kept current."""
    from trainings.certificates import render_certificates
    from trainings.selectors import certificate_holders

    batch = CertificateBatch.objects.select_related("event__host_province").get(pk=batch_id)
    if batch.status != CertificateBatch.Status.QUEUED:
        return f"batch {batch_id} already {batch.status}"  # delivered twice: the first delivery has it
    CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.RUNNING)
    order = {pk: n for n, pk in enumerate(batch.registration_ids)}
    # Checked again now: someone whose registration was cancelled since the click gets no certificate.
    holders = certificate_holders(Registration.objects.filter(pk__in=batch.registration_ids), batch.event)
    holders = sorted(
        holders.select_related(
            "event__host_province", "home_province", "volunteer__subdistrict__district", "mentor__agency"
        ),
        key=lambda r: order[r.pk],
    )
    if not holders:
        _finish_batch(batch, CertificateBatch.Status.FAILED, message=gettext_noop("ไม่มีผู้มีสิทธิ์รับเกียรติบัตรแล้ว"))
        return "nobody holds a certificate any more"
    reported = [time.monotonic()]

    def on_page(n: int):
        # A progress bar polled every second needs no more than a few writes a second.
        if time.monotonic() - reported[0] > 0.3:
            CertificateBatch.objects.filter(pk=batch.pk).update(done=n)
            reported[0] = time.monotonic()

    try:
        content = render_certificates(
            holders, verify_url_for=lambda r: batch.verify_url.replace("{token}", r.certificate_token), on_page=on_page
        )
        batch.file.save(f"{batch.token}.pdf", ContentFile(content), save=False)
    except Exception:
        _finish_batch(
            batch, CertificateBatch.Status.FAILED, message=gettext_noop("สร้างเกียรติบัตรไม่สำเร็จ กรุณาลองสั่งพิมพ์ใหม่")
        )
        raise
    batch.total = batch.done = len(holders)
    _finish_batch(batch, CertificateBatch.Status.DONE)
    return f"{len(holders)} certificates"


def _finish_batch(batch: CertificateBatch, status: str, *, message: str = ""):
    # `message`: a Thai message id, kept as it is; the page shows it in its reader's language (trainings.views).
    now = timezone.now()
    batch.status, batch.message, batch.finished_at = status, message, now
    batch.expires_at = now + dt.timedelta(hours=CertificateBatch.KEEP_HOURS)
    batch.save(update_fields=["status", "message", "finished_at", "expires_at", "file", "total", "done"])
