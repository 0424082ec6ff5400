"""Import a month of N monthly reports (10,000 by default) from Excel through the real path: preview, then confirm.

    .venv/bin/python bench/report_import.py [N] [--db bench_dashboard]

In the dashboard benchmark's database (bench_dashboard, filled by bench/dashboard.py; the geography is all this
needs), a province (Lampang) gets N volunteers of the benchmark's own, serving last month, filled once by COPY and
reused while the fill and the schema are unchanged (bench.common.fill_fingerprint). Each run deletes their reports
of last month (statement triggers keep the tallies), writes the month's template (activity.imports.build_template)
with every row filled, and times the services the pages call, with the task queue's immediate backend so that the
work runs here: start_import (store the upload, read, check every cell, match against the volunteers and the month's
reports = the preview) and confirm_import (match again, COPY, insert with history rows, one transaction).
The last line: report_import_rows=.. report_import_s=.. report_import_rows_per_s=.. (target: 10,000 under 2 s).
"""

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import Copier, fill_fingerprint, is_filled, last_line, mark_filled, setup_django, staff

DATABASE = "bench_dashboard"
DEFAULT_ROWS = 10_000
PROVINCE = "52"
# National IDs of the benchmark's own volunteers: 8 52 then a serial, a range no other fill uses.
ID_PREFIX = "852"
FILL_NAME = "report_import"


def bench_ids(count: int) -> list[str]:
    from core.thai import national_id_with_check_digit

    return [national_id_with_check_digit(f"{ID_PREFIX}{n:09d}") for n in range(1, count + 1)]


def fill(count: int, *, stdout=print) -> None:
    """`count` volunteers of Lampang serving since 2020, spread over its subdistricts; their old reports removed."""
    from django.db import connection

    from activity.models import MonthlyReport
    from provinces.models import Province, Subdistrict
    from volunteers.models import Volunteer

    fingerprint = fill_fingerprint(count, fill, bench_ids)
    mine = Volunteer.objects.filter(national_id__startswith=ID_PREFIX)
    # The dashboard's own fill empties the volunteers: its marker alone does not say ours are still there.
    if is_filled(f"{FILL_NAME}_{count}", fingerprint) and mine.count() == count:
        return
    mark_filled(f"{FILL_NAME}_{count}", None)
    started = time.perf_counter()
    province = Province.objects.get(code=PROVINCE)
    subdistricts = list(Subdistrict.objects.filter(province=province).order_by("code").values_list("pk", flat=True))
    MonthlyReport.objects.filter(volunteer__in=mine).delete()
    mine.delete()
    rng = random.Random(15)
    now = dt.datetime.now(dt.UTC)
    first_names = ["สมชาย", "สมศรี", "วิชัย", "มาลี", "บุญมี", "สุดา"]
    copier = Copier(
        Volunteer,
        [
            "national_id",
            "title",
            "first_name",
            "last_name",
            "gender",
            "subdistrict_id",
            "province_id",
            "appointed_on",
            "status",
            "created_at",
            "updated_at",
        ],
    )
    rows = (
        (nid, "mr", rng.choice(first_names), f"นำเข้ารายงาน{n}", "male", subdistricts[n % len(subdistricts)],
         province.pk, dt.date(2020, 1, 15), "active", now, now)
        for n, nid in enumerate(bench_ids(count))
    )  # fmt: skip
    with connection.cursor() as cursor:
        copier.copy(cursor, rows)
    mark_filled(f"{FILL_NAME}_{count}", fingerprint)
    stdout(f"filled {count:,} serving volunteers of Lampang in {time.perf_counter() - started:.1f} s")


def remove_fill(*, stdout=print) -> int:
    """Take the benchmark's volunteers and their reports out of the database again: the dashboard benchmark times its
    pages before this import, on its own fill, which these 10,000 extra volunteers of Lampang would change. Returns how
    many volunteers it removed."""
    from activity.models import MonthlyReport
    from volunteers.models import Volunteer

    mine = Volunteer.objects.filter(national_id__startswith=ID_PREFIX)
    if not mine.exists():
        return 0
    started = time.perf_counter()
    MonthlyReport.objects.filter(volunteer__in=mine).delete()
    count, _ = mine.delete()
    stdout(
        f"removed the report import's volunteers of Lampang ({count:,} rows) in {time.perf_counter() - started:.1f} s"
    )
    return count


def filled_template(count: int, month: dt.date, officer) -> bytes:
    """The month's template, every row filled with counts for every kind, a problem on one row in ten."""
    from activity import imports, rules
    from activity.models import WorkKind
    from provinces.models import Province
    from volunteers.models import Volunteer

    province = Province.objects.get(code=PROVINCE)
    kinds = list(WorkKind.objects.active())
    rng = random.Random(month.toordinal())
    received = min(rules.month_end(month) + dt.timedelta(days=3), dt.date.today())
    volunteers = (
        Volunteer.objects.filter(national_id__startswith=ID_PREFIX)
        .select_related("subdistrict__district")
        .order_by("subdistrict__district__name_sort", "subdistrict__name_sort", "first_name_sort", "last_name_sort")
    )[:count]
    rows = [
        (
            volunteer,
            SimpleNamespace(
                counts={kind.code: rng.randint(0, 40) for kind in kinds},
                problems="นายจ้างค้างจ่ายค่าจ้างแรงงานก่อสร้าง" if n % 10 == 0 else "",
                received_on=received,
            ),
        )
        for n, volunteer in enumerate(volunteers)
    ]
    return imports.build_template(user=officer, province=province, month=month, rows=rows)


def time_report_import(count: int = DEFAULT_ROWS, stdout=print) -> dict:
    """Fill (once), then time preview + confirm of `count` new reports of last month; Django must be set up."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings
    from django.utils import timezone

    from activity import rules
    from activity.models import MonthClosure, MonthlyReport, MonthlyReportEvent, ReportTally
    from provinces.models import Province
    from rosters import services
    from rosters.models import ImportJob

    fill(count, stdout=stdout)
    province = Province.objects.get(code=PROVINCE)
    officer = staff("bench.report.officer", "officer", province)
    month = rules.previous_month(timezone.localdate())
    MonthClosure.objects.filter(province=province, month=month).delete()
    MonthlyReport.objects.filter(month=month, volunteer__national_id__startswith=ID_PREFIX).delete()
    content = filled_template(count, month, officer)
    received_before = sum(t.received for t in ReportTally.objects.filter(province=province, month=month))

    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}, MEDIA_ROOT=media
        ),
    ):
        started = time.perf_counter()
        job = services.start_import(
            uploaded=SimpleUploadedFile(f"reports-{month:%Y-%m}.xlsx", content),
            kind="reports",
            province=province,
            by=officer,
            month=month,
        )
        checked = time.perf_counter()
        job.refresh_from_db()
        assert job.status == ImportJob.Status.PREVIEW and job.new_count == count, (
            job.status,
            job.message,
            job.errors[:3],
        )
        job = services.confirm_import(job=job, by=officer)
        finished = time.perf_counter()
        job.refresh_from_db()
        assert job.status == ImportJob.Status.DONE, job.message
    preview_s, confirm_s = checked - started, finished - checked
    seconds = preview_s + confirm_s
    written = MonthlyReport.objects.filter(month=month, volunteer__national_id__startswith=ID_PREFIX).count()
    history = MonthlyReportEvent.objects.filter(pgh_context__metadata__import_job=job.pk).count()
    received_after = sum(t.received for t in ReportTally.objects.filter(province=province, month=month))
    stdout(f"file: {count:,} rows, {len(content) / 1024 / 1024:.1f} MB, month {rules.month_label(month)}")
    stdout(
        f"preview (store, read, check every cell, match volunteers and reports): {preview_s:.2f} s "
        f"(job's own check {job.check_seconds:.2f} s); confirm (match again, COPY, insert with history): "
        f"{confirm_s:.2f} s (job's own write {job.import_seconds:.2f} s)"
    )
    stdout(
        f"reports written {written:,}, history rows tagged with the import {history:,}, "
        f"tally of received reports {received_before:,} -> {received_after:,}"
    )
    return {
        "report_import_rows": count,
        "report_import_s": round(seconds, 2),
        "report_import_rows_per_s": round(count / seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="?", default=DEFAULT_ROWS)
    parser.add_argument("--db", default=DATABASE)
    args = parser.parse_args()
    setup_django(args.db)
    print(f"database {args.db}", flush=True)
    print(last_line(time_report_import(args.rows, stdout=lambda text: print(text, flush=True))), flush=True)


if __name__ == "__main__":
    main()
