"""Thai conventions in one place: Buddhist-era dates, fiscal years, national IDs, phone numbers."""

import datetime as dt
import re

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.th import pin

BE_OFFSET = 543

MONTHS_SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
MONTHS_LONG = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

# Abbreviations and full names of months, with and without dots, as people type them.
_MONTH_LOOKUP = {}
for _number, (_short, _long) in enumerate(zip(MONTHS_SHORT, MONTHS_LONG, strict=True), start=1):
    _MONTH_LOOKUP[_short] = _number
    _MONTH_LOOKUP[_short.replace(".", "")] = _number
    _MONTH_LOOKUP[_long] = _number
for _number, _name in enumerate(MONTHS_EN, start=1):
    _MONTH_LOOKUP[_name.lower()] = _number

# Below this a four-digit year is read as CE; from it on, as BE. 2400 BE is 1857 CE.
BE_YEAR_THRESHOLD = 2400


class ThaiDateError(ValueError):
    """A date that cannot be read; the message is Thai and says why."""


def to_be_year(year: int) -> int:
    return year + BE_OFFSET


def format_date_be(value: dt.date | None, *, long: bool = False) -> str:
    """`7 ม.ค. 2563` (or `7 มกราคม 2563` with long=True)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    months = MONTHS_LONG if long else MONTHS_SHORT
    return f"{value.day} {months[value.month - 1]} {to_be_year(value.year)}"


def format_date_numeric_be(value: dt.date | None) -> str:
    """`07/01/2563`: what an officer types back into a date field."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{to_be_year(value.year)}"


def format_date_en(value: dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"


def _ce_year(year: int, typed_digits: int) -> int:
    if typed_digits <= 2:
        # Thai people write two-digit years in BE: "63" is 2563.
        return year + 2500 - BE_OFFSET
    if year >= BE_YEAR_THRESHOLD:
        return year - BE_OFFSET
    return year


def parse_date(text: str | dt.date | dt.datetime | None) -> dt.date | None:
    """Read a date typed in either era: 07/01/2563, 7/1/2020, 2020-01-07, 2563-01-07, 7 ม.ค. 63."""
    if text is None:
        return None
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    raw = str(text).translate(THAI_DIGITS).replace("\u00a0", " ").strip()
    if not raw:
        return None
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}([ T].*)?", raw):
        year, month, day = (int(p) for p in raw[:10].split("T")[0].split(" ")[0].split("-"))
        return _build(_ce_year(year, 4), month, day, raw)
    match = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})", raw)
    if match:
        day, month, year = match.groups()
        return _build(_ce_year(int(year), len(year)), int(month), int(day), raw)
    match = re.fullmatch(r"(\d{1,2})\s*([^\d\s]+(?:\s*[^\d\s]+)?)\s*(?:พ\.?\s*ศ\.?|ค\.?\s*ศ\.?)?\s*(\d{2}|\d{4})", raw)
    if match:
        day, month_name, year = match.groups()
        key = month_name.strip().lower()
        month = _MONTH_LOOKUP.get(key) or _MONTH_LOOKUP.get(key.replace(" ", ""))
        if month is None:
            raise ThaiDateError(f"ไม่รู้จักชื่อเดือน “{month_name.strip()}” ในวันที่ “{raw}”")
        ce = _ce_year(int(year), len(year))
        if "ค.ศ" in raw.replace(" ", "") or "คศ" in raw:
            ce = int(year)
        return _build(ce, month, int(day), raw)
    raise ThaiDateError(f"อ่านวันที่ “{raw}” ไม่ได้ ใช้รูปแบบ วว/ดด/ปปปป เช่น 07/01/2563")


def _build(year: int, month: int, day: int, raw: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ThaiDateError(f"ไม่มีวันที่ “{raw}” ในปฏิทิน") from None


def fiscal_year(value: dt.date) -> int:
    """The Thai fiscal year (BE) of a date: 1 October to 30 September, named by the year it ends in."""
    ce = value.year + 1 if value.month >= 10 else value.year
    return to_be_year(ce)


def fiscal_year_bounds(fy_be: int) -> tuple[dt.date, dt.date]:
    """First and last day of fiscal year `fy_be` (BE)."""
    end_ce = fy_be - BE_OFFSET
    return dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 9, 30)


def current_fiscal_year() -> int:
    from django.utils import timezone

    return fiscal_year(timezone.localdate())


def normalize_national_id(value) -> str:
    """Digits only: drops spaces, dashes and dots, turns Thai digits into Arabic ones, and `.0` from Excel numbers."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).translate(THAI_DIGITS).replace("\u00a0", "").strip()
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return re.sub(r"[\s\-.]", "", text)


def national_id_error(value) -> str | None:
    """None when valid; otherwise the Thai reason."""
    digits = normalize_national_id(value)
    if not digits:
        return "กรุณากรอกเลขประจำตัวประชาชน"
    if not digits.isdigit():
        return "เลขประจำตัวประชาชนต้องเป็นตัวเลขเท่านั้น"
    if len(digits) != 13:
        return f"เลขประจำตัวประชาชนต้องมี 13 หลัก (กรอกมา {len(digits)} หลัก)"
    try:
        pin.validate(digits)
    except StdnumError:
        return "เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง)"
    return None


def is_valid_national_id(value) -> bool:
    return national_id_error(value) is None


def national_id_check_digit(first_twelve: str) -> int:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first_twelve))
    return (11 - total % 11) % 10


def format_national_id(value: str) -> str:
    """`1-2345-67890-12-1`"""
    d = normalize_national_id(value)
    if len(d) != 13:
        return d
    return f"{d[0]}-{d[1:5]}-{d[5:10]}-{d[10:12]}-{d[12]}"


def mask_national_id(value: str) -> str:
    """`1-2345-xxxxx-xx-1`: enough to tell people apart on a list, not enough to misuse."""
    d = normalize_national_id(value)
    if len(d) != 13:
        return "x" * len(d)
    return f"{d[0]}-{d[1:5]}-xxxxx-xx-{d[12]}"
