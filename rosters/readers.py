"""Reading an uploaded roster: refuse what is unsafe or unreadable, find the header row, hand out the data rows.

`.xlsx` is streamed row by row with python-calamine-plus (a fork of python-calamine that reads the sheet as it unzips
it: 0.9 s and 14 MB for 100,000 rows, where python-calamine took 1.3 s and held 200 MB); `.xls` and LibreOffice's
`.ods` are read whole (about five times faster than openpyxl's read-only mode on these machines): `.xls` with
python-calamine-plus, which gives a formula's error (#DIV/0!) where python-calamine gives an empty cell, `.ods` with
python-calamine, its errors and its formulas' TRUE and FALSE found in the file's XML (ods_misread_cells); `.csv` in
UTF-8 (with or without BOM) or Windows-874 / TIS-620. A large `.xlsx` is streamed by a child process
(rosters.xlsx_stream) while the rows already read are checked. A formula's error reaches the parsers as a
FormulaError, which they refuse naming its cell.
"""

from __future__ import annotations

import csv
import io
import itertools
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from core import thai
from rosters import xlsx_stream
from rosters.xlsx_stream import (
    BROKEN_SHEET,
    BROKEN_WORKBOOK,
    MAX_CELL_CHARACTERS,
    FormulaError,
    OverlongCell,
    RosterFileError,
    data_sheet,
    refused,
    stream_xlsx,
)

if TYPE_CHECKING:  # imported by the models' apps: the columns need the models
    from rosters.columns import RosterSpec

XLSX, XLS, ODS, CSV = "xlsx", "xls", "ods", "csv"
SPREADSHEETS = {XLSX, XLS, ODS}
ACCEPTED = gettext_noop("รับเฉพาะไฟล์ .xlsx .xls .ods หรือ .csv")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
HEADER_SEARCH_ROWS = 15
# A real sheet compresses about 5-20 times; a ratio far above that is a zip bomb.
MAX_COMPRESSION_RATIO = 100


# A workbook saved with a password to open it is no zip: Excel encrypts the whole .xlsx into the stream
# "EncryptedPackage" of an OLE2 (CFB) container, the container of an old .xls (MS-OFFCRYPTO). An old .xls saved with a
# password keeps its stream "Workbook" (Excel 95's: "Book"), encrypted after a record FILEPASS that follows its first
# record, BOF (MS-XLS); python-calamine then cannot tell what the file is.
PASSWORD_PROTECTED = gettext_noop(
    "ไฟล์นี้ตั้งรหัสผ่านไว้ ระบบเปิดไม่ได้ กรุณาเปิดใน Excel เอารหัสผ่านออก "
    "(ไฟล์ > ข้อมูล > ป้องกันเวิร์กบุ๊ก > เข้ารหัสด้วยรหัสผ่าน แล้วลบรหัสผ่าน) บันทึก แล้วอัปโหลดใหม่"
)
_ENCRYPTED_PACKAGE_ENTRY = "EncryptedPackage\0".encode("utf-16-le")
_WORKBOOK_ENTRIES = ("Workbook\0".encode("utf-16-le"), "Book\0".encode("utf-16-le"))
_DIRECTORY_ENTRY_BYTES = 128
_STREAM_ENTRY = 2
_BOF, _FILEPASS = 0x0809, 0x002F
_SCAN_BYTES = 1024 * 1024  # a multiple of _DIRECTORY_ENTRY_BYTES


def max_upload_bytes() -> int:
    return settings.ROSTER_MAX_UPLOAD_MB * 1024 * 1024


def max_uncompressed_bytes() -> int:
    return getattr(settings, "ROSTER_MAX_UNCOMPRESSED_MB", 400) * 1024 * 1024


def max_rows() -> int:
    return settings.ROSTER_MAX_ROWS


def detect_format(name: str, head: bytes) -> str:
    """The file's real format from its first bytes, checked against its extension."""
    lower = (name or "").lower()
    extension = lower.rsplit(".", 1)[-1] if "." in lower else ""
    if extension not in {*SPREADSHEETS, CSV}:
        raise RosterFileError(_(ACCEPTED))
    if head.startswith(ZIP_MAGIC):
        if extension == CSV:
            raise RosterFileError(_("ไฟล์นี้ไม่ใช่ CSV (เป็นไฟล์บีบอัด) กรุณาบันทึกเป็น .xlsx แล้วอัปโหลดใหม่"))
        # .xlsx and .ods are both zips; check_file tells them apart by what the zip holds.
        return ODS if extension == ODS else XLSX
    if head.startswith(OLE2_MAGIC):
        if extension == CSV:
            raise RosterFileError(_("ไฟล์นี้ไม่ใช่ CSV กรุณาบันทึกเป็น .xlsx แล้วอัปโหลดใหม่"))
        if extension == ODS:
            raise RosterFileError(_(_BROKEN_ODS))
        return XLS
    if extension == ODS:
        raise RosterFileError(_(_BROKEN_ODS))
    if extension in {XLSX, XLS}:
        raise RosterFileError(
            _(
                "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.%(extension)s) ที่ถูกต้อง อาจเสียหายหรือเปลี่ยนนามสกุลมา "
                "กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx ใหม่"
            )
            % {"extension": extension}
        )
    return CSV


_BROKEN_ODS = gettext_noop(
    "ไฟล์ .ods นี้เสียหายหรือไม่ครบ (อาจอัปโหลดไม่สมบูรณ์หรือเปลี่ยนนามสกุลมา) กรุณาเปิดใน LibreOffice แล้วบันทึกเป็น .ods หรือ .xlsx ใหม่"
)


def check_file(uploaded) -> str:
    """Size, real format and, for .xlsx, the zip directory, all before anything is unpacked. Returns the format."""
    size = uploaded.size
    if size == 0:
        raise RosterFileError(_("ไฟล์ว่างเปล่า (0 ไบต์)"))
    if size > max_upload_bytes():
        # In hundredths of a MB rounded up, and in bytes: a file just over the limit never shows as the limit.
        hundredths = -(-size * 100 // (1024 * 1024))
        raise RosterFileError(
            _("ไฟล์ขนาด %(mb)s MB (%(bytes)s ไบต์) ใหญ่เกินกำหนด รับได้ไม่เกิน %(limit)s MB แบ่งไฟล์เป็นหลายไฟล์แล้วนำเข้าทีละไฟล์")
            % {
                "mb": f"{hundredths // 100:,}.{hundredths % 100:02d}",
                "bytes": f"{size:,}",
                "limit": settings.ROSTER_MAX_UPLOAD_MB,
            }
        )
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    kind = detect_format(uploaded.name, head)
    if kind in {XLSX, ODS}:
        kind = check_zip_container(uploaded, kind)
        uploaded.seek(0)
    elif kind == XLS and is_password_protected(uploaded):
        raise RosterFileError(_(PASSWORD_PROTECTED))
    return kind


def is_password_protected(fileobj) -> bool:
    """Whether an OLE2 file is a workbook saved with a password to open it: its directory names a stream
    "EncryptedPackage" (an .xlsx), or its stream "Workbook" starts with a FILEPASS record (an .xls). A directory entry
    starts on a multiple of 128 bytes with its name in UTF-16LE, so the names are looked for there rather than the
    container parsed."""
    fileobj.seek(0)
    offset = 0
    workbook_entry = None
    try:
        while chunk := fileobj.read(_SCAN_BYTES):
            if _entry_in(chunk, offset, _ENCRYPTED_PACKAGE_ENTRY) is not None:
                return True
            if workbook_entry is None:
                for name in _WORKBOOK_ENTRIES:
                    if (at := _entry_in(chunk, offset, name)) is not None:
                        workbook_entry = (at, len(name))
                        break
            offset += len(chunk)
        return workbook_entry is not None and _starts_with_filepass(fileobj, *workbook_entry)
    finally:
        fileobj.seek(0)


def _entry_in(chunk: bytes, offset: int, name: bytes) -> int | None:
    """Where in the file (`chunk` starts at `offset`) a directory entry named `name` starts, or None."""
    at = chunk.find(name)
    while at >= 0:
        if (offset + at) % _DIRECTORY_ENTRY_BYTES == 0:
            return offset + at
        at = chunk.find(name, at + 1)
    return None


def _starts_with_filepass(fileobj, entry: int, name_bytes: int) -> bool:
    """Whether the stream of the directory entry at `entry` (its name `name_bytes` long) is a workbook whose record
    after BOF is FILEPASS. Only a stream in the container's sectors is looked at: one under the mini stream's cutoff
    (4,096 bytes) is smaller than any workbook Excel writes."""
    fileobj.seek(0)
    header = fileobj.read(512)
    fileobj.seek(entry)
    record = fileobj.read(_DIRECTORY_ENTRY_BYTES)
    if len(header) < 512 or len(record) < _DIRECTORY_ENTRY_BYTES:
        return False
    (sector_shift,) = struct.unpack_from("<H", header, 30)
    (mini_cutoff,) = struct.unpack_from("<I", header, 56)
    length_of_name, kind = struct.unpack_from("<HB", record, 64)
    start, size = struct.unpack_from("<II", record, 116)
    if kind != _STREAM_ENTRY or length_of_name != name_bytes or size < mini_cutoff or sector_shift > 16:
        return False
    fileobj.seek((start + 1) << sector_shift)
    first = fileobj.read(4)
    if len(first) < 4:
        return False
    record_type, length = struct.unpack("<HH", first)
    if record_type != _BOF:
        return False
    fileobj.seek(length, io.SEEK_CUR)
    following = fileobj.read(2)
    return len(following) == 2 and struct.unpack("<H", following)[0] == _FILEPASS


def check_zip_container(fileobj, kind: str) -> str:
    """Refuse a truncated file, a Word/other zip renamed to .xlsx or .ods, and a zip bomb, from the zip directory
    alone. Returns what the zip really is: an .xlsx saved with the name .ods (or the other way round) is read as
    what it holds."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            # OpenDocument names its kind in a first, uncompressed member called "mimetype".
            mimetype = archive.read("mimetype")[:100].strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError, OSError):
        if kind == ODS:
            raise RosterFileError(_(_BROKEN_ODS))
        raise RosterFileError(_("ไฟล์ .xlsx เสียหายหรือไม่ครบ (อาจอัปโหลดไม่สมบูรณ์) กรุณาเปิดใน Excel แล้วบันทึกใหม่"))
    if "xl/workbook.xml" in names:
        kind = XLSX
    elif mimetype == ODS_MIMETYPE and "content.xml" in names:
        kind = ODS
    elif "word/document.xml" in names:
        raise RosterFileError(
            _("ไฟล์นี้เป็นเอกสาร Word ที่เปลี่ยนนามสกุลเป็น .%(extension)s ไม่ใช่ตารางรายชื่อ") % {"extension": kind}
        )
    elif mimetype.startswith(b"application/vnd.oasis.opendocument."):
        raise RosterFileError(
            _(
                "ไฟล์นี้เป็นเอกสาร OpenDocument ชนิดอื่น (ไม่ใช่ตารางคำนวณ) ที่เปลี่ยนนามสกุลเป็น .%(extension)s "
                "กรุณาบันทึกรายชื่อจาก LibreOffice Calc เป็น .ods หรือ .xlsx"
            )
            % {"extension": kind}
        )
    elif kind == ODS:
        raise RosterFileError(_("ไฟล์นี้ไม่ใช่ตารางคำนวณ OpenDocument (.ods) ที่ถูกต้อง"))
    else:
        raise RosterFileError(_("ไฟล์นี้ไม่ใช่สมุดงาน Excel (.xlsx) ที่ถูกต้อง"))
    total = sum(m.file_size for m in members)
    if total > max_uncompressed_bytes():
        raise RosterFileError(
            _("ไฟล์ .%(extension)s เมื่อขยายแล้วใหญ่เกินกำหนด (%(mb)s MB) ระบบไม่เปิดไฟล์นี้เพื่อความปลอดภัย")
            % {"extension": kind, "mb": f"{total / 1024 / 1024:.0f}"}
        )
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
            raise RosterFileError(
                _("ไฟล์ .%(extension)s ถูกบีบอัดผิดปกติ (อาจเป็น zip bomb) ระบบไม่เปิดไฟล์นี้เพื่อความปลอดภัย") % {"extension": kind}
            )
    return kind


@dataclass
class RosterTable:
    """The data of one roster: which column of the sheet holds which field, and the data rows with their row numbers."""

    headers: list[str]  # as written in the file
    header_row: int  # 1-based, as Excel numbers rows
    column_keys: list[str | None]  # per position: field key, "" ignored, None not recognised or a second of a key
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number in the file, cells)
    sheet_name: str = ""
    # The rows above the header (titles, a monthly report's month), for the kinds whose file says what it is for.
    above: list[list] = field(default_factory=list)

    duplicate_of: dict[int, int] = field(default_factory=dict)  # {position: the position of the same key read}
    # The rows still to come when the table was read `streamed` (read_table): parts() takes them in as asked.
    unread: Iterator[None] | None = field(default=None, repr=False)

    def parts(self, size: int) -> Iterator[list[tuple[int, list]]]:
        """The data rows, `size` at a time; those still to come are read as they are asked for."""
        done = 0
        while True:
            while self.unread is not None and len(self.rows) - done < size:
                if next(self.unread, _READ) is _READ:
                    self.unread = None
            if done >= len(self.rows):
                return
            yield self.rows[done : done + size]
            done += size

    @property
    def expected_rows(self) -> int | None:
        """How many data rows the table holds; None while some are still to be read."""
        return len(self.rows) if self.unread is None else None

    def read_all(self) -> RosterTable:
        if self.unread is not None:
            for _row in self.unread:
                pass
            self.unread = None
        return self

    @property
    def unknown_columns(self) -> list[str]:
        """The headers of the columns not imported; a second column of a meaning already read says which it repeats
        (it is known, only not read twice)."""
        from openpyxl.utils import get_column_letter

        shown = []
        for index, (header, key) in enumerate(zip(self.headers, self.column_keys, strict=True)):
            if key is not None or not str(header).strip():
                continue
            if (first := self.duplicate_of.get(index)) is not None:
                header = _("%(header)s (ซ้ำกับคอลัมน์ %(letter)s ซึ่งนำเข้าแล้ว)") % {
                    "header": header,
                    "letter": get_column_letter(first + 1),
                }
            shown.append(header)
        return shown

    @property
    def key_positions(self) -> dict[str, int]:
        positions = {}
        for index, key in enumerate(self.column_keys):
            if key and key not in positions:
                positions[key] = index
        return positions


_READ = object()


def read_raw_rows(fileobj, kind: str, *, in_child: bool) -> tuple[str, Iterator[list]]:
    """The name of the sheet read (none for a CSV) and its rows as they are read, as xlsx_stream.readable_rows gives
    them; `in_child` (read_in_child): by a child process."""
    if in_child:
        return xlsx_stream.stream_xlsx_in_child(fileobj)
    if kind == XLSX:
        sheet_name, rows = stream_xlsx(fileobj)
        rows = xlsx_stream.with_formulas_checked(rows, fileobj, sheet_name)
    elif kind in SPREADSHEETS:
        sheet_name, rows = _read_spreadsheet(fileobj, kind)
    else:
        sheet_name, rows = "", _read_csv(fileobj)
    # .xlsx and .xls give a formula's error as its text (#DIV/0!), and so does a CSV, saved by Excel or Calc from a
    # sheet whose lookup failed: no name, number or date is an error's text. An .ods's are marked by _read_spreadsheet.
    return sheet_name, xlsx_stream.readable_rows(rows, formula_errors=kind in {XLSX, XLS, CSV})


def read_in_child(fileobj, kind: str) -> bool:
    """Whether this file is read by a child process: a large .xlsx."""
    return kind == XLSX and _size(fileobj) >= settings.ROSTER_READ_IN_CHILD_FROM_MB * 1024 * 1024


def _size(fileobj) -> int:
    here = fileobj.tell()
    size = fileobj.seek(0, io.SEEK_END)
    fileobj.seek(here)
    return size


def _read_spreadsheet(fileobj, kind: str) -> tuple[str, Iterator[list]]:
    import python_calamine
    import python_calamine_plus

    # python-calamine-plus gives an .xls's formula errors as their text (readable_rows marks them), where
    # python-calamine gives an empty cell; neither knows an .ods's.
    reader = python_calamine if kind == ODS else python_calamine_plus
    try:
        workbook = reader.CalamineWorkbook.from_filelike(fileobj)
    except Exception:
        if kind == XLS and is_password_protected(fileobj):
            raise RosterFileError(_(PASSWORD_PROTECTED))
        raise refused(_BROKEN_ODS if kind == ODS else BROKEN_WORKBOOK)
    chosen = data_sheet(workbook, reader.SheetVisibleEnum.Visible)
    try:
        sheet = workbook.get_sheet_by_name(chosen)
    except Exception:
        raise refused(BROKEN_SHEET)
    # No limit on the sheet's height here: a space typed far below the data makes the sheet that high, and the rows
    # with data are what read_table counts, in every format.
    # Row by row (a third of the time of to_python's one big list). The rows count from the sheet's first row, so
    # row numbers match what Excel shows; the blank columns left of the data are put back, as Excel shows them too.
    rows = sheet.iter_rows()
    first_column = sheet.start[1] if sheet.start else 0
    if first_column:
        padding = [""] * first_column
        rows = (padding + row for row in rows)
    if kind == ODS and (misread := ods_misread_cells(fileobj, chosen, rows_at_most=_sheet_end(sheet))):
        rows = _with_cells_replaced(rows, misread)
    return chosen, rows


def _sheet_end(sheet) -> int:
    """How many rows iter_rows gives: from the first row of the sheet to the last with something in it."""
    return (sheet.start[0] + sheet.height) if sheet.start else 0


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_VALUE_TYPES = (
    "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type",
    "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type",
)
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_ERROR = b'value-type="error"'
# LibreOffice keeps a typed TRUE as a cell of type "boolean", which python-calamine reads as True, but the TRUE or FALSE
# a formula gives (=B2>0, or the TRUE of an .xlsx opened and saved again as .ods) as a number 1 or 0 shown as the word,
# which it reads as 1.0 or 0.0: "1" in a text column, village 1 in a number's. The words as Calc shows them, in English
# and in Thai.
_SHOWN_BOOLEANS = {"TRUE": True, "FALSE": False, "จริง": True, "เท็จ": False}
_ODS_BOOLEAN_WORDS = tuple(f"<text:p>{word}</text:p>".encode() for word in _SHOWN_BOOLEANS)


def ods_misread_cells(fileobj, sheet_name: str, *, rows_at_most: int) -> dict[int, dict[int, object]]:
    """{row: {column: what the cell holds}} (0-based, as iter_rows gives them) of the cells of sheet `sheet_name` that
    python-calamine misreads: a formula's error, which LibreOffice writes with value-type "error" and an empty value
    and python-calamine reads as an empty cell (a FormulaError of the error as the cell shows it), and a number shown
    as TRUE or FALSE (True or False, as a boolean cell reads). The XML is parsed only in a file that holds one."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            with archive.open("content.xml") as content:
                if not _holds_any(content, (_ODS_ERROR, *_ODS_BOOLEAN_WORDS)):
                    return {}
            with archive.open("content.xml") as content:
                return _ods_misread_in(content, sheet_name, rows_at_most)
    except (KeyError, OSError, ValueError, EOFError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}  # what python-calamine read is what there is
    finally:
        fileobj.seek(0)


def _holds_any(stream, needles: tuple[bytes, ...]) -> bool:
    overlap = max(len(needle) for needle in needles)
    tail = b""
    while chunk := stream.read(_SCAN_BYTES):
        seam = tail + chunk[:overlap]
        if any(needle in seam or needle in chunk for needle in needles):
            return True
        tail = chunk[-overlap:]
    return False


def _ods_misread_in(content, sheet_name: str, rows_at_most: int) -> dict[int, dict[int, object]]:
    found: dict[int, dict[int, object]] = {}
    sheet = None
    row = 0
    for event, element in ElementTree.iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == _TABLE + "table":
                if sheet == sheet_name:
                    break  # a table inside a cell of the sheet (rare): its other cells are left as read
                sheet, row = element.get(_TABLE + "name"), 0
            continue
        if tag == _TABLE + "table-row":
            repeated = int(element.get(_TABLE + "number-rows-repeated") or 1)
            if sheet == sheet_name:
                column = 0
                for cell in element:
                    span = int(cell.get(_TABLE + "number-columns-repeated") or 1)
                    if (value := _misread_value(cell)) is not None:
                        for number in range(row, min(row + repeated, rows_at_most)):
                            for index in range(column, column + min(span, 1024)):
                                found.setdefault(number, {})[index] = value
                    column += span
            row += repeated
            element.clear()
        elif tag == _TABLE + "table" and sheet == sheet_name:
            break
    return found


def _misread_value(cell) -> object:
    """What the cell holds where python-calamine reads something else, or None."""
    kinds = [cell.get(attribute) for attribute in _VALUE_TYPES]
    if "error" in kinds:
        return FormulaError("".join(cell.itertext()).strip()[:40] or "#ERR")
    # A TRUE is 1 and a FALSE 0; other numbers are never shown as the words.
    if "float" in kinds and cell.get(_OFFICE + "value") in {"0", "1"}:
        return _SHOWN_BOOLEANS.get("".join(cell.itertext()).strip())
    return None


def _with_cells_replaced(rows: Iterator[list], replaced: dict[int, dict[int, object]]) -> Iterator[list]:
    for number, row in enumerate(rows):
        if cells := replaced.get(number):
            for index, value in cells.items():
                if index >= len(row):
                    row = row + [""] * (index + 1 - len(row))
                row[index] = value
        yield row


CSV_ENCODINGS = ("utf-8-sig", "cp874")


def decode_csv(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError(_("อ่านตัวอักษรในไฟล์ CSV ไม่ได้ กรุณาบันทึกเป็น CSV UTF-8 หรือ .xlsx"))


def _read_csv(fileobj) -> Iterator[list]:
    data = fileobj.read()
    if b"\x00" in data[:4096]:
        raise RosterFileError(_("ไฟล์นี้ไม่ใช่ CSV ที่อ่านได้ (อาจเป็น UTF-16 หรือไฟล์ชนิดอื่น) กรุณาบันทึกเป็น CSV UTF-8"))
    text = decode_csv(data)
    del data
    # The csv module's own field limit (131,072) raises a bare csv.Error in the middle of the file; let it read any
    # field the upload limit allows, and refuse a cell over MAX_CELL_CHARACTERS with its row and column instead.
    if csv.field_size_limit() < max_upload_bytes():
        csv.field_size_limit(max_upload_bytes())
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # The rows with data are counted against the limit by read_table, as in every format; blank lines are not.
    rows = list(csv.reader(io.StringIO(text), dialect))
    if '="' in text:
        # ="3100..." is how systems writing a CSV for Excel keep an ID as text (Excel shows 3100...): the cell is its
        # text. Looked for only in files that hold it.
        rows = [[_excel_text_formula(cell) for cell in row] for row in rows]
    return iter(rows)


def _excel_text_formula(cell: str) -> str:
    return cell[2:-1] if cell.startswith('="') and cell.endswith('"') and len(cell) >= 3 else cell


def is_blank(cell) -> bool:
    """Nothing a person can read: no value, or text of spaces and invisible characters only (the non-breaking space,
    the zero-width space, direction marks: what core.thai.clean_text drops from a name)."""
    if cell is None:
        return True
    if isinstance(cell, str):
        return not cell.strip() or (not cell.isprintable() and not thai.clean_text(cell))
    return False


def _is_blank_row(row) -> bool:
    """Every cell blank (is_blank). A row's first cell usually settles it: a text that starts with a character one can
    see is not blank, a cell of another type (number, date) neither."""
    if row:
        first = row[0]
        if first is not None and (not isinstance(first, str) or (first and first[0].isprintable() and first[0] != " ")):
            return False
    return all(is_blank(c) for c in row)


def _overlong_cell(overlong: OverlongCell, headers: list[str]) -> RosterFileError:
    """A cell longer than Excel allows, named by its row and column."""
    from openpyxl.utils import get_column_letter

    number, row = overlong.number, overlong.row
    index = next(i for i, cell in enumerate(row) if isinstance(cell, str) and len(cell) > MAX_CELL_CHARACTERS)
    header = headers[index] if index < len(headers) else ""
    column = get_column_letter(index + 1) + (f" “{header}”" if header else "")
    return RosterFileError(
        _(
            "แถวที่ %(row)s คอลัมน์ %(column)s มีข้อความยาว %(length)s ตัวอักษร "
            "เกินขีดจำกัด %(limit)s ตัวอักษรต่อช่อง (เท่าที่ Excel รับได้) "
            "ไฟล์อาจเสียหายหรือคัดลอกข้อความผิดช่อง กรุณาแก้ไขช่องนั้นแล้วอัปโหลดใหม่"
        )
        % {"row": number, "column": column, "length": f"{len(row[index]):,}", "limit": f"{MAX_CELL_CHARACTERS:,}"}
    )


def read_table(fileobj, kind: str, spec: RosterSpec, *, streamed: bool = False) -> RosterTable:
    """Find the header row among the first rows (titles above it are fine) and collect the non-blank rows below.
    `streamed`: a file read by a child process may leave its rows to come as they are asked for (RosterTable.parts),
    so that they are checked while the child reads on; what is wrong with them is then raised there."""
    in_child = read_in_child(fileobj, kind)
    sheet_name, raw_rows = read_raw_rows(fileobj, kind, in_child=in_child)
    head: list[list] = []
    overlong_in_head = None
    try:
        for row in raw_rows:
            head.append(row)
            if len(head) >= HEADER_SEARCH_ROWS:
                break
    except OverlongCell as overlong:
        # Said once the header row above it is known, so that the message can name the column.
        overlong_in_head = overlong
    best_index, best_keys, best_score = None, None, 0
    for index, row in enumerate(head):
        keys = [spec.lookup(cell) for cell in row]
        score = len({k for k in keys if k})
        if score > best_score:
            best_index, best_keys, best_score = index, keys, score
    if best_index is None or best_keys is None or best_score < 2:
        if overlong_in_head:
            raise _overlong_cell(overlong_in_head, [])
        if all(all(is_blank(c) for c in row) for row in head):
            raise RosterFileError(_("ไฟล์ว่างเปล่า ไม่มีข้อมูล"))
        # Where it looked: a summary sheet first, or a header pushed down by a long title, is then plain to see.
        where = _("แผ่นงาน “%(sheet)s”") % {"sheet": sheet_name} if sheet_name else pgettext("header row of", "ไฟล์")
        raise RosterFileError(
            _(
                "ไม่พบแถวหัวตารางใน %(rows)s แถวแรกของ%(where)s กรุณาใช้แม่แบบของระบบ "
                "หรือให้แถวหัวตารางมีคอลัมน์ เช่น “เลขประจำตัวประชาชน” “ชื่อ” “นามสกุล” "
                "อยู่ภายใน %(rows)s แถวแรก ในแผ่นงานแรกของไฟล์"
            )
            % {"rows": HEADER_SEARCH_ROWS, "where": where}
        )
    header_cells = head[best_index]
    headers = ["" if c is None else str(c).strip() for c in header_cells]
    if overlong_in_head:
        raise _overlong_cell(overlong_in_head, headers)
    keys = list(best_keys)
    seen: dict[str, int] = {}
    duplicate_of = {}
    for index, key in enumerate(keys):
        if key:
            if key in seen:
                keys[index] = None  # a second column of the same meaning is reported, not silently merged
                duplicate_of[index] = seen[key]
            else:
                seen[key] = index
    table = RosterTable(
        headers=headers,
        header_row=best_index + 1,
        column_keys=keys,
        sheet_name=sheet_name,
        # Read as texts (a month beside its heading): an error there is what the cell shows.
        above=[[str(c) if c.__class__ is FormulaError else c for c in row] for row in head[:best_index]],
        duplicate_of=duplicate_of,
    )
    table.unread = _collected(table, head[best_index + 1 :], raw_rows, spec)
    if not (streamed and in_child):
        table.read_all()
    return table


def _collected(table: RosterTable, first: list[list], rest: Iterator[list], spec: RosterSpec) -> Iterator[None]:
    """Put the data rows (`first`, then the `rest` as they are read) into `table.rows`, one step per row."""
    headers = table.headers
    width = len(headers)
    limit = max_rows()
    number = table.header_row
    try:
        for row in itertools.chain(first, rest):
            number += 1
            if _is_blank_row(row):
                continue
            if len(table.rows) >= limit:
                raise RosterFileError(
                    _("ไฟล์มีข้อมูลเกิน %(limit)s แถวต่อครั้ง แบ่งเป็นหลายไฟล์แล้วนำเข้าทีละไฟล์") % {"limit": f"{limit:,}"}
                )
            # A short row is filled out to the header's width; cells past it are kept as they are.
            if len(row) < width:
                row = row + [None] * (width - len(row))
            table.rows.append((number, row))
            yield
    except OverlongCell as overlong:
        raise _overlong_cell(overlong, headers) from None
    if not table.rows:
        raise RosterFileError(
            _("ไฟล์มีแต่หัวตาราง ไม่มีข้อมูลอาสาสมัครให้นำเข้า")
            if spec.kind == "volunteers"
            else _("ไฟล์มีแต่หัวตาราง ไม่มีข้อมูลให้นำเข้า")
        )
