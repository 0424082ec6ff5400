"""Import an N-row volunteer roster through the staff pages' code path, then through django-import-export's defaults.

    make bench-import       (or .venv/bin/python bench/import_roster.py 100000)

The roster is written first, by a child process (so its memory does not count), to .local/bench/ (kept for reruns
while the template's code is unchanged): an `.xlsx` in the template's format with realistic Thai names, places of
Lampang and a few bad rows. The database (bench_import) is emptied of volunteers at the start of each run. Then, in this process, the same service
calls the page makes: `start_import` (read + check = the preview) and `confirm_import` (match the checked rows
against the registry again, COPY into the registry with history triggers), through the task queue's immediate
backend so that the work runs here.
Peak memory is the process's peak resident set size (resource.getrusage ru_maxrss), read after the fast path.
Then a second roster with the same people (same IDs) and other details goes through the same path: every row an
update, each with its history row.

The default path is django-import-export's `Resource.import_data` row by row (its default settings, tablib's
openpyxl reader) on the first rows of the same roster; for N above the sample size it is timed on the sample and
the rate scaled, and the output says so.
"""

import hashlib
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE = "bench_import"
DEFAULT_SAMPLE = 2000
BAD_ROWS = 12


def roster_paths(rows: int, folder: Path | None = None) -> dict[str, Path]:
    """Where the generated rosters go: keyed by N and by the code that writes them (the template's columns, the
    sample's rows), so a changed template makes new files rather than reusing stale ones."""
    digest = hashlib.sha256()
    for name in ("rosters/columns.py", "rosters/sample.py", "rosters/writers.py"):
        digest.update((ROOT / name).read_bytes())
    folder = folder or ROOT / ".local" / "bench" / f"import-{digest.hexdigest()[:12]}"
    return {
        "roster": folder / f"roster_{rows}.xlsx",
        "sample": folder / f"roster_{rows}_sample.xlsx",
        "changed": folder / f"roster_{rows}_changed.xlsx",
    }


def write_rosters(rows: int, paths: dict[str, Path], sample: int) -> None:
    """The benchmark's fill: a roster of `rows` in the template's format (a few bad rows), its first `sample` good
    rows for django-import-export, and the same people with other details (a re-import where every row is an update).
    """
    from provinces.models import Province
    from rosters.sample import roster_rows, write_roster_xlsx

    paths["roster"].parent.mkdir(parents=True, exist_ok=True)
    lampang = Province.objects.get(code="52")
    data, bad = roster_rows(lampang, rows, bad_rows=min(BAD_ROWS, rows // 10))
    write_roster_xlsx(str(paths["roster"]), data)
    good_sample = [row for index, row in enumerate(data[:sample]) if index not in bad and index != 0]
    write_roster_xlsx(str(paths["sample"]), good_sample)
    changed, _bad = roster_rows(lampang, rows, seed=2564, bad_rows=min(BAD_ROWS, rows // 10))
    write_roster_xlsx(str(paths["changed"]), changed)


def generate(rows: int, sample: int) -> None:
    from bench.common import setup_django

    setup_django(DATABASE)
    write_rosters(rows, roster_paths(rows), sample)


def reset_registry() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE volunteers_statuschange, volunteers_volunteerevent, volunteers_volunteer, "
            "rosters_importjob, pghistory_context RESTART IDENTITY CASCADE"
        )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    sample = min(rows, DEFAULT_SAMPLE)
    paths = roster_paths(rows)
    if not all(p.exists() for p in paths.values()):
        started = time.perf_counter()
        # In a child process, so that writing the files does not count in this process's peak memory.
        subprocess.run([sys.executable, __file__, "--generate", str(rows), str(sample)], check=True)
        size_mb = paths["roster"].stat().st_size / 1024 / 1024
        print(f"wrote {paths['roster']} ({size_mb:.1f} MB) in {time.perf_counter() - started:.1f} s")

    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("ROSTER_MAX_ROWS", str(max(rows + 100, 200_000)))
    from bench.common import last_line, setup_django

    setup_django(DATABASE)
    print(last_line(run(rows, paths)))


def run(rows: int, paths: dict[str, Path], stdout=print) -> dict:
    """Import the roster, re-import it changed, then the sample through django-import-export; returns the summary
    of the last line. Empties the registry of this database first."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from bench.common import staff
    from provinces.models import Province
    from rosters import services
    from rosters.models import ImportJob
    from volunteers.models import Volunteer, VolunteerEvent

    path, sample_path = paths["roster"], paths["sample"]
    reset_registry()
    lampang = Province.objects.get(code="52")
    officer = staff("bench.lampang", "officer", lampang)
    with open(path, "rb") as handle:
        content = handle.read()
    baseline_mb = peak_mb()

    started = time.perf_counter()
    job = services.start_import(
        uploaded=SimpleUploadedFile(os.path.basename(path), content), kind="volunteers", province=lampang, by=officer
    )
    checked_at = time.perf_counter()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEW, job.message
    job = services.confirm_import(job=job, by=officer)
    finished = time.perf_counter()
    fast_peak_mb = peak_mb()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.message
    seconds = finished - started
    written = Volunteer.objects.count()
    history = VolunteerEvent.objects.filter(pgh_context__metadata__import_job=job.pk).count()
    stdout(f"file: {rows:,} rows, {len(content) / 1024 / 1024:.1f} MB")
    stdout(
        f"preview (store upload, read, check every cell, match against the registry): {checked_at - started:.2f} s; "
        f"confirm (match again, COPY, insert with history rows, one transaction): {finished - checked_at:.2f} s"
    )
    stdout(
        f"rows: new {job.new_count:,}, updated {job.updated_count:,}, unchanged {job.unchanged_count:,}, "
        f"wrong {job.error_count:,}; volunteers in the registry {written:,}; history rows tagged with the import "
        f"{history:,}"
    )
    stdout(
        f"fast path: {seconds:.2f} s, {rows / seconds:,.0f} rows/s, peak RSS {fast_peak_mb:.0f} MB "
        f"(ru_maxrss; {baseline_mb:.0f} MB before the import)"
    )

    # The same people again with changed details: every row an update (UPDATE from a COPY'd temp table, with the
    # history trigger writing one row per changed volunteer).
    with open(paths["changed"], "rb") as handle:
        changed = handle.read()
    started = time.perf_counter()
    again = services.start_import(
        uploaded=SimpleUploadedFile("changed.xlsx", changed), kind="volunteers", province=lampang, by=officer
    )
    again.refresh_from_db()
    assert again.status == ImportJob.Status.PREVIEW, again.message
    again = services.confirm_import(job=again, by=officer)
    update_seconds = time.perf_counter() - started
    again.refresh_from_db()
    assert again.status == ImportJob.Status.DONE, again.message
    update_history = VolunteerEvent.objects.filter(pgh_context__metadata__import_job=again.pk).count()
    stdout(
        f"re-import with changed details: updated {again.updated_count:,}, new {again.new_count:,}, unchanged {again.unchanged_count:,}, "
        f"wrong {again.error_count:,} in {update_seconds:.2f} s (preview and confirm) = "
        f"{again.updated_count / update_seconds:,.0f} rows/s; history rows {update_history:,}"
    )

    # django-import-export, default settings: row by row, tablib reading the file with openpyxl.
    import tablib

    from rosters.resources import VolunteerResource

    reset_registry()
    if not connection.in_atomic_block:  # a fresh connection, as a new request would have (not inside a test)
        connection.close()
    started = time.perf_counter()
    with open(sample_path, "rb") as handle:
        dataset = tablib.Dataset().load(handle.read(), format="xlsx")
    result = VolunteerResource().import_data(dataset, dry_run=False, user=officer, file_name="sample.xlsx")
    default_seconds = time.perf_counter() - started
    assert not result.has_errors(), [e.error for e in result.base_errors] + [
        (r.number, r.errors) for r in result.row_errors()[:3]
    ]
    default_rows = len(dataset)
    default_rate = default_rows / default_seconds
    scaled = " (timed on a sample, rate scaled to N)" if default_rows < rows else ""
    stdout(
        f"django-import-export defaults: {default_rows:,} rows in {default_seconds:.2f} s = {default_rate:,.0f} rows/s"
        f"{scaled}; estimated {rows / default_rate:,.0f} s for {rows:,} rows"
    )
    ratio = (rows / seconds) / default_rate
    stdout(f"ratio fast / default: {ratio:.1f}x")
    return {
        "rows": rows,
        "seconds": f"{seconds:.2f}",
        "rows_per_s": f"{rows / seconds:.0f}",
        "peak_mb": f"{fast_peak_mb:.0f}",
        "default_rows_per_s": f"{default_rate:.0f}",
        "ratio_vs_default": f"{ratio:.1f}",
        "update_rows_per_s": f"{again.updated_count / update_seconds:.0f}",
    }


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--generate":
        generate(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
