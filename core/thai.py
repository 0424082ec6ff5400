"""Thai conventions in one place: Buddhist-era dates and fiscal years, national IDs, village names, dictionary order."""

import datetime as dt
import re
from operator import mul

from django.utils.translation import gettext as _

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
_MONTH_LOOKUP: dict[str, int] = {}
for _number, (_short, _long) in enumerate(zip(MONTHS_SHORT, MONTHS_LONG, strict=True), start=1):
    _MONTH_LOOKUP[_short] = _number
    _MONTH_LOOKUP[_short.replace(".", "")] = _number
    _MONTH_LOOKUP[_long] = _number
for _number, _name in enumerate(MONTHS_EN, start=1):
    _MONTH_LOOKUP[_name.lower()] = _number

# Below this a four-digit year is read as CE; from it on, as BE. 2400 BE is 1857 CE.
BE_YEAR_THRESHOLD = 2400


# Invisible format characters a paste brings along: soft hyphen, zero-width spaces and joiners, direction marks and
# overrides (a name of only U+202E was saved blank and turned the text after it backwards wherever it was printed),
# word joiner, byte-order mark.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


# A tone mark (or thanthakhat) typed before the vowel above or below the same consonant: drawn the same, but another
# string to a search, a sort or a comparison. Thai is stored vowel first (ก, sara u, mai tho; not ก, mai tho, sara u),
# and in a word written right no vowel mark follows a tone mark: the next vowel mark needs a consonant of its own.
_TONE_MARKS = "\u0e48-\u0e4c"  # mai ek, mai tho, mai tri, mai chattawa, thanthakhat
_VOWEL_MARKS = "\u0e31\u0e34-\u0e3a\u0e47"  # mai han-akat, the vowels above and below, maitaikhu
_MARK_BEFORE_VOWEL = re.compile(f"([{_TONE_MARKS}]+)([{_VOWEL_MARKS}]+)")
# Sara am typed as nikhahit + sara aa with the tone mark between them (น ํ ้ า for น้ำ).
_SPLIT_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
# The texts clean_text may write differently for those two slips (a tone mark before a vowel mark, or a nikhahit), as
# a PostgreSQL regular expression: the rows a data migration reads again (core.people.clean_stored_names).
MARKS_TO_CLEAN_SQL = f"[{_TONE_MARKS}][{_VOWEL_MARKS}]|\u0e4d"


def clean_text(text: str) -> str:
    """Typed or pasted text as a person reads it: sara am typed as nikhahit + sara aa joined back and a tone mark
    typed before its vowel put after it (they look the same but would not match), no invisible format characters or
    non-breaking spaces, single spaces between words. The import's cells, the forms, the API and the search boxes
    take a name the same way."""
    if "\u0e4d" in text:
        text = _SPLIT_SARA_AM.sub("\\1\u0e33", text)
    # One search of the text: a cell without the slip (nearly all) costs no more.
    if _MARK_BEFORE_VOWEL.search(text):
        text = _MARK_BEFORE_VOWEL.sub(r"\2\1", text)
    # isprintable() is false for every character _INVISIBLE names: most cells skip the search. split() takes the
    # non-breaking space for the space it stands for.
    if not text.isprintable():
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


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


def ce_year(year: int, typed_digits: int) -> int:
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
        return _build(ce_year(year, 4), month, day, raw)
    # A time after the date ("15/03/2518 00:00") is how a spreadsheet writes a date cell into a CSV: the date is read.
    match = re.fullmatch(
        r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})(?:\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?", raw
    )
    if match:
        day_text, month_text, year_text = match.groups()
        return _build(ce_year(int(year_text), len(year_text)), int(month_text), int(day_text), raw)
    match = re.fullmatch(r"(\d{1,2})\s*([^\d\s]+(?:\s*[^\d\s]+)?)\s*(?:พ\.?\s*ศ\.?|ค\.?\s*ศ\.?)?\s*(\d{2}|\d{4})", raw)
    if match:
        day_text, month_name, year_text = match.groups()
        key = month_name.strip().lower()
        month_number = _MONTH_LOOKUP.get(key) or _MONTH_LOOKUP.get(key.replace(" ", ""))
        if month_number is None:
            raise ThaiDateError(
                _("ไม่รู้จักชื่อเดือน “%(month)s” ในวันที่ “%(value)s”") % {"month": month_name.strip(), "value": raw}
            )
        ce = ce_year(int(year_text), len(year_text))
        if "ค.ศ" in raw.replace(" ", "") or "คศ" in raw:
            ce = int(year_text)
        return _build(ce, month_number, int(day_text), raw)
    raise ThaiDateError(_("อ่านวันที่ “%(value)s” ไม่ได้ ใช้รูปแบบ วว/ดด/ปปปป เช่น 07/01/2563") % {"value": raw})


def _build(year: int, month: int, day: int, raw: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ThaiDateError(_("ไม่มีวันที่ “%(value)s” ในปฏิทิน") % {"value": raw}) from None


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


# What people paste into an ID besides digits: Thai and full-width digits become 0-9; invisible characters (no-break
# space, BOM, zero-width space / non-joiner / joiner, word joiner, soft hyphen) and every kind of dash are dropped.
_ID_CHARACTERS = str.maketrans(
    {
        **{thai_digit: str(n) for n, thai_digit in enumerate("๐๑๒๓๔๕๖๗๘๙")},
        **{chr(0xFF10 + n): str(n) for n in range(10)},
        **dict.fromkeys("\u00a0\ufeff\u200b\u200c\u200d\u2060\u00ad"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\uff0e"),
    }
)


def normalize_national_id(value) -> str:
    """Digits only: drops spaces, dashes, dots and invisible characters, turns Thai and full-width digits into
    0-9, and drops the `.0` of Excel numbers."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).translate(_ID_CHARACTERS).strip()
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return re.sub(r"[\s\-.]", "", text)


# The weights of the first twelve digits, and what they add up to when each digit is still its ASCII code (48 + d).
_ID_WEIGHTS = tuple(range(13, 1, -1))
_ID_ASCII_OFFSET = ord("0") * sum(_ID_WEIGHTS)


def national_id_check_digit(first_twelve: str) -> int:
    """The 13th digit: `(11 - sum(d_i * (14 - i)) % 11) % 10`, as python-stdnum's `th.pin` (a test holds them equal).

    Written here rather than called from stdnum because the roster import checks one ID per row: this is five
    times faster than `pin.calc_check_digit`."""
    codes = first_twelve[:12].encode("ascii")
    return (11 - (sum(map(mul, codes, _ID_WEIGHTS)) - _ID_ASCII_OFFSET) % 11) % 10


def national_id_with_check_digit(first_twelve: str) -> str:
    """Twelve digits and their check digit: how demo data, samples and tests make valid IDs."""
    return first_twelve + str(national_id_check_digit(first_twelve))


def national_id_digits_error(digits: str) -> str | None:
    """national_id_error for a value already normalised: the import calls it once per row."""
    if not digits:
        return _("กรุณากรอกเลขประจำตัวประชาชน")
    if not (digits.isascii() and digits.isdigit()):
        return _("เลขประจำตัวประชาชนต้องเป็นตัวเลขเท่านั้น")
    if len(digits) != 13:
        return _("เลขประจำตัวประชาชนต้องมี 13 หลัก (กรอกมา %(count)s หลัก)") % {"count": f"{len(digits):,}"}
    if digits[0] in "09":
        # No Thai national ID starts with 0 or 9 (python-stdnum's th.pin refuses them too).
        return _("เลขประจำตัวประชาชนขึ้นต้นด้วย %(digit)s ไม่ได้ (หลักแรกต้องเป็น 1–8)") % {"digit": digits[0]}
    if ord(digits[12]) - 48 != national_id_check_digit(digits):
        return _("เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง)")
    return None


def national_id_error(value) -> str | None:
    """None when valid; otherwise the Thai reason."""
    return national_id_digits_error(normalize_national_id(value))


def is_valid_national_id(value) -> bool:
    return national_id_error(value) is None


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


# A village's name is stored as typed: "บ้านสบตุ๋ย" (as the roster template's example) or just "สบตุ๋ย".
VILLAGE_WORDS = ("บ้าน", "หมู่บ้าน", "ชุมชน")


def village_display(name: str) -> str:
    """The village as an address shows it: บ้านสบตุ๋ย whether บ้าน was typed or not, never บ้านบ้านสบตุ๋ย."""
    name = (name or "").strip()
    if not name or name.startswith(VILLAGE_WORDS):
        return name
    return f"บ้าน{name}"


# Thai dictionary order (ราชบัณฑิตยสถาน). Unicode already puts the consonants ก–ฮ before the vowels that follow a
# consonant (ะ ั า ำ ิ ี ึ ื ุ ู) and those before เ แ โ ใ ไ, which is the dictionary's order once each leading vowel is
# written after the consonant it is said after: เชียงใหม่ sorts as ชเียงหใม่, under ช. Tone marks, the thanthakhat and
# the maitaikhu only break ties: the key is the text without them, then the text with them. Keys compare by code
# point (Python strings; PostgreSQL's "C" collation), so the order needs no ICU and no locale on the server.
LEADING_VOWELS = "เแโใไ"
TIE_BREAKING_MARKS = "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # ็ ่ ้ ๊ ๋ ์
# A leading vowel and the consonant after it; Python's re and PostgreSQL's regexp_replace read it alike.
_LEADING_VOWEL_PATTERN = f"([{LEADING_VOWELS}])([ก-ฮ])"
_LEADING_VOWEL = re.compile(_LEADING_VOWEL_PATTERN)
_WITHOUT_MARKS = str.maketrans(dict.fromkeys(TIE_BREAKING_MARKS))
SORT_KEY_SEPARATOR = "\x01"


def thai_sort_key(text: str) -> str:
    """The Thai dictionary sort key of a name, for lists sorted in Python: the same rule as thai_sort_expression."""
    swapped = _LEADING_VOWEL.sub(r"\2\1", text or "")
    return swapped.translate(_WITHOUT_MARKS) + SORT_KEY_SEPARATOR + swapped


def thai_sort_expression(field: str):
    """thai_sort_key as SQL, for a GeneratedField stored beside the name (built-in, immutable functions only)."""
    from django.db.models import F, Func, Value
    from django.db.models.functions import Concat

    swapped = Func(F(field), Value(_LEADING_VOWEL_PATTERN), Value(r"\2\1"), Value("g"), function="REGEXP_REPLACE")
    without_marks = Func(swapped, Value(TIE_BREAKING_MARKS), Value(""), function="TRANSLATE")
    return Concat(without_marks, Value(SORT_KEY_SEPARATOR), swapped)


def thai_sort_field(field: str, max_length: int):
    """A stored, generated column holding thai_sort_key(field) in the "C" collation, so that it can be indexed and
    every write (forms, bulk_create, COPY) fills it without code."""
    from django.db import models

    return models.GeneratedField(
        expression=thai_sort_expression(field),
        # Twice the name, and the separator.
        output_field=models.CharField(max_length=2 * max_length + 1, db_collation="C"),
        db_persist=True,
    )
