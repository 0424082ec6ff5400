"""Volunteer registry pages on 1,000,000 volunteers: list, name search, ID search and the volunteer page.

    .venv/bin/python bench/roster_pages.py [--runs 30]

Fills its own database (bench_roster) once by COPY, with the history triggers on, and reuses it on reruns.
Times each page through Django's test Client in-process (server time: view, queries, template), reports the
median, the 95th percentile and the number of queries, and checks that 10 and 50 rows a page cost the same
number of queries. The last line sums it up as key=value pairs.
"""

import argparse
import io
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import Stopwatch, setup_django, summarize

TARGET = 1_000_000
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


def fill(stdout=lambda text: print(text, flush=True)) -> None:
    """COPY volunteers until there are TARGET of them, spread over every subdistrict of the country."""
    import datetime as dt

    from django.db import connection, transaction

    from core.thai import national_id_check_digit
    from mentors.models import Mentor
    from provinces.models import Agency, Subdistrict
    from volunteers.models import Volunteer
    from volunteers.names import FEMALE_FIRST, MALE_FIRST

    have = Volunteer.objects.count()
    if have >= TARGET:
        stdout(f"database already holds {have:,} volunteers; reusing them")
        return
    rng = random.Random(2568)
    if not Mentor.objects.exists():
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
                for agency in Agency.objects.all()
                for _ in range(2)
            ]
        )
    mentors_by_province: dict[int, list[int]] = {}
    for pk, province_id in Mentor.objects.values_list("pk", "province_id"):
        mentors_by_province.setdefault(province_id, []).append(pk)
    subdistricts = list(
        Subdistrict.objects.select_related("district").values_list("pk", "province_id", "district__code")
    )
    surnames = [r + s for r in ROOTS for s in SUFFIXES]
    columns = [
        "national_id",
        "title",
        "title_other",
        "first_name",
        "last_name",
        "first_name_en",
        "last_name_en",
        "gender",
        "birth_date",
        "phone",
        "line_id",
        "email",
        "house_no",
        "village_no",
        "village_name",
        "subdistrict_id",
        "province_id",
        "appointed_on",
        "appointment_order",
        "mentor_id",
        "skills",
        "education",
        "occupation",
        "notes",
        "consent_recorded_on",
        "status",
        "status_changed_on",
        "created_at",
        "updated_at",
    ]
    # Secondary indexes are built once after loading, far faster than updating them row by row.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'volunteers_volunteer' "
            "AND indexname NOT LIKE '%%pkey' AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
    start_day = dt.date(2017, 10, 1)
    now = "2026-01-01 00:00:00+07"
    index = have
    with Stopwatch() as total:
        while index < TARGET:
            buffer = io.StringIO()
            for _ in range(min(BATCH, TARGET - index)):
                subdistrict_id, province_id, district_code = subdistricts[index % len(subdistricts)]
                female = rng.random() < 0.52
                first_twelve = f"{rng.choice('13')}{district_code}{index:07d}"
                national_id = first_twelve + str(national_id_check_digit(first_twelve))
                mentors = mentors_by_province.get(province_id)
                mentor = str(rng.choice(mentors)) if mentors and rng.random() < 0.8 else r"\N"
                appointed = start_day + dt.timedelta(days=rng.randint(0, 3000))
                status = "active" if rng.random() < 0.88 else rng.choice(["resigned", "suspended", "deceased"])
                row = [
                    national_id,
                    "mrs" if female else "mr",
                    "",
                    rng.choice(FEMALE_FIRST if female else MALE_FIRST),
                    rng.choice(surnames),
                    "",
                    "",
                    "female" if female else "male",
                    f"{rng.randint(1955, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    f"08{rng.randint(0, 99_999_999):08d}",
                    "",
                    "",
                    str(rng.randint(1, 300)),
                    str(rng.randint(1, 20)),
                    "",
                    str(subdistrict_id),
                    str(province_id),
                    appointed.isoformat(),
                    "",
                    mentor,
                    "",
                    "",
                    "",
                    "",
                    r"\N",
                    status,
                    appointed.isoformat(),
                    now,
                    now,
                ]
                buffer.write("\t".join(row) + "\n")
                index += 1
            buffer.seek(0)
            with Stopwatch() as batch, transaction.atomic(), connection.cursor() as cursor:
                # pghistory's row trigger costs ~0.7 ms a row on a bulk COPY (its context function opens a
                # subtransaction per row), so the fill writes the same "insert" events in one statement instead.
                cursor.execute("SELECT coalesce(max(id), 0) FROM volunteers_volunteer")
                (last_id,) = cursor.fetchone()
                cursor.execute("ALTER TABLE volunteers_volunteer DISABLE TRIGGER USER")
                cursor.cursor.copy_expert(f"COPY volunteers_volunteer ({', '.join(columns)}) FROM STDIN", buffer)
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("ALTER TABLE volunteers_volunteer ENABLE TRIGGER USER")
                event_columns = ", ".join(["id", *columns])
                cursor.execute(
                    f"INSERT INTO volunteers_volunteerevent ({event_columns}, pgh_created_at, pgh_label, pgh_obj_id) "
                    f"SELECT {event_columns}, now(), 'insert', id FROM volunteers_volunteer WHERE id > %s",
                    [last_id],
                )
            stdout(f"  {index:>9,} volunteers ({BATCH / batch.seconds:,.0f} rows/s, history events included)")
        with Stopwatch() as rebuild:
            ensure_indexes()
        stdout(f"indexes rebuilt in {rebuild.seconds:.0f} s")
    stdout(f"filled {TARGET - have:,} volunteers in {total.seconds:.0f} s")


def ensure_indexes() -> None:
    """Create every index the models declare that the table lacks (a fill may have been interrupted)."""
    from django.db import connection

    from volunteers.models import Volunteer

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'volunteers_volunteer'")
        existing = {name for (name,) in cursor.fetchall()}
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


def staff(username: str, role: str, province=None):
    from django.contrib.auth.models import User

    from accounts.models import StaffProfile

    user, _ = User.objects.get_or_create(username=username, defaults={"first_name": "เบนช์", "last_name": role})
    StaffProfile.objects.update_or_create(user=user, defaults={"role": role, "province": province})
    return user


def client_for(user):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    try:  # HQ analysts pass the second factor; mark the session as verified as the tests do.
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.scope import is_national

        if is_national(user):
            device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    except ImportError:
        pass
    return client


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_django("bench_roster")
    from django.conf import settings
    from django.urls import reverse

    from provinces.models import Province
    from volunteers.models import Volunteer

    if "localhost" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("localhost")
    fill()
    ensure_indexes()
    lampang = Province.objects.get(code="52")
    officer = client_for(staff("bench.lampang", "officer", lampang))
    hq = client_for(staff("bench.hq", "hq"))
    total = Volunteer.objects.count()
    in_lampang = Volunteer.objects.filter(province=lampang).count()
    sample = Volunteer.objects.filter(province=lampang).order_by("pk")[in_lampang // 2]
    list_url = reverse("volunteers:list")
    print(f"volunteers: {total:,} ({in_lampang:,} in Lampang); {args.runs} runs each, server time in ms")

    results = {}
    cases = [
        ("list", officer, list_url, {}),
        ("name_search", officer, list_url, {"q": "วิชัย"}),
        ("id_search", officer, list_url, {"q": sample.national_id}),
        ("detail", officer, reverse("volunteers:detail", args=[sample.pk]), {}),
        ("national_list", hq, list_url, {}),
        ("national_name_search", hq, list_url, {"q": "ทองวิชัย"}),
        ("national_id_search", hq, list_url, {"q": sample.national_id}),
    ]
    print(f"{'page':<22}{'p50':>8}{'p95':>8}{'queries':>9}  rows")
    for name, client, url, params in cases:
        p50, p95, queries, response = measure(client, url, params, args.runs)
        found = re.search(r'data-testid="result-count">\D*([\d,]+)', response.content.decode())
        rows = int(found.group(1).replace(",", "")) if found else 1
        results[name] = (p50, p95, queries)
        print(f"{name:<22}{p50:>8.1f}{p95:>8.1f}{queries:>9}  {rows:,}")

    query_counts = {}
    for size in (10, 50):
        _, _, query_counts[size], _ = measure(officer, list_url, {"per_page": size}, 1)
    print(f"queries for 10 a page: {query_counts[10]}, for 50 a page: {query_counts[50]}")

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
        "list_queries": results["list"][2],
        "detail_queries": results["detail"][2],
        "queries_10_per_page": query_counts[10],
        "queries_50_per_page": query_counts[50],
    }
    print(" ".join(f"{key}={value}" for key, value in summary.items()))


if __name__ == "__main__":
    main()
