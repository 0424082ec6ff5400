"""Uploaded rosters hold national IDs as typed: their files are deleted after the retention period, the record stays."""

import datetime as dt
import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from rosters.models import ImportJob
from rosters.tests.factories import person, xlsx_bytes
from rosters.tests.helpers import confirm, upload

pytestmark = pytest.mark.django_db


def age(job, days):
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(days=days))


def test_old_files_are_deleted_and_the_import_record_stays(client_for, lampang_officer, settings):
    client = client_for(lampang_officer)
    _, done = upload(client, xlsx_bytes([person(1), person(2, **{"ตำบล/แขวง": "ไม่มีตำบลนี้"})]))
    confirm(client, done)
    _, waiting = upload(client, xlsx_bytes([person(3)]), name="ยังไม่ยืนยัน.xlsx")
    _, recent = upload(client, xlsx_bytes([person(4)]), name="ล่าสุด.xlsx")
    done.refresh_from_db()
    old_paths = [done.file.path, done.failed_file.path, waiting.file.path]
    assert all(os.path.exists(path) for path in old_paths)
    age(done, 91)
    age(waiting, 91)

    call_command("purge_roster_files", days=90)

    assert not any(os.path.exists(path) for path in old_paths)
    done.refresh_from_db()
    assert (done.status, done.new_count, done.file.name, done.failed_file.name) == ("done", 1, "", "")
    page = client.get(reverse("rosters:job", args=[done.pk])).content.decode()
    assert done.original_name in page and 'data-testid="failed-' not in page
    assert client.get(reverse("rosters:failed_rows", args=[done.pk])).status_code == 404

    waiting.refresh_from_db()
    assert waiting.status == ImportJob.Status.CANCELLED
    assert "ไม่ได้ยืนยันการนำเข้าภายใน 90 วัน" in waiting.message
    assert client.post(reverse("rosters:confirm", args=[waiting.pk])).status_code in (302, 400, 409)
    waiting.refresh_from_db()
    assert waiting.status == ImportJob.Status.CANCELLED

    recent.refresh_from_db()
    assert recent.status == ImportJob.Status.PREVIEW and os.path.exists(recent.file.path)


def test_a_job_still_working_keeps_its_file(client_for, lampang_officer):
    _, job = upload(client_for(lampang_officer), xlsx_bytes([person(1)]))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)
    age(job, 400)
    call_command("purge_roster_files", days=90)
    job.refresh_from_db()
    assert job.file and os.path.exists(job.file.path)


def test_a_retention_of_zero_days_is_refused(capsys):
    with pytest.raises(SystemExit):
        call_command("purge_roster_files", days=0)
    assert "จำนวนวัน" in capsys.readouterr().err
