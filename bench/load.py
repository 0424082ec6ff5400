"""Load: 300 simulated users for 2 minutes against gunicorn on 127.0.0.1, on the 1,000,000-volunteer database.

    make bench-load         (or .venv/bin/python bench/load.py [--users 300] [--minutes 2] [--volunteers 1000000]
                             [--workers 5] [--threads 1] [--pace people|stress]; needs Locust, from
                             requirements-dev.txt)

The mix (bench/load_locustfile.py), in proportion whatever --users is (300: 200 / 10 / 40 / 30 / 20): province
officers browsing and searching their province's registry (list pages, later pages, name and ID searches, a
volunteer's page, the mentor list), officers uploading a small roster through the import page, waiting for its check,
confirming it and waiting for the write, HQ analysts on the national dashboard and the province reports, officers
typing the month's paper forms into the monthly-report grid of their district (a page of it, then a few rows, each
posted as the page's script posts it), and other systems using the API with personal tokens (volunteer list pages
by cursor, a volunteer, the province's and the national figures; monthly reports saved, a volunteer's phone edited
with If-Match). At the "people" pace (the default), each simulated user waits as staff at work would: 10-30 s
between pages (reading one before asking for the next), importers 30-60 s between uploads, grid officers 10-20 s
between pages and 10-20 s between rows (a paper form's dozen numbers typed), API clients 5-15 s; 300 users ask about
20 requests a second. At the "stress" pace (--pace stress, the pace of the first runs), 0.5-2 s (importers 5-10 s,
grid officers 2-6 s and 1-3 s, API clients 0.5-2 s): 300 users ask about 150 a second. The writers never write the
same volunteer at once: a district of their own for each grid officer, volunteers of their own in ten other
provinces for each API client.

Reuses the database and the fill of bench/roster_pages.py (bench_roster; filled by it if missing or stale). Users
sign in here, in this process, the way the tests do (HQ with a verified second factor), and Locust gets their
session cookies and the API clients' tokens (made afresh each run; the fill's volunteers the API clients edit get
their terms of office first, see give_terms). Starts gunicorn and the import worker (manage.py db_worker) on that
database, runs Locust headless, stops everything. Only 127.0.0.1; bounded in time. Prints requests per second,
median and 95th-percentile latency and errors per page and in total; the last line sums it up as key=value pairs
(and counts the monthly reports saved through the grid and the API, with their 95th percentile).
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
# The API clients' provinces: ten others, so that the API and the grid never write the same volunteer's month.
API_PROVINCES = ["11", "12", "13", "60", "80", "84", "41", "31", "33", "70"]
API_VOLUNTEERS = 20  # volunteers each API client reads, reports for and edits, its own
TOKEN_NAME = "load benchmark"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_users(first_serial: int, users: int = 300) -> dict:
    """Sign the simulated users in (sessions in the database gunicorn reads), give the API clients their tokens and
    pick what they will look at and write. `users` sizes the writers' shares: each monthly-report officer gets a
    district of their own and each API client volunteers of its own (a fifth of the users each, more than the
    locustfile's weights give them), so that no two write the same volunteer's month at once."""
    from django.conf import settings
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from accounts.models import StaffProfile
    from activity import rules
    from activity.kinds import seed_work_kinds
    from activity.models import WorkKind
    from api import tokens
    from api.models import ApiToken
    from bench.common import verify_second_factor
    from provinces.models import District, Province, Subdistrict
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

    def token_of(user, *, read_only: bool) -> str:
        return tokens.create_token(user=user, name=TOKEN_NAME, days=30, read_only=read_only)[1]

    plan = {"session_cookie": settings.SESSION_COOKIE_NAME, "first_import_serial": first_serial}
    provinces = {p.code: p for p in Province.objects.filter(code__in=PROVINCES + API_PROVINCES)}
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

    # Monthly reports: the month just ended, the one the grid opens at and whose paper forms arrive now. The kinds
    # of work come with a migration; seeded again here (only the missing ones) in case a database lost them.
    seed_work_kinds()
    month = rules.previous_month(timezone.localdate())
    writers = max(4, users // 5)
    serving = dict(
        Volunteer.objects.filter(province__code__in=PROVINCES)
        .filter(rules.serving_in_month(month))
        .values_list("subdistrict__district_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    districts = sorted(
        District.objects.filter(province__code__in=PROVINCES).values_list("pk", "code", "province__code"),
        key=lambda row: (-serving.get(row[0], 0), row[1]),
    )[:writers]
    reporters = []
    for pk, code, province_code in districts:
        user = account(f"load.reporter.{province_code}", "officer", provinces[province_code])
        pages = max(1, -(-serving.get(pk, 0) // settings.ACTIVITY_GRID_PAGE_SIZE))
        reporters.append({"session": session_of(user), "province": province_code, "district": code, "pages": pages})

    # API clients: a read-write token of a province's officer (another ten provinces, so that no report is written
    # by the grid and the API at once) and a read-only one of HQ for the national figures, made afresh each run.
    ApiToken.objects.filter(user__username__startswith="load.", name=TOKEN_NAME).delete()
    api_clients = []
    per_province = -(-writers // len(API_PROVINCES))
    samples = {
        code: list(
            Volunteer.objects.filter(province=provinces[code])
            .filter(rules.serving_in_month(month))
            .order_by("?")
            .values_list("pk", flat=True)[: per_province * API_VOLUNTEERS]
        )
        for code in API_PROVINCES
    }
    give_terms([pk for sample in samples.values() for pk in sample])
    for index in range(writers):
        code = API_PROVINCES[index % len(API_PROVINCES)]
        user = account(f"load.api.{code}", "officer", provinces[code])
        share = index // len(API_PROVINCES)
        api_clients.append(
            {
                "token": token_of(user, read_only=False),
                "hq_token": token_of(hq, read_only=True),
                "province": code,
                # Its own volunteers: no other simulated user writes their reports or edits them.
                "volunteer_ids": samples[code][share * API_VOLUNTEERS : (share + 1) * API_VOLUNTEERS],
            }
        )
    plan.update(
        officers=officers,
        importers=importers,
        hq=[session_of(hq) for _ in range(SESSIONS_PER_KIND["hq"])],
        province_codes=PROVINCES,
        report_month=month.strftime("%Y-%m"),
        kinds=list(WorkKind.objects.active().values_list("code", flat=True)),
        reporters=reporters,
        api_clients=api_clients,
    )
    return plan


def give_terms(volunteer_ids: list[int]) -> None:
    """The terms of office the API clients' volunteers would have on record: the fill (bench/roster_pages.py) gives
    nobody a term, and an edit of a volunteer without one records their first term from the appointment date, which
    for most has long ended, so that they would stop serving and their next report be refused. Each of those without
    a term gets one from the appointment and re-appointments after it up to one running today, as a volunteer still
    serving has."""
    import datetime as dt

    from django.utils import timezone

    from volunteers import rules
    from volunteers.models import Term, Volunteer

    today = timezone.localdate()
    volunteers = Volunteer.objects.filter(pk__in=volunteer_ids, terms__isnull=True, appointed_on__isnull=False)
    terms, ends = [], {}
    for volunteer in volunteers.only("pk", "appointed_on", "appointment_order"):
        starts_on, order_no = volunteer.appointed_on, volunteer.appointment_order
        while True:
            ends_on = rules.default_term_end(starts_on)
            terms.append(Term(volunteer=volunteer, order_no=order_no, starts_on=starts_on, ends_on=ends_on))
            if ends_on >= today:
                break
            starts_on, order_no = ends_on + dt.timedelta(days=1), "ภาระทดสอบ/แต่งตั้งอีกวาระ"
        ends[volunteer.pk] = ends_on
    Term.objects.bulk_create(terms)
    for pk, ends_on in ends.items():
        Volunteer.objects.filter(pk=pk).update(term_ends_on=ends_on)


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
    reporter, api = plan["reporters"][0], plan["api_clients"][0]
    grid = (
        f"/activity/province/{reporter['province']}/grid/?district={reporter['district']}&month={plan['report_month']}"
    )

    def signed_in(session: str) -> tuple[str, str]:
        return "Cookie", f"{plan['session_cookie']}={session}"

    def bearer(token: str) -> tuple[str, str]:
        return "Authorization", f"Bearer {token}"

    for header, paths in [
        (signed_in(plan["hq"][0]), ["/reports/dashboard/"] * 4 + [f"/reports/province/{c}/" for c in PROVINCES]),
        (signed_in(plan["officers"][0]["session"]), ["/volunteers/", "/mentors/"] * 2),
        (signed_in(reporter["session"]), [grid] * 2),
        (bearer(api["token"]), ["/api/v1/volunteers/", f"/api/v1/figures/provinces/{api['province']}/"]),
        (bearer(api["hq_token"]), ["/api/v1/figures/national/"] * 2),
    ]:
        opener.addheaders = [header]
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


def report(stats_csv: Path, users: int, pace: str) -> None:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    width = 38
    print(f"\n{'page':<{width}} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    total = None
    by_name = {}
    for row in rows:
        if row["Name"] == "Aggregated":
            total = row
            continue
        by_name[row["Name"]] = row
        print(
            f"{row['Name'][:width]:<{width}} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['95%']:>7} {float(row['Max Response Time']):>7.0f}"
        )
    assert total is not None, "Locust wrote no totals"
    print(
        f"{'all':<{width}} {total['Request Count']:>8} {total['Failure Count']:>6} {float(total['Requests/s']):>7.1f} "
        f"{total['50%']:>7} {total['95%']:>7} {float(total['Max Response Time']):>7.0f}"
    )
    # The writes of the monthly reports, through the grid and through the API: how many, and their p95.
    writes = {"grid_save": "report grid: save row", "api_report_save": "API monthly report save"}
    extra = " ".join(
        f"{key}s={by_name[name]['Request Count'] if name in by_name else 0} "
        f"{key}_p95_ms={by_name[name]['95%'] if name in by_name else 'NA'}"
        for key, name in writes.items()
    )
    print(
        f"users={users} pace={pace} rps={float(total['Requests/s']):.1f} p50_ms={total['50%']} p95_ms={total['95%']} "
        f"errors={total['Failure Count']} {extra}"
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
    parser.add_argument(
        "--pace",
        choices=["people", "stress"],
        default="people",
        help="how long users wait between requests (bench/load_locustfile.py PACES): as staff work, or 0.5-2 s",
    )
    args = parser.parse_args()

    database = database_name(roster_pages.DATABASE, args.volunteers, roster_pages.DEFAULT_VOLUNTEERS)
    print(f"database {database}: migrating and checking", flush=True)
    setup_django(database)
    from volunteers.models import Volunteer

    roster_pages.prepare(args.volunteers, stdout=lambda text: print(text, flush=True))
    print(f"  {Volunteer.objects.count():,} volunteers", flush=True)

    work = Path(tempfile.mkdtemp(prefix="portal-load-"))
    plan = prepare_users(first_serial=int(time.time()) % 10**8 * 100, users=args.users)
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
        "LOAD_PACE": args.pace,
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
        print(
            f"Locust: {args.users} users at the {args.pace} pace for {args.minutes:g} min "
            f"(machine load before: {load1:.2f})",
            flush=True,
        )
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
    report(work / "load_stats.csv", args.users, args.pace)


if __name__ == "__main__":
    main()
