"""Cancelling an import tells the truth: before or during the write nothing is saved; after it, it says it is saved.

The same with the real worker, cancelling in the middle of a write: tests/test_cancel_import_with_worker.py.
"""

import datetime as dt
import os
from contextlib import contextmanager

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from rosters import pipeline, recovery, tasks
from rosters.models import ImportJob
from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, upload
from volunteers.models import Volunteer, VolunteerEvent

pytestmark = pytest.mark.django_db

CANCELLED = "ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลใดถูกบันทึก"
ALREADY_SAVED = "ยกเลิกไม่ได้ การนำเข้านี้บันทึกข้อมูลลงทะเบียนเรียบร้อยแล้ว"
CANCEL_BUTTON = 'data-testid="cancel"'


@contextmanager
def a_live_worker_on(job):
    """The advisory lock a worker holds while it works on the job, so the page does not take it for abandoned."""
    holder = connection.copy()
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [recovery.JOB_LOCK_CLASS, job.pk])
        yield
    finally:
        holder.close()


def confirmed_but_not_started(client, settings, rows):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _, job = upload(client, xlsx_bytes(rows))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _, job = confirm(client, job)
    assert job.status == ImportJob.Status.QUEUED_IMPORT
    return job


def test_a_finished_import_cannot_be_cancelled_and_the_page_says_it_is_saved(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1), person(2)]))
    _, job = confirm(client, job)
    assert job.status == ImportJob.Status.DONE

    response = client.post(reverse("rosters:cancel", args=[job.pk]), follow=True)

    page = response.content.decode()
    assert response.redirect_chain == [(reverse("rosters:job", args=[job.pk]), 302)]
    assert ALREADY_SAVED in page and CANCELLED not in page
    assert "ผลการนำเข้า" in page and CANCEL_BUTTON not in page
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Volunteer.objects.filter(national_id__in=[nid(1), nid(2)]).count() == 2


def test_an_import_whose_write_has_committed_cannot_be_cancelled_before_its_result_is_stored(
    client_for, lampang_officer, lampang
):
    job = ImportJob.objects.create(
        token="committed".ljust(32, "0"),
        province=lampang,
        original_name="รายชื่อ.csv",
        file_format="csv",
        status=ImportJob.Status.IMPORTING,
        finished_at=timezone.now(),  # set by the write's own transaction, so its rows are in the registry
    )
    client = client_for(lampang_officer)

    with a_live_worker_on(job):
        page = client.post(reverse("rosters:cancel", args=[job.pk]), follow=True).content.decode()

    assert ALREADY_SAVED in page and CANCELLED not in page
    job.refresh_from_db()
    assert job.status == ImportJob.Status.IMPORTING


def test_a_confirmed_import_cancelled_before_the_worker_starts_it_is_never_written(
    client_for, lampang_officer, settings
):
    client = client_for(lampang_officer)
    job = confirmed_but_not_started(client, settings, [person(1), person(2)])
    kept = job.file.path

    response = client.post(reverse("rosters:cancel", args=[job.pk]), follow=True)

    assert CANCELLED in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED and job.message == CANCELLED
    assert not job.file and not job.parsed_file
    assert pipeline.run_import_job(job.pk) == ImportJob.Status.CANCELLED  # the worker picks up the queued task late
    assert not Volunteer.objects.filter(national_id__in=[nid(1), nid(2)]).exists()
    assert not os.path.exists(kept)


def test_a_cancel_between_batches_rolls_back_the_batches_already_written(
    client_for, lampang_officer, settings, monkeypatch
):
    client = client_for(lampang_officer)
    job = confirmed_but_not_started(client, settings, [person(n) for n in range(1, 8)])
    events_before = VolunteerEvent.objects.count()
    monkeypatch.setattr(pipeline, "COPY_BATCH", 2)
    real_insert = pipeline._insert_with_history
    written = []

    def insert_then_cancel(cursor, model, columns, *args, **kwargs):
        real_insert(cursor, model, columns, *args, **kwargs)
        written.append(Volunteer.objects.count())
        if len(written) == 2:  # the officer presses cancel after the second batch
            ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CANCELLING)

    monkeypatch.setattr(pipeline, "_insert_with_history", insert_then_cancel)

    assert pipeline.run_import_job(job.pk) == ImportJob.Status.CANCELLED

    assert written == [2, 4]  # two batches were in the table before the cancel
    assert not Volunteer.objects.exists()
    assert VolunteerEvent.objects.count() == events_before
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED and job.message == CANCELLED
    assert not job.file and not job.parsed_file


@pytest.mark.parametrize(
    ("status", "committed", "offered"),
    [
        (ImportJob.Status.QUEUED_CHECK, False, True),
        (ImportJob.Status.CHECKING, False, False),
        (ImportJob.Status.QUEUED_IMPORT, False, True),
        (ImportJob.Status.IMPORTING, False, True),
        (ImportJob.Status.IMPORTING, True, False),
        (ImportJob.Status.CANCELLING, False, False),
        (ImportJob.Status.DONE, True, False),
        (ImportJob.Status.FAILED, False, False),
        (ImportJob.Status.CANCELLED, False, False),
    ],
)
def test_the_cancel_control_is_shown_only_when_cancelling_keeps_every_row_out(
    client_for, lampang_officer, lampang_viewer, lampang, status, committed, offered
):
    job = ImportJob.objects.create(
        token=f"{status}{committed}".ljust(32, "0"),
        province=lampang,
        original_name="รายชื่อ.csv",
        file_format="csv",
        status=status,
        finished_at=timezone.now() if committed else None,
        confirmed_by=lampang_officer,
        confirmed_at=timezone.now(),
    )
    with a_live_worker_on(job):
        officer = client_for(lampang_officer)
        page = officer.get(reverse("rosters:job", args=[job.pk])).content.decode()
        data = officer.get(reverse("rosters:progress", args=[job.pk])).json()
        viewer_page = client_for(lampang_viewer).get(reverse("rosters:job", args=[job.pk])).content.decode()

    assert (CANCEL_BUTTON in page) is offered
    assert data["can_cancel"] is offered and data["status"] == status
    assert CANCEL_BUTTON not in viewer_page  # a read-only member cannot cancel at all
    if status == ImportJob.Status.CANCELLING:
        assert "กำลังยกเลิก…" in page and data["status_label"] == "กำลังยกเลิก…" and data["working"] is True


def test_cancelling_while_the_worker_writes_asks_it_to_stop_and_says_so(client_for, lampang_officer, lampang):
    job = ImportJob.objects.create(
        token="writing".ljust(32, "0"),
        province=lampang,
        original_name="รายชื่อ.csv",
        file_format="csv",
        status=ImportJob.Status.IMPORTING,
    )
    client = client_for(lampang_officer)

    with a_live_worker_on(job):
        response = client.post(reverse("rosters:cancel", args=[job.pk]), follow=True)
        page = response.content.decode()

    assert response.redirect_chain == [(reverse("rosters:job", args=[job.pk]), 302)]
    assert "กำลังยกเลิก…" in page and CANCELLED not in page and CANCEL_BUTTON not in page
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLING


def test_a_worker_that_dies_while_cancelling_leaves_the_import_cancelled(client_for, lampang_officer, lampang):
    job = ImportJob.objects.create(
        token="dying".ljust(32, "0"),
        province=lampang,
        original_name="รายชื่อ.csv",
        file_format="csv",
        status=ImportJob.Status.CANCELLING,
    )

    data = client_for(lampang_officer).get(reverse("rosters:progress", args=[job.pk])).json()

    assert data["status"] == "cancelled" and data["working"] is False
    job.refresh_from_db()
    assert job.message == CANCELLED


def test_a_worker_that_dies_after_its_write_committed_leaves_the_import_saved_not_failed(
    client_for, lampang_officer, lampang
):
    job = ImportJob.objects.create(
        token="saved".ljust(32, "0"),
        province=lampang,
        original_name="รายชื่อ.csv",
        file_format="csv",
        status=ImportJob.Status.IMPORTING,
        finished_at=timezone.now(),
    )

    data = client_for(lampang_officer).get(reverse("rosters:progress", args=[job.pk])).json()

    assert data["status"] == "done" and data["working"] is False
    job.refresh_from_db()
    assert "บันทึกข้อมูลครบแล้ว" in job.message and "ไม่มีข้อมูลใดถูกบันทึก" not in job.message


def test_the_cancel_control_and_the_cancelling_status_switch_to_english(client_for, lampang_officer, lampang):
    job = ImportJob.objects.create(
        token="english".ljust(32, "0"),
        province=lampang,
        original_name="รายชื่อ.csv",
        file_format="csv",
        status=ImportJob.Status.IMPORTING,
    )
    client = client_for(lampang_officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    with a_live_worker_on(job):
        page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CANCELLING)
        data = client.get(reverse("rosters:progress", args=[job.pk])).json()

    assert "Cancel import" in page
    assert data["status_label"] == "Cancelling…"


def test_a_second_queue_entry_of_an_import_whose_write_committed_does_not_run_it_again(
    client_for, lampang_officer, lampang
):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1), person(2)]))
    _, job = confirm(client, job)
    assert (job.status, job.new_count) == (ImportJob.Status.DONE, 2)
    # The worker stopped between its commit and its summary, and a second entry of the job was queued meanwhile.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)

    assert tasks.run_import.call(job.pk) == ImportJob.Status.DONE

    job.refresh_from_db()
    assert (job.new_count, job.unchanged_count) == (2, 0)
    assert "บันทึกข้อมูลครบแล้ว" in job.message


def test_a_second_queue_entry_leaves_a_job_another_worker_holds_at_once(client_for, lampang_officer, settings):
    client = client_for(lampang_officer)
    job = confirmed_but_not_started(client, settings, [person(1)])

    with a_live_worker_on(job):
        assert tasks.run_import.call(job.pk) == tasks.ANOTHER_WORKER

    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED_IMPORT
    assert not Volunteer.objects.filter(national_id=nid(1)).exists()


def test_an_upload_still_waiting_for_its_check_can_be_cancelled(client_for, lampang_officer, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))
    assert job.status == ImportJob.Status.QUEUED_CHECK
    assert client.get(reverse("rosters:progress", args=[job.pk])).json()["can_cancel"] is True

    response = client.post(reverse("rosters:cancel", args=[job.pk]), follow=True)

    assert CANCELLED in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED and not job.file
    assert pipeline.check_import_job(job.pk) == ImportJob.Status.CANCELLED


def test_a_job_left_waiting_long_for_a_worker_says_so_and_can_still_be_cancelled(client_for, lampang_officer, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))
    assert "นานกว่า 5 นาที" not in client.get(reverse("rosters:progress", args=[job.pk])).json()["phase"]

    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=6))

    answer = client.get(reverse("rosters:progress", args=[job.pk])).json()
    assert answer["status"] == "queued_check" and answer["can_cancel"] is True
    assert "รออยู่ในคิวนานกว่า 5 นาทีแล้ว" in answer["phase"] and "ไม่มีข้อมูลใดสูญหาย" in answer["phase"]
    assert "รออยู่ในคิวนานกว่า 5 นาทีแล้ว" in client.get(reverse("rosters:job", args=[job.pk])).content.decode()
