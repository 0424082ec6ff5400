"""Importing and exporting rosters, the entry points the pages call: upload a roster (its check is queued),
confirm or cancel the write, record an export, purge old files. The work itself is in rosters.pipeline."""

import datetime
import secrets

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.scoping import scopes_disabled
from core import audit
from rosters import readers, tasks
from rosters.models import ExportRecord, ImportJob
from rosters.pipeline import CANCELLED_MESSAGE, delete_files, drop_parsed

# ---------------------------------------------------------------- upload, confirm, cancel


def start_import(*, uploaded, kind: str, province, by, month=None) -> ImportJob:
    """Keep the uploaded roster and queue its check; the registry is not touched. `month`: the month a file of
    monthly reports is for. The job keeps the uploader's language (the one active), which its worker uses."""
    file_format = readers.check_file(uploaded)
    job = ImportJob(
        token=secrets.token_hex(16),
        kind=kind,
        month=month,
        province=province,
        created_by=by,
        original_name=(uploaded.name or "roster")[-255:],
        file_format=file_format,
        file_size=uploaded.size,
        language=uploader_language(),
        phase=_(ImportJob.QUEUED_PHASES[ImportJob.Status.QUEUED_CHECK]),  # the uploader's language is active
    )
    uploaded.seek(0)
    job.file.save(f"{job.token}.{file_format}", uploaded, save=False)
    job.save()
    tasks.check_import.enqueue(job.pk)
    return job


def uploader_language() -> str:
    """The active language among the portal's (settings.LANGUAGES), Thai when none is."""
    try:
        return translation.get_supported_language_variant(translation.get_language() or "th")
    except LookupError:
        return "th"


@scopes_disabled("the job the view let this user change")
def confirm_import(*, job: ImportJob, by, request=None) -> ImportJob:
    """Queue the write of a checked roster; recorded in the audit log as the moment someone decided to import."""
    phase = job.in_its_language(ImportJob.QUEUED_PHASES[ImportJob.Status.QUEUED_IMPORT])
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PREVIEW).update(
        status=ImportJob.Status.QUEUED_IMPORT,
        confirmed_by=by,
        confirmed_at=timezone.now(),
        progress=0,
        phase=phase,
    )
    job.refresh_from_db()
    if not updated:
        return job
    audit.record(
        "import",
        request=request,
        user=by,
        obj=job,
        province=job.province,
        rows=job.written_rows,
        file=job.original_name,
        kind=job.kind,
        month=job.month.isoformat() if job.month else None,
        new=job.new_count,
        updated=job.updated_count,
    )
    tasks.run_import.enqueue(job.pk)
    return job


@scopes_disabled("the job the view let this user change")
def cancel_import(*, job: ImportJob) -> ImportJob:
    """Stop an import before any of it is saved; the returned job's status says what happened.

    Before the write it ends at once ("cancelled", the uploaded file dropped). While the worker writes, the job turns
    "cancelling" and the worker rolls everything back at its next batch. Once the write has committed (finished_at
    set in the same transaction) nothing changes: the rows are saved.
    """
    Status = ImportJob.Status
    jobs = ImportJob.objects.filter(pk=job.pk)
    if job.status in {Status.QUEUED_CHECK, Status.PREVIEW, Status.REJECTED, Status.QUEUED_IMPORT}:
        # Only from the status read: the worker starts only a job still queued, so whichever changes it first wins.
        before_write = jobs.filter(status=job.status)
        message = job.in_its_language(CANCELLED_MESSAGE)
        if before_write.update(status=Status.CANCELLED, message=message, finished_at=timezone.now()):
            _drop_upload(job)
    job.refresh_from_db()
    if job.status == Status.IMPORTING:
        # The worker's commit sets finished_at while holding this row, so this waits for it and then finds it set.
        jobs.filter(status=Status.IMPORTING, finished_at__isnull=True).update(status=Status.CANCELLING)
        job.refresh_from_db()
    return job


def _drop_upload(job: ImportJob) -> None:
    """A cancelled import keeps no copy of the file nor of its checked rows."""
    delete_files(job, "file")
    ImportJob.objects.filter(pk=job.pk).update(file="")
    drop_parsed(job)


# ---------------------------------------------------------------- exports


def record_export(*, request, kind: str, file_format: str, province, rows: int, file_name: str, filters, masked):
    """An export leaves a trace twice: in the rosters' export history and in the audit record."""
    ExportRecord.objects.create(
        kind=kind,
        file_format=file_format,
        province=province,
        user=request.user,
        rows=rows,
        filters=filters,
        ids_masked=masked,
        file_name=file_name,
    )
    audit.record(
        "export",
        request=request,
        province=province,
        rows=rows,
        file=file_name,
        kind=kind,
        format=file_format,
        masked=masked,
        filters=filters,
    )


# ---------------------------------------------------------------- retention


def purge_old_files(*, older_than_days: int, now=None) -> int:
    """Delete the stored files (upload, failed rows, checked rows) of imports older than the retention period.

    They hold national IDs as typed; the job itself stays as the record of who imported what and with what result.
    A preview never confirmed in that time is cancelled. Jobs still working are left alone. Returns the jobs purged.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=older_than_days)
    # A check still queued that long was never taken by a worker: it is ended like a preview never confirmed.
    old = (
        ImportJob.objects.filter(created_at__lt=cutoff)
        .exclude(status__in=ImportJob.WORKING - {ImportJob.Status.QUEUED_CHECK})
        .exclude(file="", failed_file="", parsed_file="")
    )
    purged = 0
    for job in old.iterator():
        delete_files(job, "file", "failed_file", "parsed_file")
        if job.status in {ImportJob.Status.PREVIEW, ImportJob.Status.QUEUED_CHECK}:
            job.status = ImportJob.Status.CANCELLED
            job.message = job.in_its_language(
                gettext_noop("ยกเลิกอัตโนมัติ: ไม่ได้ยืนยันการนำเข้าภายใน %(days)s วัน ไฟล์ถูกลบตามระยะเวลาเก็บรักษา")
            ) % {"days": older_than_days}
        job.save(update_fields=["file", "failed_file", "parsed_file", "status", "message"])
        purged += 1
    return purged
