"""The import pipeline a worker runs: read the file, parse and check every row, match it against the registry
(the preview), then write it in one transaction, all or nothing, reporting progress as it goes.

The public entry points (start, confirm, cancel) are in rosters.services; what happens when a worker dies is in
rosters.recovery; the worker's tasks in rosters.tasks."""

import contextlib
import dataclasses
import datetime
import gc
import operator
import pickle
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pghistory
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from core import thai
from core.bulk_history import history_written_here
from core.pgcopy import copy_rows, copy_text, keyed_for_join
from mentors.models import Mentor
from rosters import readers
from rosters.columns import MENTORS, PLUGGED, VOLUNTEERS, plugged, spec_for
from rosters.models import ImportJob, Kind
from rosters.validation import (
    MAX_STORED_ERRORS,
    MODELS,
    CheckedRoster,
    MissingColumns,
    ParsedRoster,
    RegistryLookup,
    classify,
    parse_roster,
)
from rosters.writers import failed_rows_workbook
from volunteers.absences import record_absences
from volunteers.models import StatusChange, Term, Volunteer
from volunteers.services import apply_imported_status_changes

COPY_BATCH = 10_000  # rows a statement: the tallies' triggers pay per statement, a cancel waits for one
UPDATE_SAMPLE = 20
# Stored on the job in its language (gettext where they are stored: the job's language is active there).
CANCELLED_MESSAGE = gettext_noop("ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลใดถูกบันทึก")
SAVED_BEFORE_WORKER_STOPPED = gettext_noop(
    "บันทึกข้อมูลครบแล้ว แต่ตัวประมวลผลงานเบื้องหลังหยุดทำงานก่อนสรุปผล จำนวนที่แสดงมาจากการตรวจสอบก่อนนำเข้า"
)
IMPORT_DONE_PHASE = gettext_noop("นำเข้าเสร็จ")


class ImportCancelled(Exception):
    """Someone asked to stop the write before it committed; it is rolled back."""


# ---------------------------------------------------------------- progress


class Progress:
    """Moves the job's progress bar. Inside the write transaction it reports through a second connection,
    so the page sees the bar move while nothing of the import itself is visible yet."""

    def __init__(self, job: ImportJob):
        self.job_id = job.pk
        self.can_report_outside = not connection.in_atomic_block
        self.side: BaseDatabaseWrapper | None = None
        self.last = (-1, "")

    def __call__(self, percent: float, phase: str = "") -> None:
        percent = max(0, min(100, int(percent)))
        if (percent, phase) == self.last:
            return
        self.last = (percent, phase)
        if not connection.in_atomic_block:
            ImportJob.objects.filter(pk=self.job_id).update(progress=percent, phase=phase)
        elif self.can_report_outside:
            if self.side is None:
                self.side = connection.copy()
            with self.side.cursor() as cursor:
                cursor.execute(
                    "UPDATE rosters_importjob SET progress = %s, phase = %s WHERE id = %s",
                    [percent, phase, self.job_id],
                )

    def close(self):
        if self.side is not None:
            self.side.close()
            self.side = None


def scaled(progress, low, high, phase):
    return lambda fraction: progress(low + (high - low) * fraction, phase)


# ---------------------------------------------------------------- read and check


def read_table(job: ImportJob, progress, *, streamed: bool = False) -> readers.RosterTable:
    spec = spec_for(job)
    progress(2, _("กำลังอ่านไฟล์"))
    with job.file.open("rb") as handle:
        table = readers.read_table(handle, job.file_format, spec, streamed=streamed)
    if module := plugged(job.kind):
        module.check_table(table, job)  # what the whole file is for (a report's month): RosterFileError if wrong
    else:
        refuse_another_kinds_form(table, job)
    job.sheet_name = table.sheet_name[:100]
    job.header_row = table.header_row
    job.columns = [
        {"header": header, "field": str(spec.column(key).header)}
        for header, key in zip(table.headers, table.column_keys, strict=True)
        if key
    ]
    job.unknown_columns = table.unknown_columns
    return table


def refuse_another_kinds_form(table: readers.RosterTable, job: ImportJob) -> None:
    """A plugged kind's form (a month's reports) uploaded as a roster would match its people and read nothing else:
    a preview of "all unchanged" for a file that was never a roster. Said instead, with the kind to choose."""
    for kind in PLUGGED:
        if plugged(kind).looks_like_this_kind(table):
            raise readers.RosterFileError(
                _("ไฟล์นี้เป็นแบบฟอร์ม%(form)s ไม่ใช่รายชื่อ%(chosen)s กรุณาเลือกชนิดข้อมูล “%(form)s” แล้วอัปโหลดใหม่")
                % {"form": Kind(kind).label, "chosen": Kind(job.kind).label}
            )


def read_and_parse(
    job: ImportJob, progress, lookup: RegistryLookup | None = None
) -> tuple[readers.RosterTable, ParsedRoster]:
    """The file read and every row checked; `lookup` is asked for the registry's records of the rows as they pass."""
    table = read_table(job, progress, streamed=True)
    rows = table.expected_rows
    parsed = parse_roster(
        spec=spec_for(job),
        table=table,
        province=job.province,
        progress=scaled(progress, 10, 35, _checking_phase(rows)),
        checked=lookup.ask if lookup is not None else None,
    )
    return table, parsed


def _checking_phase(rows: int | None) -> str:
    if not rows:
        return _("กำลังอ่านและตรวจสอบแถวในไฟล์")
    return ngettext("กำลังตรวจสอบ %(rows)s แถว", "กำลังตรวจสอบ %(rows)s แถว", rows) % {"rows": f"{rows:,}"}


# The preview's parsed rows are kept for the write, signed so that only this application's own file is unpickled.
SIGNATURE_BYTES = 32  # sha256
READ_CHUNK_BYTES = 1024 * 1024
PICKLED_ROWS = 10_000


def _signer():
    return salted_hmac("rosters.parsed-roster", b"", algorithm="sha256")


class _SignedWriter:
    """pickle.dump's file: each frame goes to the temporary file and into the signature, so that the pickled rows
    (11 MB for 100,000 rows) are never held in memory whole, let alone twice as they were."""

    def __init__(self, handle):
        self.handle, self.signer = handle, _signer()

    def write(self, data) -> int:
        self.signer.update(data)
        return self.handle.write(data)


def save_parsed(job: ImportJob, parsed: ParsedRoster) -> None:
    delete_files(job, "parsed_file")
    with tempfile.TemporaryFile() as handle:
        handle.write(bytes(SIGNATURE_BYTES))
        writer = _SignedWriter(handle)
        # One pickle after the other, each of PICKLED_ROWS rows: a pickler remembers every object it has written
        # (with the two copies of the bytes, saving 100,000 rows in one pickle took 53 MB more than the rows).
        pickle.dump((dataclasses.replace(parsed, good=[]), len(parsed.good)), writer, pickle.HIGHEST_PROTOCOL)
        for start in range(0, len(parsed.good), PICKLED_ROWS):
            pickle.dump(parsed.good[start : start + PICKLED_ROWS], writer, pickle.HIGHEST_PROTOCOL)
        handle.seek(0)
        handle.write(writer.signer.digest())
        handle.seek(0)
        job.parsed_file.save("parsed.bin", File(handle), save=False)


def load_parsed(job: ImportJob) -> ParsedRoster | None:
    if not job.parsed_file:
        return None
    try:
        with job.parsed_file.open("rb") as handle:
            signature, signer = handle.read(SIGNATURE_BYTES), _signer()
            while chunk := handle.read(READ_CHUNK_BYTES):
                signer.update(chunk)
            if not constant_time_compare(signature, signer.digest()):
                return None
            handle.seek(SIGNATURE_BYTES)
            head = pickle.load(handle)
            # A file kept by an older version (one pickle of the whole roster) is read again from the upload.
            if not (isinstance(head, tuple) and len(head) == 2 and isinstance(head[0], ParsedRoster)):
                return None
            parsed, good_rows = head
            while len(parsed.good) < good_rows:
                parsed.good += pickle.load(handle)
    except OSError:
        return None
    return parsed if parsed.kind == job.kind else None


def classify_for(
    job: ImportJob, parsed: ParsedRoster, table=None, lookup: RegistryLookup | None = None, *, writing=False
) -> CheckedRoster:
    """Match the checked rows against the database as it is now, by the rules of the job's kind. `writing`: the
    write's match, which refuses the rows of people saved by someone else since the preview read them."""
    changed_since = previewed_registry_at(job) if writing else None
    if module := plugged(job.kind):
        return module.classify(parsed, job, table=table, changed_since=changed_since)
    return classify(parsed, job.province, table=table, lookup=lookup, changed_since=changed_since)


def previewed_registry_at(job: ImportJob):
    """When the preview began reading the registry (its check's start): what was saved later, it did not see."""
    if job.checked_at is None:
        return job.created_at
    return job.checked_at - datetime.timedelta(seconds=job.check_seconds or 0)


def registry_lookup(job: ImportJob) -> RegistryLookup | None:
    """The preview's lookup of the rows in the registry while they are checked, for the kinds classify() matches
    (a plugged kind matches its own way)."""
    return None if plugged(job.kind) else RegistryLookup(spec_for(job), job.province)


def _store_outcome(job: ImportJob, checked: CheckedRoster) -> None:
    counts = checked.counts()
    job.total_rows = counts["total"]
    job.new_count = counts["new"]
    job.updated_count = counts["updated"]
    job.unchanged_count = counts["unchanged"]
    job.no_report_count = counts["skipped"]
    job.error_count = counts["errors"]
    job.errors = [
        {"row": p.row, "column": p.column, "message": p.message} for p in checked.problems[:MAX_STORED_ERRORS]
    ]
    job.update_sample = _update_sample(checked, spec_for(job))
    delete_files(job, "failed_file")
    if checked.error_rows:
        reasons: dict[int, list[str]] = {}
        for problem in checked.problems:
            reasons.setdefault(problem.row, []).append(f"{problem.column}: {problem.message}")
        rows = [(number, raw, "; ".join(reasons.get(number, []))) for number, raw in checked.error_rows.items()]
        content = failed_rows_workbook(checked.headers, rows)
        job.failed_file.save("failed.xlsx", ContentFile(content), save=False)


def _update_sample(checked: CheckedRoster, spec) -> list[dict]:
    labels = {c.key: c.header for c in spec.columns}
    labels.update(
        {
            "subdistrict_id": "ตำบล/แขวง",
            "agency_id": "หน่วยงาน",
            "title_other": "คำนำหน้า",
            "is_active": "สถานะ",
            "terms": _("วาระการดำรงตำแหน่ง"),
        }
    )
    index = {f: i for i, f in enumerate(checked.fields)}
    sample = []
    for _pk, values, changed, number in checked.updates[:UPDATE_SAMPLE]:
        sample.append(
            {
                "row": number,
                "national_id": thai.mask_national_id(values[0]),
                "name": f"{values[index['first_name']]} {values[index['last_name']]}"
                if "first_name" in index and "last_name" in index
                else checked.names.get(values[0], ""),
                "changed": sorted({str(labels.get(f, f)) for f in changed if f != "province_id"}),
            }
        )
    return sample


@contextlib.contextmanager
def without_cycle_collection():
    """The read, check and match create millions of tuples and keep them all (the file's cells, the checked rows):
    each run of Python's cycle collector then walks every one of them again (a sixth of the preview's time on
    100,000 rows). They form no reference cycles, so the collector is paused for that stretch and resumed after
    (whatever cyclic garbage the stretch left is collected then)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_import_job(job_id: int) -> str:
    """The preview: read and check every row, count new / updated / unchanged / wrong; nothing is written. In the
    uploader's language, as every message it stores."""
    job = ImportJob.objects.select_related("province").get(pk=job_id)
    with translation.override(job.language):
        return _check(job)


def _check(job: ImportJob) -> str:
    if job.status not in {ImportJob.Status.QUEUED_CHECK, ImportJob.Status.CHECKING}:
        return job.status
    job.status = ImportJob.Status.CHECKING
    job.save(update_fields=["status"])
    progress = Progress(job)
    started = time.perf_counter()
    try:
        with without_cycle_collection():
            lookup = registry_lookup(job)
            table, parsed = read_and_parse(job, progress, lookup)
            progress(38, _("กำลังเทียบกับทะเบียน"))
            checked = classify_for(job, parsed, table=table, lookup=lookup)
            del table
            progress(40, _("กำลังสรุปผลการตรวจสอบ"))
            _store_outcome(job, checked)
            if job.new_count + job.updated_count:
                save_parsed(job, parsed)
            # else nothing can be confirmed (ImportJob.can_confirm): no personal data is kept for a write that
            # cannot come.
    except (readers.RosterFileError, MissingColumns) as exc:
        job.status = ImportJob.Status.REJECTED
        job.message = str(exc)
        job.progress = 100
    except Exception as exc:  # an unreadable file must end the job with a reason, not leave it "checking"
        job.status = ImportJob.Status.REJECTED
        job.message = _("อ่านไฟล์ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่รายชื่อตามแม่แบบ (%(error)s)") % {"error": type(exc).__name__}
        job.progress = 100
    else:
        job.status = ImportJob.Status.PREVIEW
        job.progress = 100
        job.phase = _("ตรวจสอบเสร็จ รอยืนยัน")
    job.checked_at = timezone.now()
    job.check_seconds = time.perf_counter() - started
    job.save()
    return job.status


# ---------------------------------------------------------------- the write


def _insert_columns(model, fields: list[str], now):
    """Every column of a new row, and a function that makes that row from the file's values: the file's value where
    the file has the column, else the model's default."""
    columns: list[str] = []
    picks: list[int] = []  # per column: a position in (file values + constants)
    constants: list[Any] = []
    index = {f: i for i, f in enumerate(fields)}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.generated:  # generated columns (the Thai sort keys) are PostgreSQL's to fill
            continue
        columns.append(field.column)
        if field.attname in index:
            picks.append(index[field.attname])
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) or field.name == "created_at":
            constant = now
        elif field.has_default():
            constant = field.get_default()
        elif field.null:
            constant = None
        else:
            constant = ""
        picks.append(len(fields) + len(constants))
        constants.append(constant)
    # One tuple concatenation and one C-level pick a row, not a Python loop over its 30 columns.
    pick, tail = operator.itemgetter(*picks), tuple(constants)
    return columns, lambda values: pick(values + tail)


def _stop_if_cancelled(cursor, job: ImportJob) -> None:
    # READ COMMITTED (Django's default): each statement sees what others have committed, the cancel request too.
    cursor.execute("SELECT status FROM rosters_importjob WHERE id = %s", [job.pk])
    if cursor.fetchone()[0] != ImportJob.Status.IMPORTING:
        raise ImportCancelled


def _mark_written(cursor, job: ImportJob) -> None:
    """The write's last statement: finished_at set in the same transaction, unless a cancel came first.

    The row stays locked until the commit, so a cancel arriving now waits for it and then finds the rows saved.
    No progress report may follow: it would wait on this lock through the second connection.
    """
    cursor.execute(
        "UPDATE rosters_importjob SET finished_at = %s WHERE id = %s AND status = %s",
        [timezone.now(), job.pk, ImportJob.Status.IMPORTING],
    )
    if cursor.rowcount != 1:
        raise ImportCancelled


QUERY_CANCELED = "57014"  # the SQLSTATE of a statement stopped by statement_timeout


def _begin_write(cursor) -> None:
    """Constraints checked per statement, and no statement of the write longer than ROSTER_STATEMENT_TIMEOUT_SECONDS:
    a cancel is only seen between statements, so one that never ended would leave the job "importing" for good."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(
        "SELECT set_config('statement_timeout', %s, true)", [f"{settings.ROSTER_STATEMENT_TIMEOUT_SECONDS}s"]
    )


def write_roster(*, checked: CheckedRoster, job: ImportJob, progress) -> None:
    """Insert the new and update the changed people in one transaction; any error rolls back everything.

    Between batches it stops, rolling everything back, if someone cancelled the import (ImportCancelled).
    """
    model = MODELS[checked.kind]
    table = model._meta.db_table
    now = timezone.now()
    today = timezone.localdate()
    total = len(checked.new) + len(checked.updates) or 1
    done = 0
    metadata = {
        "import_job": job.pk,
        "import_file": job.original_name,
        "user": job.confirmed_by_id,
        "username": job.confirmed_by.get_username() if job.confirmed_by else "",
        "province": job.province.code,
        "source": "roster_import",
    }
    with pghistory.context(**metadata), transaction.atomic(), connection.cursor() as cursor:
        # Any statement that pghistory sees attaches the context to this transaction, so that the rows COPY
        # writes below carry it in their history too.
        _begin_write(cursor)
        columns, insert_row = _insert_columns(model, checked.fields, now)
        if checked.new:
            cursor.execute("DROP TABLE IF EXISTS roster_new")
            cursor.execute(
                f"CREATE TEMP TABLE roster_new ON COMMIT DROP AS SELECT {', '.join(columns)} FROM {table} LIMIT 0"
            )
        with_terms = checked.kind == VOLUNTEERS and "term_ends_on" in checked.fields
        # pghistory's row trigger attaches the context once per row, which made it 90% of the write; the same
        # history rows are written below in one statement per batch, with the same context (core.bulk_history).
        batches = [checked.new[start : start + COPY_BATCH] for start in range(0, len(checked.new), COPY_BATCH)]
        texts = map(copy_text, (map(insert_row, batch) for batch in batches))
        # Each batch's COPY text is made in a thread while the INSERT of the batch before runs: the INSERT waits on
        # PostgreSQL, without the GIL, for ten times as long as the text takes.
        with history_written_here(cursor), ThreadPoolExecutor(max_workers=1, thread_name_prefix="copy-text") as pool:
            coming = pool.submit(next, texts, None)
            for batch in batches:
                _stop_if_cancelled(cursor, job)
                copy_rows(cursor, "roster_new", columns, coming.result())
                coming = pool.submit(next, texts, None)
                _insert_with_history(
                    cursor, model, columns, first_terms=(job.confirmed_by_id, now) if with_terms else None
                )
                cursor.execute("TRUNCATE roster_new")
                done += len(batch)
                progress(
                    40 + 55 * done / total,
                    _("กำลังบันทึกคนใหม่ %(done)s จาก %(total)s แถว")
                    % {"done": f"{done:,}", "total": f"{len(checked.new):,}"},
                )
        reason = imported_status_reason(job)
        if checked.first_statuses:
            write_first_statuses(
                cursor, national_ids=checked.first_statuses, reason=reason, by=job.confirmed_by_id, now=now
            )
        if checked.updates:
            _stop_if_cancelled(cursor, job)
            _apply_updates(cursor, model, checked, now)
            done += len(checked.updates)
            progress(40 + 55 * done / total, _("ปรับปรุงข้อมูลเดิม %(rows)s แถว") % {"rows": f"{len(checked.updates):,}"})
            if checked.new_terms or checked.corrected_terms:
                _stop_if_cancelled(cursor, job)
                write_terms(
                    cursor, new=checked.new_terms, corrected=checked.corrected_terms, by=job.confirmed_by_id, now=now
                )
        if checked.kind == MENTORS and checked.updates:
            # An ended mentor's volunteers are left without a mentor in the same transaction, as every door that
            # saves a mentor does (Mentor.save); the UPDATE above went round it.
            Mentor.objects.across_provinces("the mentors this import just updated").filter(
                pk__in=[pk for pk, *_ in checked.updates]
            ).release_volunteers()
        if checked.kind == VOLUNTEERS and checked.status_changes:
            # A status is a step of the volunteer's lifecycle: the volunteers app applies it, by its own rule.
            apply_status_steps(checked.status_changes, today=today, reason=reason, by=job.confirmed_by)
        _mark_written(cursor, job)


def write_plugged(module, *, checked: CheckedRoster, job: ImportJob, progress) -> None:
    """A plugged kind's write, in the frame every import's write has: one transaction with the import's history
    context, stopped (rolled back) by a cancel between batches, finished_at set by its last statement."""
    metadata = {
        "import_job": job.pk,
        "import_file": job.original_name,
        "user": job.confirmed_by_id,
        "username": job.confirmed_by.get_username() if job.confirmed_by else "",
        "province": job.province.code,
        **module.history_metadata(job),
    }
    with pghistory.context(**metadata), transaction.atomic(), connection.cursor() as cursor:
        _begin_write(cursor)
        module.write(
            cursor,
            checked=checked,
            job=job,
            progress=progress,
            stop_if_cancelled=lambda: _stop_if_cancelled(cursor, job),
        )
        _mark_written(cursor, job)


def _insert_with_history(cursor, model, columns: list[str], select: str = "", params=(), *, first_terms=None) -> None:
    """Move the batch in `roster_new` (or what `select` gives) into the table and write its "insert" history rows,
    as pghistory's trigger would. `first_terms` (by, now): in the same statement, the first term of each new
    volunteer with an appointment date, from their row (its order, date and term end, checked and defaulted at the
    match: rosters.validation.terms), with its history rows: reading the inserted rows back would cost more than
    the insert."""
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(c) for c in columns)
    select = select or f"SELECT {column_list} FROM roster_new"
    sql = (
        f"WITH inserted AS (INSERT INTO {model._meta.db_table} ({column_list}) {select} RETURNING *), "
        "context AS (SELECT _pgh_attach_context() AS id) "
    )
    if first_terms is None:
        cursor.execute(sql + _history_rows(model, "inserted"), params)
        return
    term_list = ", ".join(quote(c) for c in TERM_COLUMNS)
    cursor.execute(
        sql + f", history AS ({_history_rows(model, 'inserted')}), "
        f"terms AS (INSERT INTO {Term._meta.db_table} ({term_list}) SELECT inserted.id, inserted.appointment_order, "
        "inserted.appointed_on, inserted.term_ends_on, %s, %s FROM inserted WHERE inserted.appointed_on IS NOT NULL "
        f"RETURNING *) {_history_rows(Term, 'terms')}",
        [*params, *first_terms],
    )


def _history_rows(model, source: str, label: str = "insert", where: str = "") -> str:
    """The statement that writes the `label` history rows of the rows in `source`, with the `context` row."""
    event_model = apps.get_model(model._meta.app_label, f"{model.__name__}Event")
    quote = connection.ops.quote_name
    tracked = [f.column for f in event_model._meta.concrete_fields if not f.name.startswith("pgh_")]
    return (
        f"INSERT INTO {event_model._meta.db_table} ({', '.join(quote(c) for c in tracked)}, "
        f"pgh_context_id, pgh_created_at, pgh_label, pgh_obj_id) "
        f"SELECT {', '.join(f'{source}.' + quote(c) for c in tracked)}, context.id, NOW(), '{label}', {source}.id "
        f"FROM {source} CROSS JOIN context {where}"
    )


TERM_COLUMNS = ["volunteer_id", "order_no", "starts_on", "ends_on", "recorded_by_id", "recorded_at"]


def write_terms(cursor, *, new, corrected, by, now) -> None:
    """The terms an import gives known volunteers, in the import's transaction: `new` (volunteer pk, order no.,
    start, end) re-appointments and first terms, written by COPY with their history rows; `corrected` (term pk, order
    no., start, end) corrections of a term, in one UPDATE (few, and recorded by pghistory's trigger). The rules were
    checked at the match against the registry; the database's constraints refuse an overlap that slipped in since."""
    if corrected:
        cursor.execute("DROP TABLE IF EXISTS roster_corrected_terms")
        cursor.execute(
            "CREATE TEMP TABLE roster_corrected_terms ON COMMIT DROP AS SELECT * FROM "
            "unnest(%s::bigint[], %s::text[], %s::date[], %s::date[]) AS c(id, order_no, starts_on, ends_on)",
            [list(column) for column in zip(*corrected, strict=True)],
        )
        keyed_for_join(cursor, "roster_corrected_terms")
        cursor.execute(
            f"UPDATE {Term._meta.db_table} AS t SET order_no = c.order_no, starts_on = c.starts_on, ends_on = c.ends_on "
            "FROM roster_corrected_terms AS c WHERE t.id = c.id"
        )
    if new:
        cursor.execute("DROP TABLE IF EXISTS roster_terms")
        cursor.execute(
            f"CREATE TEMP TABLE roster_terms ON COMMIT DROP AS SELECT {', '.join(TERM_COLUMNS)} "
            f"FROM {Term._meta.db_table} LIMIT 0"
        )
        copy_rows(cursor, "roster_terms", TERM_COLUMNS, ((*term, by, now) for term in new))
        with history_written_here(cursor):
            _insert_with_history(cursor, Term, TERM_COLUMNS, f"SELECT {', '.join(TERM_COLUMNS)} FROM roster_terms")
        # A re-appointment after a gap is an absence the reports count (a correction changes no gap: it is of a
        # volunteer's only term, or of the end of their latest).
        record_absences(term[0] for term in new)


def imported_status_reason(job: ImportJob) -> str:
    """The reason a status step of a staff import is recorded with (the volunteer's history names the file)."""
    return f"นำเข้าจากไฟล์ {job.original_name} (การนำเข้าครั้งที่ {job.pk})"


def write_first_statuses(cursor, *, national_ids: list[str], reason: str, by, now) -> None:
    """The status other than active that new volunteers' rows give them (rosters.validation.statuses), recorded as the
    status page records a step: a StatusChange to it from none, on the date saved with their row, with `reason`. So
    the reports' leavers of a year count them in the year their status counts from. One statement, in the import's
    transaction, after their rows."""
    quote = connection.ops.quote_name
    columns = ["volunteer_id", "from_status", "to_status", "changed_on", "reason", "changed_by_id", "recorded_at"]
    cursor.execute(
        f"INSERT INTO {quote(StatusChange._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"SELECT id, '', status, status_changed_on, %s, %s, %s FROM {quote(Volunteer._meta.db_table)} "
        "WHERE national_id = ANY(%s::text[]) AND status <> %s AND status_changed_on IS NOT NULL",
        [reason, by, now, national_ids, Volunteer.Status.ACTIVE],
    )


def apply_status_steps(steps: list[tuple], *, today, reason: str, by) -> None:
    """Known volunteers' status steps [(pk, from, to, day or None)] through the volunteers' lifecycle
    (apply_imported_status_changes), each on its row's day, None on `today`: one call a day (a file's steps share
    few days)."""
    by_day: dict = {}
    for pk, from_status, to_status, changed_on in steps:
        by_day.setdefault(changed_on or today, []).append((pk, from_status, to_status))
    for changed_on, changes in sorted(by_day.items()):
        apply_imported_status_changes(changes=changes, changed_on=changed_on, reason=reason, by=by)


# Columns a file sets that its owning app writes itself: a volunteer's status and its date go through the lifecycle
# step above.
WRITTEN_BY_OWNER = {VOLUNTEERS: {"status", "status_changed_on"}}


def _apply_updates(cursor, model, checked: CheckedRoster, now) -> None:
    """The changed rows in one UPDATE, with their "update" history rows in the same statement (as for the inserts:
    pghistory's row trigger, with its context attached row by row, was a fifth of the UPDATE)."""
    table = model._meta.db_table
    skipped = WRITTEN_BY_OWNER.get(checked.kind, set())
    positions = [i for i, f in enumerate(checked.fields) if i > 0 and f not in skipped]
    if not positions:
        return
    set_fields = [checked.fields[i] for i in positions]
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(f) for f in set_fields)
    cursor.execute(
        f"CREATE TEMP TABLE roster_changes ON COMMIT DROP AS SELECT id, {column_list}, true AS with_history "
        f"FROM {table} LIMIT 0"
    )
    # The trigger writes history only when a tracked column changes: a row whose change is only its status (written
    # by its owner below) or a term (its own table) gets none here either.
    unwritten = skipped | {"terms"}
    # One C-level pick of the set columns a row, not a generator over them (itemgetter of one gives no tuple).
    pick = operator.itemgetter(*positions) if len(positions) > 1 else lambda values: (values[positions[0]],)
    for start in range(0, len(checked.updates), COPY_BATCH):
        batch = checked.updates[start : start + COPY_BATCH]
        copy_rows(
            cursor,
            "roster_changes",
            ["id", *set_fields, "with_history"],
            ((pk, *pick(values), not unwritten.issuperset(changed)) for pk, values, changed, _n in batch),
        )
    keyed_for_join(cursor, "roster_changes")
    assignments = [f"{quote(f)} = c.{quote(f)}" for f in set_fields]
    assignments.append("updated_at = %s")
    # An officer's edit form opened before the import must not write over it (optimistic locking).
    assignments.append("version = t.version + 1")
    with history_written_here(cursor):
        cursor.execute(
            f"WITH updated AS (UPDATE {table} AS t SET {', '.join(assignments)} FROM roster_changes AS c "
            "WHERE t.id = c.id RETURNING t.*, c.with_history), context AS (SELECT _pgh_attach_context() AS id) "
            + _history_rows(model, "updated", "update", "WHERE updated.with_history"),
            [now],
        )


def run_import_job(job_id: int) -> str:
    """The write: check the file again against the registry as it is now, then write it all or nothing. In the
    uploader's language, as every message it stores."""
    job = ImportJob.objects.select_related("province", "confirmed_by").get(pk=job_id)
    with translation.override(job.language):
        return _write(job)


def _write(job: ImportJob) -> str:
    job.started_at = timezone.now()
    # Only a job still queued (or one this task already started): one cancelled meanwhile stays cancelled.
    # Never a job whose write committed (finished_at is set in its transaction): a second queue entry of a job whose
    # worker stopped right after the commit would match the file again against its own rows and rewrite the counts.
    if not ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportJob.Status.QUEUED_IMPORT, ImportJob.Status.IMPORTING], finished_at__isnull=True
    ).update(status=ImportJob.Status.IMPORTING, started_at=job.started_at):
        ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.IMPORTING, finished_at__isnull=False).update(
            status=ImportJob.Status.DONE,
            message=_(SAVED_BEFORE_WORKER_STOPPED),
            phase=_(IMPORT_DONE_PHASE),
            progress=100,
        )
        job.refresh_from_db(fields=["status"])
        return job.status
    job.status = ImportJob.Status.IMPORTING
    progress = Progress(job)
    started = time.perf_counter()
    try:
        with without_cycle_collection():
            parsed = load_parsed(job)
            if parsed is None:
                _table, parsed = read_and_parse(job, progress)
            progress(30, _("กำลังเทียบกับทะเบียนปัจจุบัน"))
            checked = classify_for(job, parsed, writing=True)
            del parsed
        if job.all_or_nothing and checked.problems:
            # The file was clean at the preview; the database changed since (a volunteer moved, a month closed).
            first = checked.problems[0]
            raise readers.RosterFileError(
                _("ข้อมูลในระบบเปลี่ยนไปหลังตรวจสอบ แถวที่ %(row)s %(column)s: %(message)s กรุณาอัปโหลดไฟล์ใหม่เพื่อตรวจสอบอีกครั้ง")
                % {"row": first.row, "column": first.column, "message": first.message}
            )
        progress(38, _("เริ่มบันทึก"))
        if module := plugged(job.kind):
            write_plugged(module, checked=checked, job=job, progress=progress)
        else:
            write_roster(checked=checked, job=job, progress=progress)
    except ImportCancelled:
        job.status = ImportJob.Status.CANCELLED
        job.message = _(CANCELLED_MESSAGE)
        job.phase = _("ยกเลิกระหว่างบันทึก ระบบย้อนการบันทึกทั้งหมดแล้ว")
        job.finished_at = timezone.now()
        job.import_seconds = time.perf_counter() - started
        # The files go before the status is saved: whoever reads "cancelled" must find no copy left.
        delete_files(job, "file", "parsed_file")
        # Not the whole row: the progress the other connection reported shows how far the write had gone.
        job.save(update_fields=["status", "message", "phase", "finished_at", "import_seconds", "file", "parsed_file"])
        return job.status
    except (readers.RosterFileError, MissingColumns) as exc:
        _fail(job, _("นำเข้าไม่สำเร็จ: %(reason)s ไม่มีข้อมูลใดถูกบันทึก") % {"reason": exc}, started)
        return job.status
    except Exception as exc:
        message = _("บันทึกข้อมูลไม่สำเร็จ ระบบยกเลิกการนำเข้าทั้งหมด ไม่มีข้อมูลใดถูกบันทึก (%(reason)s)")
        _fail(job, message % {"reason": _reason(exc)}, started)
        return job.status
    finally:
        progress.close()
        drop_parsed(job)
    # The rows are saved from here on: a failure now must not turn the job into "nothing was saved".
    if checked.needs_raw_rows:
        checked.fill_raw_rows(read_table(job, lambda *a: None))
    _store_outcome(job, checked)
    job.status = ImportJob.Status.DONE
    job.progress = 100
    job.phase = _(IMPORT_DONE_PHASE)
    job.finished_at = timezone.now()
    job.import_seconds = time.perf_counter() - started
    job.save()
    return job.status


def delete_files(job: ImportJob, *field_names: str) -> None:
    """Delete the stored files of these fields, leaving the fields empty; the caller saves the job."""
    for name in field_names:
        stored = getattr(job, name)
        if stored:
            stored.delete(save=False)


def drop_parsed(job: ImportJob) -> None:
    """The checked rows hold personal data and are only needed between preview and write."""
    if job.parsed_file:
        job.parsed_file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(parsed_file="")


def _reason(exc: Exception) -> str:
    from django.db import IntegrityError, OperationalError

    if isinstance(exc, IntegrityError):
        if "national_id" in str(exc):
            return _("มีเลขประจำตัวประชาชนซ้ำกับข้อมูลที่เพิ่งบันทึกโดยผู้อื่น ลองตรวจสอบไฟล์ใหม่อีกครั้ง")
        return _("ข้อมูลขัดกับข้อกำหนดของฐานข้อมูล")
    if isinstance(exc, OperationalError):
        if getattr(exc.__cause__, "pgcode", None) == QUERY_CANCELED:
            limit = settings.ROSTER_STATEMENT_TIMEOUT_SECONDS
            if limit >= 60 and not limit % 60:
                minutes = limit // 60
                wording = ngettext("%(n)s นาที", "%(n)s นาที", minutes) % {"n": f"{minutes:,}"}
            else:
                wording = ngettext("%(n)s วินาที", "%(n)s วินาที", limit) % {"n": f"{limit:,}"}
            return _("การบันทึกชุดหนึ่งใช้เวลาเกิน %(limit)s ระบบจึงหยุด กรุณาลองนำเข้าใหม่อีกครั้ง หรือแบ่งไฟล์ให้เล็กลง") % {
                "limit": wording
            }
        return _("ฐานข้อมูลขัดข้องระหว่างบันทึก")
    return _("ข้อผิดพลาดของระบบ: %(error)s") % {"error": type(exc).__name__}


def _fail(job: ImportJob, message: str, started: float) -> None:
    job.status = ImportJob.Status.FAILED
    job.message = message
    job.finished_at = timezone.now()
    job.import_seconds = time.perf_counter() - started
    job.save()


# The plugged kinds' writers move their new rows in as the rosters' do.
insert_with_history = _insert_with_history
