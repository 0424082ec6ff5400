"""Checking every row of a roster before anything is written: Thai messages with row and column, no query per row.

Places are looked up in dictionaries built once per import; existing people are fetched for the whole file in one
query; everything else is plain Python on the cell values.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection
from django.utils import timezone

from core import thai
from mentors.models import Mentor
from provinces.models import Agency, District, Province, Subdistrict, with_word
from rosters.columns import MENTORS, SPECS, VOLUNTEERS, RosterSpec
from rosters.readers import RosterTable
from rosters.writers import FORMULA_STARTS, example_national_id
from volunteers import rules
from volunteers.models import Volunteer
from volunteers.validation import normalize_thai_phone

MAX_STORED_ERRORS = 2000
CACHE_LIMIT = 200_000
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXAMPLE_ID = example_national_id()


class CellError(ValueError):
    """One cell's problem; the message is Thai."""


# ---------------------------------------------------------------- cell values


def cell_text(cell) -> str:
    """A cell as the text a person would read: Excel numbers without `.0`, no stray or non-breaking spaces."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        if "\u0e4d" in cell:
            # Sara am typed as nikhahit + sara aa looks the same but would not match: join it back.
            cell = cell.replace("\u0e4d\u0e32", "\u0e33")
        if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS:
            cell = cell[1:]  # our own exports' guard against formulas: the value is what follows
        return " ".join(cell.replace("\u00a0", " ").replace("\u200b", "").split())
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
                    f"เลขประจำตัวประชาชน “{text}” ถูก Excel แปลงเป็นตัวเลขแบบย่อ ตัวเลขหายไปแล้ว "
                    "จัดรูปแบบคอลัมน์เป็นข้อความ (Text) แล้วพิมพ์เลขใหม่"
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
    if isinstance(cell, dt.datetime):
        value = cell.date()
    elif isinstance(cell, dt.date):
        value = cell
    elif isinstance(cell, float | int) and not isinstance(cell, bool):
        # An Excel serial number in a cell not formatted as a date.
        if not 1 <= cell <= 150_000:
            raise CellError(f"อ่านวันที่ “{cell_text(cell)}” ไม่ได้ ใช้รูปแบบ วว/ดด/ปปปป เช่น 07/01/2563")
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
            raise CellError(f"ไม่มีวันที่ {value.day}/{value.month}/{value.year} ในปฏิทิน")
    if value.year < 1900:
        raise CellError(f"ปี {thai.to_be_year(value.year)} (พ.ศ.) เก่าเกินไป ตรวจสอบว่ากรอกปี พ.ศ. หรือ ค.ศ. ถูกต้อง")
    if not allow_future and value > (today or timezone.localdate()):
        raise CellError(f"วันที่ {thai.format_date_be(value)} เป็นวันในอนาคต")
    return value


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _dmy(day: str, month: str, year: str) -> dt.date:
    number = int(year)
    if number >= thai.BE_YEAR_THRESHOLD:
        number -= thai.BE_OFFSET
    try:
        return dt.date(number, int(month), int(day))
    except ValueError:
        raise thai.ThaiDateError(f"ไม่มีวันที่ “{day}/{month}/{year}” ในปฏิทิน")


def small_number_from_cell(cell, *, low: int, high: int, what: str) -> int | None:
    if isinstance(cell, float | int) and not isinstance(cell, bool):
        if float(cell).is_integer() and low <= cell <= high:
            return int(cell)
        raise CellError(f"{what}ต้องเป็นตัวเลข {low}–{high}")
    text = cell_text(cell).translate(thai.THAI_DIGITS)
    if not text:
        return None
    text = re.sub(r"^(หมู่ที่|หมู่|ม\.?)\s*", "", text)
    # int() refuses digits such as ² and runs of more than 4,300 digits; a short run of 0-9 is neither.
    if text.isascii() and text.isdigit() and len(text) <= 20 and low <= int(text) <= high:
        return int(text)
    raise CellError(f"{what} “{cell_text(cell)}” ต้องเป็นตัวเลข {low}–{high}")


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
        raise CellError(f"อีเมล “{text}” ไม่ถูกต้อง")
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
TITLE_WORDS = {Volunteer.Title.MR: "นาย", Volunteer.Title.MRS: "นาง", Volunteer.Title.MISS: "นางสาว"}
# Longest first, so that นางสาว wins over นาง and นาย.
NAME_PREFIXES = sorted(
    ["นางสาว", "น.ส.", "น.ส", "นาง", "นาย", "ว่าที่ร้อยตรี", "ว่าที่ ร.ต.", "ว่าที่ร.ต.", "ดร.", "Mr.", "Mrs.", "Miss", "Ms."],
    key=len,
    reverse=True,
)


def title_from_text(text: str) -> tuple[str, str]:
    """(title key, title_other) from นาย, น.ส., Mrs. ... or any other title kept as typed."""
    key = TITLE_KEYS.get(re.sub(r"[\s.]", "", text).lower())
    if key:
        return key, ""
    if len(text) > 40:
        raise CellError("คำนำหน้ายาวเกิน 40 ตัวอักษร")
    return Volunteer.Title.OTHER, text


def split_full_name(text: str) -> tuple[str, str, str]:
    """นายสมชาย ใจดี → (นาย, สมชาย, ใจดี)."""
    for prefix in NAME_PREFIXES:
        if text.lower().startswith(prefix.lower()):
            rest = text[len(prefix) :].strip()
            parts = rest.split(" ", 1)
            if len(parts) < 2 or not parts[0] or not parts[1].strip():
                raise CellError(f"แยกชื่อและนามสกุลจาก “{text}” ไม่ได้ (เว้นวรรคระหว่างชื่อกับนามสกุล)")
            return prefix, parts[0], parts[1].strip()
    raise CellError(f"ไม่พบคำนำหน้าในชื่อ “{text}” (เช่น นาย นาง นางสาว)")


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

ACTIVE_WORDS = {"ปฏิบัติหน้าที่", "ยังปฏิบัติหน้าที่", "ปฏิบัติงาน", "ใช่", "yes", "y", "true", "1", "active"}
INACTIVE_WORDS = {"พ้นหน้าที่", "ไม่ปฏิบัติหน้าที่", "ย้าย", "เกษียณ", "ลาออก", "ไม่ใช่", "no", "n", "false", "0", "inactive"}


def max_lengths(model) -> dict[str, int]:
    return {f.attname: f.max_length for f in model._meta.concrete_fields if getattr(f, "max_length", None)}


# ---------------------------------------------------------------- places


_PLACE_PREFIX = re.compile(r"^(ตำบล|ต\.|แขวง|อำเภอ|อ\.|เขต|กิ่งอำเภอ|กิ่งอ\.|จังหวัด|จ\.)\s*")


def place_key(text: str) -> str:
    return _PLACE_PREFIX.sub("", text).replace(" ", "")


class Places:
    """Every subdistrict and district of the country in dictionaries, read once; names resolved inside one province."""

    def __init__(self, province: Province):
        self.province = province
        self.province_names = dict(Province.objects.values_list("id", "name_th"))
        self.districts = {}
        self.district_by_code = {}
        self.district_by_name = {}  # names inside the province only
        for pk, code, name, province_id in District.objects.values_list("id", "code", "name_th", "province_id"):
            self.districts[pk] = (code, name, province_id)
            self.district_by_code[code] = pk
            if province_id == province.pk:
                self.district_by_name.setdefault(place_key(name), []).append(pk)
        # Officers write "เมือง" for เมืองลำปาง.
        mueang = self.district_by_name.get("เมือง" + place_key(province.name_th))
        if mueang:
            self.district_by_name.setdefault("เมือง", mueang)
        self.subdistricts = {}
        self.sub_by_code = {}
        self.sub_by_name = {}  # inside the province
        self.elsewhere = {}  # name -> the provinces outside that have it, for a helpful message
        for pk, code, name, district_id, province_id in Subdistrict.objects.values_list(
            "id", "code", "name_th", "district_id", "province_id"
        ):
            self.subdistricts[pk] = (code, name, district_id, province_id)
            self.sub_by_code[code] = pk
            key = place_key(name)
            if province_id == province.pk:
                self.sub_by_name.setdefault(key, []).append(pk)
            else:
                others = self.elsewhere.setdefault(key, [])
                if province_id not in others:
                    others.append(province_id)
        self._cache = {}

    def describe_subdistrict(self, pk) -> str:
        code, name, district_id, _ = self.subdistricts[pk]
        district_name = self.districts[district_id][1]
        province = self.province
        return (
            f"{with_word(province.subdistrict_word, name)} {with_word(province.district_word, district_name)} ({code})"
        )

    def district(self, text: str) -> int | None:
        if not text:
            return None
        code = text.translate(thai.THAI_DIGITS)
        if code.isdigit() and len(code) == 4:
            pk = self.district_by_code.get(code)
            if pk is None:
                raise CellError(f"ไม่มีอำเภอรหัส {code}")
            if self.districts[pk][2] != self.province.pk:
                raise CellError(
                    f"อำเภอรหัส {code} ({self.districts[pk][1]}) อยู่ใน{self._province_name(self.districts[pk][2])} "
                    f"ไม่ใช่{self.province.display_name}"
                )
            return pk
        matches = self.district_by_name.get(place_key(text))
        if not matches:
            raise CellError(f"ไม่พบอำเภอ “{text}” ใน{self.province.display_name}")
        return matches[0]

    def _province_name(self, province_id) -> str:
        name = self.province_names.get(province_id, "")
        return name if name == "กรุงเทพมหานคร" else f"จังหวัด{name}"

    def subdistrict(self, text: str, district_text: str) -> int:
        """The subdistrict's id; a name that two places share is an error naming both."""
        cache_key = (text, district_text)
        cached = self._cache.get(cache_key)
        if cached is not None:
            if isinstance(cached, str):
                raise CellError(cached)
            return cached
        try:
            result = self._subdistrict(text, district_text)
        except CellError as exc:
            self._cache[cache_key] = str(exc)
            raise
        self._cache[cache_key] = result
        return result

    def _subdistrict(self, text: str, district_text: str) -> int:
        code = text.translate(thai.THAI_DIGITS)
        district_pk = self.district(district_text) if district_text else None
        if code.isdigit() and len(code) == 6:
            pk = self.sub_by_code.get(code)
            if pk is None:
                raise CellError(f"ไม่มีตำบลรหัส {code}")
            _, name, district_id, province_id = self.subdistricts[pk]
            if province_id != self.province.pk:
                raise CellError(
                    f"ตำบลรหัส {code} ({name}) อยู่ใน{self._province_name(province_id)} ไม่ใช่{self.province.display_name}"
                )
            if district_pk and district_id != district_pk:
                raise CellError(f"ตำบลรหัส {code} ({name}) ไม่ได้อยู่ในอำเภอ{self.districts[district_pk][1]}")
            return pk
        key = place_key(text)
        matches = self.sub_by_name.get(key, [])
        if district_pk:
            in_district = [pk for pk in matches if self.subdistricts[pk][2] == district_pk]
            if not in_district:
                if matches:
                    raise CellError(
                        f"ไม่พบตำบล “{text}” ในอำเภอ{self.districts[district_pk][1]} "
                        f"(มี {', '.join(self.describe_subdistrict(pk) for pk in matches)})"
                    )
                raise CellError(self._not_found(text, key))
            matches = in_district
        if not matches:
            raise CellError(self._not_found(text, key))
        if len(matches) > 1:
            raise CellError(
                f"ชื่อตำบล “{text}” ซ้ำกันใน{self.province.display_name}: "
                + " และ ".join(self.describe_subdistrict(pk) for pk in matches)
                + " ระบุอำเภอหรือใช้รหัสตำบล 6 หลัก"
            )
        return matches[0]

    def _not_found(self, text: str, key: str) -> str:
        others = self.elsewhere.get(key)
        if others:
            names = sorted((self._province_name(p) for p in others), key=thai.thai_sort_key)
            listed = ", ".join(names[:3]) + (f" และอีก {len(names) - 3} จังหวัด" if len(names) > 3 else "")
            return f"ตำบล “{text}” ไม่ได้อยู่ใน{self.province.display_name} (เป็นชื่อตำบลใน{listed})"
        return f"ไม่พบตำบล “{text}” ใน{self.province.display_name}"

    def check_province(self, text: str) -> None:
        if not text:
            return
        code = text.translate(thai.THAI_DIGITS)
        if code == self.province.code or place_key(text) in {place_key(self.province.name_th), self.province.name_en}:
            return
        raise CellError(f"จังหวัด “{text}” ไม่ใช่{self.province.display_name} ซึ่งเป็นจังหวัดที่กำลังนำเข้า")


class Agencies:
    KEYWORDS = [
        ("ประกันสังคม", Agency.Kind.SOCIAL_SECURITY),
        ("สวัสดิการ", Agency.Kind.WELFARE),
        ("คุ้มครองแรงงาน", Agency.Kind.WELFARE),
        ("จัดหางาน", Agency.Kind.EMPLOYMENT),
        ("พัฒนาฝีมือ", Agency.Kind.SKILL),
        ("สพร", Agency.Kind.SKILL),
        ("แรงงานจังหวัด", Agency.Kind.LABOUR),
        ("สำนักงานแรงงาน", Agency.Kind.LABOUR),
    ]

    def __init__(self, province: Province):
        self.province = province
        self.by_kind = {a.kind: a.pk for a in Agency.objects.filter(province=province)}
        self.by_name = {}
        for agency in Agency.objects.filter(province=province):
            self.by_name[place_key(agency.name_th)] = agency.pk
            self.by_name[place_key(str(agency.get_kind_display()))] = agency.pk
            self.by_name[agency.kind] = agency.pk

    def agency(self, text: str) -> int:
        key = place_key(text)
        if key in self.by_name:
            return self.by_name[key]
        for word, kind in self.KEYWORDS:
            if word in key and kind in self.by_kind:
                return self.by_kind[kind]
        raise CellError(f"ไม่พบหน่วยงาน “{text}” ใน{self.province.display_name}")


# ---------------------------------------------------------------- rows


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
    problems: list[RowProblem] = field(default_factory=list)
    error_rows: dict[int, list] = field(default_factory=dict)  # row number -> raw cells
    status_changes: list[tuple] = field(default_factory=list)  # (pk, from, to)
    total_rows: int = 0
    headers: list[str] = field(default_factory=list)

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
            "errors": self.error_count,
        }


class MissingColumns(Exception):
    def __init__(self, headers):
        self.headers = headers
        super().__init__("ไม่พบคอลัมน์ที่จำเป็น: " + ", ".join(headers))


class RowChecker:
    """Turns the cells of one row into model values, collecting every problem of the row with its column."""

    kind = ""
    model = None

    def __init__(self, spec: RosterSpec, table: RosterTable, province: Province):
        self.spec = spec
        self.province = province
        self.positions = table.key_positions
        self.header_of = {key: table.headers[index] for key, index in self.positions.items()}
        self.lengths = max_lengths(self.model)
        self.today = timezone.localdate()
        self._text_cache: dict[str, str] = {}
        self._date_cache: dict = {}
        missing = [c.header for c in spec.columns if c.required and c.key not in self.positions]
        if "full_name" in self.positions:
            missing = [h for h in missing if h not in {"คำนำหน้า", "ชื่อ", "นามสกุล"}]
        if missing:
            raise MissingColumns(missing)

    def check_all(self, rows) -> tuple[list, dict[int, list]]:
        values, errors = [], {}
        for index, row in enumerate(rows):
            row_values, row_errors = self.check(row)
            values.append(row_values)
            if row_errors:
                errors[index] = row_errors
        return values, errors

    def national_id(self, row) -> str:
        value = national_id_from_cell(self.cell(row, "national_id"))
        if value == EXAMPLE_ID:
            raise CellError("แถวนี้เป็นแถวตัวอย่างจากแม่แบบ ลบออกก่อนนำเข้า")
        return value

    def cell(self, row, key):
        index = self.positions.get(key)
        return None if index is None else row[index]

    def text_of(self, cell) -> str:
        """cell_text, remembered: names, places and occupations repeat a great deal in a roster."""
        if type(cell) is not str:
            return cell_text(cell)
        cache = self._text_cache
        value = cache.get(cell)
        if value is None:
            value = cell_text(cell)
            if len(cache) < CACHE_LIMIT:
                cache[cell] = value
        return value

    def date_of(self, cell, *, allow_future=True):
        if cell is None or cell == "":
            return None
        cache = self._date_cache
        key = (cell, allow_future)
        try:
            value = cache[key]
        except KeyError:
            try:
                value = date_from_cell(cell, allow_future=allow_future, today=self.today)
            except CellError as exc:
                value = ("error", str(exc))
            if len(cache) < CACHE_LIMIT:
                cache[key] = value
        except TypeError:  # an unhashable cell, which calamine does not produce
            return date_from_cell(cell, allow_future=allow_future, today=self.today)
        if type(value) is tuple:
            raise CellError(value[1])
        return value

    def text(self, row, key, errors, *, required=False, attname=None):
        value = self.text_of(self.cell(row, key))
        if required and not value:
            errors.append((key, f"กรุณากรอก{self.spec.column(key).header}"))
        limit = self.lengths.get(attname or key)
        if limit and len(value) > limit:
            errors.append((key, f"ยาวเกิน {limit} ตัวอักษร"))
        return value


_ERROR = object()


class VolunteerChecker(RowChecker):
    """Checks a volunteer roster column by column: most columns repeat a few values (titles, places, dates,
    occupations), so each distinct value is checked once and the result looked up for the other rows."""

    kind = VOLUNTEERS
    model = Volunteer
    TEXT_FIELDS = (
        "first_name_en",
        "last_name_en",
        "line_id",
        "village_name",
        "appointment_order",
        "occupation",
        "education",
        "skills",
        "notes",
    )

    def __init__(self, spec, table, province):
        super().__init__(spec, table, province)
        self.places = Places(province)
        present = set(self.positions)
        self.split_names = "full_name" in present and "first_name" not in present
        fields = ["national_id"]
        if present & {"title", "full_name"}:
            fields += ["title", "title_other"]
        if present & {"first_name", "full_name"}:
            fields.append("first_name")
        if present & {"last_name", "full_name"}:
            fields.append("last_name")
        if "gender" in present or "title" in present or "full_name" in present:
            fields.append("gender")
        simple = ["birth_date", "phone", "email", "house_no", "village_no", "appointed_on", "consent_recorded_on"]
        fields += [f for f in (*simple, *self.TEXT_FIELDS) if f in present]
        fields += ["subdistrict_id", "province_id", "status"]
        self.fields = fields

    def check(self, row):
        values, errors = self.check_all([row])
        return values[0], errors.get(0, [])

    def _column(self, rows, key, convert, errors, *, cache=True):
        """Convert one column of every row; a failing cell records (key, message) for its row."""
        index = self.positions.get(key)
        if index is None:
            return None
        memo: dict = {}
        out = []
        append = out.append
        for number, row in enumerate(rows):
            cell = row[index]
            if cache and type(cell) is str or cell is None:
                hit = memo.get(cell, memo)
                if hit is memo:
                    try:
                        hit = convert(cell)
                    except CellError as exc:
                        hit = (_ERROR, str(exc))
                    memo[cell] = hit
            else:
                try:
                    hit = convert(cell)
                except CellError as exc:
                    hit = (_ERROR, str(exc))
            if type(hit) is tuple and hit and hit[0] is _ERROR:
                errors.setdefault(number, []).append((key, hit[1]))
                hit = None
            append(hit)
        return out

    def _text(self, key, *, required=False):
        limit = self.lengths.get(key)
        label = self.spec.column(key).header

        def convert(cell):
            value = cell_text(cell)
            if required and not value:
                raise CellError(f"กรุณากรอก{label}")
            if limit and len(value) > limit:
                raise CellError(f"ยาวเกิน {limit} ตัวอักษร")
            return value

        return convert

    def check_all(self, rows) -> tuple[list, dict[int, list]]:
        """Values per row (None for a row with problems) and {row index: [(column key, message)]}."""
        errors: dict[int, list] = {}
        column = self._column
        count = len(rows)
        fields = self.fields
        cols: dict[str, list] = {}

        def national_id(cell):
            value = national_id_from_cell(cell)
            if value == EXAMPLE_ID:
                raise CellError("แถวนี้เป็นแถวตัวอย่างจากแม่แบบ ลบออกก่อนนำเข้า")
            return value

        cols["national_id"] = column(rows, "national_id", national_id, errors, cache=False)
        if self.split_names:

            def full_name(cell):
                title_text, first, last = split_full_name(cell_text(cell))
                return (*title_from_text(title_text), first, last)

            names = column(rows, "full_name", full_name, errors)
            for i, key in enumerate(("title", "title_other", "first_name", "last_name")):
                cols[key] = [n[i] if n else None for n in names]
        else:
            if "title" in self.positions:

                def title(cell):
                    text = cell_text(cell)
                    if not text:
                        raise CellError("กรุณากรอกคำนำหน้า")
                    return title_from_text(text)

                titles = column(rows, "title", title, errors)
                cols["title"] = [t[0] if t else None for t in titles]
                cols["title_other"] = [t[1] if t else None for t in titles]
            cols["first_name"] = column(rows, "first_name", self._text("first_name", required=True), errors)
            cols["last_name"] = column(rows, "last_name", self._text("last_name", required=True), errors)
        if "gender" in fields:

            def gender(cell):
                text = cell_text(cell)
                if not text:
                    return ""
                value = GENDER_KEYS.get(text.replace(" ", "").lower())
                if value is None:
                    raise CellError(f"เพศ “{text}” ไม่ถูกต้อง (ชาย หรือ หญิง)")
                return value

            genders = column(rows, "gender", gender, errors) or [""] * count
            titles = cols.get("title") or [None] * count
            cols["gender"] = [
                g or GENDER_FROM_TITLE.get(t, "") if g is not None else None
                for g, t in zip(genders, titles, strict=True)
            ]
        today = self.today

        def birth_date(cell):
            value = date_from_cell(cell, today=today)
            error = rules.birth_date_error(value, today=today)
            if error:
                raise CellError(error)
            return value

        cols["birth_date"] = column(rows, "birth_date", birth_date, errors)
        for key in ("appointed_on", "consent_recorded_on"):
            cols[key] = column(rows, key, lambda cell: date_from_cell(cell, today=today), errors)
        cols["phone"] = column(rows, "phone", phone_from_cell, errors, cache=False)
        cols["email"] = column(rows, "email", email_from_cell, errors)
        house_limit = self.lengths["house_no"]

        def house_no(cell):
            value = house_no_from_cell(cell)
            if len(value) > house_limit:
                raise CellError(f"ยาวเกิน {house_limit} ตัวอักษร")
            return value

        cols["house_no"] = column(rows, "house_no", house_no, errors)
        cols["village_no"] = column(
            rows, "village_no", lambda cell: small_number_from_cell(cell, low=1, high=99, what="หมู่ที่"), errors
        )
        for key in self.TEXT_FIELDS:
            cols[key] = column(rows, key, self._text(key), errors)
        if "province" in self.positions:
            column(rows, "province", lambda cell: self.places.check_province(cell_text(cell)), errors)
        cols["subdistrict_id"] = self._places(rows, errors)
        cols["province_id"] = [self.province.pk] * count

        def status(cell):
            text = cell_text(cell)
            if not text:
                return ""
            value = STATUS_KEYS.get(text.replace(" ", "").lower())
            if value is None:
                raise CellError(f"สถานะ “{text}” ไม่ถูกต้อง (เลือกจากรายการ เช่น ปฏิบัติหน้าที่)")
            return value

        statuses = column(rows, "status", status, errors)
        # "" (blank) and None (a problem) both leave the status to the rules for new and known people.
        cols["status"] = [s or None for s in statuses] if statuses is not None else [None] * count

        values = list(zip(*(cols[f] for f in fields), strict=True))
        for index in errors:
            values[index] = None
        return values, errors

    def _places(self, rows, errors) -> list:
        sub_index = self.positions["subdistrict"]
        district_index = self.positions.get("district")
        memo: dict = {}
        out = []
        subdistrict = self.places.subdistrict
        for number, row in enumerate(rows):
            key = (row[sub_index], row[district_index] if district_index is not None else None)
            hit = memo.get(key)
            if hit is None:
                sub_text = cell_text(key[0])
                district_text = cell_text(key[1])
                try:
                    if not sub_text:
                        raise CellError("กรุณากรอกตำบล/แขวง")
                    hit = subdistrict(sub_text, district_text)
                except CellError as exc:
                    message = str(exc)
                    column = "district" if message.startswith(("ไม่พบอำเภอ", "อำเภอรหัส", "ไม่มีอำเภอ")) else "subdistrict"
                    hit = (_ERROR, column, message)
                memo[key] = hit
            if type(hit) is tuple:
                errors.setdefault(number, []).append((hit[1], hit[2]))
                hit = None
            out.append(hit)
        return out


class MentorChecker(RowChecker):
    kind = MENTORS
    model = Mentor

    def __init__(self, spec, table, province):
        super().__init__(spec, table, province)
        self.agencies = Agencies(province)
        present = set(self.positions)
        fields = ["national_id"]
        if present & {"title", "full_name"}:
            fields.append("title")
        fields += ["first_name", "last_name"]
        fields += [f for f in ("position", "phone", "email") if f in present]
        fields += ["agency_id", "province_id", "is_active"]
        self.fields = fields

    def check(self, row):
        errors = []
        values = {}
        try:
            values["national_id"] = self.national_id(row)
        except CellError as exc:
            errors.append(("national_id", str(exc)))
        if "full_name" in self.positions and "first_name" not in self.positions:
            try:
                title, values["first_name"], values["last_name"] = split_full_name(
                    cell_text(self.cell(row, "full_name"))
                )
                values["title"] = self._title(title)
            except CellError as exc:
                errors.append(("full_name", str(exc)))
        else:
            if "title" in self.positions:
                values["title"] = self._title(self.text(row, "title", errors))
            values["first_name"] = self.text(row, "first_name", errors, required=True)
            values["last_name"] = self.text(row, "last_name", errors, required=True)
        if "position" in self.positions:
            values["position"] = self.text(row, "position", errors)
        if "phone" in self.positions:
            try:
                values["phone"] = phone_from_cell(self.cell(row, "phone"))
            except CellError as exc:
                errors.append(("phone", str(exc)))
        if "email" in self.positions:
            try:
                values["email"] = email_from_cell(self.cell(row, "email"))
            except CellError as exc:
                errors.append(("email", str(exc)))
        agency_text = cell_text(self.cell(row, "agency"))
        if not agency_text:
            errors.append(("agency", "กรุณากรอกหน่วยงาน"))
        else:
            try:
                values["agency_id"] = self.agencies.agency(agency_text)
                values["province_id"] = self.province.pk
            except CellError as exc:
                errors.append(("agency", str(exc)))
        active = None
        if "is_active" in self.positions:
            text = cell_text(self.cell(row, "is_active")).replace(" ", "").lower()
            if text in ACTIVE_WORDS:
                active = True
            elif text in INACTIVE_WORDS:
                active = False
            elif text:
                errors.append(("is_active", f"สถานะ “{text}” ไม่ถูกต้อง (ปฏิบัติหน้าที่ หรือ พ้นหน้าที่)"))
        values["is_active"] = active
        if errors:
            return None, errors
        return tuple(values.get(f) for f in self.fields), errors

    @staticmethod
    def _title(text: str) -> str:
        key = TITLE_KEYS.get(re.sub(r"[\s.]", "", text).lower())
        return TITLE_WORDS[key] if key else text[:40]


CHECKERS = {VOLUNTEERS: VolunteerChecker, MENTORS: MentorChecker}
MODELS = {VOLUNTEERS: Volunteer, MENTORS: Mentor}


def existing_people(model, national_ids: list[str], fields: list[str]) -> dict[str, tuple]:
    """{national_id: (pk, province_id, values...)} for the IDs in the file, anywhere in the country, in one query."""
    table = model._meta.db_table
    columns = ", ".join(connection.ops.quote_name(f) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT national_id, id, province_id, {columns} FROM {table} WHERE national_id = ANY(%s)",
            [national_ids],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


# A blank status (or mentor status) means: active for a new person, unchanged for a known one.
KEEP_WHEN_BLANK = {"status", "is_active"}
DEFAULT_WHEN_BLANK = {"status": Volunteer.Status.ACTIVE, "is_active": True}


@dataclass
class ParsedRoster:
    """Every row of a file turned into model values or problems: what the preview checked, kept for the write.

    It depends only on the file and the (static) places, not on who is in the registry, so the write can reuse it
    and only needs to match it against the registry again."""

    kind: str
    fields: list[str]
    headers: list[str]
    total_rows: int
    good: list[tuple[int, tuple]] = field(default_factory=list)  # (row number, values)
    problems: list[RowProblem] = field(default_factory=list)
    error_rows: dict[int, list] = field(default_factory=dict)  # row number -> raw cells


def parse_roster(*, spec: RosterSpec, table: RosterTable, province: Province, progress=None) -> ParsedRoster:
    """Check every cell of every row, and IDs repeated inside the file; no query per row."""
    checker = CHECKERS[spec.kind](spec, table, province)
    parsed = ParsedRoster(kind=spec.kind, fields=checker.fields, headers=table.headers, total_rows=len(table.rows))
    good = parsed.good
    raw_by_row = parsed.error_rows
    problems = parsed.problems
    header_of = checker.header_of
    total = len(table.rows)
    chunk = 10_000
    rows = table.rows
    for start in range(0, total, chunk):
        part = rows[start : start + chunk]
        values_of, errors_of = checker.check_all([row for _, row in part])
        for offset, (number, row) in enumerate(part):
            errors = errors_of.get(offset)
            if errors:
                raw_by_row[number] = row
                for key, message in errors:
                    problems.append(RowProblem(number, header_of.get(key, spec.column(key).header), message))
            else:
                good.append((number, values_of[offset]))
        if progress:
            progress(min(start + chunk, total) / total)

    # An ID twice in one file is an error on every row that has it.
    rows_of_id: dict[str, list[int]] = {}
    for number, values in good:
        rows_of_id.setdefault(values[0], []).append(number)
    duplicated = {nid: numbers for nid, numbers in rows_of_id.items() if len(numbers) > 1}
    if duplicated:
        id_header = header_of["national_id"]
        raw_of = dict(table.rows)
        kept = []
        for number, values in good:
            numbers = duplicated.get(values[0])
            if numbers:
                others = ", ".join(str(n) for n in numbers if n != number)
                problems.append(RowProblem(number, id_header, f"เลขประจำตัวประชาชนซ้ำกับแถว {others} ในไฟล์เดียวกัน"))
                raw_by_row[number] = raw_of[number]
            else:
                kept.append((number, values))
        parsed.good = kept
    if progress:
        progress(1.0)
    return parsed


def classify(parsed: ParsedRoster, province: Province, *, table: RosterTable | None = None) -> CheckedRoster:
    """Match the parsed rows against the registry as it is now: new, update, unchanged, or another province's."""
    fields = parsed.fields
    model = MODELS[parsed.kind]
    result = CheckedRoster(kind=parsed.kind, fields=fields, total_rows=parsed.total_rows)
    result.headers = parsed.headers
    problems = list(parsed.problems)
    raw_by_row = dict(parsed.error_rows)
    compare = fields[1:]
    existing = existing_people(model, [values[0] for _, values in parsed.good], compare)
    status_index = {f: i for i, f in enumerate(fields) if f in KEEP_WHEN_BLANK}
    id_header = _header(parsed, "national_id")
    new_rows, updates = result.new, result.updates
    labels: dict = {}  # province id -> display label, one query per other province
    for number, values in parsed.good:
        known = existing.get(values[0])
        if known is None:
            if status_index:
                values = list(values)
                for name, i in status_index.items():
                    if values[i] is None:
                        values[i] = DEFAULT_WHEN_BLANK[name]
                values = tuple(values)
            new_rows.append(values)
            continue
        pk, province_id, *current = known
        if province_id != province.pk:
            if province_id not in labels:
                labels[province_id] = _province_label(province_id)
            problems.append(
                RowProblem(
                    number,
                    id_header,
                    f"เลขประจำตัวประชาชนนี้เป็นข้อมูลของ{labels[province_id]}อยู่แล้ว "
                    "การย้ายจังหวัดต้องทำที่หน้าข้อมูลรายบุคคล ไม่ย้ายผ่านการนำเข้า",
                )
            )
            raw_by_row[number] = None  # filled from the file when the failed rows are written
            continue
        values = list(values)
        for i in status_index.values():
            if values[i] is None:
                values[i] = current[i - 1]
        changed = [f for f, new, old in zip(compare, values[1:], current, strict=True) if new != old]
        if not changed:
            result.unchanged += 1
            continue
        if "status" in changed:
            step = (pk, current[status_index["status"] - 1], values[status_index["status"]])
            # The lifecycle rule of the status form (a deceased volunteer stays deceased), checked in the preview.
            error = rules.status_transition_error(step[1], step[2])
            if error:
                problems.append(RowProblem(number, _header(parsed, "status"), error))
                raw_by_row[number] = None
                continue
            result.status_changes.append(step)
        updates.append((pk, tuple(values), changed, number))
    problems.sort(key=lambda p: p.row)
    result.problems = problems
    result.error_rows = dict(sorted(raw_by_row.items()))
    if table is not None:
        result.fill_raw_rows(table)
    return result


def _header(parsed: ParsedRoster, key: str) -> str:
    """The column's header as the file writes it, for messages about the row."""
    spec = SPECS[parsed.kind]
    for header in parsed.headers:
        if spec.lookup(header) == key:
            return header
    return spec.column(key).header


def check_roster(*, spec: RosterSpec, table: RosterTable, province: Province, progress=None) -> CheckedRoster:
    """Check every row and match it against the registry (the preview, in one call)."""
    parsed = parse_roster(spec=spec, table=table, province=province, progress=progress)
    return classify(parsed, province, table=table)


def _province_label(province_id) -> str:
    province = Province.objects.filter(pk=province_id).only("code", "name_th").first()
    return province.display_name if province else "จังหวัดอื่น"
