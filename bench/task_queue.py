"""One roster import through each task backend, as an officer sees it: from upload to preview and from confirm to
done, with the real worker process (`python -m config.worker`) for TASKS_BACKEND=database and for TASKS_BACKEND=rq.

    .venv/bin/python bench/task_queue.py [ROWS]     (default 20,000; README, "Scaling out")

RQ uses REDIS_URL when set, else a redis-server of its own on a free port (Debian's package, `make redis-deps`).
Last line: rows=.. database_check_s=.. database_import_s=.. rq_check_s=.. rq_import_s=..
"""

import csv
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATABASE = "bench_task_queue"


def roster(rows: int, lampang) -> bytes:
    from core.thai import national_id_with_check_digit
    from provinces.models import Subdistrict

    places = list(Subdistrict.objects.filter(province=lampang).values_list("name_th", "district__name_th")[:40])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำบล/แขวง", "อำเภอ/เขต"])
    for n in range(rows):
        subdistrict, district = places[n % len(places)]
        writer.writerow(
            [national_id_with_check_digit(f"35202{n:07d}"), "นาย", f"คิว{n}", "ทดสอบคิว", subdistrict, district]
        )
    return buffer.getvalue().encode("utf-8")


def wait_until(job, statuses, seconds=1800) -> float:
    from rosters.models import ImportJob

    started = time.perf_counter()
    while ImportJob.objects.values_list("status", flat=True).get(pk=job.pk) not in statuses:
        if time.perf_counter() - started > seconds:
            raise SystemExit(f"job {job.pk} did not reach {statuses} in {seconds} s")
        time.sleep(0.05)
    return time.perf_counter() - started


def one_import(backend: str, contents: list[bytes], env: dict, log: Path) -> tuple[float, float]:
    """Times of the last of `contents` (the first ones warm the worker up: start-up and imports are not measured)."""
    from django.conf import settings
    from django.test import override_settings

    from bench.common import staff
    from bench.import_roster import reset_registry
    from provinces.models import Province

    reset_registry()
    lampang = Province.objects.get(code="52")
    officer = staff("bench.lampang", "officer", lampang)
    worker_env = {**os.environ, **env, "TASKS_BACKEND": backend, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    worker = subprocess.Popen(
        [sys.executable, "-m", "config.worker"],
        cwd=ROOT,
        env=worker_env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        tasks = {"default": {"BACKEND": settings.TASK_BACKENDS[backend]}}
        queues = {"default": {"URL": env.get("REDIS_URL", settings.REDIS_URL), "DEFAULT_TIMEOUT": 3600}}
        for content in contents:
            reset_registry()
            with override_settings(TASKS=tasks, RQ_QUEUES=queues):
                check, write = timed_import(content, lampang, officer)
    finally:
        worker.terminate()
        worker.wait(30)
    return check, write


def timed_import(content: bytes, lampang, officer) -> tuple[float, float]:
    """Seconds from upload to preview and from confirm to done, as the officer waits for them."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rosters import services
    from rosters.models import ImportJob

    started = time.perf_counter()
    job = services.start_import(
        uploaded=SimpleUploadedFile("roster.csv", content), kind="volunteers", province=lampang, by=officer
    )
    wait_until(job, {ImportJob.Status.PREVIEW, ImportJob.Status.REJECTED})
    check = time.perf_counter() - started
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEW, job.message
    started = time.perf_counter()
    services.confirm_import(job=job, by=officer)
    wait_until(job, {ImportJob.Status.DONE, ImportJob.Status.FAILED})
    write = time.perf_counter() - started
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.message
    return check, write


def start_redis(folder: Path) -> tuple[str, subprocess.Popen]:
    """A throw-away redis-server on a free port (Debian's package, `make redis-deps`)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    return f"redis://127.0.0.1:{port}/0", server


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    from bench.common import setup_django

    setup_django(DATABASE)
    from provinces.models import Province

    content = roster(rows, Province.objects.get(code="52"))
    warm_up = roster(20, Province.objects.get(code="52"))
    env = {"DATABASE_URL": os.environ["DATABASE_URL"]}
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        redis_url, server = os.environ.get("REDIS_URL"), None
        if not redis_url:
            redis_url, server = start_redis(Path(folder))
        try:
            for backend, extra in [("database", {}), ("rq", {"REDIS_URL": redis_url})]:
                check, write = one_import(
                    backend, [warm_up, content], {**env, **extra}, Path(folder) / f"{backend}.log"
                )
                results[backend] = (check, write)
                print(f"{backend}: upload to preview {check:.1f} s, confirm to done {write:.1f} s")
        finally:
            if server:
                server.terminate()
                server.wait(30)
    print(
        f"rows={rows} database_check_s={results['database'][0]:.2f} database_import_s={results['database'][1]:.2f} "
        f"rq_check_s={results['rq'][0]:.2f} rq_import_s={results['rq'][1]:.2f}"
    )


if __name__ == "__main__":
    main()
