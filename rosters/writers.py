"""Writing rosters out: the template, exports (.xlsx and .csv) and the file of failed rows.

What each column of the template shows (header, example, text or date format, drop-down) comes from its `Column`
in rosters.columns; exports take their columns from there too (rosters.exports).

Every text cell goes through `safe_cell`, so nothing a person typed can run as a formula when the file is opened.
"""

import csv
import datetime as dt
import io
from collections.abc import Set

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core import thai
from core.xlsx import BE_DATE_FORMAT, date_cell, is_date, set_date
from rosters.columns import ERROR_COLUMN, SOURCE_ROW_COLUMN, RosterSpec
from rosters.validation.cells import FORMULA_STARTS

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
REQUIRED_FILL = PatternFill("solid", fgColor="8B1E2D")
HEADER_FONT = Font(bold=True, color="FFFFFF", name="Sarabun")
EXAMPLE_FONT = Font(italic=True, color="6B7280", name="Sarabun")
BODY_FONT = Font(name="Sarabun")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_ROWS = 5000  # rows that get the drop-downs and text format in the template


def safe_cell(value):
    """Text that Excel would read as a formula gets a leading apostrophe, so it stays text; control characters
    (pasted in from other systems, and refused by .xlsx files) are dropped first."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def build_template(spec: RosterSpec, *, province=None) -> bytes:
    """The import template: Thai headers, an instructions sheet, one example row, drop-downs, ID column as text."""
    workbook = Workbook()
    sheet = workbook.create_sheet("รายชื่อ", 0)
    workbook.remove(workbook.worksheets[1])  # the empty sheet a new workbook starts with
    columns = spec.template_columns
    for index, column in enumerate(columns, start=1):
        # Required columns are marked by colour and in the instructions, not in the header text, which stays the
        # name the import looks for.
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = HEADER_FONT
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if column.hint:
            cell.comment = Comment(column.hint, "ระบบ อสร.")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        example = column.example
        if column.template_example and province is not None:
            example = column.template_example(province) or example
        value_cell = sheet.cell(row=2, column=index, value=example if example != "" else None)
        value_cell.font = EXAMPLE_FONT
        if column.is_date and example:
            # The example is a real date shown in พ.ศ., as in our exports; the empty rows below stay text (next
            # comment), so what an officer types is kept exactly as typed and read by our own date parser.
            set_date(value_cell, thai.parse_date(example))
        elif column.is_text or column.is_date:
            value_cell.number_format = "@"
        if column.is_text or column.is_date:
            # Text format keeps 13-digit IDs whole and stops Excel from turning 07/01/2563 or 12/3 into dates
            # (in an English-locale Excel 07/01 would become 1 July, and a BE year typed into a Gregorian date cell
            # would show as 3106).
            for row in range(3, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
        if column.choices:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=True,
                showErrorMessage=column.strict_choices,
                errorTitle="ค่าไม่อยู่ในรายการ",
                error="เลือกจากรายการ",
                promptTitle=column.header,
                prompt=column.hint[:255] if column.hint else "เลือกจากรายการ",
                showInputMessage=bool(column.hint),
            )
            if not column.strict_choices:
                validation.errorStyle = "information"
                validation.showErrorMessage = True
                validation.error = "คำนำหน้าอื่นพิมพ์เองได้"
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            sheet.add_data_validation(validation)
    sheet.row_dimensions[1].height = 36
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet("คำอธิบาย")
    _write_instructions(guide, spec, columns, province)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_instructions(sheet, spec, columns, province):
    title_font = Font(bold=True, size=14, name="Sarabun")
    bold = Font(bold=True, name="Sarabun")
    where = f" {province.display_name}" if province is not None else ""
    lines = [
        (f"แม่แบบนำเข้าข้อมูล{spec.label}{where}", title_font),
        ("วิธีใช้", bold),
        ("1. กรอกข้อมูลในแผ่นงาน “รายชื่อ” หนึ่งคนต่อหนึ่งแถว เริ่มที่แถวที่ 3 และลบแถวตัวอย่าง (แถวที่ 2) ก่อนนำเข้า", None),
        ("2. คอลัมน์ที่หัวเป็นสีแดงต้องกรอกทุกแถว (ดูคอลัมน์ “จำเป็น” ด้านล่าง)", None),
        ("3. เลขประจำตัวประชาชนใช้จับคู่กับข้อมูลเดิม: เลขใหม่จะเพิ่มคนใหม่ เลขที่มีอยู่แล้วในจังหวัดจะปรับปรุงข้อมูล", None),
        ("   ช่องที่เว้นว่างของคนที่มีอยู่แล้ว ระบบคงข้อมูลเดิมไว้ (ลบข้อมูลได้ที่หน้าแก้ไขข้อมูลรายบุคคล)", None),
        ("4. วันที่พิมพ์เป็น วว/ดด/ปปปป ได้ทั้ง พ.ศ. และ ค.ศ. เช่น 07/01/2563 หรือ 7 ม.ค. 2563", None),
        ("5. ตำบลและอำเภอพิมพ์ชื่อภาษาไทยหรือรหัสของกรมการปกครองก็ได้ ต้องอยู่ในจังหวัดที่นำเข้า", None),
        ("6. บันทึกเป็น .xlsx (หรือ .csv) แล้วอัปโหลดที่หน้า “นำเข้าข้อมูล” ระบบจะแสดงผลการตรวจสอบก่อนบันทึกจริงเสมอ", None),
        ("7. แถวที่ผิดดาวน์โหลดเป็นไฟล์ แก้ไข แล้วอัปโหลดใหม่ได้ (คอลัมน์ “ข้อผิดพลาด” ไม่ต้องลบ)", None),
        ("", None),
        ("คอลัมน์", bold),
    ]
    row = 1
    for text, font in lines:
        cell = sheet.cell(row=row, column=1, value=text)
        if font:
            cell.font = font
        row += 1
    for index, heading in enumerate(["หัวคอลัมน์", "จำเป็น", "คำอธิบาย", "ตัวอย่าง", "ชื่ออื่นที่ระบบรู้จัก"], start=1):
        cell = sheet.cell(row=row, column=index, value=heading)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    row += 1
    for column in spec.columns:
        example = column.example
        values = [
            column.header,
            "จำเป็น" if column.required else "",
            column.hint or ("เลือกจากรายการ: " + ", ".join(column.choices) if column.choices else ""),
            safe_cell(str(example)) if example != "" else "",
            ", ".join(a for a in column.aliases if not a.isascii())[:200],
        ]
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=index, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.is_date and example:
            set_date(sheet.cell(row=row, column=4), thai.parse_date(example))
        row += 1
    for letter, width in zip("ABCDE", (28, 9, 60, 18, 40), strict=True):
        sheet.column_dimensions[letter].width = width


def display_value(value):
    """A value as a person reads it in a .csv export: dates in BE, text made safe."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return thai.format_date_numeric_be(value)
    return safe_cell(value)


def xlsx_value(value):
    """A value for an .xlsx export: dates stay dates (`write_xlsx` shows them in BE or its `date_format`), text made
    safe."""
    if value is None:
        return ""
    if is_date(value):
        return value
    return safe_cell(value)


def write_xlsx(
    headers: list[str],
    rows,
    *,
    text_columns: Set[int] = frozenset(),
    sheet_title="รายชื่อ",
    date_format: str = BE_DATE_FORMAT,
) -> bytes:
    """A streamed (write-only) workbook, fast for 100,000 rows; text columns stay text in Excel, and dates
    (date or datetime values, in any column) are date cells shown in พ.ศ., or in `date_format` (core.xlsx: a workbook
    in the page's language passes `date_format()`)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        header_cells.append(cell)
    sheet.freeze_panes = "A2"
    sheet.append(header_cells)
    for row in rows:
        out = []
        for index, value in enumerate(row):
            if is_date(value):
                out.append(date_cell(sheet, value, date_format))
            elif index in text_columns and value not in ("", None):
                cell = WriteOnlyCell(sheet, value=str(value))
                cell.number_format = "@"
                out.append(cell)
            else:
                out.append(value)
        sheet.append(out)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Echo:
    def write(self, value):
        return value


def csv_stream(headers: list[str], rows):
    """CSV in UTF-8 with a BOM, so Excel opens Thai text correctly; yields pieces for a streaming response."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(headers)
    for row in rows:
        yield writer.writerow(row)


def failed_rows_workbook(headers: list[str], rows: list[tuple[int, list, str]]) -> bytes:
    """The rows that failed, as they were, with the reasons in front: fix them and upload this file again."""
    out_headers = [ERROR_COLUMN, SOURCE_ROW_COLUMN, *headers]

    def cells():
        for number, raw, reason in rows:
            yield [reason, number, *(_raw_cell(v) for v in raw[: len(headers)])]

    return write_xlsx(out_headers, cells(), text_columns=set(range(2, len(out_headers))), sheet_title="แถวที่ผิด")


def _raw_cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value  # a date cell of the upload goes back as a date cell, which the import reads again
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return safe_cell(value) if isinstance(value, str) else value
