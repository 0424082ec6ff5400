"""Volunteer registry pages on 1,000,000 volunteers: list, name search, ID search and the volunteer page, and the
same reads through the REST API (/api/v1/volunteers/, with a personal token as another system would send it).

    make bench-pages        (or .venv/bin/python bench/roster_pages.py [--volunteers 1000000] [--runs 30])

Fills its own database (bench_roster; bench_roster_<n> for another size) by COPY, with the history rows, and reuses
it on reruns until a migration or the fill's code changes (bench.common.fill_fingerprint).
Times each page through Django's test Client in-process (server time: view, queries, template), reports the
median, the 95th percentile and the number of queries, and checks that 10 and 50 rows a page cost the same
number of queries. The last line sums it up as key=value pairs.
"""

import argparse
import random
import re
import sys
import time
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

DATABASE = "bench_roster"
DEFAULT_VOLUNTEERS = 1_000_000
BATCH = 100_000

ROOTS = [
    "ศรี",
    "ทอง",
    "แก้ว",
    "บุญ",
    "จันทร์",
    "สุข",
    "ชัย",
    "คำ",
    "อินทร์",
    "วงศ์",
    "พรหม",
    "ปัญญา",
    "มณี",
    "เพชร",
    "รัตน",
    "สิทธิ",
    "ธรรม",
    "กิตติ",
    "เรือง",
    "ยอด",
]
SUFFIXES = ["วงศ์", "สุข", "มา", "ดี", "ประเสริฐ", "วิชัย", "มงคล", "แก้ว", "ทอง", "ศรี", "เจริญ", "สวัสดิ์", "พันธ์", "รักษ์", "ไพศาล"]


def prepare(volunteers: int = DEFAULT_VOLUNTEERS, stdout=print) -> None:
    """Fill the database unless it holds this very fill already (same size, same migrations, same fill code)."""
    fingerprint = fill_fingerprint(volunteers, fill, drop_secondary_indexes, ensure_indexes, Copier)
    if is_filled("roster", fingerprint):
        stdout(f"reusing the fill of {volunteers:,} volunteers (schema and fill unchanged)")
        ensure_indexes()
        return
    mark_filled("roster", None)
    fill(volunteers, stdout=stdout)
    mark_filled("roster", fingerprint)


def fill(volunteers: int, *, stdout=print) -> None:
    """Empty the registry and COPY `volunteers` volunteers into it, spread over every subdistrict of the country,
    with their history rows, two mentors per agency, the indexes and the report tallies."""
    import datetime as dt

    from django.db import connection, transaction
    from django.utils import timezone

    from activity import tallies as activity_tallies
    from core.names import FEMALE_FIRST, MALE_FIRST
    from core.thai import national_id_check_digit
    from mentors.models import Mentor
    from provinces.models import Agency, Subdistrict
    from reports import tallies
    from volunteers.models import Volunteer, VolunteerEvent

    # Made first: a column the fill cannot fill stops it here, before anything is emptied.
    copier = Copier(
        Volunteer,
        [
            "national_id",
            "title",
            "first_name",
            "last_name",
            "gender",
            "birth_date",
            "phone",
            "house_no",
            "village_no",
            "subdistrict_id",
            "province_id",
            "appointed_on",
            "mentor_id",
            "status",
            "status_changed_on",
            "created_at",
            "updated_at",
        ],
        batch=BATCH,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"TRUNCATE {Volunteer._meta.db_table}, {VolunteerEvent._meta.db_table}, {Mentor._meta.db_table} "
            "RESTART IDENTITY CASCADE"
        )
    rng = random.Random(2568)
    Mentor.objects.bulk_create(
        [
            Mentor(
                first_name=rng.choice(MALE_FIRST),
                last_name=rng.choice(ROOTS) + rng.choice(SUFFIXES),
                title="นาย",
                agency=agency,
                province_id=agency.province_id,
                position="นักวิชาการแรงงาน",
            )
            for agency in Agency.objects.order_by("pk")
            for _ in range(2)
        ]
    )
    mentors_by_province: dict[int, list[int]] = {}
    for pk, province_id in Mentor.objects.values_list("pk", "province_id"):
        mentors_by_province.setdefault(province_id, []).append(pk)
    subdistricts = list(Subdistrict.objects.order_by("pk").values_list("pk", "province_id", "district__code"))
    # Shuffled, so that a small fill (the tests') still reaches every province.
    rng.shuffle(subdistricts)
    surnames = [r + s for r in ROOTS for s in SUFFIXES]
    # The history rows copy every column the event model tracks, whatever they are.
    event_columns = ", ".join(f.column for f in VolunteerEvent._meta.concrete_fields if not f.column.startswith("pgh_"))
    # Secondary indexes are built once after loading, far faster than updating them row by row.
    with connection.cursor() as cursor:
        drop_secondary_indexes(cursor)
    start_day = dt.date(2017, 10, 1)
    now = timezone.now()
    index = 0
    with Stopwatch() as total:
        while index < volunteers:
            rows = []
            for _ in range(min(BATCH, volunteers - index)):
                subdistrict_id, province_id, district_code = subdistricts[index % len(subdistricts)]
                female = rng.random() < 0.52
                first_twelve = f"{rng.choice('13')}{district_code}{index:07d}"
                national_id = first_twelve + str(national_id_check_digit(first_twelve))
                mentors = mentors_by_province.get(province_id)
                mentor = rng.choice(mentors) if mentors and rng.random() < 0.8 else None
                appointed = start_day + dt.timedelta(days=rng.randint(0, 3000))
                status = "active" if rng.random() < 0.88 else rng.choice(["resigned", "suspended", "deceased"])
                rows.append(
                    (
                        national_id,
                        "mrs" if female else "mr",
                        rng.choice(FEMALE_FIRST if female else MALE_FIRST),
                        rng.choice(surnames),
                        "female" if female else "male",
                        f"{rng.randint(1955, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        f"08{rng.randint(0, 99_999_999):08d}",
                        str(rng.randint(1, 300)),
                        rng.randint(1, 20),
                        subdistrict_id,
                        province_id,
                        appointed,
                        mentor,
                        status,
                        appointed,
                        now,
                        now,
                    )
                )
                index += 1
            with Stopwatch() as batch, transaction.atomic(), connection.cursor() as cursor:
                # pghistory's row trigger costs ~0.7 ms a row on a bulk COPY (its context function opens a
                # subtransaction per row), so the fill writes the same "insert" events in one statement instead.
                cursor.execute(f"SELECT coalesce(max(id), 0) FROM {Volunteer._meta.db_table}")
                (last_id,) = cursor.fetchone()
                cursor.execute(f"ALTER TABLE {Volunteer._meta.db_table} DISABLE TRIGGER USER")
                copier.copy(cursor, rows)
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"ALTER TABLE {Volunteer._meta.db_table} ENABLE TRIGGER USER")
                cursor.execute(
                    f"INSERT INTO {VolunteerEvent._meta.db_table} "
                    f"({event_columns}, pgh_created_at, pgh_label, pgh_obj_id) "
                    f"SELECT {event_columns}, now(), 'insert', id FROM {Volunteer._meta.db_table} WHERE id > %s",
                    [last_id],
                )
            stdout(f"  {index:>9,} volunteers ({len(rows) / batch.seconds:,.0f} rows/s, history events included)")
        with Stopwatch() as rebuild:
            ensure_indexes()
            # The triggers that keep the report tallies were off during the COPY (the dashboard of bench/load.py
            # reads them): count them afresh.
            tallies.rebuild()
            # The monthly-report board's tallies: who is expected to report is kept from the volunteers.
            activity_tallies.rebuild()
        stdout(f"indexes and report tallies rebuilt in {rebuild.seconds:.0f} s")
        # As autovacuum would have long before an office's working day: otherwise it starts on the million rows
        # just COPYed in the middle of the first timed run (bench/load.py), and until it ends the list's counts,
        # which the indexes answer alone once the rows are marked all-visible, read the registry's pages too.
        vacuum_analyze([Volunteer, VolunteerEvent, *tally_models()], stdout=lambda text: stdout(f"  {text}"))
    stdout(f"filled {volunteers:,} volunteers in {total.seconds:.0f} s")


# The definitions of the indexes a fill dropped, kept in the database until they are built again: the reports'
# indexes on the registry (reports/migrations) are made by SQL of their own, not declared on the model, and a fill
# interrupted after the drop must still find them.
DROPPED_INDEXES = "bench_dropped_index"


def _dropped_indexes_table(cursor) -> None:
    cursor.execute(f"CREATE TABLE IF NOT EXISTS {DROPPED_INDEXES} (name text PRIMARY KEY, definition text NOT NULL)")


def drop_secondary_indexes(cursor) -> None:
    from volunteers.models import Volunteer

    _dropped_indexes_table(cursor)
    cursor.execute(
        f"INSERT INTO {DROPPED_INDEXES} (name, definition) SELECT indexname, indexdef FROM pg_indexes "
        "WHERE tablename = %s AND indexname NOT LIKE '%%pkey' AND indexdef NOT LIKE 'CREATE UNIQUE%%' "
        "ON CONFLICT (name) DO NOTHING",
        [Volunteer._meta.db_table],
    )
    cursor.execute(f"SELECT name FROM {DROPPED_INDEXES}")
    for (name,) in cursor.fetchall():
        cursor.execute(f'DROP INDEX IF EXISTS "{name}"')


def ensure_indexes() -> None:
    """Build again every index a fill dropped, and every index the models declare, that the table lacks (a fill may
    have been interrupted)."""
    from django.db import connection

    from volunteers.models import Volunteer

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [Volunteer._meta.db_table])
        existing = {name for (name,) in cursor.fetchall()}
        _dropped_indexes_table(cursor)
        cursor.execute(f"SELECT name, definition FROM {DROPPED_INDEXES}")
        for name, definition in cursor.fetchall():
            if name not in existing:
                cursor.execute(definition)
                existing.add(name)
        cursor.execute(f"DELETE FROM {DROPPED_INDEXES}")
    with connection.schema_editor() as editor:
        for index in Volunteer._meta.indexes:
            if index.name not in existing:
                editor.add_index(Volunteer, index)
        for field in Volunteer._meta.local_fields:
            for statement in editor._field_indexes_sql(Volunteer, field):
                if str(statement.parts["name"]).strip('"') not in existing:
                    editor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE volunteers_volunteer")
        cursor.execute("ANALYZE volunteers_volunteerevent")


def api_client_for(user):
    """A client that sends a read-only personal token of `user` on every request, as a Ministry system would."""
    from django.test import Client

    from api import tokens

    _row, token = tokens.create_token(user=user, name="bench", days=30, read_only=True)
    return Client(HTTP_HOST="localhost", headers={"Authorization": f"Bearer {token}"})


def measure(client, url, params, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, params)  # warm-up: connection, templates, caches
    assert response.status_code == 200, (url, params, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    # Read now: captured_queries slices connection.queries, which the next request resets.
    query_count = len(queries.captured_queries)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url, params)
        samples.append((time.perf_counter() - start) * 1000)
    stats = summarize(samples)
    return stats["p50"], stats["p95"], query_count, response


def id_search(client, list_url: str, national_id: str) -> tuple[str, dict]:
    """The list page a search for a national ID lands on: the ID stays out of the URL, behind a token kept in the
    session (core.search), so the search is sent on once and the page it lands on is what gets timed."""
    response = client.get(list_url, {"q": national_id})
    if response.status_code == 302:
        return response["Location"], {}
    return list_url, {"q": national_id}


def run(runs: int, stdout=print) -> dict:
    """Time the pages on the database as filled; returns the summary of the last line."""
    from django.urls import reverse

    from provinces.models import Province
    from volunteers.models import Volunteer

    allow_test_client()
    lampang = Province.objects.get(code="52")
    officer = client_for(staff("bench.lampang", "officer", lampang))
    hq = client_for(staff("bench.hq", "hq"))
    officer_api = api_client_for(staff("bench.lampang", "officer", lampang))
    hq_api = api_client_for(staff("bench.hq", "hq"))
    api_list_url = reverse("api:volunteer-list")
    total = Volunteer.objects.count()
    in_lampang = Volunteer.objects.filter(province=lampang).count()
    if not in_lampang:
        raise SystemExit("no volunteers in Lampang: fill the database first (prepare)")
    sample = Volunteer.objects.filter(province=lampang).order_by("pk")[in_lampang // 2]
    list_url = reverse("volunteers:list")
    stdout(f"volunteers: {total:,} ({in_lampang:,} in Lampang); {runs} runs each, server time in ms")

    results = {}
    cases = [
        ("list", officer, list_url, {}),
        ("name_search", officer, list_url, {"q": "วิชัย"}),
        ("id_search", officer, *id_search(officer, list_url, sample.national_id)),
        ("detail", officer, reverse("volunteers:detail", args=[sample.pk]), {}),
        ("national_list", hq, list_url, {}),
        ("national_name_search", hq, list_url, {"q": "ทองวิชัย"}),
        ("national_id_search", hq, *id_search(hq, list_url, sample.national_id)),
        ("api_list", officer_api, api_list_url, {}),
        ("api_name_search", officer_api, api_list_url, {"q": "วิชัย"}),
        ("api_detail", officer_api, reverse("api:volunteer-detail", args=[sample.pk]), {}),
        ("api_national_list", hq_api, api_list_url, {}),
        ("api_national_name_search", hq_api, api_list_url, {"q": "ทองวิชัย"}),
    ]
    stdout(f"{'page':<26}{'p50':>8}{'p95':>8}{'queries':>9}  rows")
    for name, client, url, params in cases:
        p50, p95, queries, response = measure(client, url, params, runs)
        if response["Content-Type"].startswith("application/json"):
            body = response.json()
            rows = len(body["results"]) if "results" in body else 1
        else:
            found = re.search(r'data-testid="result-count">\D*([\d,]+)', response.content.decode())
            rows = int(found.group(1).replace(",", "")) if found else 1
        results[name] = (p50, p95, queries)
        stdout(f"{name:<26}{p50:>8.1f}{p95:>8.1f}{queries:>9}  {rows:,}")

    query_counts = {}
    for size in (10, 50):
        _, _, query_counts[size], _ = measure(officer, list_url, {"per_page": size}, 1)
    stdout(f"queries for 10 a page: {query_counts[10]}, for 50 a page: {query_counts[50]}")
    api_query_counts = {}
    for size in (10, 200):
        _, _, api_query_counts[size], _ = measure(hq_api, api_list_url, {"page_size": size}, 1)
    stdout(f"API queries for 10 a page: {api_query_counts[10]}, for 200 a page: {api_query_counts[200]}")

    summary = {
        "volunteers": total,
        "list_p50_ms": f"{results['list'][0]:.1f}",
        "list_p95_ms": f"{results['list'][1]:.1f}",
        "name_search_p50_ms": f"{results['name_search'][0]:.1f}",
        "name_search_p95_ms": f"{results['name_search'][1]:.1f}",
        "id_search_p50_ms": f"{results['id_search'][0]:.1f}",
        "id_search_p95_ms": f"{results['id_search'][1]:.1f}",
        "detail_p50_ms": f"{results['detail'][0]:.1f}",
        "detail_p95_ms": f"{results['detail'][1]:.1f}",
        "national_list_p50_ms": f"{results['national_list'][0]:.1f}",
        "national_name_search_p50_ms": f"{results['national_name_search'][0]:.1f}",
        "api_list_p50_ms": f"{results['api_list'][0]:.1f}",
        "api_list_p95_ms": f"{results['api_list'][1]:.1f}",
        "api_name_search_p50_ms": f"{results['api_name_search'][0]:.1f}",
        "api_detail_p50_ms": f"{results['api_detail'][0]:.1f}",
        "api_detail_p95_ms": f"{results['api_detail'][1]:.1f}",
        "api_national_list_p50_ms": f"{results['api_national_list'][0]:.1f}",
        "api_national_name_search_p50_ms": f"{results['api_national_name_search'][0]:.1f}",
        "api_list_queries": results["api_list"][2],
        "api_detail_queries": results["api_detail"][2],
        "list_queries": results["list"][2],
        "detail_queries": results["detail"][2],
        "queries_10_per_page": query_counts[10],
        "queries_50_per_page": query_counts[50],
        "api_queries_10_per_page": api_query_counts[10],
        "api_queries_200_per_page": api_query_counts[200],
    }
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=DEFAULT_VOLUNTEERS)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_django(database_name(DATABASE, args.volunteers, DEFAULT_VOLUNTEERS))
    prepare(args.volunteers)
    print(last_line(run(args.runs)))


if __name__ == "__main__":
    main()
