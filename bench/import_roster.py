"""Import an N-row volunteer roster through the staff pages' code path, then through django-import-export's defaults.

    make bench-import       (or .venv/bin/python bench/import_roster.py 100000)

The roster is written first, by a child process (so its memory does not count), to .local/bench/ (kept for reruns
while the template's code is unchanged): an `.xlsx` in the template's format with realistic Thai names, places of
Lampang and a few bad rows. The database (bench_import) is emptied of volunteers at the start of each run. Then, in this process, the same service
calls the page makes: `start_import` (read + check = the preview) and `confirm_import` (match the checked rows
against the registry again, COPY into the registry with their history rows), through the task queue's immediate
backend so that the work runs here.
Peak memory is the process's peak resident set size (resource.getrusage ru_maxrss), read after the fast path.
Then a second roster with the same people (same IDs) and other details goes through the same path: every row an
update, each with its history row.

Between the two, the same file again, unchanged: the preview only (read, check, match: nothing to write), timed.
The phases of the portal's own import (read, check, classify, store, COPY, insert with history rows, updates) are
timed by wrapping the pipeline's functions from the outside, and printed for the import and the re-import.

The default path is django-import-export's `Resource.import_data` row by row (its default settings, tablib's
openpyxl reader) on the first rows of the same roster; for N above the sample size it is timed on the sample and
the rate scaled, and the output says so. Its best tuned configuration (a plain ModelResource for Volunteer: bulk
mode, batch_size 1000, skip_diff, force_init_instance, no skip_unchanged, report_skipped off, one transaction, and
the subdistrict looked up in a dict built once; the file read with python-calamine-plus, the portal's own reader) is
timed the same way on a larger sample (TUNED_SAMPLE rows). Both print their reading and import_data times apart.

    --memory-sizes 10000,100000,200000   also the import's peak memory at each size, each in a fresh child process
                                         (off by default: 200,000 rows take a while)
    --only-unchanged [--runs 3]          only the re-import of the same file, unchanged (preview only), timed --runs
                                         times; the file is imported first unless the registry holds just that file
"""

import argparse
import contextlib
import datetime as dt
import functools
import hashlib
import io
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE = "bench_import"
DEFAULT_SAMPLE = 2000
TUNED_SAMPLE = 10_000
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
        "tuned_sample": folder / f"roster_{rows}_tuned_sample.xlsx",
    }


def write_rosters(rows: int, paths: dict[str, Path], sample: int, tuned_sample: int | None = None) -> None:
    """The benchmark's fill: a roster of `rows` in the template's format (a few bad rows), its first `sample` good
    rows for django-import-export's defaults, its first `tuned_sample` good rows for its tuned configuration, and the
    same people with other details (a re-import where every row is an update).
    """
    from provinces.models import Province
    from rosters.sample import roster_rows, write_roster_xlsx

    paths["roster"].parent.mkdir(parents=True, exist_ok=True)
    lampang = Province.objects.get(code="52")
    data, bad = roster_rows(lampang, rows, bad_rows=min(BAD_ROWS, rows // 10))
    write_roster_xlsx(str(paths["roster"]), data)
    good_sample = [row for index, row in enumerate(data[:sample]) if index not in bad and index != 0]
    write_roster_xlsx(str(paths["sample"]), good_sample)
    tuned = min(rows, TUNED_SAMPLE) if tuned_sample is None else tuned_sample
    write_roster_xlsx(
        str(paths["tuned_sample"]), [row for index, row in enumerate(data[:tuned]) if index not in bad and index != 0]
    )
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
            "TRUNCATE volunteers_statuschange, volunteers_volunteerevent, volunteers_term, volunteers_termevent, "
            "volunteers_volunteer, "
            "rosters_importjob, pghistory_context RESTART IDENTITY CASCADE"
        )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> float:
    """Start this process's peak memory again from what it holds now (Linux), and return that. A child started by
    a large process inherits its parent's peak in ru_maxrss, which then hides the child's own."""
    Path("/proc/self/clear_refs").write_text("5")
    return current_peak_mb()


def current_peak_mb() -> float:
    """The peak resident memory since the last reset_peak() (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return peak_mb()


class PeakTogether:
    """The largest resident memory of this process and its children together, sampled every 20 ms while in the
    block: a large .xlsx is read by a child process (rosters/xlsx_stream.py), whose memory ru_maxrss of this
    process does not count."""

    def __init__(self):
        self.peak_mb = 0.0
        self._stop = threading.Event()

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self):
        import psutil

        me = psutil.Process()
        while not self._stop.wait(0.02):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a child that ended between the two calls
                    total += process.memory_info().rss
            self.peak_mb = max(self.peak_mb, total / 1024 / 1024)


# --- Where the portal's own import spends its time --------------------------------------------------------------------

# The pipeline's functions, each a phase: wrapped from the outside (module attributes are looked up at call time), so
# the import runs its usual code, and a name the pipeline no longer has is reported rather than failing the run.
PHASES = [
    ("read_table", "read"),
    ("parse_roster", "check"),
    ("classify", "classify"),
    ("save_parsed", "store checked rows"),
    ("load_parsed", "load checked rows"),
    ("copy_rows", "COPY to temp table"),
    ("_insert_with_history", "INSERT + history rows (and first terms)"),
    ("write_terms", "terms of known volunteers"),
    ("_apply_updates", "UPDATE + history rows"),
    ("apply_imported_status_changes", "status changes"),
    ("write_roster", "rest of the write"),
]


class PhaseTimer:
    """Adds up each wrapped function's own time (less the wrapped functions it calls) per stage of the import."""

    def __init__(self):
        self.seconds: dict[tuple[str, str], float] = defaultdict(float)
        self.stage = ""
        self.missing: list[str] = []
        self._children: list[float] = []
        self._originals: dict = {}

    def __enter__(self):
        from rosters import pipeline

        for name, _label in PHASES:
            original = getattr(pipeline, name, None)
            if original is None:
                self.missing.append(name)
                continue
            self._originals[name] = original
            setattr(pipeline, name, self._wrap(name, original))
        return self

    def __exit__(self, *exc):
        from rosters import pipeline

        for name, original in self._originals.items():
            setattr(pipeline, name, original)

    def _wrap(self, name, function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            self._children.append(0.0)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started
                self.seconds[(self.stage, name)] += spent - self._children.pop()
                if self._children:
                    self._children[-1] += spent

        return timed

    def line(self, stage: str, total: float) -> str:
        """`stage total: phase seconds, ...` for the phases that ran, the rest (job records, upload, queue) as other."""
        parts = [(label, self.seconds[(stage, name)]) for name, label in PHASES if (stage, name) in self.seconds]
        other = total - sum(seconds for _label, seconds in parts)
        shown = ", ".join(f"{label} {seconds:.2f}" for label, seconds in [*parts, ("other", other)])
        missing = f" (not in rosters.pipeline any more: {', '.join(self.missing)})" if self.missing else ""
        return f"  {stage} {total:.2f} s: {shown}{missing}"


# --- django-import-export's best tuned configuration -----------------------------------------------------------------


def tuned_resource():
    """A plain ModelResource for Volunteer as django-import-export's docs advise for a large import of new rows: bulk
    mode (batch_size 1000), no diff (skip_diff, skip_html_diff), no lookup of existing rows (force_init_instance), no
    skip_unchanged, report_skipped off, one transaction, no full_clean; the subdistrict (and its province) from a dict
    built once per import rather than a query per row. The file's Thai values (titles, genders, statuses, พ.ศ. dates)
    are mapped by small widgets: the same file the portal reads. It checks far less than the portal (no check digit,
    no rule of the volunteers app), which is the point of the comparison."""
    from import_export import fields, resources, widgets

    from provinces.models import Subdistrict
    from rosters.columns import VOLUNTEER_SPEC
    from volunteers.models import Volunteer

    headers = {c.key: str(c.header) for c in VOLUNTEER_SPEC.template_columns}
    places: dict[tuple[str, str], tuple[int, int]] = {}

    class ChoiceMap(widgets.Widget):
        def __init__(self, choices):
            super().__init__()
            self.values = {str(label): value for value, label in choices}

        def clean(self, value, row=None, **kwargs):
            return self.values.get(value or "", "")

    class BuddhistDate(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            if value in (None, ""):
                return None
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            day, month, year = str(value).split("/")
            return dt.date(int(year) - 543, int(month), int(day))

    class PlaceMap(widgets.Widget):
        """The subdistrict's id (part 0) or its province's (part 1), by the row's district and subdistrict names."""

        def __init__(self, part: int):
            super().__init__()
            self.part = part

        def clean(self, value, row=None, **kwargs):
            return places[(row[headers["district"]], value)][self.part]

    titles = [*Volunteer.Title.choices, (Volunteer.Title.MISS, "น.ส.")]
    special = {
        "title": ChoiceMap(titles),
        "gender": ChoiceMap(Volunteer.Gender.choices),
        "status": ChoiceMap(Volunteer.Status.choices),
        "birth_date": BuddhistDate(),
        "appointed_on": BuddhistDate(),
        "consent_recorded_on": BuddhistDate(),
        "term_ends_on": BuddhistDate(),
        "status_changed_on": BuddhistDate(),
        "tier": ChoiceMap(Volunteer.Tier.choices),
        "village_no": widgets.IntegerWidget(),
    }
    declared: dict = {}
    for key, header in headers.items():
        if key == "district":
            continue
        if key == "subdistrict":
            declared["subdistrict"] = fields.Field("subdistrict_id", header, PlaceMap(0))
            declared["province"] = fields.Field("province_id", header, PlaceMap(1))
            continue
        declared[key] = fields.Field(key, header, special.get(key, widgets.CharWidget(allow_blank=True)))

    class TunedMeta:
        model = Volunteer
        fields = tuple(declared)
        import_id_fields = ("national_id",)
        use_bulk = True
        batch_size = 1000
        skip_diff = True
        skip_html_diff = True
        force_init_instance = True
        skip_unchanged = False
        report_skipped = False
        use_transactions = True
        clean_model_instances = False
        store_instance = False
        store_row_values = False

    def before_import(self, dataset, **kwargs):
        places.clear()
        for pk, province_id, name, district in Subdistrict.objects.values_list(
            "pk", "province_id", "name_th", "district__name_th"
        ):
            places[(district, name)] = (pk, province_id)

    return type(
        "TunedVolunteerResource",
        (resources.ModelResource,),
        {**declared, "Meta": TunedMeta, "before_import": before_import},
    )()


def tablib_dataset(data: bytes):
    """The file as django-import-export's admin reads it: tablib's xlsx format (openpyxl)."""
    import tablib

    return tablib.Dataset().load(data, format="xlsx")


def calamine_dataset(data: bytes):
    """The file streamed with python-calamine-plus, the portal's own .xlsx reader, into a tablib Dataset, header row
    first."""
    import tablib
    from python_calamine_plus import CalamineWorkbook

    rows = iter(CalamineWorkbook.from_filelike(io.BytesIO(data)).stream_sheet_by_index(0))
    headers = [str(header) for header in next(rows)]
    return tablib.Dataset(*rows, headers=headers)


# --- The run ----------------------------------------------------------------------------------------------------------


def import_file(content: bytes, name: str, province, officer, *, confirm: bool = True, timer: PhaseTimer | None = None):
    """Preview (and confirm) `content` through the services the page calls; returns the job and the two durations."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rosters import services
    from rosters.models import ImportJob

    timer = timer or PhaseTimer()
    timer.stage = "preview"
    started = time.perf_counter()
    job = services.start_import(
        uploaded=SimpleUploadedFile(name, content), kind="volunteers", province=province, by=officer
    )
    checked_at = time.perf_counter()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEW, job.message
    if not confirm:
        return job, checked_at - started, 0.0
    timer.stage = "confirm"
    job = services.confirm_import(job=job, by=officer)
    finished = time.perf_counter()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.message
    return job, checked_at - started, finished - checked_at


def main() -> None:
    parser = argparse.ArgumentParser(description="Import an N-row roster: the portal against django-import-export.")
    parser.add_argument("rows", nargs="?", type=int, default=10_000)
    parser.add_argument("--memory-sizes", default="", help="e.g. 10000,100000,200000: peak memory at each size")
    parser.add_argument("--peak-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--only-unchanged",
        action="store_true",
        help="only the unchanged re-import (preview only), for quick iteration; its own last line",
    )
    parser.add_argument("--runs", type=int, default=3, help="with --only-unchanged: how many timed previews")
    arguments = parser.parse_args()
    rows = arguments.rows
    sample = min(rows, DEFAULT_SAMPLE)
    paths = roster_paths(rows)
    if not all(p.exists() for p in paths.values()):
        started = time.perf_counter()
        # In a child process, so that writing the files does not count in this process's peak memory.
        subprocess.run([sys.executable, __file__, "--generate", str(rows), str(sample)], check=True)
        size_mb = paths["roster"].stat().st_size / 1024 / 1024
        print(f"wrote {paths['roster']} ({size_mb:.1f} MB) in {time.perf_counter() - started:.1f} s")

    child_environment = dict(os.environ)
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("ROSTER_MAX_ROWS", str(max(rows + 100, 200_000)))
    # 200,000 rows of the template take 21 MB, over the upload limit a provincial office is given (20 MB).
    os.environ.setdefault("ROSTER_MAX_UPLOAD_MB", str(max(20, rows // 4_000)))
    from bench.common import last_line, setup_django

    setup_django(DATABASE)
    if arguments.peak_only:
        print(last_line(peak_only(rows, paths)))
        return
    if arguments.only_unchanged:
        print(last_line(only_unchanged(rows, paths, arguments.runs)))
        return
    summary = run(rows, paths)
    if arguments.memory_sizes:
        from django.db import connection

        connection.close()  # the children empty the registry: no idle session of ours in their way
        summary.update(memory_at_sizes([int(size) for size in arguments.memory_sizes.split(",")], child_environment))
    print(last_line(summary))


def peak_only(rows: int, paths: dict[str, Path]) -> dict:
    """The import alone (preview and confirm) in this fresh process: its peak memory, nothing else run before it."""
    from bench.common import staff
    from provinces.models import Province

    reset_registry()
    lampang = Province.objects.get(code="52")
    officer = staff("bench.lampang", "officer", lampang)
    content = paths["roster"].read_bytes()
    baseline_mb = reset_peak()
    with PeakTogether() as together:
        _job, preview, confirm = import_file(content, paths["roster"].name, lampang, officer)
    return {
        "rows": rows,
        "peak_mb": f"{current_peak_mb():.0f}",
        "peak_with_reader_mb": f"{together.peak_mb:.0f}",
        "baseline_mb": f"{baseline_mb:.0f}",
        "seconds": f"{preview + confirm:.2f}",
    }


def only_unchanged(rows: int, paths: dict[str, Path], runs: int) -> dict:
    """The same file previewed again, nothing changed, `runs` times (median and best). The registry is filled by
    importing the file first, unless the last import written is of this very file and the registry holds just it."""
    from bench.common import staff
    from provinces.models import Province
    from rosters import services
    from rosters.models import ImportJob
    from volunteers.models import Volunteer

    lampang = Province.objects.get(code="52")
    officer = staff("bench.lampang", "officer", lampang)
    content = paths["roster"].read_bytes()
    last = ImportJob.objects.filter(status=ImportJob.Status.DONE).order_by("-pk").first()
    if last is None or last.original_name != paths["roster"].name or last.new_count != Volunteer.objects.count():
        reset_registry()
        started = time.perf_counter()
        import_file(content, paths["roster"].name, lampang, officer)
        print(f"imported {paths['roster'].name} first in {time.perf_counter() - started:.2f} s")
    timings = []
    for _ in range(runs):
        with PhaseTimer() as timer:
            same, seconds, _ = import_file(content, "same.xlsx", lampang, officer, confirm=False, timer=timer)
        services.cancel_import(job=same)
        timings.append(seconds)
        print(
            f"unchanged {same.unchanged_count:,}, new {same.new_count:,}, updated {same.updated_count:,}, wrong "
            f"{same.error_count:,} in {seconds:.2f} s"
        )
        print(timer.line("preview", seconds))
    return {
        "rows": rows,
        "unchanged_seconds": f"{statistics.median(timings):.2f}",
        "best_seconds": f"{min(timings):.2f}",
    }


def memory_at_sizes(sizes: list[int], environment: dict) -> dict:
    """The import's peak at each size, each in a child process of its own so that one size's peak cannot hide the
    next one's, counted from just before its import (reset_peak)."""
    found = {}
    for size in sizes:
        child = subprocess.run(
            [sys.executable, __file__, str(size), "--peak-only"],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            print(f"memory at {size:,} rows: the child failed\n{child.stderr[-2000:]}")
            found[f"peak_mb_{size}"] = "failed"
            continue
        values = dict(pair.split("=", 1) for pair in child.stdout.strip().splitlines()[-1].split())
        print(
            f"memory at {size:,} rows (a fresh process): peak RSS {values['peak_mb']} MB "
            f"({values['baseline_mb']} MB before the import; {values['peak_with_reader_mb']} MB at most with the "
            f"child that reads the .xlsx), import {values['seconds']} s"
        )
        found[f"peak_mb_{size}"] = values["peak_mb"]
    return found


def run(rows: int, paths: dict[str, Path], stdout=print) -> dict:
    """Import the roster, preview it again unchanged, re-import it changed, then samples through django-import-export
    (defaults, then tuned); returns the summary of the last line. Empties the registry of this database first."""
    from django.db import connection

    from bench.common import staff
    from provinces.models import Province
    from rosters import services
    from volunteers.models import Volunteer, VolunteerEvent

    path = paths["roster"]
    reset_registry()
    lampang = Province.objects.get(code="52")
    officer = staff("bench.lampang", "officer", lampang)
    content = path.read_bytes()
    baseline_mb = peak_mb()

    with PhaseTimer() as timer, PeakTogether() as together:
        job, preview_seconds, confirm_seconds = import_file(content, path.name, lampang, officer, timer=timer)
    fast_peak_mb = peak_mb()
    seconds = preview_seconds + confirm_seconds
    written = Volunteer.objects.count()
    history = VolunteerEvent.objects.filter(pgh_context__metadata__import_job=job.pk).count()
    stdout(f"file: {rows:,} rows, {len(content) / 1024 / 1024:.1f} MB")
    stdout(
        f"preview (store upload, read, check every cell, match against the registry): {preview_seconds:.2f} s; "
        f"confirm (match again, COPY, insert with history rows, one transaction): {confirm_seconds:.2f} s"
    )
    stdout(
        f"rows: new {job.new_count:,}, updated {job.updated_count:,}, unchanged {job.unchanged_count:,}, "
        f"wrong {job.error_count:,}; volunteers in the registry {written:,}; history rows tagged with the import "
        f"{history:,}"
    )
    stdout(
        f"fast path: {seconds:.2f} s, {rows / seconds:,.0f} rows/s, peak RSS {fast_peak_mb:.0f} MB "
        f"(ru_maxrss; {baseline_mb:.0f} MB before the import); with the child process that reads the .xlsx, at "
        f"most {together.peak_mb:.0f} MB together (sampled every 20 ms)"
    )
    stdout("where the time goes, new rows (seconds, timed around rosters.pipeline's functions):")
    stdout(timer.line("preview", preview_seconds))
    stdout(timer.line("confirm", confirm_seconds))

    # The same file again, nothing changed: the preview finds nothing to write, so there is nothing to confirm.
    with PhaseTimer() as timer:
        same, unchanged_seconds, _ = import_file(content, "same.xlsx", lampang, officer, confirm=False, timer=timer)
    services.cancel_import(job=same)
    stdout(
        f"re-import of the same file, nothing changed (preview only, nothing to write): unchanged "
        f"{same.unchanged_count:,}, new {same.new_count:,}, updated {same.updated_count:,}, wrong "
        f"{same.error_count:,} in {unchanged_seconds:.2f} s"
    )
    stdout(timer.line("preview", unchanged_seconds))

    # The same people with changed details: every row an update (UPDATE from a COPY'd temp table, with the history
    # trigger writing one row per changed volunteer).
    with PhaseTimer() as timer:
        again, preview_seconds, confirm_seconds = import_file(
            paths["changed"].read_bytes(), "changed.xlsx", lampang, officer, timer=timer
        )
    update_seconds = preview_seconds + confirm_seconds
    update_history = VolunteerEvent.objects.filter(pgh_context__metadata__import_job=again.pk).count()
    stdout(
        f"re-import with changed details: updated {again.updated_count:,}, new {again.new_count:,}, unchanged "
        f"{again.unchanged_count:,}, wrong {again.error_count:,} in {update_seconds:.2f} s (preview and confirm) = "
        f"{again.updated_count / update_seconds:,.0f} rows/s; history rows {update_history:,}"
    )
    stdout(timer.line("preview", preview_seconds))
    stdout(timer.line("confirm", confirm_seconds))

    # django-import-export, default settings: row by row, tablib reading the file with openpyxl.
    from rosters.resources import VolunteerResource

    def timed_import(resource, sample_path: Path, read) -> tuple[int, float, float]:
        reset_registry()
        if not connection.in_atomic_block:  # a fresh connection, as a new request would have (not inside a test)
            connection.close()
        started = time.perf_counter()
        dataset = read(sample_path.read_bytes())
        read_at = time.perf_counter()
        result = resource.import_data(dataset, dry_run=False, user=officer, file_name=sample_path.name)
        elapsed = time.perf_counter() - started
        assert not result.has_errors(), [e.error for e in result.base_errors] + [
            (r.number, r.errors) for r in result.row_errors()[:3]
        ]
        assert Volunteer.objects.count() == len(dataset), (Volunteer.objects.count(), len(dataset))
        return len(dataset), elapsed, read_at - started

    def described(what: str, sample_rows: int, elapsed: float, reading: float) -> float:
        rate = sample_rows / elapsed
        scaled = " (timed on a sample, rate scaled to N)" if sample_rows < rows else ""
        stdout(
            f"django-import-export {what}: {sample_rows:,} rows in {elapsed:.2f} s = {rate:,.0f} rows/s{scaled}; "
            f"estimated {rows / rate:,.0f} s for {rows:,} rows"
        )
        stdout(f"  of which reading the file {reading:.2f} s, import_data {elapsed - reading:.2f} s")
        return rate

    default_rate = described("defaults", *timed_import(VolunteerResource(), paths["sample"], tablib_dataset))
    # The tuned configuration reads the file with python-calamine-plus, the portal's own reader (tablib's openpyxl
    # reader took about half of its time): what is compared is the import itself.
    tuned_rate = described(
        "best tuned (bulk 1000, skip_diff, force_init_instance, subdistrict map, calamine reader)",
        *timed_import(tuned_resource(), paths["tuned_sample"], calamine_dataset),
    )
    stdout(f"  history rows its inserts wrote (pghistory's trigger): {VolunteerEvent.objects.count():,}")
    ratio = (rows / seconds) / default_rate
    ratio_tuned = (rows / seconds) / tuned_rate
    stdout(f"ratio fast / default: {ratio:.1f}x; fast / best tuned: {ratio_tuned:.1f}x")
    return {
        "rows": rows,
        "seconds": f"{seconds:.2f}",
        "rows_per_s": f"{rows / seconds:.0f}",
        "peak_mb": f"{fast_peak_mb:.0f}",
        "peak_with_reader_mb": f"{together.peak_mb:.0f}",
        "default_rows_per_s": f"{default_rate:.0f}",
        "ratio_vs_default": f"{ratio:.1f}",
        "update_rows_per_s": f"{again.updated_count / update_seconds:.0f}",
        "tuned_rows_per_s": f"{tuned_rate:.0f}",
        "ratio_vs_tuned": f"{ratio_tuned:.1f}",
        "unchanged_seconds": f"{unchanged_seconds:.2f}",
        "update_seconds": f"{update_seconds:.2f}",
    }


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--generate":
        generate(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
