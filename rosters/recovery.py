"""A worker that dies: how a job left "checking" or "importing" by a stopped worker is found and ended."""

from contextlib import contextmanager

from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.scoping import scopes_disabled
from rosters.models import ImportJob
from rosters.pipeline import CANCELLED_MESSAGE, IMPORT_DONE_PHASE, SAVED_BEFORE_WORKER_STOPPED, drop_parsed

# While a worker checks or writes a job it holds this PostgreSQL advisory lock on its own connection. A worker
# that dies (killed, out of memory, machine restarted) loses its connection and the lock with it, and PostgreSQL
# rolls its open write back; the job would stay "checking" or "importing" for ever. Whoever looks at such a job
# next finds the lock free and marks the job as stopped, with the reason (in the job's language, as the worker's).
JOB_LOCK_CLASS = 7301
ABANDONED: dict[str, tuple[str, str]] = {
    ImportJob.Status.CHECKING: (
        ImportJob.Status.REJECTED,
        gettext_noop("การตรวจสอบไฟล์หยุดกลางคันเพราะตัวประมวลผลงานเบื้องหลังหยุดทำงาน ไม่มีข้อมูลใดถูกบันทึก กรุณาอัปโหลดไฟล์อีกครั้ง"),
    ),
    ImportJob.Status.IMPORTING: (
        ImportJob.Status.FAILED,
        gettext_noop(
            "นำเข้าไม่สำเร็จ: การบันทึกหยุดกลางคันเพราะตัวประมวลผลงานเบื้องหลังหยุดทำงาน "
            "ระบบยกเลิกการบันทึกทั้งหมดแล้ว ไม่มีข้อมูลใดถูกบันทึก กรุณาอัปโหลดไฟล์อีกครั้ง"
        ),
    ),
    ImportJob.Status.CANCELLING: (ImportJob.Status.CANCELLED, CANCELLED_MESSAGE),
}


@contextmanager
def worker_holds(job_id: int):
    """The worker's advisory lock on one job for as long as it works on it; yields False, at once, when another
    worker has it (a second queue entry of the same job: that worker's run settles the job, this one must not wait
    through a whole import while other offices' jobs queue behind it)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [JOB_LOCK_CLASS, job_id])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [JOB_LOCK_CLASS, job_id])


def worker_is_alive(job_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [JOB_LOCK_CLASS, job_id])
        free = cursor.fetchone()[0]
        if free:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [JOB_LOCK_CLASS, job_id])
    return not free


@scopes_disabled("the state of one job the view let this user see")
def fail_if_abandoned(job: ImportJob) -> ImportJob:
    """A job still "checking" or "importing" with no worker on it is marked stopped, with the reason."""
    if job.status not in ABANDONED or worker_is_alive(job.pk):
        return job
    status, message = ABANDONED[job.status]
    with translation.override(job.language):
        # Only if nobody finished it in the meantime, and only if its write never committed (which sets finished_at).
        stopped = ImportJob.objects.filter(pk=job.pk, status=job.status, finished_at__isnull=True).update(
            status=status, message=_(message), phase=_("หยุดกลางคัน"), finished_at=timezone.now()
        )
        # A write that committed before its worker stopped is in the registry: the job must not say "nothing saved".
        ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.IMPORTING, finished_at__isnull=False).update(
            status=ImportJob.Status.DONE,
            message=_(SAVED_BEFORE_WORKER_STOPPED),
            phase=_(IMPORT_DONE_PHASE),
            progress=100,
        )
    job.refresh_from_db()
    if stopped:
        drop_parsed(job)
    return job
