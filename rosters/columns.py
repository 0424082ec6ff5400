"""The columns of a roster, each declared once: the template's Thai header and the variants people type, how a
cell is read and which rule it must pass, its template cell and drop-down, and its export cell.

The check (rosters.validation), the template, the failed-rows file, the exports (rosters.exports) and the admin
site's import (rosters.resources) are all built from these lists: a new column is one more `Column(...)` here.
"""

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from mentors.models import Mentor
from provinces.models import District, Subdistrict
from rosters.validation import cells, parsers, places
from volunteers import rules
from volunteers.models import Volunteer

VOLUNTEERS = "volunteers"
MENTORS = "mentors"
REPORTS = "reports"


def _show_as_is(value):
    return value


@dataclass(frozen=True)
class Column:
    """One column of a roster, declared once: what the template and the instructions show, how a cell is read and
    checked (its parser, from the app that owns the rule), which model fields it fills, and what exports write."""

    key: str
    header: str  # as written in the template
    required: bool = False
    aliases: tuple[str, ...] = ()
    hint: str = ""  # one line for the instructions sheet
    example: Any = ""
    width: int = 16
    choices: tuple[str, ...] = ()  # the template's drop-down list
    is_text: bool = False  # formatted as text in the template, so Excel keeps leading zeros and all 13 digits
    template: bool = True  # shown in the template (some columns are only recognised when present)
    # Reading: parse(column, context) returns the function a cell goes through (CellError with the Thai reason).
    # None: the column is read by another one (the district, by the subdistrict).
    parse: Callable | None = parsers.text
    sets: tuple[str, ...] | None = None  # the model fields the value fills (a tuple value fills several); default: key
    reads: tuple[str, ...] = ()  # other columns whose cells come with this one's, in a tuple
    stands_for: tuple[str, ...] = ()  # columns this one replaces when the file has it instead of them
    repeats: bool = True  # few distinct values (titles, places, dates): each is checked once
    # A blank cell keeps a known person's value in every column (validation.roster.classify); these columns also give
    # a new person new_default for a blank.
    keeps_when_blank: bool = False
    new_default: object = None
    strict_choices: bool = True  # the drop-down refuses other values (titles do not: other titles are typed)
    template_example: Callable | None = None  # province -> an example that exists there (a real place)
    is_date: bool = False  # a date: typed as text in the template (its example a date cell), a date cell in exports
    # Writing: the fields an export reads (default: the key; () for none) and show(*values) -> the cell.
    export: tuple[str, ...] | None = None
    show: Callable = _show_as_is
    masked: bool = False  # a national ID: masked in exports unless the user may see IDs in full

    @property
    def fields(self) -> tuple[str, ...]:
        if self.sets is not None:
            return self.sets
        return (self.key,) if self.parse else ()

    @property
    def export_fields(self) -> tuple[str, ...]:
        return (self.key,) if self.export is None else self.export


@dataclass(frozen=True)
class RowRule:
    """A rule across columns, run on the parsed columns of the rows when the file has any of the columns it `reads`:
    it fills `fields`, or refuses rows."""

    fields: tuple[str, ...]
    reads: tuple[str, ...]
    apply: Callable | None = None  # (columns: {field: [value per row]}, count) -> None, fills its fields in place
    refuse: Callable | None = None  # (columns, count) -> [(row index, column key, Thai message)]


@dataclass(frozen=True)
class RosterSpec:
    kind: str
    label: str
    columns: tuple[Column, ...]
    model: Any = None  # the Django model the rows become
    # Columns people add that we recognise and deliberately ignore (running numbers, our own error column).
    ignored: tuple[str, ...] = ()
    row_rules: tuple[RowRule, ...] = ()
    by_alias: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        for column in self.columns:
            for name in (column.header, column.key, *column.aliases):
                self.by_alias[normalize_header(name)] = column.key
        for name in self.ignored:
            self.by_alias[normalize_header(name)] = ""

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def template_columns(self) -> list[Column]:
        return [c for c in self.columns if c.template]

    @property
    def export_columns(self) -> list[Column]:
        return [c for c in self.columns if c.export_fields]

    def lookup(self, header) -> str | None:
        """The column key a header means, "" for a known column we ignore, None when not recognised."""
        text = normalize_header(header)
        if not text:
            return None
        if text in self.by_alias:
            return self.by_alias[text]
        # "เลขประจำตัวประชาชน (13 หลัก)": try again without the remark in brackets.
        bare = normalize_header(re.sub(r"\([^)]*\)", "", str(header)))
        return self.by_alias.get(bare)


_HEADER_JUNK = re.compile(r"[\s\u00a0\u200b*:：.]+")


def normalize_header(value) -> str:
    if value is None:
        return ""
    return _HEADER_JUNK.sub("", str(value).replace("\u0e4d\u0e32", "\u0e33")).lower()


ERROR_COLUMN = "ข้อผิดพลาด"
SOURCE_ROW_COLUMN = "แถวในไฟล์เดิม"
COMMON_IGNORED = ("ลำดับ", "ลำดับที่", "ที่", "no", "no.", "#", ERROR_COLUMN, SOURCE_ROW_COLUMN, "หมายเหตุการนำเข้า")

TITLE_CHOICES = ("นาย", "นาง", "นางสาว")
STATUS_CHOICES = ("ปฏิบัติหน้าที่", "พักการปฏิบัติหน้าที่", "ลาออก/พ้นสภาพ", "เสียชีวิต")
GENDER_CHOICES = ("ชาย", "หญิง")
VOLUNTEER_GENDERS = dict(Volunteer.Gender.choices)
VOLUNTEER_STATUSES = dict(Volunteer.Status.choices)
VOLUNTEER_TIERS = dict(Volunteer.Tier.choices)
TIER_CHOICES = tuple(str(label) for label in VOLUNTEER_TIERS.values())


def first_district(province):
    district = District.objects.filter(province=province).order_by("code").first()
    return district.name_th if district else None


def first_subdistrict(province):
    subdistrict = Subdistrict.objects.filter(province=province).order_by("code").first()
    return subdistrict.name_th if subdistrict else None


def title_shown(title, title_other):
    return title_other if title == Volunteer.Title.OTHER else cells.TITLE_WORDS.get(title, title)


def gender_shown(gender):
    return str(VOLUNTEER_GENDERS.get(gender, "")) if gender else ""


def status_shown(status, term_ends_on=None):
    """The status as the pages show it: "ครบวาระ" for someone in office whose term has ended."""
    if rules.term_ended(status, term_ends_on, timezone.localdate()):
        return cells.TERM_ENDED_CELL
    return str(VOLUNTEER_STATUSES.get(status, status))


def tier_shown(tier):
    return str(VOLUNTEER_TIERS.get(tier, tier)) if tier else ""


def active_shown(is_active):
    return "ปฏิบัติหน้าที่" if is_active else "พ้นหน้าที่"


VOLUNTEER_SPEC = RosterSpec(
    kind=VOLUNTEERS,
    label="อาสาสมัครแรงงาน",
    columns=(
        Column(
            "national_id",
            "เลขประจำตัวประชาชน",
            required=True,
            aliases=(
                "เลขบัตรประชาชน",
                "เลขบัตร",
                "เลขบัตรประจำตัวประชาชน",
                "เลขที่บัตรประชาชน",
                "เลขประจำตัวประชาชน13หลัก",
                "รหัสประจำตัวประชาชน",
                "เลขบัตรปชช",
                "national id",
                "citizen id",
                "id card",
            ),
            hint="13 หลัก พิมพ์ติดกันหรือมีขีดก็ได้ ใช้จับคู่กับข้อมูลเดิม: เลขใหม่ = เพิ่มคนใหม่, เลขที่มีอยู่แล้ว = ปรับปรุงข้อมูล",
            example=cells.EXAMPLE_ID,
            width=20,
            is_text=True,
            parse=parsers.national_id,
            repeats=False,
            masked=True,
        ),
        Column(
            "title",
            "คำนำหน้า",
            required=True,
            aliases=("คำนำหน้าชื่อ", "คำนำหน้านาม", "title", "prefix"),
            hint="นาย นาง นางสาว (หรือ น.ส.) หรือคำนำหน้าอื่น เช่น ว่าที่ร้อยตรี",
            example="นาย",
            width=11,
            choices=TITLE_CHOICES,
            strict_choices=False,
            parse=parsers.volunteer_title,
            sets=("title", "title_other"),
            export=("title", "title_other"),
            show=title_shown,
        ),
        Column(
            "first_name",
            "ชื่อ",
            required=True,
            aliases=("ชื่อจริง", "first name", "firstname", "name"),
            example="สมชาย",
        ),
        Column(
            "last_name",
            "นามสกุล",
            required=True,
            aliases=("สกุล", "last name", "lastname", "surname"),
            example="ใจดี",
        ),
        Column(
            "full_name",
            "ชื่อ-นามสกุล",
            aliases=("ชื่อ-สกุล", "ชื่อสกุล", "ชื่อนามสกุล", "ชื่อ–นามสกุล", "ชื่อ - สกุล", "full name"),
            hint="ใช้แทนคอลัมน์คำนำหน้า ชื่อ และนามสกุลได้ เช่น นายสมชาย ใจดี",
            template=False,
            parse=parsers.volunteer_full_name,
            sets=("title", "title_other", "first_name", "last_name"),
            stands_for=("title", "first_name", "last_name"),
            export=(),
        ),
        Column("first_name_en", "ชื่อ (ภาษาอังกฤษ)", aliases=("ชื่อภาษาอังกฤษ", "first name (en)"), example="Somchai"),
        Column("last_name_en", "นามสกุล (ภาษาอังกฤษ)", aliases=("นามสกุลภาษาอังกฤษ", "last name (en)"), example="Jaidee"),
        Column(
            "gender",
            "เพศ",
            aliases=("gender", "sex"),
            hint="ชาย หรือ หญิง (ว่างได้: ดูจากคำนำหน้า)",
            example="ชาย",
            width=8,
            choices=GENDER_CHOICES,
            parse=parsers.gender,
            show=gender_shown,
        ),
        Column(
            "birth_date",
            "วันเกิด",
            aliases=("วันเดือนปีเกิด", "วัน/เดือน/ปีเกิด", "วันเกิด(วว/ดด/ปปปป)", "birth date", "date of birth", "dob"),
            hint="วว/ดด/ปปปป เป็น พ.ศ. หรือ ค.ศ. ก็ได้ เช่น 15/03/2518 หรือ 15 มี.ค. 2518",
            example="15/03/2518",
            width=13,
            parse=parsers.birth_date,
            is_date=True,
        ),
        Column(
            "phone",
            "โทรศัพท์มือถือ",
            aliases=("โทรศัพท์", "เบอร์โทร", "เบอร์โทรศัพท์", "หมายเลขโทรศัพท์", "มือถือ", "phone", "mobile"),
            example="081-234-5678",
            width=14,
            is_text=True,
            parse=parsers.phone,
            repeats=False,
        ),
        Column("line_id", "LINE ID", aliases=("ไลน์", "ไอดีไลน์", "line"), example="somchai.j", width=14),
        Column("email", "อีเมล", aliases=("e-mail", "email", "อีเมล์"), width=20, parse=parsers.email),
        Column(
            "house_no",
            "บ้านเลขที่",
            aliases=("เลขที่", "house no"),
            example="12/3",
            width=10,
            is_text=True,
            parse=parsers.house_no,
        ),
        Column(
            "village_no",
            "หมู่ที่",
            aliases=("หมู่", "ม", "moo", "village no"),
            hint="ตัวเลข 1–99",
            example=4,
            width=8,
            parse=parsers.village_no,
        ),
        Column("village_name", "ชื่อหมู่บ้าน", aliases=("หมู่บ้าน", "บ้าน", "village"), example="บ้านสบตุ๋ย"),
        Column(
            "subdistrict",
            "ตำบล/แขวง",
            required=True,
            aliases=("ตำบล", "แขวง", "รหัสตำบล", "subdistrict", "tambon"),
            hint="ชื่อตำบล หรือรหัสตำบล 6 หลักของกรมการปกครอง ต้องอยู่ในจังหวัดที่นำเข้า",
            example="สบตุ๋ย",
            template_example=first_subdistrict,
            parse=places.subdistrict,
            reads=("district",),
            sets=("subdistrict_id",),
            export=("subdistrict__name_th",),
        ),
        Column(
            "district",
            "อำเภอ/เขต",
            aliases=("อำเภอ", "เขต", "รหัสอำเภอ", "district", "amphoe"),
            hint="ชื่ออำเภอหรือรหัส 4 หลัก ใส่เมื่อชื่อตำบลซ้ำกันในจังหวัด",
            example="เมืองลำปาง",
            template_example=first_district,
            parse=None,
            export=("subdistrict__district__name_th",),
        ),
        Column(
            "province",
            "จังหวัด",
            aliases=("province", "รหัสจังหวัด"),
            hint="ว่างได้ ถ้าใส่ต้องเป็นจังหวัดที่นำเข้า",
            template=False,
            parse=places.province,
            sets=(),
            export=("province__name_th",),
        ),
        Column(
            "appointed_on",
            "วันที่แต่งตั้ง",
            aliases=("วันแต่งตั้ง", "แต่งตั้งเมื่อ", "appointed on"),
            hint="วว/ดด/ปปปป (พ.ศ. หรือ ค.ศ.) คือวันเริ่มวาระ วันที่หลังวาระเดิมสิ้นสุด = แต่งตั้งอีกวาระ (วาระเดิมยังเก็บไว้)",
            example="07/01/2563",
            width=13,
            parse=parsers.date,
            is_date=True,
        ),
        Column(
            "appointment_order",
            "เลขที่คำสั่งแต่งตั้ง",
            aliases=("คำสั่งแต่งตั้ง", "เลขที่คำสั่ง"),
            example="ที่ 12/2563",
            is_text=True,
        ),
        Column(
            "term_ends_on",
            "วันสิ้นสุดวาระ",
            aliases=("สิ้นสุดวาระ", "วาระสิ้นสุด", "วันครบวาระ", "ครบวาระ", "วาระถึง", "term end", "term ends on"),
            hint=f"วว/ดด/ปปปป ของวาระที่เริ่มตามวันที่แต่งตั้งในแถวนั้น ว่าง = {rules.term_years()} ปีนับจากวันที่แต่งตั้ง "
            "(สิ้นสุดวันก่อนวันครบรอบ)",
            example="06/01/2566",
            width=13,
            parse=parsers.date,
            is_date=True,
        ),
        Column(
            "tier",
            "ระดับ",
            aliases=("ระดับ อสร.", "ประเภท อสร.", "แกนนำ/เครือข่าย", "tier"),
            hint="แกนนำระดับตำบล หรือ เครือข่าย อสร. (ว่าง = แกนนำระดับตำบล สำหรับคนใหม่ หรือคงเดิมสำหรับคนเดิม)",
            example=TIER_CHOICES[0],
            width=16,
            choices=TIER_CHOICES,
            parse=parsers.volunteer_tier,
            keeps_when_blank=True,
            new_default=Volunteer.Tier.LEAD,
            show=tier_shown,
        ),
        Column("occupation", "อาชีพ", aliases=("occupation",), example="เกษตรกร"),
        Column("education", "การศึกษา", aliases=("วุฒิการศึกษา", "ระดับการศึกษา", "education"), example="มัธยมศึกษาตอนปลาย"),
        Column("skills", "ทักษะและความสนใจ", aliases=("ทักษะ", "ความสามารถพิเศษ", "skills"), example="ช่างไฟฟ้า", width=20),
        Column(
            "status",
            "สถานะ",
            aliases=("สถานะการปฏิบัติหน้าที่", "status"),
            hint="ว่าง = ปฏิบัติหน้าที่ (คนใหม่) หรือคงเดิม (คนเดิม) สถานะอื่นของคนใหม่ต้องมีวันที่เปลี่ยนสถานะ",
            example="ปฏิบัติหน้าที่",
            width=18,
            choices=STATUS_CHOICES,
            parse=parsers.volunteer_status,
            keeps_when_blank=True,
            new_default=Volunteer.Status.ACTIVE,
            export=("status", "term_ends_on"),
            show=status_shown,
        ),
        # The day the row's status took effect, as the status form asks for it: checked and written at the match
        # against the registry (rosters.validation.roster), a step of the volunteer's lifecycle, never a plain edit.
        Column(
            "status_changed_on",
            "วันที่เปลี่ยนสถานะ",
            aliases=(
                "วันที่สถานะมีผล",
                "วันที่มีผล",
                "เปลี่ยนสถานะเมื่อ",
                "วันที่ลาออก",
                "วันที่พ้นสภาพ",
                "status changed on",
                "status date",
            ),
            hint="วว/ดด/ปปปป (พ.ศ. หรือ ค.ศ.) วันที่สถานะในแถวนั้นมีผล เช่น วันที่ลาออก ต้องกรอกเมื่อคนใหม่มีสถานะอื่นที่ไม่ใช่ปฏิบัติหน้าที่ "
            "คนเดิมที่สถานะเปลี่ยน: ว่าง = วันที่ยืนยันนำเข้า (แต่งตั้งผู้ที่ลาออกอีกวาระ: วันเริ่มวาระใหม่)",
            width=13,
            parse=parsers.date,
            is_date=True,
        ),
        Column(
            "consent_recorded_on",
            "วันที่บันทึกความยินยอม (PDPA)",
            aliases=("วันที่ให้ความยินยอม", "วันที่ยินยอม", "consent"),
            hint="วันที่ อสร. ให้ความยินยอมตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล",
            width=14,
            parse=parsers.consent_date,
            is_date=True,
        ),
        Column("notes", "หมายเหตุ", aliases=("notes", "remark"), width=20),
    ),
    model=Volunteer,
    ignored=COMMON_IGNORED,
    row_rules=(
        RowRule(fields=("gender",), reads=("gender", "title", "full_name"), apply=parsers.gender_from_title),
        RowRule(fields=("term_ends_on",), reads=("appointed_on",), apply=parsers.term_end_with_appointment),
        RowRule(fields=(), reads=("birth_date", "appointed_on"), refuse=parsers.appointed_too_young),
    ),
)

AGENCY_CHOICES = (
    "สำนักงานแรงงานจังหวัด",
    "สำนักงานจัดหางานจังหวัด",
    "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด",
    "สำนักงานประกันสังคมจังหวัด",
    "สถาบัน/สำนักงานพัฒนาฝีมือแรงงาน",
)

MENTOR_SPEC = RosterSpec(
    kind=MENTORS,
    label="พี่เลี้ยงอาสาสมัครแรงงาน",
    columns=(
        Column(
            "national_id",
            "เลขประจำตัวประชาชน",
            required=True,
            aliases=VOLUNTEER_SPEC.column("national_id").aliases,
            hint="13 หลัก ใช้จับคู่กับข้อมูลเดิม",
            example=cells.EXAMPLE_ID,
            width=20,
            is_text=True,
            parse=parsers.national_id,
            repeats=False,
            masked=True,
        ),
        Column(
            "title",
            "คำนำหน้า",
            aliases=("คำนำหน้าชื่อ", "ยศ/คำนำหน้า", "title"),
            hint="นาย นาง นางสาว หรือยศ/ตำแหน่งทางวิชาการ",
            example="นาง",
            width=11,
            choices=TITLE_CHOICES,
            strict_choices=False,
            parse=parsers.mentor_title,
        ),
        Column("first_name", "ชื่อ", required=True, aliases=("ชื่อจริง", "first name"), example="วิไลวรรณ"),
        Column("last_name", "นามสกุล", required=True, aliases=("สกุล", "last name", "surname"), example="ศรีสุข"),
        Column(
            "full_name",
            "ชื่อ-นามสกุล",
            aliases=VOLUNTEER_SPEC.column("full_name").aliases,
            template=False,
            parse=parsers.mentor_full_name,
            sets=("title", "first_name", "last_name"),
            stands_for=("title", "first_name", "last_name"),
            export=(),
        ),
        Column("position", "ตำแหน่ง", aliases=("position",), example="นักวิชาการแรงงานชำนาญการ", width=26),
        Column(
            "agency",
            "หน่วยงาน",
            required=True,
            aliases=("สังกัด", "หน่วยงานสังกัด", "agency"),
            hint="หนึ่งในหน่วยงานของกระทรวงแรงงานในจังหวัด เช่น สำนักงานแรงงานจังหวัด",
            example="สำนักงานแรงงานจังหวัด",
            width=34,
            choices=AGENCY_CHOICES,
            parse=places.agency,
            sets=("agency_id",),
            export=("agency__name_th",),
        ),
        Column(
            "phone",
            "โทรศัพท์",
            aliases=("โทรศัพท์มือถือ", "เบอร์โทร", "เบอร์โทรศัพท์", "phone"),
            example="054-265050",
            is_text=True,
            parse=parsers.phone,
            repeats=False,
        ),
        Column("email", "อีเมล", aliases=("e-mail", "email", "อีเมล์"), width=22, parse=parsers.email),
        Column(
            "is_active",
            "สถานะ",
            aliases=("status", "ยังปฏิบัติหน้าที่"),
            hint="ปฏิบัติหน้าที่ หรือ พ้นหน้าที่ (ว่าง = ปฏิบัติหน้าที่)",
            example="ปฏิบัติหน้าที่",
            width=16,
            choices=("ปฏิบัติหน้าที่", "พ้นหน้าที่"),
            parse=parsers.mentor_active,
            keeps_when_blank=True,
            new_default=True,
            show=active_shown,
        ),
        # Exports carry the province for reading; the import takes it from the agency.
        Column(
            "province",
            "จังหวัด",
            hint="ว่างได้ ระบบใช้จังหวัดของหน่วยงาน",
            template=False,
            parse=None,
            export=("province__name_th",),
        ),
    ),
    model=Mentor,
    ignored=COMMON_IGNORED,
)

SPECS = {VOLUNTEERS: VOLUNTEER_SPEC, MENTORS: MENTOR_SPEC}

# Kinds of file whose columns another app builds from its own data (the monthly report has a column per kind of work
# in the WorkKind table) and whose rows it matches and writes itself; the engine (upload, check, preview, failed
# rows, cancel, audit) is this app's. The module gives spec(job), check_table(table, job), classify(parsed, job,
# table, changed_since), write(cursor, checked, job, progress, stop_if_cancelled), history_metadata(job) and
# looks_like_this_kind(table) (its form uploaded as a roster is refused, naming the kind to choose).
PLUGGED = {REPORTS: "activity.imports"}


def plugged(kind: str):
    """The module that handles a plugged kind, None for the rosters' own kinds."""
    return importlib.import_module(PLUGGED[kind]) if kind in PLUGGED else None


def spec_for(job) -> RosterSpec:
    """The columns of the job's file: the rosters' declared ones, or those a plugged kind builds for the job."""
    module = plugged(job.kind)
    return module.spec(job) if module else SPECS[job.kind]
