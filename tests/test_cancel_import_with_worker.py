"""An officer cancels a confirmed import while the real worker (`manage.py db_worker`) is writing it.

The worker stops between batches, rolls every row back and ends the job as cancelled; the page says "กำลังยกเลิก…"
until it has, and offers no cancel button once cancelling would no longer keep the rows out. The same file imported
again and finished cannot be cancelled, and the page says it is saved.

So that the cancel lands in the middle of the write however busy the machine, the test holds a SHARE lock on the
volunteers' history table: the worker's first batch, already copied inside its transaction, waits on it while the
officer presses cancel; the lock is then released and the worker goes on to the next batch boundary. About 30 s.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from rosters.models import ImportJob
from rosters.tests.factories import roster_csv
from tests.worker import DATABASE_TASKS, job_status, start_worker, stop_worker, wait_for
from volunteers.models import Volunteer, VolunteerEvent

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 15_000  # three COPY batches of 5,000
CANCELLED = "ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลใดถูกบันทึก"
CANCEL_BUTTON = 'data-testid="cancel"'


def upload_and_wait_for_preview(client, content: bytes) -> ImportJob:
    response = client.post(
        reverse("rosters:upload"), {"kind": "volunteers", "file": SimpleUploadedFile("รายชื่อ.csv", content)}
    )
    assert response.status_code == 302
    job = ImportJob.objects.order_by("-pk").first()
    wait_for(lambda: job_status(job.pk) == ImportJob.Status.PREVIEW, 120, "the check of the roster")
    job.refresh_from_db()
    assert job.new_count == ROWS, (job.new_count, job.error_count, job.errors[:3])
    return job


def worker_waits_on(table: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = %s::regclass AND pid <> pg_backend_pid()",
            [table],
        )
        return cursor.fetchone()[0] > 0


def test_cancelling_mid_write_rolls_back_every_row_and_a_finished_import_cannot_be_cancelled(
    client_for, lampang_officer, lampang, settings, tmp_path
):
    settings.TASKS = DATABASE_TASKS
    client = client_for(lampang_officer)
    content, national_ids = roster_csv(
        lampang, rows=ROWS, first_serial=700_000, first_name="ทดสอบยกเลิก", last_name="ยกเลิกกลางคัน"
    )
    history = VolunteerEvent._meta.db_table
    events_before = VolunteerEvent.objects.count()
    worker = start_worker(settings, tmp_path / "worker.log")
    gate = connection.copy()
    try:
        job = upload_and_wait_for_preview(client, content)
        with gate.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(f"LOCK TABLE {history} IN SHARE MODE")
        assert client.post(reverse("rosters:confirm", args=[job.pk])).status_code == 302
        wait_for(lambda: worker_waits_on(history), 120, "the worker to be writing its first batch")

        assert job_status(job.pk) == ImportJob.Status.IMPORTING
        assert CANCEL_BUTTON in client.get(reverse("rosters:job", args=[job.pk])).content.decode()
        assert client.get(reverse("rosters:progress", args=[job.pk])).json()["can_cancel"] is True

        response = client.post(reverse("rosters:cancel", args=[job.pk]), follow=True)

        page = response.content.decode()
        assert response.redirect_chain == [(reverse("rosters:job", args=[job.pk]), 302)]
        assert "กำลังยกเลิก…" in page and CANCELLED not in page and CANCEL_BUTTON not in page
        poll = client.get(reverse("rosters:progress", args=[job.pk])).json()
        assert (poll["status"], poll["working"], poll["can_cancel"]) == ("cancelling", True, False)

        with gate.cursor() as cursor:
            cursor.execute("COMMIT")
        wait_for(lambda: job_status(job.pk) not in ImportJob.WORKING, 120, "the worker to stop the import")
        job.refresh_from_db()
        assert job.status == ImportJob.Status.CANCELLED, (job.status, job.message)
        assert job.progress > 40, job.progress  # the first batch was in the table before the worker stopped
        assert Volunteer.objects.filter(national_id__in=national_ids).count() == 0
        assert not Volunteer.objects.filter(last_name="ยกเลิกกลางคัน").exists()
        assert VolunteerEvent.objects.count() == events_before
        assert job.message == CANCELLED and not job.file and not job.parsed_file
        assert CANCELLED in client.get(reverse("rosters:job", args=[job.pk])).content.decode()

        # The same file again, to the end: now the rows are saved, and cancel says so instead of lying.
        again = upload_and_wait_for_preview(client, content)
        assert client.post(reverse("rosters:confirm", args=[again.pk])).status_code == 302
        wait_for(lambda: job_status(again.pk) not in ImportJob.WORKING, 120, "the second import")
        assert job_status(again.pk) == ImportJob.Status.DONE
        assert client.get(reverse("rosters:progress", args=[again.pk])).json()["can_cancel"] is False

        page = client.post(reverse("rosters:cancel", args=[again.pk]), follow=True).content.decode()

        assert "ยกเลิกไม่ได้ การนำเข้านี้บันทึกข้อมูลลงทะเบียนเรียบร้อยแล้ว" in page and CANCELLED not in page
        assert job_status(again.pk) == ImportJob.Status.DONE
        assert Volunteer.objects.filter(national_id__in=national_ids, province=lampang).count() == ROWS
    finally:
        gate.close()
        stop_worker(worker)
