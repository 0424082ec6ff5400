"""Checking the rows of a roster column by column, as its spec declares the columns: messages (in the language
active, made only for the cells that fail) with the column, no query per row.

Most columns repeat a few values (titles, places, dates, occupations), so each distinct value of a column is
checked once and the result looked up for the other rows.
"""

from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter

from django.utils import timezone
from django.utils.translation import gettext as _

from rosters.columns import Column, RosterSpec
from rosters.readers import RosterTable
from rosters.validation.cells import CellError, Context, max_lengths


@dataclass
class RowProblem:
    row: int
    column: str
    message: str


@dataclass
class CheckedRoster:
    """The outcome of checking a roster against the registry: what would be new, updated, unchanged or wrong."""

    kind: str
    fields: list[str]  # model attnames the file sets, in the order of each row tuple
    new: list[tuple] = field(default_factory=list)
    updates: list[tuple] = field(default_factory=list)  # (pk, values tuple, changed field names, row number)
    unchanged: int = 0
    skipped: int = 0  # rows that say nothing to write (a monthly report's blank row: no report that month)
    problems: list[RowProblem] = field(default_factory=list)
    error_rows: dict[int, list | None] = field(default_factory=dict)  # row number -> raw cells
    # Steps of known volunteers' lifecycle: (pk, from, to, the day it takes effect or None for the day of the write).
    status_changes: list[tuple] = field(default_factory=list)
    # New volunteers whose row gives a status other than active, with its date: their national IDs. The write records
    # the step (rosters.pipeline.write_first_statuses).
    first_statuses: list[str] = field(default_factory=list)
    # Terms of office of known volunteers (rosters.validation.terms), by volunteer pk: ("new", (volunteer pk, order
    # no., starts on, ends on)) or ("corrected", (term pk, order no., starts on, ends on)). A new volunteer's first
    # term is their own row's appointment.
    term_writes: dict[int, tuple[str, tuple]] = field(default_factory=dict)
    total_rows: int = 0
    headers: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # national ID -> name, for kinds whose file has no name

    @property
    def new_terms(self) -> list[tuple]:
        return [term for kind, term in self.term_writes.values() if kind == "new"]

    @property
    def corrected_terms(self) -> list[tuple]:
        return [term for kind, term in self.term_writes.values() if kind == "corrected"]

    @property
    def needs_raw_rows(self) -> bool:
        return any(raw is None for raw in self.error_rows.values())

    def fill_raw_rows(self, table: RosterTable) -> None:
        if self.needs_raw_rows:
            raw_of = dict(table.rows)
            for number, raw in self.error_rows.items():
                if raw is None:
                    self.error_rows[number] = raw_of.get(number, [])

    @property
    def error_count(self) -> int:
        return len(self.error_rows)

    def counts(self) -> dict[str, int]:
        return {
            "total": self.total_rows,
            "new": len(self.new),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "errors": self.error_count,
        }


class MissingColumns(Exception):
    def __init__(self, headers):
        self.headers = headers
        super().__init__(_("ไม่พบคอลัมน์ที่จำเป็น: %(columns)s") % {"columns": ", ".join(headers)})


_MISS = object()


class _Failure:
    """A cell's CellError, kept (for the cells with the same text) as its column key and message."""

    __slots__ = ("column", "message")

    def __init__(self, column: str, message: str):
        self.column = column
        self.message = message


class RowChecker:
    """Turns the cells of a file's rows into model values, with every problem of a row and its column; which
    columns it reads, how and into which fields comes from the spec's `Column` declarations."""

    def __init__(self, spec: RosterSpec, table: RosterTable, province):
        self.spec = spec
        self.province = province
        self.positions = table.key_positions
        self.header_of = {key: table.headers[index] for key, index in self.positions.items()}
        present = set(self.positions)
        # A column that stands for others (the full name for title, first and last name) is read when the file
        # lacks some of them; the ones it stands for are then neither read nor missing.
        replaced: set[str] = set()
        for column in spec.columns:
            if column.stands_for and column.key in present and not set(column.stands_for) <= present:
                replaced.update(column.stands_for)
        missing = [c.header for c in spec.columns if c.required and c.key not in present and c.key not in replaced]
        if missing:
            raise MissingColumns(missing)
        self.context = Context(province=province, today=timezone.localdate(), lengths=max_lengths(spec.model))
        self.reading: list[tuple[Column, object]] = [
            (column, column.parse(column, self.context))
            for column in spec.columns
            if column.parse and column.key in present and column.key not in replaced
        ]
        fields = [name for column, _ in self.reading for name in column.fields]
        self.rules = [rule for rule in spec.row_rules if present & set(rule.reads)]
        for rule in self.rules:
            fields += [name for name in rule.fields if name not in fields]
        fields.append("province_id")
        assert fields[0] == "national_id", "the first field is the key that matches a row to the registry"
        self.fields = fields

    def check(self, row):
        values, errors = self.check_all([row])
        return values[0], errors.get(0, [])

    def check_all(self, rows) -> tuple[list, dict[int, list]]:
        """Values per row (None for a row with problems) and {row index: [(column key, message)]}."""
        errors: dict[int, list] = {}
        count = len(rows)
        columns: dict[str, list] = {}
        for column, convert in self.reading:
            out = self._column(rows, column, convert, errors)
            names = column.fields
            if len(names) == 1:
                columns[names[0]] = out
            else:
                for i, name in enumerate(names):
                    columns[name] = [None if value is None else value[i] for value in out]
        for rule in self.rules:
            if rule.apply is not None:
                rule.apply(columns, count)
            if rule.refuse is not None:
                for number, key, message in rule.refuse(columns, count):
                    errors.setdefault(number, []).append((key, message))
        columns["province_id"] = [self.province.pk] * count
        values: list[tuple | None] = list(zip(*(columns[name] for name in self.fields), strict=True))
        for index in errors:
            values[index] = None
        return values, errors

    def _column(self, rows, column: Column, convert, errors) -> list:
        """Convert one column of every row; a failing cell records (column key, message) for its row."""
        index = self.positions[column.key]
        if column.reads:
            return self._column_with_others(rows, column, convert, errors)
        key = column.key
        cell_of = itemgetter(index)
        # Each distinct text (and the blank cell) of a repeating column is converted once; other cells one by one,
        # since 1, 1.0 and True are one key to a dict. A text is never equal to a number, a date or None, so one
        # lookup per cell finds the converted text, and a miss is a cell to convert.
        memo: dict = {}
        miss = _MISS
        # Whether some cell is not a text nor blank: such a cell misses the memo and is converted on its own.
        others = True
        if column.repeats:
            try:
                distinct = set(map(cell_of, rows))  # it may merge 1, 1.0 and True, never a text or None with another
            except TypeError:  # a cell no dict can hold
                distinct = {row[index] for row in rows if row[index] is None or type(row[index]) is str}
            else:
                others = any(cell is not None and type(cell) is not str for cell in distinct)
        else:
            distinct = {None} if None in map(cell_of, rows) else set()
        for cell in distinct:
            if cell is None or type(cell) is str:
                try:
                    memo[cell] = convert(cell)
                except CellError as exc:
                    memo[cell] = _Failure(exc.column or key, str(exc))
        try:
            out = list(map(memo.get, map(cell_of, rows), repeat(miss)))
        except TypeError:  # a cell no dict can hold: converted on its own below
            out = [memo.get(cell, miss) if cell is None or type(cell) is str else miss for cell in map(cell_of, rows)]
        failed = any(type(hit) is _Failure for hit in memo.values())
        if not failed and not others:
            return out
        for number, hit in enumerate(out):
            if hit is miss:
                try:
                    out[number] = convert(rows[number][index])
                    continue
                except CellError as exc:
                    hit = _Failure(exc.column or key, str(exc))
            elif not failed or type(hit) is not _Failure:
                continue
            errors.setdefault(number, []).append((hit.column, hit.message))
            out[number] = None
        return out

    def _column_with_others(self, rows, column: Column, convert, errors) -> list:
        """A column read with others (the subdistrict with its district): each distinct tuple of cells once."""
        index = self.positions[column.key]
        others = [self.positions.get(key) for key in column.reads]
        key = column.key
        memo: dict = {}
        out: list = []
        append = out.append
        for number, row in enumerate(rows):
            cell = (row[index], *(None if i is None else row[i] for i in others))
            hit = memo.get(cell, memo)
            if hit is memo:
                try:
                    hit = convert(cell)
                except CellError as exc:
                    hit = _Failure(exc.column or key, str(exc))
                memo[cell] = hit
            if type(hit) is _Failure:
                errors.setdefault(number, []).append((hit.column, hit.message))
                hit = None
            append(hit)
        return out
