"""The national dashboard and a province report on 1,000,000 volunteers, with and without the report cache.

    make bench-dashboard    (or .venv/bin/python bench/dashboard.py [--volunteers 1000000] [--runs 15])

Fills its own database (bench_dashboard; bench_dashboard_<n> for another size) by COPY from in-memory CSV:
1,000,000 volunteers with their terms of office (about 2,000,000: appointed from 2012, re-appointed for three years
at a time or not, so some terms end within 90 days and some have ended), the first of each subdistrict's volunteers
up to its quota a lead and the others network members, a quota of 2 in some subdistricts beside Bangkok's 3 per แขวง,
20,000 mentors, 10,000 events and 500,000 registrations with their attendance (about 1,000,000 rows); reruns reuse it until a migration or the fill's code changes (bench.common.fill_fingerprint).
Loading runs with session_replication_role = replica, so the history triggers and foreign-key checks are skipped
(the report reads neither), and so are the triggers that keep the report tallies: they are rebuilt after a fill, or
when found empty (a database filled before the tallies existed). Times each page through Django's test Client
in-process (server time: middleware, view, queries, template; the parts the report threads of core.alongside compute
side by side, REPORT_THREADS of them, as in a worker) and counts its queries, for a full fiscal year (the
last finished one), and the dashboard of the running year too (as at today). Then it runs itself on 10,000 volunteers (<database>_small) and checks the query counts are the
same. The last line sums it up as key=value pairs.
"""

import argparse
import datetime as dt
import importlib
import importlib.util
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import (
    Copier,
    Stopwatch,
    allow_test_client,
    client_for,
    database_name,
    fill_fingerprint,
    is_filled,
    last_line,
    mark_filled,
    setup_django,
    staff,
    summarize,
    tally_models,
    vacuum_analyze,
)

DATABASE = "bench_dashboard"
DEFAULT_VOLUNTEERS = 1_000_000
REPORT_IMPORT_ROWS = 10_000
FIRST_NAMES = ["สมชาย", "สมศรี", "วิชัย", "มาลี", "ประเสริฐ", "บุญมี", "สุดา", "ทองดี", "อำนวย", "จันทร์เพ็ญ"]
LAST_NAMES = ["ใจดี", "ศรีสุข", "แก้วมณี", "บุญเรือง", "ทองคำ", "วงศ์ใหญ่", "พรหมมา", "อินทร์แก้ว", "คำแสน", "ปัญญาดี"]


def random_date(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def fill(volunteers: int, *, stdout=print) -> None:
    """Empty the registry and the training records and COPY `volunteers` volunteers, a mentor for 50 of them, an
    event for 100 and a registration for 2, with attendance and status changes (report tallies: see prepare)."""
    from django.db import connection
    from django.utils import timezone

    from activity.models import MonthlyReport
    from cases.models import Case
    from core.thai import fiscal_year
    from mentors.models import Mentor
    from provinces.models import BANGKOK_CODE, Agency, Subdistrict, default_quota
    from trainings.models import Attendance, Category, Event, EventDay, EventTarget, Registration
    from volunteers.models import StatusChange, Term, Volunteer
    from volunteers.rules import default_term_end

    rng = random.Random(20250107)
    mentors, events, registrations = volunteers // 50, volunteers // 100, volunteers // 2
    today = timezone.localdate()
    now = timezone.now()
    # Quotas as the programme has them (load_geography: 1, Bangkok's แขวง 3), then 2 in one subdistrict in 25
    # outside Bangkok, as HQ sets where a subdistrict is large.
    Subdistrict.objects.filter(province__code=BANGKOK_CODE).update(quota=default_quota(BANGKOK_CODE))
    Subdistrict.objects.exclude(province__code=BANGKOK_CODE).update(quota=1)
    bigger = [pk for pk, quota in Subdistrict.objects.order_by("pk").values_list("pk", "quota") if quota == 1][::25]
    Subdistrict.objects.filter(pk__in=bigger).update(quota=2)
    quotas = dict(Subdistrict.objects.values_list("pk", "quota"))
    subdistricts = list(Subdistrict.objects.values_list("pk", "province_id"))
    # About one subdistrict in twelve has nobody, so coverage is below 100% and the EXISTS probes miss sometimes.
    covered = [s for s in subdistricts if rng.random() > 0.08]
    weights = [rng.uniform(0.3, 3.0) for _ in covered]
    agencies = list(Agency.objects.values_list("pk", "province_id"))
    province_ids = sorted({p for _, p in subdistricts})
    # A few provinces have not touched their roster for months: the completeness board has something to show.
    stale = set(province_ids[::15])

    models = [
        MonthlyReport,
        Case,
        Attendance,
        EventDay,
        Registration,
        EventTarget,
        Event,
        StatusChange,
        Term,
        Volunteer,
        Mentor,
    ]
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(m._meta.db_table for m in models) + " CASCADE")
        cursor.execute("SET session_replication_role = replica")
        raw = cursor.cursor

        with Stopwatch() as watch:
            mentor_copier = Copier(
                Mentor,
                ["id", "first_name", "last_name", "agency_id", "province_id", "is_active", "created_at", "updated_at"],
            )
            mentors_of = {p: [] for p in province_ids}

            def mentor_rows():
                for i in range(1, mentors + 1):
                    agency_id, province_id = agencies[rng.randrange(len(agencies))]
                    active = rng.random() < 0.93
                    if active:
                        mentors_of[province_id].append(i)
                    yield (i, rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), agency_id, province_id, active, now, now)

            mentor_copier.copy(raw, mentor_rows())

            volunteer_copier = Copier(
                Volunteer,
                [
                    "id",
                    "national_id",
                    "title",
                    "first_name",
                    "last_name",
                    "gender",
                    "birth_date",
                    "subdistrict_id",
                    "province_id",
                    "appointed_on",
                    "mentor_id",
                    "status",
                    "status_changed_on",
                    "tier",
                    "term_ends_on",
                    "created_at",
                    "updated_at",
                ],
            )
            changes, terms = [], []
            placed = dict.fromkeys(quotas, 0)

            def volunteer_rows():
                picks = rng.choices(covered, weights=weights, k=volunteers)
                for i, (subdistrict_id, province_id) in enumerate(picks, start=1):
                    appointed = random_date(rng, dt.date(2012, 1, 1), today)
                    roll = rng.random()
                    status, changed = "active", None
                    if roll < 0.07:
                        status = "resigned"
                    elif roll < 0.09:
                        status = "deceased"
                    elif roll < 0.12:
                        status = "suspended"
                    if status != "active":
                        changed = random_date(rng, appointed, today)
                        changes.append((i, status, changed))
                    # Terms of three years from the appointment; at each end, three in four are appointed again.
                    starts_on, ends_on = appointed, default_term_end(appointed, 3)
                    terms.append((i, starts_on, ends_on))
                    while ends_on < today and rng.random() < 0.75:
                        starts_on = ends_on + dt.timedelta(days=1)
                        ends_on = default_term_end(starts_on, 3)
                        terms.append((i, starts_on, ends_on))
                    tier = "lead" if placed[subdistrict_id] < quotas[subdistrict_id] else "network"
                    placed[subdistrict_id] += 1
                    pool = mentors_of[province_id]
                    mentor_id = pool[rng.randrange(len(pool))] if pool and rng.random() < 0.9 else None
                    gender = "male" if rng.random() < 0.55 else "female"
                    touched = now - dt.timedelta(
                        days=rng.randrange(120, 400) if province_id in stale else rng.randrange(60)
                    )
                    yield (
                        i,
                        f"{3_000_000_000_000 + i:013d}",
                        "mr" if gender == "male" else "mrs",
                        rng.choice(FIRST_NAMES),
                        rng.choice(LAST_NAMES) + str(i % 997),
                        gender,
                        random_date(rng, dt.date(1955, 1, 1), dt.date(2004, 12, 31)),
                        subdistrict_id,
                        province_id,
                        appointed,
                        mentor_id,
                        status,
                        changed,
                        tier,
                        ends_on,
                        touched,
                        touched,
                    )

            volunteer_copier.copy(raw, volunteer_rows())
            change_copier = Copier(
                StatusChange, ["id", "volunteer_id", "from_status", "to_status", "changed_on", "reason", "recorded_at"]
            )
            reasons = {
                "resigned": ["ย้ายภูมิลำเนา", "ประกอบอาชีพอื่น", "ติดภารกิจครอบครัว"],
                "deceased": ["เสียชีวิต"],
                "suspended": ["ขาดการติดต่อ"],
            }
            change_copier.copy(
                raw,
                (
                    (n, vid, "active", status, on, rng.choice(reasons[status]), now)
                    for n, (vid, status, on) in enumerate(changes, start=1)
                ),
            )
            Copier(Term, ["id", "volunteer_id", "order_no", "starts_on", "ends_on", "recorded_at"]).copy(
                raw,
                (
                    (n, vid, f"{n}/{starts_on.year + 543}", starts_on, ends_on, now)
                    for n, (vid, starts_on, ends_on) in enumerate(terms, start=1)
                ),
            )
        stdout(f"mentors + volunteers + terms + status changes: {watch.seconds:.1f} s")

        with Stopwatch() as watch:
            event_rows, day_rows, target_rows = [], [], []
            days_of = {}
            day_id = target_id = 0
            for i in range(1, events + 1):
                start = random_date(rng, dt.date(2021, 10, 1), today + dt.timedelta(days=60))
                length = rng.choice([1, 1, 2, 2, 3])
                end = start + dt.timedelta(days=length - 1)
                host = rng.choice(province_ids)
                national = rng.random() < 0.03
                status = "cancelled" if rng.random() < 0.02 else ("done" if end < today else "open")
                event_rows.append(
                    (
                        i,
                        f"อบรมเครือข่าย อสร. รุ่นที่ {i}",
                        "workshop",
                        "national" if national else "provincial",
                        host,
                        "ห้องประชุม",
                        start,
                        end,
                        fiscal_year(start),
                        status,
                        [],
                        now,
                        now,
                    )
                )
                days_of[i] = []
                for d in range(length):
                    day_id += 1
                    days_of[i].append((day_id, start + dt.timedelta(days=d), end < today and status != "cancelled"))
                    day_rows.append((day_id, i, start + dt.timedelta(days=d)))
                for category, target in [("volunteer", rng.randrange(30, 60)), ("mentor", rng.randrange(3, 10))]:
                    target_id += 1
                    target_rows.append((target_id, i, category, target))
            Copier(
                Event,
                [
                    "id",
                    "title",
                    "kind",
                    "level",
                    "host_province_id",
                    "venue",
                    "start_date",
                    "end_date",
                    "fiscal_year",
                    "status",
                    "topics",
                    "created_at",
                    "updated_at",
                ],
            ).copy(raw, event_rows)
            Copier(EventDay, ["id", "event_id", "date"]).copy(raw, day_rows)
            Copier(EventTarget, ["id", "event_id", "category", "target"]).copy(raw, target_rows)

            attendance = []

            def registration_rows():
                per_event = registrations // events
                reg_id = 0
                for event_id, _title, _kind, level, host, *_rest in event_rows:
                    for _ in range(per_event):
                        reg_id += 1
                        home = host if level == "provincial" and rng.random() < 0.85 else rng.choice(province_ids)
                        category = rng.choices([Category.VOLUNTEER, Category.MENTOR, Category.OFFICIAL], [80, 15, 5])[0]
                        cancelled = now if rng.random() < 0.03 else None
                        if cancelled is None:
                            for day, _date, finished in days_of[event_id]:
                                if finished and rng.random() < 0.8:
                                    attendance.append((reg_id, day))
                        yield (reg_id, event_id, category, f"ผู้เข้าร่วม {reg_id}", home, f"R{reg_id:010d}", now, cancelled)

            Copier(
                Registration,
                ["id", "event_id", "category", "name", "home_province_id", "code", "registered_at", "cancelled_at"],
            ).copy(raw, registration_rows())
            Copier(Attendance, ["id", "registration_id", "day_id", "checked_in_at", "method"]).copy(
                raw, ((n, reg, day, now, "tick") for n, (reg, day) in enumerate(attendance, start=1))
            )
        stdout(f"events, targets, registrations, {len(attendance):,} attendance rows: {watch.seconds:.1f} s")

        people = serving_people(raw)
        with Stopwatch() as watch:
            written = fill_reports(raw, people, rng, today)
        stdout(f"monthly reports: {written:,} rows in {REPORT_MONTHS} months: {watch.seconds:.1f} s")
        with Stopwatch() as watch:
            written = fill_cases(raw, people, volunteers // 2, rng, today, now)
        stdout(f"cases: {written:,}: {watch.seconds:.1f} s")

        cursor.execute("SET session_replication_role = DEFAULT")
        for model in models:
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1)) FROM {table}")
    vacuum_analyze(models, stdout)


# Monthly reports: the last two fiscal years (the one the reports show by default and the one before), from the
# volunteers serving in each month; about one serving volunteer-month in seven has no report (REPORT_SHARE on average,
# by province between the two bounds), as the reporting-rate board finds. Two years, not one: about half of the
# fill's volunteers serve in a given month (the others left or were not re-appointed), and the scale is
# 12 months of 1,000,000 volunteers' reports, some 10,000,000 rows.
REPORT_MONTHS = 24
REPORT_SHARE = (0.75, 0.95)
# Distinct counts to draw from: building each report's JSON afresh would double the fill for no difference the
# pages can see.
COUNTS_POOL = 20_000
REPORT_PART = 500_000
# Cases over the last two years, with the demo's mix of needs and agencies (cases.demo.REFERRALS).
CASE_DAYS = 730


def _month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def serving_people(raw) -> list[tuple]:
    """[(id, province, district, subdistrict, first month, last month)] of every volunteer, by province, district
    and id: the months they serve in as numbers (activity.tallies' ServingTally, the rule of activity.rules)."""
    from activity.tallies import NO_END

    raw.execute(
        "SELECT v.id, v.province_id, s.district_id, v.subdistrict_id, v.appointed_on, v.status, v.status_changed_on, "
        "v.term_ends_on FROM volunteers_volunteer v JOIN provinces_subdistrict s ON s.id = v.subdistrict_id "
        "ORDER BY v.province_id, s.district_id, v.id"
    )
    people = []
    for pk, province, district, subdistrict, appointed, status, changed, ends in raw.fetchall():
        last = NO_END if status == "active" else (_month_number(changed) if changed else -1)
        if ends:
            last = min(last, _month_number(ends))
        people.append((pk, province, district, subdistrict, _month_number(appointed) if appointed else 0, last))
    return people


def fill_reports(raw, people: list[tuple], rng, today: dt.date) -> int:
    """COPY a report for most serving volunteers in each month of the last two fiscal years, month by month (so a
    month's reports of a province and district share pages, as the demo writes them), in parts of REPORT_PART rows.
    Returns the rows written. The caller's session skips the triggers: the tallies are rebuilt after (prepare)."""
    import csv
    import io

    from activity import demo, rules
    from activity.models import MonthlyReport, WorkKind
    from core.thai import current_fiscal_year, fiscal_year_bounds

    month = fiscal_year_bounds(current_fiscal_year() - REPORT_MONTHS // 12)[0]
    months = []
    for _ in range(REPORT_MONTHS):
        months.append(month)
        month = rules.next_month(month)
    plan = demo._kind_plan(list(WorkKind.objects.active()))
    pool = [demo._counts(rng, plan, rng.uniform(0.5, 1.8)) for _ in range(COUNTS_POOL)]
    shares = {p: rng.uniform(*REPORT_SHARE) for p in {person[1] for person in people}}
    columns = ["volunteer_id", "province_id", "district_id", "month", "counts", "problems", "referrals"]
    columns += ["received_on", "on_time", "entered_at"]
    copier = Copier(MonthlyReport, columns)
    tail = [value for _, value in copier.constants]
    if copier.uniques:
        raise ValueError(f"MonthlyReport has a unique column the report fill does not give: {copier.uniques}")
    buffer, written, n = io.StringIO(), 0, 0
    writer = csv.writer(buffer)
    random_, choice = rng.random, rng.choice
    for month in months:
        number, month_text = _month_number(month), month.isoformat()
        due, month_after = rules.due_date(month), rules.next_month(month)
        # Receipt days drawn once per month and reused: the spread is the demo's, the cost a list lookup.
        receipts = []
        for _ in range(500):
            received = demo._received(rng, month_after, due, 0.85)
            receipts.append((received.isoformat(), "t" if received <= due else "f", f"{received}T10:00:00+07:00"))
        for pk, province, district, _subdistrict, first, last in people:
            if not first <= number <= last or random_() >= shares[province]:
                continue
            received, on_time, entered_at = choice(receipts)
            problems = choice(demo.PROBLEMS) if random_() < demo.PROBLEM_ODDS else ""
            referrals = choice((1, 1, 2, 3)) if random_() < 0.08 else 0
            writer.writerow(
                (pk, province, district, month_text, choice(pool), problems, referrals, received, on_time, entered_at)
                + tuple(tail)
            )
            n += 1
            if n == REPORT_PART:
                written += copier._flush(raw, buffer, n)
                buffer, n = io.StringIO(), 0
                writer = csv.writer(buffer)
    if n:
        written += copier._flush(raw, buffer, n)
    return written


def fill_cases(raw, people: list[tuple], count: int, rng, today: dt.date, now) -> int:
    """COPY `count` cases over the last two years, referred by volunteers serving then to their province's agency of
    the kind the needs call for: most done in 5-45 days, some not referable, some open and overdue, a few flagged;
    names on some, erased a year after closing (the PDPA rule)."""
    from cases.models import Case, Status
    from provinces.models import Agency

    agencies = {(province, kind): pk for pk, province, kind in Agency.objects.values_list("pk", "province", "kind")}
    from cases.demo import NOT_REFERABLE_REASONS, REFERRALS

    referrals = [(needs, kind) for needs, kind, _weight in REFERRALS]
    weights = [weight for *_rest, weight in REFERRALS]
    today_number = _month_number(today)
    pool = [
        p for p in people if p[4] <= today_number and p[5] >= today_number - 24 and (p[1], "employment") in agencies
    ]
    copier = Copier(
        Case,
        [
            "province_id",
            "volunteer_id",
            "spotted_on",
            "subdistrict_id",
            "needs",
            "agency_id",
            "flagged",
            "person_name",
            "person_contact",
            "personal_data_erased_on",
            "status",
            "referred_on",
            "accepted_on",
            "closed_on",
            "not_referable_reason",
            "created_at",
            "updated_at",
        ],
    )

    def rows():
        for _ in range(count):
            _pk, province, _district, subdistrict, *_months = person = pool[rng.randrange(len(pool))]
            needs, kind = rng.choices(referrals, weights)[0]
            spotted = today - dt.timedelta(days=rng.randrange(CASE_DAYS))
            age = (today - spotted).days
            accepted = closed = None
            reason = ""
            roll = rng.random()
            if roll < 0.07:
                status, closed = Status.NOT_REFERABLE, spotted + dt.timedelta(days=rng.randrange(1, 11))
                reason = rng.choice(NOT_REFERABLE_REASONS)
            else:
                accept_days, close_days = rng.randrange(1, 11), rng.randrange(5, 46)
                if age >= close_days and roll < 0.92:
                    status, accepted, closed = Status.DONE, min(accept_days, close_days), close_days
                elif age >= accept_days and roll < 0.97:
                    status, accepted = Status.ACCEPTED, accept_days
                else:
                    status = Status.REFERRED
                accepted = spotted + dt.timedelta(days=min(accepted, age)) if accepted is not None else None
                closed = spotted + dt.timedelta(days=closed) if closed is not None else None
            if closed and closed > today:
                closed = today
            erased = closed is not None and (today - closed).days > 365
            named = not erased and rng.random() < 0.4
            yield (
                province,
                person[0],
                spotted,
                subdistrict,
                list(needs),
                agencies[(province, kind)],
                rng.random() < 0.005,
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" if named else "",
                f"08{rng.randrange(10**8):08d}" if named and rng.random() < 0.5 else "",
                closed + dt.timedelta(days=366) if erased else None,
                status,
                spotted,
                accepted,
                closed,
                reason,
                now,
                now,
            )

    return copier.copy(raw, rows())


def hq_client():
    allow_test_client()
    return client_for(staff("bench.hq", "hq"))


def measure(client, url: str, runs: int, *, cached: bool, before=None) -> dict:
    """p50/p95 of `runs` requests: with the cache emptied before each (cached=False), or with `before()` run before
    each (a change the figures must show), or as it comes (cached=True)."""
    import time

    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    from config.memory import settle_worker

    def prepare() -> None:
        if before is not None:
            before()
        elif not cached:
            cache.clear()

    client.get(url)  # warm-up: connections, templates, the map file, the report threads
    settle_worker()  # as a gunicorn worker settles what it loaded (config/wsgi.py)
    samples = []
    for _ in range(runs):
        prepare()
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    # The queries of one more request, with the parts the report threads compute computed in this thread instead
    # (REPORT_THREADS=0, the same queries), where they are counted.
    prepare()
    with override_settings(REPORT_THREADS=0), CaptureQueriesContext(connection) as captured:
        client.get(url)
    return {**summarize(samples), "queries": len(captured)}


def edit_one_volunteer() -> None:
    """Save one volunteer of Lampang as the edit form does (the row's updated_at moves), so that the figures that count
    it are computed again."""
    from volunteers.models import Volunteer

    volunteer = Volunteer.objects.filter(province__code="52").order_by("pk").first()
    volunteer.save(update_fields=["updated_at"])


def prepare(volunteers: int = DEFAULT_VOLUNTEERS, stdout=print) -> None:
    """Fill the database unless it holds this very fill already (same size, same migrations, same fill code), and
    count the report tallies afresh after a fill (the loader skips their triggers) or when they are empty."""
    from activity import tallies as activity_tallies
    from reports import tallies
    from trainings.models import Attendance, Event, Registration
    from volunteers.models import Volunteer

    fingerprint = fill_fingerprint(volunteers, fill, serving_people, fill_reports, fill_cases, Copier)
    filled = not is_filled("dashboard", fingerprint)
    if filled:
        stdout(f"filling: {volunteers:,} volunteers")
        mark_filled("dashboard", None)
        with Stopwatch() as watch:
            fill(volunteers, stdout=stdout)
        mark_filled("dashboard", fingerprint)
        stdout(f"filled in {watch.seconds:.0f} s")
    else:
        stdout(
            f"reusing the fill: {Volunteer.objects.count():,} volunteers, {Event.objects.count():,} events, "
            f"{Registration.objects.count():,} registrations (schema and fill unchanged)"
        )
    stdout(f"attendance rows: {Attendance.objects.count():,}")
    if filled or tallies.is_empty():
        with Stopwatch() as watch:
            tallies.rebuild()
            # The monthly-report board's tallies: who is expected to report is kept from the volunteers.
            activity_tallies.rebuild()
            # The cases' tallies, where the cases app keeps them (the loader skipped their triggers too).
            if importlib.util.find_spec("cases.tallies"):
                importlib.import_module("cases.tallies").rebuild()
            # Every rebuilt tally, so that the pages are timed with fresh statistics and autovacuum does not start on
            # them meanwhile (after a fill it started on the monthly-report tallies within two minutes).
            vacuum_analyze(tally_models(), stdout=lambda _text: None)
        stdout(f"report tallies rebuilt: {watch.seconds:.1f} s")
    stdout(f"tally rows: {tallies.rebuilt_rows()}")


def run(runs: int, stdout=print) -> dict:
    """Time the dashboard, the province reports, the completeness board and the monthly-report grid of one district;
    returns the summary of the last line."""
    from django.db.models import Count, Max
    from django.urls import reverse

    from activity.models import MonthlyReport
    from cases.models import Case
    from core.thai import current_fiscal_year
    from provinces.models import District, Province
    from volunteers.models import Volunteer

    fy = current_fiscal_year() - 1  # the last full fiscal year
    client = hq_client()
    # The largest province and its largest district: the most rows a province page and a grid page have to read.
    largest = Volunteer.objects.values("province").annotate(n=Count("pk")).order_by("-n", "province").first()
    province = Province.objects.get(pk=largest["province"])
    biggest = (
        Volunteer.objects.filter(province=province)
        .values("subdistrict__district")
        .annotate(n=Count("pk"))
        .order_by("-n", "subdistrict__district")
        .first()
    )
    district = District.objects.get(pk=biggest["subdistrict__district"])
    month = MonthlyReport.objects.filter(district=district).aggregate(last=Max("month"))["last"]
    grid_url = reverse("activity:grid", args=[province.code]) + f"?district={district.code}"
    grid_url += f"&month={month:%Y-%m}" if month else ""
    officer = client_for(staff(f"bench.officer.{province.code}", "officer", province))
    stdout(
        f"largest province {province.code} {province.name_th} ({largest['n']:,} volunteers), grid of "
        f"{district.name_th} ({biggest['n']:,}) for {month:%Y-%m}"
        if month
        else "no reports"
    )
    dashboard_url = f"/reports/dashboard/?fy={fy}"
    province_url = f"/reports/province/52/?fy={fy}"
    results = {
        "dashboard": measure(client, dashboard_url, runs, cached=False),
        # What HQ waits for during a working day: an officer has just saved a volunteer in Lampang.
        "dashboard_after_edit": measure(client, dashboard_url, runs, cached=False, before=edit_one_volunteer),
        "dashboard_cached": measure(client, dashboard_url, runs, cached=True),
        # The running year, counted as at today: terms ending this month are counted from the volunteers.
        "dashboard_current": measure(client, "/reports/dashboard/", runs, cached=False),
        "province": measure(client, province_url, runs, cached=False),
        "province_cached": measure(client, province_url, runs, cached=True),
        "completeness": measure(client, f"/reports/completeness/?fy={fy}", max(3, runs // 3), cached=False),
        "province_report": measure(client, f"/reports/province/{province.code}/?fy={fy}", runs, cached=False),
        "grid": measure(officer, grid_url, runs, cached=False),
    }
    for name, r in results.items():
        stdout(f"{name:<20} p50 {r['p50']:7.1f} ms   p95 {r['p95']:7.1f} ms   queries {r['queries']}")
    return {
        "volunteers": Volunteer.objects.count(),
        "fiscal_year": fy,
        "dashboard_p50_ms": round(results["dashboard"]["p50"], 1),
        "dashboard_p95_ms": round(results["dashboard"]["p95"], 1),
        "dashboard_after_edit_p50_ms": round(results["dashboard_after_edit"]["p50"], 1),
        "dashboard_after_edit_p95_ms": round(results["dashboard_after_edit"]["p95"], 1),
        "dashboard_cached_p50_ms": round(results["dashboard_cached"]["p50"], 1),
        "dashboard_current_p50_ms": round(results["dashboard_current"]["p50"], 1),
        "province_p50_ms": round(results["province"]["p50"], 1),
        "province_p95_ms": round(results["province"]["p95"], 1),
        "province_cached_p50_ms": round(results["province_cached"]["p50"], 1),
        "completeness_p50_ms": round(results["completeness"]["p50"], 1),
        "dashboard_queries": results["dashboard"]["queries"],
        "dashboard_cached_queries": results["dashboard_cached"]["queries"],
        "province_queries": results["province"]["queries"],
        "reports_rows": MonthlyReport.objects.count(),
        "cases": Case.objects.count(),
        "grid_ms": round(results["grid"]["p50"], 1),
        "grid_queries": results["grid"]["queries"],
        "province_report_ms": round(results["province_report"]["p50"], 1),
        "province_report_queries": results["province_report"]["queries"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=DEFAULT_VOLUNTEERS)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", help="database name (default bench_dashboard, bench_dashboard_<n> for another size)")
    parser.add_argument("--no-compare", action="store_true", help="skip the 10,000-volunteer run")
    parser.add_argument("--fill-only", action="store_true", help="fill (or check) the database and stop")
    parser.add_argument("--no-report-import", action="store_true", help="skip timing the import of 10,000 reports")
    args = parser.parse_args()
    db = args.db or database_name(DATABASE, args.volunteers, DEFAULT_VOLUNTEERS)

    setup_django(db)
    from django.db import connection

    print(f"database {db}", flush=True)
    prepare(args.volunteers, stdout=lambda text: print(text, flush=True))
    if args.fill_only:
        return
    report_import = (
        importlib.import_module("bench.report_import") if importlib.util.find_spec("bench.report_import") else None
    )
    if report_import and report_import.remove_fill(stdout=lambda text: print(text, flush=True)):
        # As autovacuum would have by the time: otherwise a rerun times Lampang's report over the pages the last run's
        # import wrote and deleted, not yet visible to index-only scans (2,500 heap fetches in one query).
        from activity.models import MonthlyReport
        from volunteers.models import Volunteer

        vacuum_analyze([Volunteer, MonthlyReport, *tally_models()], stdout=lambda text: print(text, flush=True))
    summary = run(args.runs, stdout=lambda text: print(text, flush=True))
    if args.no_report_import:
        pass
    elif importlib.util.find_spec("bench.report_import"):
        figures = importlib.import_module("bench.report_import").time_report_import(REPORT_IMPORT_ROWS)
        print(f"import of {REPORT_IMPORT_ROWS:,} monthly reports: " + last_line(figures), flush=True)
        seconds = figures.get("report_import_s", figures.get("seconds"))
        if seconds is not None:
            summary["report_import_s"] = seconds
    else:
        print("import of monthly reports: skipped (bench/report_import.py is not there yet)", flush=True)
    connection.close()

    same = "n/a"
    if not args.no_compare:
        small = subprocess.run(
            [
                sys.executable,
                __file__,
                "--volunteers",
                "10000",
                "--runs",
                "3",
                "--db",
                f"{db}_small",
                "--no-compare",
                "--no-report-import",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        last = dict(pair.split("=") for pair in small.stdout.strip().splitlines()[-1].split())
        print(
            f"10,000 volunteers: dashboard_queries={last['dashboard_queries']} province_queries={last['province_queries']}"
        )
        same = (
            "yes"
            if (int(last["dashboard_queries"]), int(last["province_queries"]))
            == (summary["dashboard_queries"], summary["province_queries"])
            else "no"
        )
    summary["queries_same_at_10k"] = same
    print(last_line(summary))


if __name__ == "__main__":
    main()
