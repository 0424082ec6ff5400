"""Dates in the workbooks the portal writes: real date cells that Excel and LibreOffice show in พ.ศ.

A date written as text ("09/03/2528") sorts as text and cannot be filtered by year or month. A date cell with
`BE_DATE_FORMAT` holds the date itself and is shown with the Buddhist-era year. `[$-1070000]` is Excel's locale
prefix 0x01070000: western digits, calendar 07 (Thai Buddhist), the reader's own language. LibreOffice 7.4 reads
that prefix as its `[~buddhist]` calendar and shows 09/03/2528 (rosters/tests/test_xlsx_dates_in_libreoffice.py);
it does not understand Excel 365's newer `[$-th-TH,107]` spelling and shows a bare number for it. The `;@`
section shows text typed into a date column as it was typed.

Which format a workbook's dates take follows one rule: a workbook shows its dates as the pages of its language do.
The import formats and the documents the Ministry files as they are (the vacancy sheet, rosters) are Thai whatever
the page's language, and keep the default, `BE_DATE_FORMAT`. A workbook written in the page's language (the reports'
workbooks, the terms-ending board's) passes `date_format()`: พ.ศ. in Thai; in English `CE_DATE_FORMAT`, 5 Dec 2026 as the English pages show a day, whose
`[$-409]` (English, Gregorian calendar) keeps English month names and the CE year in an Excel set to Thai too.
"""

import datetime as dt

from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

from core.people import page_in_thai

BE_DATE_FORMAT = "[$-1070000]dd/mm/yyyy;@"
CE_DATE_FORMAT = "[$-409]d mmm yyyy;@"


def date_format() -> str:
    """The date format of a workbook written in the page's language (the module's docstring): พ.ศ. in Thai, CE in
    English."""
    return BE_DATE_FORMAT if page_in_thai() else CE_DATE_FORMAT


def as_date(value):
    """The calendar day of a date or datetime (an aware datetime in Thai time: .xlsx has no time zones); other
    values unchanged."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def is_date(value) -> bool:
    return isinstance(value, dt.date)


def date_cell(sheet, value, number_format: str = BE_DATE_FORMAT) -> Cell:
    """A cell for a write-only sheet holding the date itself, shown in พ.ศ. (or `number_format`: `date_format()`)."""
    cell = WriteOnlyCell(sheet, value=as_date(value))
    cell.number_format = number_format
    return cell


def set_date(cell, value, number_format: str = BE_DATE_FORMAT) -> None:
    """Put a date into a cell of an ordinary sheet, shown in พ.ศ. (or `number_format`: `date_format()`)."""
    cell.value = as_date(value)
    cell.number_format = number_format
