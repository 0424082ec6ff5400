"""An .xlsx streamed row by row as it is unzipped (python-calamine-plus): in this process, or, for a large file, in a
child process while this one checks the rows already read.

python-calamine-plus holds the interpreter while it parses, so a thread reading alongside the check gained nothing:
on a 100,000-row roster the parse (1.1 s) and the Python around it took turns on one core with the check (0.9 s).
The child runs this module (stream_xlsx: the data sheet, a sheet broken part-way; readable_rows: NUL and overlong
cells, formulas whose result is an error, the repeated texts shared, as every reader's rows are) and hands the rows
over pickled, ROWS_PER_FRAME at a time; a thread here takes them in as they come, so that the child need not wait
for the check, which goes on with them on the other core (and with the rest of the read: blank rows, the row limit,
in readers.read_table as for any file).

This module imports nothing of the project or of Django, so the child starts in about 50 ms, which is why only files
from ROSTER_READ_IN_CHILD_FROM_MB up are read this way. What it refuses arrives here as the same RosterFileError,
with the same message, as an in-process read raises: the child sends its message untranslated (the Thai msgid and
its values) and this process translates it into the job's language (refused); a child that dies refuses the file as
unreadable.
"""

import contextlib
import io
import logging
import os
import pickle
import posixpath
import queue
import re
import struct
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

ROWS_PER_FRAME = 2_000
PIPE_BYTES = 1024 * 1024
FRAMES_AHEAD = 4
_LENGTH = struct.Struct("<I")
ROOT = Path(__file__).resolve().parents[1]
CHILD_COMMAND = [sys.executable, __file__]
logger = logging.getLogger(__name__)


SHARED_CHECK_ROWS = 1024
# What Excel holds in one cell. A longer CSV field is a broken file or text pasted into the wrong place.
MAX_CELL_CHARACTERS = 32_767
# What a formula gives when it fails, as Excel and LibreOffice show it in the cell and python-calamine-plus reads it
# (an .xlsx cell of type "e", an .xls error record).
EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#DATA!",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#PYTHON!",
    }
)


class FormulaError(str):
    """A cell whose formula gave an error (#DIV/0!, #REF!...): the error as the cell shows it. It is never equal to
    a text, so a cell typed "#N/A" is not taken for it (nor it for the text) where cells are compared; the parsers
    of the cells refuse it (rosters.validation.cells.cell_text)."""

    __slots__ = ()

    def __eq__(self, other) -> bool:
        return other.__class__ is FormulaError and str.__eq__(self, other)

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__


def readable_rows(rows: Iterator[list], *, formula_errors: bool = False, marked: list | None = None) -> Iterator[list]:
    """What every reader gives read_table: the rows of the file, none with a NUL or an overlong cell, sharing their
    repeated texts; with `formula_errors` (a reader that gives a formula's error as its text: .xlsx, .xls) those
    cells as FormulaError. For a large .xlsx this is the child's work, not the checking process's."""
    return sharing_repeated_texts(refusing_nul_and_overlong(rows, formula_errors=formula_errors, marked=marked))


def refusing_nul_and_overlong(
    rows: Iterator[list], *, formula_errors: bool = False, marked: list | None = None
) -> Iterator[list]:
    """The rows; a row with a NUL is refused with its number (RosterFileError), one with a cell over
    MAX_CELL_CHARACTERS raises OverlongCell, which read_table words with the cell's column. With `formula_errors`,
    a cell holding a formula's error becomes a FormulaError, and the row's number goes into `marked`."""
    for number, row in enumerate(rows, start=1):
        # PostgreSQL stores no NUL character in text (nor in the job's JSON of messages); a cell with one is a broken
        # or pasted file. The row's text cells are joined once (one scan in C) rather than each looked at from Python.
        text = "".join([cell for cell in row if isinstance(cell, str)])
        if "\x00" in text:
            raise refused(
                gettext_noop(
                    "แถวที่ %(row)s ของไฟล์มีอักขระควบคุมที่มองไม่เห็น (NUL) ซึ่งบันทึกไม่ได้ "
                    "ไฟล์อาจเสียหายหรือคัดลอกข้อความมาจากระบบอื่น กรุณาลบอักขระนั้น หรือเปิดแล้วบันทึกเป็น .xlsx ใหม่"
                ),
                row=number,
            )
        # Excel keeps a cell within MAX_CELL_CHARACTERS, but a CSV or a file written by a program need not; the
        # row's joined length rules out nearly every row without looking at its cells.
        if len(text) > MAX_CELL_CHARACTERS and any(
            isinstance(cell, str) and len(cell) > MAX_CELL_CHARACTERS for cell in row
        ):
            raise OverlongCell(number, row)
        # An error is text that starts with "#": the joined row rules out nearly every row, the set the others.
        if formula_errors and "#" in text and not EXCEL_ERRORS.isdisjoint(row):
            for index, cell in enumerate(row):
                if cell.__class__ is str and cell in EXCEL_ERRORS:
                    row[index] = FormulaError(cell)
            if marked is not None:
                marked.append(number)
        yield row


class OverlongCell(Exception):
    """A cell over MAX_CELL_CHARACTERS in file row `number`; read_table names its column in Thai."""

    def __init__(self, number: int, row: list):
        super().__init__(number)
        self.number, self.row = number, row


def sharing_repeated_texts(rows: Iterator[list]) -> Iterator[list]:
    """The rows, each a new list whose texts are one object per value of a column that repeats (a title, a district,
    an occupation): a reader makes a new text for every cell, and the kept rows are most of an import's memory (168
    MB for 100,000 rows, 58 MB shared). Every SHARED_CHECK_ROWS rows, a column with fewer than four rows a value on
    average (an ID, a phone number) stops being shared: it would gain little and keep a dict of all its values."""
    shared: list[dict | None] = []
    for count, row in enumerate(rows, start=1):
        if len(row) > len(shared):
            shared.extend({} for _ in range(len(row) - len(shared)))
        # `shared` is never shorter than the row.
        yield [
            seen.setdefault(c, c) if seen is not None and c.__class__ is str else c
            for c, seen in zip(row, shared, strict=False)
        ]
        if not count % SHARED_CHECK_ROWS:
            for index, values in enumerate(shared):
                if values is not None and len(values) * 4 > count:
                    shared[index] = None


class RosterFileError(Exception):
    """The file as a whole cannot be used; the message says why, in the language active (the job's, in the worker).

    `untranslated`: (msgid, values) of a message of this module (refused), which the child sends to be translated
    by the process that reads its rows."""

    untranslated: tuple[str, dict] | None = None


def gettext_noop(message: str) -> str:
    """Marks a message of this module for makemessages; Django's would load Django in the child."""
    return message


def refused(message: str, **values) -> RosterFileError:
    """A RosterFileError with one of this module's messages (a msgid marked by gettext_noop, %(name)s values):
    translated where Django runs, the msgid itself in the child, which never loads Django."""
    translation = sys.modules.get("django.utils.translation")
    text = translation.gettext(message) if translation is not None else message
    error = RosterFileError(text % values if values else text)
    error.untranslated = (message, values)
    return error


def stream_xlsx(fileobj) -> tuple[str, Iterator[list]]:
    """An .xlsx streamed row by row as it is unzipped, by python-calamine-plus: python-calamine holds the whole sheet
    (140 MB for 100,000 rows, 207 MB while it parses), which kept a large import's peak above 300 MB. Rows and
    columns count from A1, as Excel numbers them; read_table stops at the row limit. (A formula with no result kept
    in the file reads as empty: refused after the last row by with_formulas_checked.)"""
    from python_calamine_plus import CalamineWorkbook, SheetVisibleEnum

    try:
        workbook = CalamineWorkbook.from_filelike(fileobj)
    except Exception:
        raise refused(BROKEN_WORKBOOK)
    chosen = data_sheet(workbook, SheetVisibleEnum.Visible)
    try:
        stream = workbook.stream_sheet_by_name(chosen)
    except Exception:
        raise refused(BROKEN_SHEET)
    return chosen, _broken_sheet_refused(stream, fileobj, chosen)


def data_sheet(workbook, visible) -> str:
    """The name of the sheet with the data, among the visible sheets (all of them when none is marked visible)."""
    names = [m.name for m in workbook.sheets_metadata if m.visible == visible] or workbook.sheet_names
    if not names:
        raise refused(gettext_noop("ไม่พบแผ่นงานในไฟล์"))
    # The template puts the data first; a workbook whose first sheet is the instructions has the data elsewhere.
    if len(names) > 1 and "คำอธิบาย" in names[0]:
        return names[1]
    return names[0]


BROKEN_WORKBOOK = gettext_noop("อ่านไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx ใหม่")
BROKEN_SHEET = gettext_noop("อ่านแผ่นงานในไฟล์ไม่ได้ ไฟล์อาจเสียหาย")


def _broken_sheet_refused(stream, fileobj, sheet_name: str) -> Iterator[list]:
    """The streamed rows; XML broken part-way through the sheet is refused with the row it stopped after. (What the
    reader of these rows raises is not raised in here.) An error the reader has no name for (#SPILL!, #CALC!: Excel
    365's) stops it too: that is refused naming the cell that holds it."""
    number = 0
    try:
        for row in stream:
            number += 1
            yield row
    except Exception as exc:
        if unknown := _UNKNOWN_ERROR.search(str(exc)):
            error = unknown.group(1)
            cell = _cell_with_value(fileobj, sheet_name, error.encode())
            if cell:
                message = gettext_noop(
                    "เซลล์ %(cell)s มีสูตรที่ให้ผลผิดพลาด (%(error)s) ระบบจึงอ่านไฟล์ต่อไม่ได้ กรุณาแก้สูตรหรือพิมพ์ค่าแทน แล้วอัปโหลดใหม่"
                )
                raise refused(message, cell=cell, error=error) from None
            message = gettext_noop(
                "แผ่นงานนี้มีสูตรที่ให้ผลผิดพลาด (%(error)s) ระบบจึงอ่านไฟล์ต่อไม่ได้ กรุณาแก้สูตรหรือพิมพ์ค่าแทน แล้วอัปโหลดใหม่"
            )
            raise refused(message, error=error) from None
        message = gettext_noop(
            "อ่านแผ่นงานในไฟล์ไม่ได้ ไฟล์อาจเสียหาย (อ่านได้ถึงแถวที่ %(row)s) กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx ใหม่"
        )
        raise refused(message, row=f"{number:,}") from None


# python-calamine-plus's words for an error value it has no name for.
_UNKNOWN_ERROR = re.compile(r"Unsupported cell error value '(#[A-Z_/0-9]{1,20}[!?]?)'")


def _cell_with_value(fileobj, sheet_name: str, value: bytes) -> str | None:
    """The reference ("C4") of the first cell of the sheet whose value is `value`, or None."""
    try:
        with zipfile.ZipFile(fileobj) as workbook, workbook.open(_sheet_part(workbook, sheet_name)) as sheet:
            rest = b""
            while chunk := sheet.read(SCAN_BYTES):
                data = rest + chunk
                if (at := re.search(rb"<(?:[\w.-]+:)?v>" + re.escape(value) + rb"<", data)) is not None:
                    start = max(data.rfind(b"<c ", 0, at.start()), data.rfind(b":c ", 0, at.start()))
                    reference = _REFERENCE.search(data, start, at.start()) if start >= 0 else None
                    return reference.group(1).decode() if reference else None
                rest = data[-4096:]
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, ElementTree.ParseError):
        pass
    return None


def with_formulas_checked(rows: Iterator[list], fileobj, sheet_name: str) -> Iterator[list]:
    """The rows of stream_xlsx, then refuse the file if a formula in the sheet has no result kept in it."""
    yield from rows
    refuse_formula_without_value(fileobj, sheet_name)


def refuse_formula_without_value(fileobj, sheet_name: str) -> None:
    refuse_formula_cell(formula_without_value(fileobj, sheet_name))


def refuse_formula_cell(cell: str | None) -> None:
    """Refuse the file for the formula without a result that formula_without_value() found (None: none found)."""
    if cell is not None:
        if not cell:  # a formula in a cell without a reference
            message = gettext_noop(
                "เซลล์ ที่มีสูตร เป็นสูตรที่ไม่มีผลลัพธ์บันทึกไว้ในไฟล์ (ไฟล์ที่โปรแกรมอื่นสร้างขึ้นมักเป็นเช่นนี้) "
                "จึงอ่านค่าของเซลล์นั้นไม่ได้ กรุณาเปิดไฟล์ใน Excel หรือ LibreOffice แล้วบันทึกอีกครั้งก่อนนำเข้า"
            )
            raise refused(message)
        message = gettext_noop(
            "เซลล์ %(cell)s เป็นสูตรที่ไม่มีผลลัพธ์บันทึกไว้ในไฟล์ (ไฟล์ที่โปรแกรมอื่นสร้างขึ้นมักเป็นเช่นนี้) "
            "จึงอ่านค่าของเซลล์นั้นไม่ได้ กรุณาเปิดไฟล์ใน Excel หรือ LibreOffice แล้วบันทึกอีกครั้งก่อนนำเข้า"
        )
        raise refused(message, cell=cell)


# A formula's element (<f>, <f t="shared" .../>, <x:f>), not <filterColumn> or a validation's <formula1>.
_FORMULA = re.compile(rb"<([\w.-]+:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\s*(?:/>|>([^<]*)<)")
_STRING_RESULT = re.compile(rb"""\st\s*=\s*["']str["']""")
_REFERENCE = re.compile(rb"""\sr\s*=\s*["']([A-Z]+[0-9]+)["']""")
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
SCAN_BYTES = 1024 * 1024


def formula_without_value(fileobj, sheet_name: str) -> str | None:
    """The cell ("D7", "" when the cell has no reference) of the first formula in the sheet whose result the file does
    not hold, or None. Excel and
    LibreOffice keep each formula's last result, which is what a reader reads; a file written by a program (openpyxl,
    for one) may hold the formula alone, which every reader reads as empty: the import would save a blank. An empty
    text result (t="str") is a result. A workbook whose parts cannot be found is left to what the reader made of it."""
    try:
        with zipfile.ZipFile(fileobj) as workbook, workbook.open(_sheet_part(workbook, sheet_name)) as sheet:
            rest = b""
            while True:
                chunk = sheet.read(SCAN_BYTES)
                data = rest + chunk
                # Whole rows only: a cell is never cut in two (</row> or a prefixed </x:row>).
                cut = data.rfind(b"row>") + 4 if chunk else len(data)
                if cut < 4:
                    rest = data
                    continue
                part, rest = data[:cut], data[cut:]
                if (b"<f" in part or b":f" in part) and (cell := _first_formula_without_value(part)) is not None:
                    return cell
                if not chunk:
                    return None
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, ElementTree.ParseError):
        return None


def _sheet_part(workbook: zipfile.ZipFile, sheet_name: str) -> str:
    """The zip member of the sheet named `sheet_name` (KeyError when the workbook does not say)."""
    sheets = ElementTree.fromstring(workbook.read("xl/workbook.xml"))
    relationship = next(
        (s.get(_RELATIONSHIPS) for s in sheets.iter() if s.tag.endswith("}sheet") and s.get("name") == sheet_name),
        None,
    )
    links = ElementTree.fromstring(workbook.read("xl/_rels/workbook.xml.rels"))
    target = next((link.get("Target") for link in links if link.get("Id") == relationship), None)
    if relationship is None or target is None:
        raise KeyError(sheet_name)
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")


def _first_formula_without_value(part: bytes) -> str | None:
    for found in _FORMULA.finditer(part):
        prefix = found.group(1) or b""
        at = found.start()
        start = max(part.rfind(b"<" + prefix + b"c ", 0, at), part.rfind(b"<" + prefix + b"c>", 0, at))
        end = part.find(b"</" + prefix + b"c>", at)
        if start < 0 or end < 0:
            continue
        cell = part[start:end]
        opening = cell[: cell.find(b">") + 1]
        value = _VALUE.search(cell)
        if value is not None and (value.group(1) or _STRING_RESULT.search(opening)):
            continue
        reference = _REFERENCE.search(opening)
        return reference.group(1).decode() if reference else ""
    return None


def stream_xlsx_in_child(fileobj) -> tuple[str, Iterator[list]]:
    """The data sheet's name and its rows as they are read (readable_rows of stream_xlsx), by a child process."""
    try:
        child = subprocess.Popen(CHILD_COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, close_fds=True)
    except OSError:
        # A server that cannot start processes (no interpreter on its path, a limit reached) still reads the file.
        logger.warning("could not start the roster reader process; reading the file here", exc_info=True)
        sheet_name, rows = stream_xlsx(fileobj)
        return sheet_name, readable_rows(with_formulas_checked(rows, fileobj, sheet_name), formula_errors=True)
    assert child.stdin is not None and child.stdout is not None  # both are pipes
    _widen(child.stdout)
    # A few frames ahead at most: rows not yet taken into the table are not yet sharing their repeated texts.
    frames: queue.Queue = queue.Queue(maxsize=FRAMES_AHEAD)
    pump = threading.Thread(target=_take_in, args=(child.stdout, frames), name="roster-reader", daemon=True)
    pump.start()
    try:
        child.stdin.write(fileobj.read())
        child.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the child ended before it read the file: its frames (or their absence) say why
    first = frames.get()
    if first is None or first[0] != "sheet":
        _end(child, pump, frames)
        _raise_for(first)
    return first[1], _rows(frames, child, pump)


def _widen(pipe) -> None:
    """A pipe of 1 MB (Linux's most for anyone) rather than 64 KB: the thread that empties it waits for the
    interpreter while the check runs, and the child should not wait for that thread."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def _take_in(stream, frames: queue.Queue) -> None:
    try:
        while len(header := stream.read(_LENGTH.size)) == _LENGTH.size:
            (length,) = _LENGTH.unpack(header)
            frames.put(pickle.loads(stream.read(length)))  # from our own child, nobody else's
    except (OSError, ValueError, EOFError, pickle.UnpicklingError):
        pass
    finally:
        frames.put(None)


def _rows(frames: queue.Queue, child, pump) -> Iterator[list]:
    try:
        while (frame := frames.get()) is not None:
            if frame[0] == "rows":
                if len(frame) > 2:
                    _mark_errors(frame[1], frame[2])
                yield from frame[1]
            elif frame[0] == "end":
                return
            else:
                _raise_for(frame)
        _raise_for(None)
    finally:
        _end(child, pump, frames)


def _plain_errors(row: list) -> list[tuple[int, str]]:
    """The child's side: the FormulaError cells of `row` made plain texts (pickled as texts: the parent cannot
    import this module as the child runs it), as [(column, error)] for _mark_errors."""
    found = [(index, str(cell)) for index, cell in enumerate(row) if cell.__class__ is FormulaError]
    for index, text in found:
        row[index] = text
    return found


def _mark_errors(frame: list, errors: list[tuple[int, list[tuple[int, str]]]]) -> None:
    """The parent's side: the cells the child named, FormulaError again."""
    for position, cells in errors:
        row = frame[position]
        for index, text in cells:
            row[index] = FormulaError(text)


def _raise_for(frame):
    if frame is not None and frame[0] == "refused":
        message, values = frame[1]
        raise refused(message, **values)
    if frame is not None and frame[0] == "overlong":
        raise OverlongCell(frame[1], frame[2])
    # The child died (killed, out of memory, a crash in the parser): the file is what it could not read.
    raise refused(BROKEN_WORKBOOK)


def _end(child, pump, frames: queue.Queue) -> None:
    if child.poll() is None:
        child.kill()
    child.wait()
    while pump.is_alive():  # it may be waiting to hand over a frame nobody will take now
        try:
            frames.get_nowait()
        except queue.Empty:
            pump.join(0.01)


def _in_a_fork(function, *arguments):
    """Start function(*arguments) in a forked process; returns the call that waits for its (pickled) result. Done in
    this process, at the wait, where the system refuses a fork."""
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return lambda: function(*arguments)
    if pid == 0:  # the fork: its result down the pipe, and out without running this process's exit handlers
        os.close(read_end)
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(function(*arguments), pipe)
        finally:
            os._exit(0)
    os.close(write_end)

    def wait():
        with os.fdopen(read_end, "rb") as pipe:
            result = pickle.load(pipe)
        os.waitpid(pid, 0)
        return result

    return wait


def _serve(source, out) -> None:
    """The child: stream the workbook read from `source` to `out` in frames; what it refuses as a last frame."""

    def send(message) -> None:
        pickled = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(_LENGTH.pack(len(pickled)))
        out.write(pickled)

    frame: list = []
    # The rows of the frame with a formula's error: [(position in the frame, [(column, error)])].
    errors: list = []

    def rows_frame() -> tuple:
        return ("rows", frame, errors) if errors else ("rows", frame)

    try:
        content = source.read()
        sheet_name, rows = stream_xlsx(io.BytesIO(content))
        send(("sheet", sheet_name))
        # The look at the formulas reads the whole sheet again (0.4 s of a 100,000-row file): in a fork, on the core
        # the check leaves free part of the time, while this process parses the rows, rather than after them. (A
        # thread gained nothing: the parse holds the interpreter.)
        formulas = _in_a_fork(formula_without_value, io.BytesIO(content), sheet_name)
        marked: list[int] = []
        # Shared here, the repeated texts of a frame are pickled once and arrive as one object each, at no cost to
        # the process that checks them.
        for row in readable_rows(rows, formula_errors=True, marked=marked):
            if marked:
                marked.clear()
                errors.append((len(frame), _plain_errors(row)))
            frame.append(row)
            if len(frame) == ROWS_PER_FRAME:
                send(rows_frame())
                frame, errors = [], []
        send(rows_frame())
        frame, errors = [], []
        out.flush()
        refuse_formula_cell(formulas())
        ending: tuple = ("end",)
    except RosterFileError as refusal:
        # Untranslated: the parent words it in the job's language.
        ending = ("refused", refusal.untranslated or (str(refusal), {}))
    except OverlongCell as overlong:
        ending = ("overlong", overlong.number, overlong.row)
    # The rows read before what was refused go first, as a read in the parent would have taken them (its header row
    # names an overlong cell's column; a row limit reached before it is what the parent says).
    if frame:
        send(rows_frame())
    send(ending)
    out.flush()


if __name__ == "__main__":
    del sys.path[0]  # this folder, whose modules' names (models, tasks...) could hide others; nothing here is needed
    # The parent stopped reading (a row limit, a file refused): nothing is owed to it.
    with contextlib.suppress(BrokenPipeError):
        _serve(sys.stdin.buffer, sys.stdout.buffer)
