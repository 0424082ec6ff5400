"""The names downloaded files are saved under: one way of counting years in them, and one header that carries them.

A year, month or day in a file's name is counted as the page that offered the file counts it, as the workbook inside
does, by core's year_shown as on the pages: พ.ศ. on Thai pages (report-52-2570.xlsx, volunteers-52-2569-12-05-0905.xlsx),
A.D. on English ones (report-52-2027.xlsx). Before, the roster exports and the monthly-report forms were named by A.D.
dates and the reports by B.E. fiscal years, side by side in one Downloads folder.
"""

import datetime as dt
from urllib.parse import quote

from django.http import HttpResponse

from core import thai
from core.templatetags.thai import year_shown


def month_in_name(day: dt.date) -> str:
    """The month of `day` as year-month, the year as the page counts it: 2569-12 on Thai pages, 2026-12 on English."""
    return f"{year_shown(day.year + thai.BE_OFFSET)}-{day:%m}"


def date_in_name(day: dt.date) -> str:
    """`day` as year-month-day, the year as the page counts it: 2569-12-05 on Thai pages, 2026-12-05 on English."""
    return f"{month_in_name(day)}-{day:%d}"


def as_attachment(response: HttpResponse, name: str, ascii_name: str = "") -> HttpResponse:
    """Save `response` as `name` (Thai letters kept, RFC 6266), with an all-ASCII name for clients that read only
    that: `ascii_name`, or `name` if it is ASCII already. Thai letters are not simply dropped from it, which left names
    such as "-52-fy2570.xlsx"."""
    if not ascii_name:
        ascii_name = name if name.isascii() else "download." + name.rsplit(".", 1)[-1]
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return response
