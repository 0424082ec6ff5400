"""Dates in the workbooks the portal writes: real date cells that Excel and LibreOffice show in พ.ศ.

A date written as text ("09/03/2528") sorts as text and cannot be filtered by year or month. A date cell with
`BE_DATE_FORMAT` holds the date itself and is shown with the Buddhist-era year. `[$-1070000]` is Excel's locale
prefix 0x01070000: western digits, calendar 07 (Thai Buddhist), the reader's own language. LibreOffice 7.4 reads
that prefix as its `[~buddhist]` calendar and shows 09/03/2528 (rosters/tests/test_xlsx_dates_in_libreoffice.py);
it does not understand Excel 365's newer `[$-th-TH,107]` spelling and shows a bare number for it. The `;@`
section shows text typed into a date column as it was typed.
"""

import datetime as dt

from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

BE_DATE_FORMAT = "[$-1070000]dd/mm/yyyy;@"


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


def date_cell(sheet, value) -> Cell:
    """A cell for a write-only sheet holding the date itself, shown in พ.ศ."""
    cell = WriteOnlyCell(sheet, value=as_date(value))
    cell.number_format = BE_DATE_FORMAT
    return cell


def set_date(cell, value) -> None:
    """Put a date into a cell of an ordinary sheet, shown in พ.ศ."""
    cell.value = as_date(value)
    cell.number_format = BE_DATE_FORMAT
