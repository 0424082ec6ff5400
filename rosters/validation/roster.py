"""Checking a whole roster: every row first (rosters.validation.rows), IDs repeated in the file, then the rows
matched against the registry, whose records of them are asked for in one query per chunk of rows as the rows are
checked (RegistryLookup): new, updated, unchanged, another province's, or a status change the volunteer lifecycle
forbids, or dated on a day it refuses (rosters.validation.statuses).
"""

from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.alongside import started
from provinces.models import Province
from rosters.columns import SPECS, VOLUNTEERS, RosterSpec
from rosters.readers import RosterTable
from rosters.validation import statuses
from rosters.validation.rows import CheckedRoster, RowChecker, RowProblem
from rosters.validation.terms import TermProblem, TermStep, first_term_end, known_terms, step_for_known
from volunteers import rules
from volunteers.models import Volunteer

MODELS = {kind: spec.model for kind, spec in SPECS.items()}
# parse_roster checks this many rows at a time (all their columns), and hands each chunk to `checked`.
CHECK_CHUNK_ROWS = 10_000


def existing_people(model, national_ids: list[str], fields: list[str], changed_since=None) -> dict[str, tuple]:
    """{national_id: (pk, province_id, changed, values...)} for the IDs in the file, anywhere in the country, in one
    query; `changed`: saved after `changed_since` (None: never)."""
    table = model._meta.db_table
    columns = ", ".join(connection.ops.quote_name(f) for f in fields)
    # IDs of digits only (as the check leaves them) go as one array literal: quicker to send and parse than an
    # ARRAY[...] expression with 100,000 quoted constants.
    digits = all(nid.isascii() and nid.isdigit() for nid in national_ids)
    ids = "{" + ",".join(national_ids) + "}" if digits else national_ids
    with connection.cursor() as cursor:
        cursor.execute(
            # Compared here: a boolean a row costs less to send and read than its timestamp.
            f"SELECT national_id, id, province_id, updated_at > %s::timestamptz, {columns} FROM {table} "
            "WHERE national_id = ANY(%s::text[])",
            [changed_since, ids],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


CHANGED_AFTER_PREVIEW = gettext_noop(
    "มีผู้บันทึกข้อมูลของคนนี้ในระบบหลังการตรวจสอบไฟล์ แถวนี้จึงไม่ได้นำเข้า เพื่อไม่ให้ทับข้อมูลที่เพิ่งบันทึก "
    "กรุณาดาวน์โหลดแถวที่ผิด ตรวจสอบกับข้อมูลปัจจุบัน แล้วนำเข้าอีกครั้ง"
)


def speaks_of_terms(kind: str, fields: list[str]) -> bool:
    """Whether a file's rows appoint volunteers to terms: a volunteers' file with the term's end among its columns."""
    return kind == VOLUNTEERS and "term_ends_on" in fields


class RegistryLookup:
    """What classify() needs of the registry (existing_people(), and known_terms() of a volunteers' file that speaks
    of terms), asked for one chunk of checked rows at a time as parse_roster() hands them over (`ask`), each chunk
    in a thread of core.alongside while the check goes on with the next: on an unchanged 100,000-row file the two
    queries kept the preview waiting 0.3-0.4 s of its 4 (bench/import_roster.py --only-unchanged)."""

    def __init__(self, spec: RosterSpec, province: Province, changed_since=None):
        self.model = spec.model
        self.changed_since = changed_since
        self.kind = spec.kind
        self.province_pk = province.pk
        self.chunks: list[Future] = []

    def ask(self, fields: list[str], values: list[tuple]) -> None:
        with_terms = speaks_of_terms(self.kind, fields)
        ids = [row[0] for row in values]
        self.chunks.append(started(partial(self._found, ids, fields[1:], with_terms)))

    def _found(self, national_ids: list[str], compare: list[str], with_terms: bool) -> tuple[dict, dict]:
        existing = existing_people(self.model, national_ids, compare, self.changed_since)
        if not with_terms:
            return existing, {}
        return existing, known_terms([known[0] for known in existing.values() if known[1] == self.province_pk])

    def found(self) -> tuple[dict, dict]:
        """(existing_people, known_terms) of every row asked for, as classify() would have queried them."""
        existing: dict = {}
        terms: dict = {}
        # Let go of each chunk's records as they are merged: classify() alone holds them after this, and drops them
        # before the checked rows are stored (about 120 MB for 100,000 people on record, measured with tracemalloc).
        chunks, self.chunks = self.chunks, []
        for chunk in chunks:
            chunk_existing, chunk_terms = chunk.result()
            existing.update(chunk_existing)
            terms.update(chunk_terms)
        return existing, terms


@dataclass
class ParsedRoster:
    """Every row of a file turned into model values or problems: what the preview checked, kept for the write.

    It depends only on the file and the (static) places, not on who is in the registry, so the write can reuse it
    and only needs to match it against the registry again."""

    kind: str
    fields: list[str]
    headers: list[str]
    total_rows: int
    good: list[tuple[int, tuple]] = field(default_factory=list)  # (row number, values)
    problems: list[RowProblem] = field(default_factory=list)
    error_rows: dict[int, list | None] = field(default_factory=dict)  # row number -> raw cells


def parse_roster(
    *, spec: RosterSpec, table: RosterTable, province: Province, progress=None, checked=None
) -> ParsedRoster:
    """Check every cell of every row, and IDs repeated inside the file; no query per row. `checked(fields, values)`
    is given the values of each chunk's rows without problems as soon as they are checked (RegistryLookup.ask)."""
    checker = RowChecker(spec, table, province)
    parsed = ParsedRoster(kind=spec.kind, fields=checker.fields, headers=table.headers, total_rows=0)
    good = parsed.good
    raw_by_row = parsed.error_rows
    problems = parsed.problems
    header_of = checker.header_of
    # The rows of a file read by a child process come as they are checked (RosterTable.parts), how many unknown
    # until the last: the bar then moves a step less with each chunk.
    expected = table.expected_rows
    done = 0
    for part in table.parts(CHECK_CHUNK_ROWS):
        values_of, errors_of = checker.check_all([row for _, row in part])
        if checked is not None:
            checked(checker.fields, [values for values in values_of if values is not None])
        for offset, (number, row) in enumerate(part):
            errors = errors_of.get(offset)
            if errors:
                raw_by_row[number] = row
                for key, message in errors:
                    problems.append(RowProblem(number, header_of.get(key, spec.column(key).header), message))
            else:
                good.append((number, values_of[offset]))
        done += len(part)
        if progress:
            progress(done / expected if expected else done / (done + CHECK_CHUNK_ROWS))
    parsed.total_rows = len(table.rows)

    # An ID twice in one file is an error on every row that has it.
    rows_of_id: dict[str, list[int]] = {}
    for number, values in good:
        rows_of_id.setdefault(values[0], []).append(number)
    duplicated = {nid: numbers for nid, numbers in rows_of_id.items() if len(numbers) > 1}
    if duplicated:
        id_header = header_of["national_id"]
        raw_of = dict(table.rows)
        kept = []
        for number, values in good:
            numbers = duplicated.get(values[0])
            if numbers:
                others = ", ".join(str(n) for n in numbers if n != number)
                message = _("เลขประจำตัวประชาชนซ้ำกับแถว %(rows)s ในไฟล์เดียวกัน") % {"rows": others}
                problems.append(RowProblem(number, id_header, message))
                raw_by_row[number] = raw_of[number]
            else:
                kept.append((number, values))
        parsed.good = kept
    if progress:
        progress(1.0)
    return parsed


def classify(
    parsed: ParsedRoster,
    province: Province,
    *,
    table: RosterTable | None = None,
    lookup: RegistryLookup | None = None,
    changed_since=None,
) -> CheckedRoster:
    """Match the parsed rows against the registry as it is now: new, update, unchanged, or another province's.
    `lookup`: the registry's records of the rows, asked for while they were checked; else queried here.

    A blank cell keeps what the registry holds for a known person (a roster that lacks a phone number does not
    erase it; the edit page clears a value). `changed_since` (the write's match): a known person saved after it
    whose row would change them is refused, not written over what someone saved after the preview.

    A status comes with the day it took effect (rosters.validation.statuses): a new person's other than active needs
    it, a known person's step takes it from the row."""
    fields = parsed.fields
    spec = SPECS[parsed.kind]
    # A blank status (or mentor status) means: active for a new person, unchanged for a known one.
    default_when_blank = {c.key: c.new_default for c in spec.columns if c.keeps_when_blank}
    result = CheckedRoster(kind=parsed.kind, fields=fields, total_rows=parsed.total_rows)
    result.headers = parsed.headers
    problems = list(parsed.problems)
    raw_by_row = dict(parsed.error_rows)
    compare = fields[1:]
    if lookup is None:
        lookup = RegistryLookup(spec, province, changed_since)
        lookup.ask(fields, [values for _, values in parsed.good])
    existing, terms_of = lookup.found()
    status_index = {f: i for i, f in enumerate(fields) if f in default_when_blank}
    index = {f: i for i, f in enumerate(fields)}
    province_pk = province.pk
    # The term columns: (appointment date, order or None, term end) positions, when the file speaks of terms.
    term_of = None
    if speaks_of_terms(parsed.kind, fields):
        term_of = (index.get("appointed_on"), index.get("appointment_order"), index["term_ends_on"])
    id_header = _header(parsed, "national_id")
    # The status date: its column, and what the dates given to known people are checked against (statuses.Basis).
    status_at, date_at, appointed_at = index.get("status"), index.get("status_changed_on"), index.get("appointed_on")
    date_header = _header(parsed, "status_changed_on") if parsed.kind == VOLUNTEERS else ""
    today = timezone.localdate()
    basis = statuses.Basis.of(parsed.good, existing, date_at, status_at, province_pk)
    active = Volunteer.Status.ACTIVE
    new_rows, updates = result.new, result.updates
    labels: dict = {}  # province id -> display label, one query per other province
    first_term_ends: dict = {}
    for number, values in parsed.good:
        known = existing.get(values[0])
        if known is None:
            filled = list(values)
            for name, i in status_index.items():
                if filled[i] is None:
                    filled[i] = default_when_blank[name]
            if term_of is not None:
                starts_at, _order_at, ends_at = term_of
                dates = (_at(values, starts_at), values[ends_at])
                try:
                    # A file holds a few appointment dates, each worked out once.
                    if dates not in first_term_ends:
                        first_term_ends[dates] = first_term_end(*dates)
                    filled[ends_at] = first_term_ends[dates]
                except TermProblem as problem:
                    problems.append(RowProblem(number, _header(parsed, problem.column), str(problem)))
                    raw_by_row[number] = None
                    continue
            # Most new people are in office, with no date: two comparisons.
            status = active if status_at is None else filled[status_at]
            changed_on = None if date_at is None else values[date_at]
            if changed_on is not None or status != active:
                error = statuses.new_person_error(
                    status,
                    changed_on,
                    appointed_on=_at(values, appointed_at),
                    today=today,
                    header=date_header,
                    in_file=date_at is not None,
                )
                if error:
                    problems.append(RowProblem(number, date_header, error))
                    raw_by_row[number] = None
                    continue
                if status != active:
                    result.first_statuses.append(values[0])
            new_rows.append(tuple(filled))
            continue
        pk, province_id, changed_meanwhile, *current = known
        if province_id != province_pk:
            if province_id not in labels:
                labels[province_id] = _province_label(province_id)
            message = _(
                "เลขประจำตัวประชาชนนี้เป็นข้อมูลของ%(province)sอยู่แล้ว การย้ายจังหวัดต้องทำที่หน้าข้อมูลรายบุคคล ไม่ย้ายผ่านการนำเข้า"
            ) % {"province": labels[province_id]}
            problems.append(RowProblem(number, id_header, message))
            raw_by_row[number] = None  # filled from the file when the failed rows are written
            continue
        merged = list(values)
        for i in status_index.values():
            if merged[i] is None:
                merged[i] = current[i - 1]
        if date_at is not None:
            # The record's status date moves only with a step of the lifecycle, below.
            typed_on = merged[date_at]
            merged[date_at] = current[date_at - 1]
        step = None
        if term_of is not None:
            try:
                step = _term_step(merged, values, current, term_of, terms_of[pk], index)
            except TermProblem as problem:
                problems.append(RowProblem(number, _header(parsed, problem.column), str(problem)))
                raw_by_row[number] = None
                continue
        # Most rows of a re-imported file are as the registry has them: one comparison of the lists says so.
        after = merged[1:]
        if after != current and (None in after or "" in after):
            # A blank cell (None, or "" in a text column) keeps what the registry holds; looked at only here, since
            # in an unchanged row the registry holds the blank too.
            after = [old if new is None or new == "" else new for new, old in zip(after, current, strict=True)]
            merged[1:] = after
        if after == current:
            changed = []
        else:
            changed = [f for f, new, old in zip(compare, after, current, strict=True) if new != old]
        if step is not None and step.kind != "none":
            changed.append("terms")
        status_step = None
        if "status" in changed:
            status_step = (pk, current[status_index["status"] - 1], merged[status_index["status"]])
            # The lifecycle rule of the status form (a deceased volunteer stays deceased), checked in the preview.
            error = rules.status_transition_error(status_step[1], status_step[2])
            if error:
                problems.append(RowProblem(number, _header(parsed, "status"), error))
                raw_by_row[number] = None
                continue
        elif step is not None and step.reactivates and status_at is None:
            status_step = (pk, Volunteer.Status.RESIGNED, Volunteer.Status.ACTIVE)
        # The day the step takes effect: the row's (below); else a resigned volunteer the row appoints again returns on
        # the new term's first day, as volunteers.services.reappoint dates it; other steps on the day of the write.
        changed_on = None
        if status_step is not None and step is not None and step.starts_on and _returns_with(status_step, step):
            changed_on = min(step.starts_on, today)
        if date_at is not None and typed_on is not None:
            record = basis.of_volunteer.get(pk)
            if record is None:  # gone since the match read them
                problems.append(RowProblem(number, id_header, _(CHANGED_AFTER_PREVIEW)))
                raw_by_row[number] = None
                continue
            _appointed, status, since = record
            if status_step is None and typed_on != since:
                if since is not None or status == active:
                    problems.append(
                        RowProblem(number, date_header, statuses.kept_status_error(status, since, typed_on))
                    )
                    raw_by_row[number] = None
                    continue
                # A status on record without its date (imported before the date was asked for): dated now.
                status_step = (pk, "", status)
            if status_step is not None:
                if error := basis.step_error(status_step, typed_on, record, today):
                    problems.append(RowProblem(number, date_header, error))
                    raw_by_row[number] = None
                    continue
                changed_on = typed_on
                changed.append("status_changed_on")
        if not changed:
            result.unchanged += 1
            continue
        if changed_meanwhile:
            problems.append(RowProblem(number, id_header, _(CHANGED_AFTER_PREVIEW)))
            raw_by_row[number] = None
            continue
        if status_step is not None:
            result.status_changes.append((*status_step, changed_on))
        if step is not None and step.kind != "none":
            if step.kind == "correct":
                term = ("corrected", (step.term_pk, step.order_no, step.starts_on, step.ends_on))
            else:
                term = ("new", (pk, step.order_no, step.starts_on, step.ends_on))
            result.term_writes[pk] = term
        updates.append((pk, tuple(merged), changed, number))
    problems.sort(key=lambda p: p.row)
    result.problems = problems
    result.error_rows = dict(sorted(raw_by_row.items()))
    if table is not None:
        result.fill_raw_rows(table)
    return result


def _at(values, position):
    return None if position is None else values[position]


def _returns_with(status_step: tuple, step: TermStep) -> bool:
    """Whether the status step is a resigned volunteer's return that comes with their new (latest) term."""
    return (
        status_step[1:] == (Volunteer.Status.RESIGNED, Volunteer.Status.ACTIVE)
        and step.kind == "new"
        and step.term_ends_on == step.ends_on
    )


def _term_step(merged: list, values: tuple, current: list, term_of: tuple, known: tuple, index: dict) -> TermStep:
    """The row's step on a known volunteer's terms (rosters.validation.terms), and what it means for the volunteer's
    own columns, set in `merged`: the current term's end, the first appointment kept, active again."""
    starts_at, order_at, ends_at = term_of
    stored_status, terms = known
    status_at = index.get("status")
    status = stored_status if status_at is None else merged[status_at]
    step = step_for_known(
        status=status,
        terms=terms,
        starts_on=_at(values, starts_at),
        order_no=_at(values, order_at),
        ends_on=values[ends_at],
    )
    if step.kind == "none":
        merged[ends_at] = current[ends_at - 1]
        return step
    merged[ends_at] = step.term_ends_on
    if step.keeps_appointment:
        for position in (starts_at, order_at):
            if position is not None and current[position - 1]:
                merged[position] = current[position - 1]
    if step.reactivates and status_at is not None and values[status_at] is None:
        merged[status_at] = Volunteer.Status.ACTIVE
    return step


def _header(parsed: ParsedRoster, key: str) -> str:
    """The column's header as the file writes it, for messages about the row."""
    spec = SPECS[parsed.kind]
    for header in parsed.headers:
        if spec.lookup(header) == key:
            return header
    return spec.column(key).header


def check_roster(*, spec: RosterSpec, table: RosterTable, province: Province, progress=None) -> CheckedRoster:
    """Check every row and match it against the registry (the preview, in one call)."""
    parsed = parse_roster(spec=spec, table=table, province=province, progress=progress)
    return classify(parsed, province, table=table)


def _province_label(province_id) -> str:
    province = Province.objects.filter(pk=province_id).only("code", "name_th", "name_en").first()
    if province is None:
        return _("จังหวัดอื่น")
    return province.shown_name
