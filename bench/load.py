"""Load: 300 simulated users for 2 minutes against gunicorn on 127.0.0.1, on the 1,000,000-volunteer database.

    make bench-load         (or .venv/bin/python bench/load.py [--users 300] [--minutes 2] [--volunteers 1000000]
                             [--workers 5] [--threads 1]; needs Locust, from requirements-dev.txt)

The mix (bench/load_locustfile.py), in proportion whatever --users is (300: 240 / 12 / 48): province officers
browsing and searching their province's registry (list pages, later pages, name and ID searches, a volunteer's page,
the mentor list), officers uploading a small roster through the import page, waiting for its check, confirming it
and waiting for the write, and HQ analysts on the national dashboard and the province reports. Each simulated user
waits 0.5-2 s between requests (importers 5-10 s), as a person would. Monthly reports and the API join the mix
when they exist (issues 15 and 16).

Reuses the database and the fill of bench/roster_pages.py (bench_roster; filled by it if missing or stale). Users
sign in here, in this process, the way the tests do (HQ with a verified second factor), and Locust gets their
session cookies. Starts
gunicorn and the import worker (manage.py db_worker) on that database, runs Locust headless, stops everything.
Only 127.0.0.1; bounded in time. Prints requests per second, median and 95th-percentile latency and errors per
page and in total; the last line sums it up as key=value pairs.
"""

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import roster_pages
from bench.common import ROOT, database_name, setup_django

PROVINCES = ["52", "50", "10", "30", "40", "57", "90", "20", "65", "34"]  # officers of ten provinces
SESSIONS_PER_KIND = {"officers": 40, "importers": 2, "hq": 8}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_users(first_serial: int) -> dict:
    """Sign the simulated users in (sessions in the database gunicorn reads) and pick what they will look at."""
    from django.conf import settings
    from django.test import Client

    from accounts.models import StaffProfile
    from bench.common import verify_second_factor
    from provinces.models import Province, Subdistrict
    from volunteers.models import Volunteer

    User = __import__("django.contrib.auth", fromlist=["get_user_model"]).get_user_model()

    def account(username, role, province=None):
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": "ภาระ", "last_name": "ทดสอบ"})
        StaffProfile.objects.update_or_create(user=user, defaults={"role": role, "province": province})
        return User.objects.get(pk=user.pk)

    def session_of(user) -> str:
        client = Client()
        client.force_login(user)
        verify_second_factor(client, user)
        return client.cookies[settings.SESSION_COOKIE_NAME].value

    plan = {"session_cookie": settings.SESSION_COOKIE_NAME, "first_import_serial": first_serial}
    provinces = {p.code: p for p in Province.objects.filter(code__in=PROVINCES)}
    officers = []
    for index in range(SESSIONS_PER_KIND["officers"]):
        province = provinces[PROVINCES[index % len(PROVINCES)]]
        user = account(f"load.officer.{province.code}", "officer", province)
        sample = list(
            Volunteer.objects.filter(province=province)
            .order_by("?")
            .values_list("pk", "national_id", "first_name", "last_name")[:200]
        )
        officers.append(
            {
                "session": session_of(user),
                "volunteer_ids": [row[0] for row in sample],
                "national_ids": [row[1] for row in sample[:50]],
                # A part of a real name (three or more Thai letters, so the trigram index applies) or a surname.
                "names": sorted({row[2][:4] for row in sample[:40]} | {row[3] for row in sample[:20]}),
            }
        )
    importers = []
    for index in range(SESSIONS_PER_KIND["importers"]):
        province = provinces[PROVINCES[index]]
        user = account(f"load.importer.{province.code}", "officer", province)
        places = list(Subdistrict.objects.filter(province=province).values_list("name_th", "district__name_th")[:30])
        importers.append({"session": session_of(user), "places": places})
    hq = account("load.hq", "hq")
    plan.update(
        officers=officers,
        importers=importers,
        hq=[session_of(hq) for _ in range(SESSIONS_PER_KIND["hq"])],
        province_codes=PROVINCES,
    )
    return plan


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # answering, even if with a redirect or an error status
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url} within {seconds:.0f} s")


def warm_up(base: str, plan: dict) -> None:
    """Open each kind of page once per worker, as the first users of the morning would (caches, connections)."""
    opener = urllib.request.build_opener()
    for session, paths in [
        (plan["hq"][0], ["/reports/dashboard/"] * 4 + [f"/reports/province/{c}/" for c in PROVINCES]),
        (plan["officers"][0]["session"], ["/volunteers/", "/mentors/"] * 2),
    ]:
        opener.addheaders = [("Cookie", f"{plan['session_cookie']}={session}")]
        for path in paths:
            started = time.perf_counter()
            with opener.open(base + path, timeout=120) as response:
                response.read()
            print(f"  warm-up {path}: {response.status} in {1000 * (time.perf_counter() - started):.0f} ms", flush=True)


def stop(process: subprocess.Popen, name: str) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    print(f"  {name} stopped", flush=True)


def report(stats_csv: Path, users: int) -> None:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    print(f"\n{'page':<28} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    total = None
    for row in rows:
        if row["Name"] == "Aggregated":
            total = row
            continue
        print(
            f"{row['Name'][:28]:<28} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['95%']:>7} {float(row['Max Response Time']):>7.0f}"
        )
    assert total is not None, "Locust wrote no totals"
    print(
        f"{'all':<28} {total['Request Count']:>8} {total['Failure Count']:>6} {float(total['Requests/s']):>7.1f} "
        f"{total['50%']:>7} {total['95%']:>7} {float(total['Max Response Time']):>7.0f}"
    )
    print(
        f"users={users} rps={float(total['Requests/s']):.1f} p50_ms={total['50%']} p95_ms={total['95%']} "
        f"errors={total['Failure Count']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--volunteers", type=int, default=roster_pages.DEFAULT_VOLUNTEERS)
    # gunicorn's advice, 2 x cores + 1 processes of one thread each: measured on 2 cores, p95 190-220 ms against
    # 250-330 ms for 2 workers x 4 threads, whose threads wait on each other for the GIL after every query.
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    database = database_name(roster_pages.DATABASE, args.volunteers, roster_pages.DEFAULT_VOLUNTEERS)
    print(f"database {database}: migrating and checking", flush=True)
    setup_django(database)
    from volunteers.models import Volunteer

    roster_pages.prepare(args.volunteers, stdout=lambda text: print(text, flush=True))
    print(f"  {Volunteer.objects.count():,} volunteers", flush=True)

    work = Path(tempfile.mkdtemp(prefix="portal-load-"))
    plan = prepare_users(first_serial=int(time.time()) % 10**8 * 100)
    users_file = work / "users.json"
    users_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DEBUG": "false",
        "PRODUCTION": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(work / "media"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOAD_USERS_FILE": str(users_file),
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    gunicorn = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={args.workers}",
            f"--threads={args.threads}",
            "--worker-class=gthread",
            "--timeout=60",
            # As nginx keeps a connection (75 s), longer than any simulated pause: a server closing an idle connection just as
            # the client sends on it would show as a failed request.
            "--keep-alive=75",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    worker = subprocess.Popen(
        [python, "manage.py", "db_worker", "--queue-name", "*"],
        cwd=ROOT,
        env=env,
        stdout=(work / "worker.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_up(base + "/accounts/login/")
        print(f"gunicorn on {base}: {args.workers} workers x {args.threads} threads; import worker running", flush=True)
        warm_up(base, plan)
        load1 = os.getloadavg()[0]
        print(f"Locust: {args.users} users for {args.minutes:g} min (machine load before: {load1:.2f})", flush=True)
        seconds = int(args.minutes * 60)
        locust = subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "locust"),
                "-f",
                str(ROOT / "bench" / "load_locustfile.py"),
                "--headless",
                f"--users={args.users}",
                "--spawn-rate=10",
                f"--run-time={seconds}s",
                f"--host={base}",
                f"--csv={work / 'load'}",
                "--only-summary",
                "--stop-timeout=10",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env=env,
            timeout=seconds + 120,
            stdout=(work / "locust.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        print(f"Locust finished (exit {locust.returncode}); machine load now: {os.getloadavg()[0]:.2f}", flush=True)
        failures = work / "load_failures.csv"
        if failures.exists() and failures.stat().st_size > 0:
            for row in list(csv.DictReader(failures.open(encoding="utf-8")))[:10]:
                print(f"  failure: {row['Method']} {row['Name']}: {row['Error']} x{row['Occurrences']}")
    finally:
        stop(gunicorn, "gunicorn")
        stop(worker, "import worker")
    report(work / "load_stats.csv", args.users)


if __name__ == "__main__":
    main()
