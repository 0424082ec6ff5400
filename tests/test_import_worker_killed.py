"""The import worker is killed (kill -9) in the middle of writing a large roster.

Nothing of the file is in the registry afterwards, the import shows as failed with the reason, and uploading the
same file again imports every row.

The worker is the real one (`manage.py db_worker`, a separate process on the test database), and the roster has the
issue's 100,000 rows (a CSV, quick to build): the write takes twenty PostgreSQL COPY batches, and the kill lands
while rows are being written (the test waits until PostgreSQL reports the worker copying or inserting a batch).
About 30 s on a 2-core machine.
"""

import os
import signal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from rosters.models import ImportJob
from rosters.tests.factories import roster_csv
from tests.worker import DATABASE_TASKS, job_status, start_worker, stop_worker, wait_for
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 100_000


def worker_is_copying() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' "
            "AND query ILIKE '%%roster_new%%' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def upload_and_confirm(client, content: bytes) -> ImportJob:
    response = client.post(
        reverse("rosters:upload"), {"kind": "volunteers", "file": SimpleUploadedFile("รายชื่อใหญ่.csv", content)}
    )
    assert response.status_code == 302
    job = ImportJob.objects.order_by("-pk").first()
    wait_for(lambda: job_status(job.pk) == ImportJob.Status.PREVIEW, 180, "the check of the roster")
    job.refresh_from_db()
    assert job.new_count == ROWS, (job.new_count, job.error_count, job.errors[:3])
    assert client.post(reverse("rosters:confirm", args=[job.pk])).status_code == 302
    return job


def test_killing_the_worker_mid_write_leaves_nothing_and_a_rerun_imports_everything(
    client_for, lampang_officer, lampang, settings, tmp_path
):
    settings.TASKS = DATABASE_TASKS
    client = client_for(lampang_officer)
    content, national_ids = roster_csv(
        lampang, rows=ROWS, first_serial=600_000, first_name="ทดสอบล้ม", last_name="ตัวประมวลผล"
    )
    worker = start_worker(settings, tmp_path / "worker-1.log")
    try:
        job = upload_and_confirm(client, content)
        # At least one batch of 5,000 rows written inside the transaction, and the next one being copied.
        wait_for(
            lambda: ImportJob.objects.values_list("progress", flat=True).get(pk=job.pk) > 40 and worker_is_copying(),
            120,
            "the worker to be half-way through writing rows",
            poll=0.005,
        )
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        stop_worker(worker)
    progress_at_kill = ImportJob.objects.values_list("progress", flat=True).get(pk=job.pk)
    assert job_status(job.pk) == ImportJob.Status.IMPORTING  # the dead worker could not say anything
    assert progress_at_kill > 40, progress_at_kill  # some rows were already written when the worker died
    print(f"worker killed while writing, at {progress_at_kill}% of the import")

    # PostgreSQL notices the lost connection, rolls the write back and frees the job's lock.
    page = wait_for(
        lambda: (
            (r := client.get(reverse("rosters:job", args=[job.pk]))).status_code == 200
            and job_status(job.pk) == ImportJob.Status.FAILED
            and r
        ),
        30,
        "the job page to show the import as failed",
        poll=0.5,
    )
    html = page.content.decode()
    assert "นำเข้าไม่สำเร็จ" in html
    assert "ตัวประมวลผลงานเบื้องหลังหยุดทำงาน" in html and "ไม่มีข้อมูลใดถูกบันทึก" in html
    assert Volunteer.objects.filter(national_id__in=national_ids).count() == 0, f"half-written at {progress_at_kill}%"
    assert not Volunteer.objects.filter(last_name="ตัวประมวลผล").exists()
    progress = client.get(reverse("rosters:progress", args=[job.pk])).json()
    assert progress["status"] == "failed" and not progress["working"]

    # The same file again, with a worker running: every row arrives.
    worker = start_worker(settings, tmp_path / "worker-2.log")
    try:
        rerun = upload_and_confirm(client, content)
        wait_for(lambda: job_status(rerun.pk) in {ImportJob.Status.DONE, ImportJob.Status.FAILED}, 180, "the re-run")
    finally:
        stop_worker(worker)
    rerun.refresh_from_db()
    assert rerun.status == ImportJob.Status.DONE, rerun.message
    assert Volunteer.objects.filter(national_id__in=national_ids, province=lampang).count() == ROWS
    assert "ผลการนำเข้า" in client.get(reverse("rosters:job", args=[rerun.pk])).content.decode()


def test_a_job_whose_worker_is_alive_is_left_working(lampang_officer, lampang):
    """The check for a dead worker must not stop a job that a live worker holds."""
    from rosters import recovery

    job = ImportJob.objects.create(
        token="alive".ljust(32, "0"),
        province=lampang,
        original_name="รายชื่อ.csv",
        file_format="csv",
        status=ImportJob.Status.IMPORTING,
    )
    holder = connection.copy()
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [recovery.JOB_LOCK_CLASS, job.pk])
        assert job_lock_is_held(job.pk)
        assert recovery.fail_if_abandoned(job).status == ImportJob.Status.IMPORTING
        # The worker lets go of the job. Not by closing the connection: its server process drops the lock a moment
        # after close() (later on a busy machine), so the next question would race it. The unlock has finished
        # when it answers, so the lock is free before the next line, on any machine. (A worker that really dies
        # is test_killing_the_worker_mid_write_leaves_nothing_and_a_rerun_imports_everything.)
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [recovery.JOB_LOCK_CLASS, job.pk])
            assert cursor.fetchone()[0] is True
    finally:
        holder.close()
    assert not job_lock_is_held(job.pk)
    assert recovery.fail_if_abandoned(job).status == ImportJob.Status.FAILED


def job_lock_is_held(job_id: int) -> bool:
    from rosters import recovery

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND classid = %s AND objid = %s AND objsubid = 2",
            [recovery.JOB_LOCK_CLASS, job_id],
        )
        return cursor.fetchone()[0] > 0
