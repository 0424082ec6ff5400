"""A roster job queued while Redis was down (TASKS_BACKEND=rq) goes on by itself once Redis answers.

The job is queued in PostgreSQL whatever happens to Redis; what Redis may lack is its entry in RQ's queue (the
enqueue failed, or Redis restarted empty). Whenever someone looks at a waiting job (its page polls every 700 ms),
or `manage.py requeue_imports` runs from cron, a job Redis does not hold is queued again; while Redis is down the
job says so (in the job's language, as its other stored texts). Nothing is imported twice: the worker starts only a job still queued in the database.
"""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from redis.exceptions import RedisError

from accounts.scoping import scopes_disabled
from rosters import tasks
from rosters.models import ImportJob

# Keyed by the status string a job holds.
TASK_FOR: dict[str, Any] = {
    ImportJob.Status.QUEUED_CHECK: tasks.check_import,
    ImportJob.Status.QUEUED_IMPORT: tasks.run_import,
}


QUEUE_DOWN_PHASE = gettext_noop(
    "อยู่ในคิวแล้ว ระบบคิวงานขัดข้องชั่วคราว งานนี้จะเริ่มเองเมื่อระบบคิวกลับมา ไม่ต้องอัปโหลดหรือยืนยันซ้ำ ไม่มีข้อมูลใดสูญหาย"
)
# A check or an import waits seconds for a worker; this long, and no worker is taking jobs (stopped, or all busy
# with large imports): the officer is told, rather than watching "waiting" for ever.
WAITING_NOTICE_AFTER = datetime.timedelta(minutes=5)
# Shown, not stored: in the language of whoever looks.
WAITING_LONG_PHASE = gettext_noop(
    "งานนี้รออยู่ในคิวนานกว่า 5 นาทีแล้ว ตัวประมวลผลงานเบื้องหลังอาจหยุดทำงานหรือมีงานใหญ่อยู่ก่อน "
    "งานยังอยู่ในคิวและจะเริ่มเองเมื่อมีตัวประมวลผลว่าง ไม่มีข้อมูลใดสูญหาย หากรอนานผิดปกติ กรุณาแจ้งผู้ดูแลระบบ "
    "(หรือยกเลิกแล้วนำเข้าใหม่ภายหลัง)"
)


def with_waiting_notice(job: ImportJob, now=None) -> ImportJob:
    """The job, its phase (as shown, not stored) saying so when it has waited long for a worker."""
    if job.status not in ImportJob.QUEUED_PHASES or job.phase == job.in_its_language(QUEUE_DOWN_PHASE):
        return job
    since = job.confirmed_at if job.status == ImportJob.Status.QUEUED_IMPORT and job.confirmed_at else job.created_at
    if since and (now or timezone.now()) - since > WAITING_NOTICE_AFTER:
        job.phase = _(WAITING_LONG_PHASE)
    return job


@scopes_disabled("the state of one job the view let this user see")
def requeue_if_lost(job: ImportJob) -> ImportJob:
    """Queue a waiting job again if Redis does not hold it; say in its phase when Redis cannot be reached."""
    task = TASK_FOR.get(job.status)
    backend = task.get_backend() if task else None
    if backend is None or not hasattr(backend, "holds"):
        return job  # not waiting, or the database backend: its queue is PostgreSQL itself
    queue_down = job.in_its_language(QUEUE_DOWN_PHASE)
    try:
        if not backend.holds(task, (job.pk,)):
            backend.enqueue_now(task, (job.pk,), {})
    except RedisError:
        phase = queue_down
    else:
        phase = job.in_its_language(ImportJob.QUEUED_PHASES[job.status]) if job.phase == queue_down else job.phase
    if job.phase != phase:
        ImportJob.objects.filter(pk=job.pk, status=job.status).update(phase=phase)
        job.refresh_from_db()
    return job


def requeue_all_lost() -> int:
    """Every waiting job Redis does not hold, queued again (for cron); the number of jobs looked at."""
    jobs = ImportJob.objects.filter(status__in=list(TASK_FOR)).only("status", "phase", "language")
    for job in jobs:
        requeue_if_lost(job)
    return len(jobs)
