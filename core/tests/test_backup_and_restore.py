"""An administrator backs up the database, loses rows, restores the file and finds every row again."""

import datetime as dt
import subprocess
import sys
from io import StringIO

import factory
import pytest
from django.conf import settings
from django.core.management import call_command

from core import backups
from trainings.models import Event
from trainings.tests.factories import EventFactory
from volunteers.models import StatusChange, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def make_volunteers(lampang, count):
    return VolunteerFactory.create_batch(
        count,
        province=lampang,
        title=Volunteer.Title.MRS,
        first_name=factory.Sequence(lambda i: f"สมศรี{i}"),
        appointed_on=dt.date(2020, 1, 7),
    )


def test_backup_then_restore_brings_back_volunteers_events_and_history(lampang, lampang_officer, tmp_path):
    volunteers = make_volunteers(lampang, 3)
    volunteers[0].status = Volunteer.Status.RESIGNED
    volunteers[0].save()
    StatusChange.objects.create(
        volunteer=volunteers[0],
        from_status=Volunteer.Status.ACTIVE,
        to_status=Volunteer.Status.RESIGNED,
        changed_on=dt.date(2021, 3, 1),
        reason="ย้ายไปทำงานต่างจังหวัด",
        changed_by=lampang_officer,
    )
    EventFactory(
        title="ประชุมเชิงปฏิบัติการเสริมสร้างเครือข่ายอาสาสมัครแรงงาน",
        host_province=lampang,
        venue="โรงแรมในอำเภอเมืองลำปาง",
        start_date=dt.date(2020, 1, 7),
    )
    history = Volunteer.pgh_event_model.objects
    before = {
        "volunteers": sorted(Volunteer.objects.values_list("national_id", "first_name", "status")),
        "events": sorted(Event.objects.values_list("pk", "title", "fiscal_year")),
        "status_changes": sorted(StatusChange.objects.values_list("volunteer__national_id", "to_status", "reason")),
        "history": sorted(history.values_list("pgh_obj_id", "pgh_label", "status")),
    }
    assert len(before["history"]) == 4  # three inserts and one update

    path = backups.backup(directory=tmp_path, log=lambda line: None)
    assert path.name.startswith(backups.database_target().name) and path.suffix == ".dump"

    Event.objects.all().delete()
    Volunteer.objects.all().delete()
    history.all().delete()
    assert not Volunteer.objects.exists() and not StatusChange.objects.exists() and not history.exists()

    call_command("restore_db", str(path), stdout=StringIO())

    after = {
        "volunteers": sorted(Volunteer.objects.values_list("national_id", "first_name", "status")),
        "events": sorted(Event.objects.values_list("pk", "title", "fiscal_year")),
        "status_changes": sorted(StatusChange.objects.values_list("volunteer__national_id", "to_status", "reason")),
        "history": sorted(history.values_list("pgh_obj_id", "pgh_label", "status")),
    }
    assert after == before
    # The history triggers came back too: a change after the restore is still recorded.
    Volunteer.objects.filter(pk=volunteers[1].pk).update(status=Volunteer.Status.SUSPENDED)
    assert history.filter(pgh_obj_id=volunteers[1].pk).count() == 2


def test_backup_command_names_the_file_with_a_sortable_time(tmp_path, db):
    older = tmp_path / f"{backups.database_target().name}-20200107T093000+0700.dump"
    older.write_bytes(b"an older backup")
    call_command("backup_db", "--dir", str(tmp_path), "--keep", "1", stdout=StringIO())
    dumps = list(tmp_path.glob("*.dump"))
    assert len(dumps) == 1 and dumps[0] != older
    # ISO 8601 basic format in Bangkok time, Common Era: e.g. test_portal_123-20250107T093000+0700.dump
    stamp = dumps[0].stem.rsplit("-", 1)[1]
    parsed = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%z")
    assert parsed.utcoffset() == dt.timedelta(hours=7) and parsed.year < 2500
    assert not list(tmp_path.glob("*.partial"))


def test_restoring_a_missing_file_says_so_and_changes_nothing(lampang, tmp_path):
    make_volunteers(lampang, 1)
    result = subprocess.run(
        [sys.executable, "manage.py", "restore_db", str(tmp_path / "nope.dump")],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode != 0
    assert "Backup file not found" in result.stderr and "Traceback" not in result.stderr
    assert Volunteer.objects.count() == 1
