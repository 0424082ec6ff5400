"""Past one machine: roster jobs go through Redis with RQ (TASKS_BACKEND=rq) to a separate worker process while the
pages are served, the report cache lives in the same Redis, and a Redis that goes down loses nothing.

The Redis is Debian's redis-server started by the test run (tests/redis_server.py); the worker is the real one,
`python -m config.worker` (what `make worker` runs) with TASKS_BACKEND=rq, on the test database.
"""

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from config import task_backends
from rosters import tasks
from rosters.models import ImportJob
from rosters.requeue import QUEUE_DOWN_PHASE
from rosters.tests.factories import roster_csv
from tests.redis_server import redis_server_fixture, running_redis_fixture  # noqa: F401
from tests.worker import database_url, job_status, stop_worker, wait_for
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
ROWS = 2_000
RQ_BACKEND = "config.task_backends.ForgivingRQBackend"


@pytest.fixture(autouse=True)
def redis_retried_soon(monkeypatch):
    # After a failure the backend leaves Redis alone for a few seconds; here a fraction of one, and no failure left
    # over from the test before.
    monkeypatch.setattr(task_backends, "RETRY_AFTER", 0.2)
    monkeypatch.setattr(task_backends, "_down_until", 0.0)


def use_rq(settings, server) -> None:
    settings.TASKS = {"default": {"BACKEND": RQ_BACKEND}}
    settings.RQ_QUEUES = {"default": {"URL": server.url(), "DEFAULT_TIMEOUT": 600}}


def start_rq_worker(settings, server, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "rq",
        "REDIS_URL": server.url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "config.worker"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def upload(client, content: bytes) -> ImportJob:
    response = client.post(
        reverse("rosters:upload"), {"kind": "volunteers", "file": SimpleUploadedFile("รายชื่อ.csv", content)}
    )
    assert response.status_code == 302
    return ImportJob.objects.order_by("-pk").first()


def poll(client, job) -> dict:
    return client.get(reverse("rosters:progress", args=[job.pk])).json()


def test_an_import_confirmed_on_rq_is_written_by_the_worker_process_while_pages_are_served(
    client_for, lampang_officer, lampang, settings, tmp_path, running_redis
):
    use_rq(settings, running_redis)
    client = client_for(lampang_officer)
    content, ids = roster_csv(
        lampang, rows=ROWS, first_serial=810_000, first_name="คิวเรดิส", last_name="ผ่านคิวเรดิส", title="นาง"
    )
    worker = start_rq_worker(settings, running_redis, tmp_path / "worker.log")
    try:
        job = upload(client, content)
        wait_for(lambda: job_status(job.pk) == ImportJob.Status.PREVIEW, 120, "the check on the RQ worker")
        assert client.post(reverse("rosters:confirm", args=[job.pk])).status_code == 302

        pages_served, deadline = 0, time.monotonic() + 180
        while job_status(job.pk) in ImportJob.WORKING:
            # The officer keeps working while the worker process writes: every page answers.
            assert client.get(reverse("volunteers:list")).status_code == 200
            assert poll(client, job)["working"] in {True, False}
            pages_served += 1
            assert time.monotonic() < deadline, "the import did not finish"
        job.refresh_from_db()
        assert job.status == ImportJob.Status.DONE, (job.status, job.message)
        assert Volunteer.objects.filter(national_id__in=ids, province=lampang).count() == ROWS
        assert pages_served >= 1
        page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
        assert f"{ROWS:,}" in page
    finally:
        stop_worker(worker)
    log = (tmp_path / "worker.log").read_text()
    # Both jobs went through Redis to RQ's worker, none through the database queue.
    assert "rqworker" in log and log.count("Job OK") >= 2, log[-3000:]
    assert not DBTaskResult.objects.exists()


def test_report_figures_are_cached_in_redis_and_a_redis_outage_is_only_a_miss(
    client_for, hq_analyst, settings, running_redis, caplog
):
    settings.CACHES = {"default": {"BACKEND": "config.cache.ForgivingRedisCache", "LOCATION": running_redis.url(1)}}
    client = client_for(hq_analyst)
    store = redis.Redis.from_url(running_redis.url(1))

    with CaptureQueriesContext(connection) as computed:
        assert client.get(reverse("reports:dashboard")).status_code == 200
    assert any(b"reports:dashboard" in key for key in store.keys("*")), store.keys("*")
    with CaptureQueriesContext(connection) as cached:
        assert client.get(reverse("reports:dashboard")).status_code == 200
    assert len(cached) < len(computed) - 5, (len(cached), len(computed))  # the figures came from Redis

    running_redis.stop()
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        down = client.get(reverse("reports:dashboard") + "?refresh=1")
        again = client.get(reverse("reports:province", args=["52"]))
    assert down.status_code == 200 and again.status_code == 200
    assert "ภาพรวมประเทศ" in down.content.decode()
    assert "Redis cache unreachable" in caplog.text


def test_an_import_confirmed_while_redis_is_down_waits_in_thai_and_runs_once_when_redis_is_back(
    client_for, lampang_officer, lampang, settings, tmp_path, running_redis
):
    use_rq(settings, running_redis)
    client = client_for(lampang_officer)
    content, ids = roster_csv(
        lampang, rows=ROWS, first_serial=820_000, first_name="คิวเรดิส", last_name="รอเรดิสกลับมา", title="นาง"
    )
    worker = start_rq_worker(settings, running_redis, tmp_path / "worker-1.log")
    try:
        job = upload(client, content)
        wait_for(lambda: job_status(job.pk) == ImportJob.Status.PREVIEW, 120, "the check on the RQ worker")
    finally:
        stop_worker(worker)
    running_redis.stop()

    response = client.post(reverse("rosters:confirm", args=[job.pk]), follow=True)

    assert response.status_code == 200
    assert job_status(job.pk) == ImportJob.Status.QUEUED_IMPORT
    answer = poll(client, job)
    assert (answer["status"], answer["working"], answer["phase"]) == ("queued_import", True, QUEUE_DOWN_PHASE)
    assert QUEUE_DOWN_PHASE in client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert not Volunteer.objects.filter(national_id__in=ids).exists()

    # Redis comes back empty (no persistence): the queue lost nothing that PostgreSQL did not keep.
    running_redis.start()
    time.sleep(task_backends.RETRY_AFTER)  # left alone for that long after the last failure
    worker = start_rq_worker(settings, running_redis, tmp_path / "worker-2.log")
    try:
        assert poll(client, job)["phase"] == "รอคิวนำเข้า"
        wait_for(lambda: job_status(job.pk) not in ImportJob.WORKING, 120, "the import once Redis is back")
        job.refresh_from_db()
        assert job.status == ImportJob.Status.DONE, (job.status, job.message)
        finished_at = job.finished_at

        # The same job queued once more (a poll that raced the worker, cron): the worker leaves a done job alone.
        tasks.run_import.enqueue(job.pk)
        queue = redis.Redis.from_url(running_redis.url())
        wait_for(lambda: queue.llen("rq:queue:default") == 0, 60, "the duplicate to be taken")
        wait_for(lambda: "Job OK" in (tmp_path / "worker-2.log").read_text().split("run_import")[-1], 60, "it")
    finally:
        stop_worker(worker)
    job.refresh_from_db()
    assert (job.status, job.finished_at) == (ImportJob.Status.DONE, finished_at)
    assert Volunteer.objects.filter(national_id__in=ids, province=lampang).count() == ROWS
    assert not Volunteer.objects.filter(last_name="รอเรดิสกลับมา").exclude(national_id__in=ids).exists()


def test_the_cron_command_queues_once_more_a_job_redis_lost(lampang_officer, lampang, settings, running_redis):
    use_rq(settings, running_redis)
    job = ImportJob.objects.create(
        token="c" * 32,
        kind="volunteers",
        province=lampang,
        created_by=lampang_officer,
        original_name="รายชื่อ.csv",
        file_format="csv",
        status=ImportJob.Status.QUEUED_IMPORT,
        phase=QUEUE_DOWN_PHASE,
    )
    queue = redis.Redis.from_url(running_redis.url())

    call_command("requeue_imports")
    call_command("requeue_imports")

    # Queued once (the second run finds it in Redis), and the job no longer says the queue is down.
    assert queue.llen("rq:queue:default") == 1
    job.refresh_from_db()
    assert (job.status, job.phase) == (ImportJob.Status.QUEUED_IMPORT, "รอคิวนำเข้า")


def test_after_a_failure_redis_is_left_alone_a_moment_instead_of_being_waited_on_by_every_poll(
    client_for, lampang_officer, lampang, settings, running_redis, monkeypatch
):
    use_rq(settings, running_redis)
    monkeypatch.setattr(task_backends, "RETRY_AFTER", 60.0)
    asked = []
    real = task_backends.django_rq.get_connection

    def hanging_redis(name):
        asked.append(name)
        raise redis.exceptions.TimeoutError("Timeout reading from socket")

    monkeypatch.setattr(task_backends.django_rq, "get_connection", hanging_redis)
    client = client_for(lampang_officer)
    content, _ids = roster_csv(lampang, rows=3, first_serial=830_000, first_name="คิวค้าง", last_name="เรดิสไม่ตอบ")
    settings.TASKS = {"default": {"BACKEND": RQ_BACKEND}}
    monkeypatch.setattr(task_backends.RQBackend, "enqueue", lambda self, task, args, kwargs: hanging_redis("q"))

    job = upload(client, content)
    answers = [poll(client, job) for _ in range(3)]

    assert [a["phase"] for a in answers] == [QUEUE_DOWN_PHASE] * 3
    assert len(asked) == 1, "Redis was waited on again within the interval"
    monkeypatch.setattr(task_backends.django_rq, "get_connection", real)
