"""How a cell becomes a value: the rules of one cell (text, national ID, date, phone, title, status), with their
reasons (in the language active, made only for a cell that fails); the parsers the columns declare (parsers.py) are built from these."""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import thai
from core.people import page_in_thai
from core.phone import normalize_thai_phone
from core.templatetags.thai import be_date
from provinces.models import Province
from rosters.xlsx_stream import FormulaError
from volunteers.models import Volunteer

MAX_STORED_ERRORS = 2000
CACHE_LIMIT = 200_000
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Our exports put an apostrophe before text starting with one of these, so that it stays text in Excel.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ERROR = gettext_noop("สูตรในเซลล์นี้ให้ผลผิดพลาด (%(error)s) กรุณาแก้สูตรหรือพิมพ์ค่าแทน")
# The template's example row carries this ID; a file that still has the row is told to delete it.
EXAMPLE_ID = thai.national_id_with_check_digit("123456789012")


class CellError(ValueError):
    """One cell's problem; the message is in the language active (the job's, in the worker): made only for a cell
    that fails, never for a good one. `column` names another column when that one is at fault."""

    def __init__(self, message: str, *, column: str = ""):
        super().__init__(message)
        self.column = column


# ---------------------------------------------------------------- cell values


def cell_text(cell) -> str:
    """A cell as the text a person would read: Excel numbers without `.0`, no stray or non-breaking spaces. A cell
    whose formula gave an error (the readers' FormulaError) is refused: every parser reads its cell through here."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        if cell.__class__ is FormulaError:
            raise CellError(_(FORMULA_ERROR) % {"error": cell})
        if cell[:1] == "'":
            # Excel's mark of a text, which it does not show: our own exports' guard against formulas ('=...), and
            # what other programs write in a CSV to keep a number as text ('1056197811098). The value follows it.
            cell = cell[1:]
        return thai.clean_text(cell)
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        if cell.is_integer():
            return str(int(cell))
        return repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    return str(cell)


_SCIENTIFIC = re.compile(r"^(\d)(?:\.(\d+))?e\+?(\d+)$", re.IGNORECASE)


def national_id_from_cell(cell) -> str:
    """The 13 digits of an ID cell, by the same rule as the form (core.thai); CellError with the reason otherwise."""
    if type(cell) is str and len(cell) == 13 and cell.isascii() and cell.isdigit():
        error = thai.national_id_digits_error(cell)
        if error:
            raise CellError(error)
        return cell
    if isinstance(cell, float | int) and not isinstance(cell, bool):
        digits = str(int(cell)) if float(cell).is_integer() else cell_text(cell)
    else:
        text = cell_text(cell)
        scientific = _SCIENTIFIC.match(text.replace(",", ""))
        if scientific:
            whole, decimals, exponent = scientific.groups()
            # 3.520000000019E+12 still holds all 13 digits; 3.52E+12 has lost them.
            if int(exponent) != 12 or len(decimals or "") != 12:
                raise CellError(
                    _(
                        "เลขประจำตัวประชาชน “%(value)s” ถูก Excel แปลงเป็นตัวเลขแบบย่อ ตัวเลขหายไปแล้ว "
                        "จัดรูปแบบคอลัมน์เป็นข้อความ (Text) แล้วพิมพ์เลขใหม่"
                    )
                    % {"value": text}
                )
            text = whole + decimals
        digits = thai.normalize_national_id(text)
    error = thai.national_id_digits_error(digits)
    if error:
        raise CellError(error)
    return digits


def date_from_cell(cell, *, allow_future: bool = True, today: dt.date | None = None) -> dt.date | None:
    if cell is None or cell == "":
        return None
    value: dt.date | None
    if isinstance(cell, dt.datetime):
        value = cell.date()
    elif isinstance(cell, dt.date):
        value = cell
    elif isinstance(cell, float | int) and not isinstance(cell, bool):
        # An Excel serial number in a cell not formatted as a date.
        if not 1 <= cell <= 150_000:
            raise CellError(unreadable_date(cell_text(cell)))
        value = EXCEL_EPOCH + dt.timedelta(days=int(cell))
    else:
        text = cell_text(cell)
        if not text:
            return None
        match = _DMY.match(text)
        try:
            # 07/01/2563, the usual way, without the general parser.
            value = _dmy(*match.groups()) if match else thai.parse_date(text)
        except thai.ThaiDateError as exc:
            raise CellError(str(exc))
        if value is None:
            return None
    if value.year >= thai.BE_YEAR_THRESHOLD:
        # Excel on a Thai-calendar machine stores 7/1/2563 as the year 2563.
        try:
            value = value.replace(year=value.year - thai.BE_OFFSET)
        except ValueError:
            raise CellError(_("ไม่มีวันที่ %(date)s ในปฏิทิน") % {"date": f"{value.day}/{value.month}/{value.year}"})
    if value.year < 1900:
        # The year in the reader's era: พ.ศ. in Thai, its CE number in English.
        year = thai.to_be_year(value.year) if page_in_thai() else value.year
        raise CellError(_("ปี %(year)s (พ.ศ.) เก่าเกินไป ตรวจสอบว่ากรอกปี พ.ศ. หรือ ค.ศ. ถูกต้อง") % {"year": year})
    if not allow_future and value > (today or timezone.localdate()):
        raise CellError(_("วันที่ %(date)s เป็นวันในอนาคต") % {"date": be_date(value)})
    return value


def unreadable_date(text: str) -> str:
    return _("อ่านวันที่ “%(value)s” ไม่ได้ ใช้รูปแบบ วว/ดด/ปปปป เช่น 07/01/2563") % {"value": text}


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _dmy(day: str, month: str, year: str) -> dt.date:
    number = int(year)
    if number >= thai.BE_YEAR_THRESHOLD:
        number -= thai.BE_OFFSET
    try:
        return dt.date(number, int(month), int(day))
    except ValueError:
        raise thai.ThaiDateError(_("ไม่มีวันที่ “%(date)s” ในปฏิทิน") % {"date": f"{day}/{month}/{year}"})


def small_number_from_cell(cell, *, low: int, high: int, what: str) -> int | None:
    if isinstance(cell, float | int) and not isinstance(cell, bool):
        if float(cell).is_integer() and low <= cell <= high:
            return int(cell)
        raise CellError(_("%(column)sต้องเป็นตัวเลข %(low)s–%(high)s") % {"column": what, "low": low, "high": high})
    text = cell_text(cell).translate(thai.THAI_DIGITS)
    if not text:
        return None
    text = re.sub(r"^(หมู่ที่|หมู่|ม\.?)\s*", "", text)
    # int() refuses digits such as ² and runs of more than 4,300 digits; a short run of 0-9 is neither.
    if text.isascii() and text.isdigit() and len(text) <= 20 and low <= int(text) <= high:
        return int(text)
    raise CellError(
        _("%(column)s “%(value)s” ต้องเป็นตัวเลข %(low)s–%(high)s")
        % {"column": what, "value": cell_text(cell), "low": low, "high": high}
    )


def house_no_from_cell(cell) -> str:
    if isinstance(cell, dt.date):
        # Excel turns a typed 12/3 into 12 March: give the officer back what they typed.
        return f"{cell.day}/{cell.month}"
    return cell_text(cell).translate(thai.THAI_DIGITS)


def phone_from_cell(cell) -> str:
    if cell is None or cell == "":
        return ""
    text = cell_text(cell)
    compact = text.replace("-", "").replace(" ", "")
    # Most rosters hold plain Thai mobile numbers: accept those without the full phone-number parser.
    if _MOBILE.match(compact):
        return compact
    if isinstance(cell, float | int) and not isinstance(cell, bool) and text and not text.startswith("0"):
        text = "0" + text  # Excel dropped the leading zero of 0812345678
    try:
        return normalize_thai_phone(text)
    except ValidationError as exc:
        raise CellError(" ".join(exc.messages))


_MOBILE = re.compile(r"^0(?:[89]\d|6[1-6])\d{7}$")


def email_from_cell(cell) -> str:
    text = cell_text(cell)
    if not text:
        return ""
    try:
        validate_email(text)
    except Exception:
        raise CellError(_("อีเมล “%(value)s” ไม่ถูกต้อง") % {"value": text})
    return text.lower()


TITLE_KEYS = {
    "นาย": Volunteer.Title.MR,
    "mr": Volunteer.Title.MR,
    "นาง": Volunteer.Title.MRS,
    "mrs": Volunteer.Title.MRS,
    "นางสาว": Volunteer.Title.MISS,
    "นส": Volunteer.Title.MISS,
    "miss": Volunteer.Title.MISS,
    "ms": Volunteer.Title.MISS,
}
TITLE_WORDS: dict[str, str] = {Volunteer.Title.MR: "นาย", Volunteer.Title.MRS: "นาง", Volunteer.Title.MISS: "นางสาว"}
# Police ranks, then the army's, the navy's and the air force's (those the three share once), as abbreviated on an
# ID card; ว่าที่ before an officer's rank.
_RANKS = [
    *("พล.ต.อ.", "พล.ต.ท.", "พล.ต.ต.", "พ.ต.อ.", "พ.ต.ท.", "พ.ต.ต.", "ร.ต.อ.", "ร.ต.ท.", "ร.ต.ต."),
    *("ด.ต.", "จ.ส.ต.", "ส.ต.อ.", "ส.ต.ท.", "ส.ต.ต.", "พลฯ", "พลตำรวจ"),
    *("พล.อ.", "พล.ท.", "พล.ต.", "พ.อ.", "พ.ท.", "พ.ต.", "ร.อ.", "ร.ท.", "ร.ต."),
    *("จ.ส.อ.", "จ.ส.ท.", "ส.อ.", "ส.ท.", "ส.ต.", "พลทหาร"),
    *("พล.ร.อ.", "พล.ร.ท.", "พล.ร.ต.", "น.อ.", "น.ท.", "น.ต.", "พ.จ.อ.", "พ.จ.ท.", "พ.จ.ต.", "จ.อ.", "จ.ท.", "จ.ต."),
    *("พล.อ.อ.", "พล.อ.ท.", "พล.อ.ต.", "พ.อ.อ.", "พ.อ.ท.", "พ.อ.ต.", "จ่าอากาศเอก", "จ่าสิบเอก", "จ่าสิบตำรวจ"),
    *("ร้อยตำรวจเอก", "ร้อยตำรวจโท", "ร้อยตำรวจตรี", "ดาบตำรวจ", "สิบตำรวจเอก", "สิบตำรวจโท", "สิบตำรวจตรี"),
    *("ร้อยเอก", "ร้อยโท", "ร้อยตรี", "สิบเอก", "สิบโท", "สิบตรี"),
    *("ว่าที่ร้อยตรี", "ว่าที่ร้อยโท", "ว่าที่ร้อยเอก", "ว่าที่ ร.ต.", "ว่าที่ร.ต.", "ว่าที่ ร.ท.", "ว่าที่ร.ท."),
    *("ว่าที่ ร.อ.", "ว่าที่ร.อ."),
]
# Monks and novices (a monk's name is followed by his Pali name where a surname would be), and academic and medical
# titles.
_CLERICAL_AND_ACADEMIC = [
    *("พระมหา", "พระครูสมุห์", "พระครูใบฎีกา", "พระครู", "พระปลัด", "พระสมุห์", "พระใบฎีกา", "พระอธิการ"),
    *("พระภิกษุ", "พระ", "สามเณร", "แม่ชี"),
    *("ศ.ดร.", "รศ.ดร.", "ผศ.ดร.", "ศ.", "รศ.", "ผศ.", "ดร.", "นายแพทย์", "แพทย์หญิง", "นพ.", "พญ."),
]
# Longest first, so that นางสาว wins over นาง and นาย, พระมหา over พระ, and ส.ต.อ. over ส.ต.
NAME_PREFIXES = sorted(
    {
        *("นางสาว", "น.ส.", "น.ส", "นาง", "นาย", "Mr.", "Mrs.", "Miss", "Ms."),
        *_RANKS,
        *_CLERICAL_AND_ACADEMIC,
    },
    key=lambda prefix: (-len(prefix), prefix),
)


def title_from_text(text: str) -> tuple[str, str]:
    """(title key, title_other) from นาย, น.ส., Mrs. ... or any other title kept as typed."""
    key = TITLE_KEYS.get(re.sub(r"[\s.]", "", text).lower())
    if key:
        return key, ""
    if len(text) > 40:
        raise CellError(_("คำนำหน้ายาวเกิน 40 ตัวอักษร"))
    return Volunteer.Title.OTHER, text


def split_full_name(text: str) -> tuple[str, str, str]:
    """นายสมชาย ใจดี → (นาย, สมชาย, ใจดี)."""
    for prefix in NAME_PREFIXES:
        if text.lower().startswith(prefix.lower()):
            rest = text[len(prefix) :].strip()
            parts = rest.split(" ", 1)
            if len(parts) < 2 or not parts[0] or not parts[1].strip():
                raise CellError(_("แยกชื่อและนามสกุลจาก “%(value)s” ไม่ได้ (เว้นวรรคระหว่างชื่อกับนามสกุล)") % {"value": text})
            return prefix, parts[0], parts[1].strip()
    raise CellError(_("ไม่พบคำนำหน้าในชื่อ “%(value)s” (เช่น นาย นาง นางสาว)") % {"value": text})


GENDER_KEYS = {
    "ชาย": Volunteer.Gender.MALE,
    "ช": Volunteer.Gender.MALE,
    "male": Volunteer.Gender.MALE,
    "m": Volunteer.Gender.MALE,
    "หญิง": Volunteer.Gender.FEMALE,
    "ญ": Volunteer.Gender.FEMALE,
    "female": Volunteer.Gender.FEMALE,
    "f": Volunteer.Gender.FEMALE,
    "อื่นๆ": Volunteer.Gender.OTHER,
    "ไม่ระบุ": Volunteer.Gender.OTHER,
}
GENDER_FROM_TITLE = {
    Volunteer.Title.MR: Volunteer.Gender.MALE,
    Volunteer.Title.MRS: Volunteer.Gender.FEMALE,
    Volunteer.Title.MISS: Volunteer.Gender.FEMALE,
}

STATUS_KEYS = {}
for _status in Volunteer.Status:
    STATUS_KEYS[str(_status.label).replace(" ", "")] = _status.value
    STATUS_KEYS[_status.value] = _status.value
STATUS_KEYS.update(
    {
        "ปฏิบัติงาน": Volunteer.Status.ACTIVE,
        "ยังปฏิบัติหน้าที่": Volunteer.Status.ACTIVE,
        "ปกติ": Volunteer.Status.ACTIVE,
        "พักงาน": Volunteer.Status.SUSPENDED,
        "พักการปฏิบัติงาน": Volunteer.Status.SUSPENDED,
        "ลาออก": Volunteer.Status.RESIGNED,
        "พ้นสภาพ": Volunteer.Status.RESIGNED,
        "พ้นจากตำแหน่ง": Volunteer.Status.RESIGNED,
        "ถึงแก่กรรม": Volunteer.Status.DECEASED,
    }
)

# Not a stored status: an export writes it for someone in office whose term has ended (as the pages show them), and
# reading it back keeps the person's stored status (a blank cell does the same), so an exported file imports unchanged.
TERM_ENDED_CELL = "ครบวาระ"

# A tier as officers write it: the label, the short word, with or without "อสร." and "ระดับตำบล", or the key.
TIER_KEYS = {}
for _tier in Volunteer.Tier:
    TIER_KEYS[str(_tier.label).replace(" ", "")] = _tier.value
    TIER_KEYS[_tier.value] = _tier.value
for _word, _tier in (("แกนนำ", Volunteer.Tier.LEAD), ("เครือข่าย", Volunteer.Tier.NETWORK)):
    for _suffix in ("", "อสร.", "อสร", "ระดับตำบล", "อสร.ระดับตำบล", "อสร.ประจำตำบล"):
        TIER_KEYS[_word + _suffix] = _tier.value
TIER_KEYS.update({"แกนนำตำบล": Volunteer.Tier.LEAD, "เครือข่ายอาสาสมัครแรงงาน": Volunteer.Tier.NETWORK})

ACTIVE_WORDS = {"ปฏิบัติหน้าที่", "ยังปฏิบัติหน้าที่", "ปฏิบัติงาน", "ใช่", "yes", "y", "true", "1", "active"}
INACTIVE_WORDS = {"พ้นหน้าที่", "ไม่ปฏิบัติหน้าที่", "ย้าย", "เกษียณ", "ลาออก", "ไม่ใช่", "no", "n", "false", "0", "inactive"}


def max_lengths(model) -> dict[str, int]:
    return {f.attname: f.max_length for f in model._meta.concrete_fields if getattr(f, "max_length", None)}


@dataclass
class Context:
    """What a column's parser may need besides the cell: the province being imported, today, the field lengths."""

    province: Province
    today: dt.date
    lengths: dict[str, int]
    memo: dict = field(default_factory=dict)  # what several columns share, built once per check (places, agencies)
