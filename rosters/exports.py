"""What an export holds: the people the user may see (and has filtered), in the template's columns.

The columns are the import template's, so an exported file can be corrected and imported again.
National IDs are masked unless the user may see them in full.
"""

from dataclasses import dataclass, field

from accounts import scope
from core import search, thai
from mentors.models import Mentor
from provinces.models import Province
from rosters.access import may_see_full_ids
from rosters.columns import MENTORS, VOLUNTEERS
from rosters.validation import TITLE_WORDS
from rosters.writers import csv_stream, display_value, write_xlsx, xlsx_value
from volunteers.filters import VolunteerFilterForm
from volunteers.models import Volunteer


@dataclass
class ExportTable:
    kind: str
    headers: list[str]
    queryset: object
    row: object  # values tuple -> list of cells
    fields: list[str]
    province: Province | None
    masked: bool
    filters: dict = field(default_factory=dict)
    text_columns: set[int] = field(default_factory=set)
    count: int = 0

    def rows(self, cell=display_value):
        for values in self.queryset.values_list(*self.fields).iterator(chunk_size=2000):
            yield [cell(v) for v in self.row(values)]

    def xlsx(self) -> bytes:
        # Dates stay dates here (shown in พ.ศ. by the cell format), so Excel and LibreOffice sort and filter them.
        return write_xlsx(self.headers, self.rows(xlsx_value), text_columns=self.text_columns)

    def csv(self):
        return csv_stream(self.headers, self.rows())


def _province_of(request, queryset_province_code: str | None):
    profile = scope.staff_profile(request.user)
    if profile and profile.province_id:
        return profile.province
    if queryset_province_code:
        return Province.objects.filter(code=queryset_province_code).first()
    return None


def _filters(request) -> dict:
    params = search.search_params(request)
    return {key: value for key, value in params.items() if value and key not in {"page", "format", "per_page"}}


VOLUNTEER_FIELDS = [
    "national_id",
    "title",
    "title_other",
    "first_name",
    "last_name",
    "first_name_en",
    "last_name_en",
    "gender",
    "birth_date",
    "phone",
    "line_id",
    "email",
    "house_no",
    "village_no",
    "village_name",
    "subdistrict__name_th",
    "subdistrict__district__name_th",
    "province__name_th",
    "appointed_on",
    "appointment_order",
    "occupation",
    "education",
    "skills",
    "status",
    "consent_recorded_on",
    "notes",
]
VOLUNTEER_HEADERS = [
    "เลขประจำตัวประชาชน",
    "คำนำหน้า",
    "ชื่อ",
    "นามสกุล",
    "ชื่อ (ภาษาอังกฤษ)",
    "นามสกุล (ภาษาอังกฤษ)",
    "เพศ",
    "วันเกิด",
    "โทรศัพท์มือถือ",
    "LINE ID",
    "อีเมล",
    "บ้านเลขที่",
    "หมู่ที่",
    "ชื่อหมู่บ้าน",
    "ตำบล/แขวง",
    "อำเภอ/เขต",
    "จังหวัด",
    "วันที่แต่งตั้ง",
    "เลขที่คำสั่งแต่งตั้ง",
    "อาชีพ",
    "การศึกษา",
    "ทักษะและความสนใจ",
    "สถานะ",
    "วันที่บันทึกความยินยอม (PDPA)",
    "หมายเหตุ",
]


def volunteer_export(request) -> ExportTable:
    """The volunteer list exactly as the registry page shows it for these filters, in the same order."""
    form = VolunteerFilterForm(search.search_params(request), user=request.user)
    queryset = form.filter(Volunteer.objects.visible_to(request.user))
    masked = not may_see_full_ids(request.user)
    genders = dict(Volunteer.Gender.choices)
    statuses = dict(Volunteer.Status.choices)
    mask = thai.mask_national_id

    def row(v):
        title = v[2] if v[1] == "other" else TITLE_WORDS.get(v[1], v[1])
        return [
            mask(v[0]) if masked else v[0],
            title,
            v[3],
            v[4],
            v[5],
            v[6],
            str(genders.get(v[7], "")) if v[7] else "",
            *v[8:23],
            str(statuses.get(v[23], v[23])),
            v[24],
            v[25],
        ]

    return ExportTable(
        kind=VOLUNTEERS,
        headers=VOLUNTEER_HEADERS,
        queryset=queryset,
        row=row,
        fields=VOLUNTEER_FIELDS,
        province=form.selected_province,
        masked=masked,
        filters=_filters(request),
        text_columns={0, 8, 11, 18},
        count=queryset.count(),
    )


MENTOR_FIELDS = ["national_id", "title", "first_name", "last_name", "position", "agency__name_th", "phone", "email"]
MENTOR_HEADERS = [
    "เลขประจำตัวประชาชน",
    "คำนำหน้า",
    "ชื่อ",
    "นามสกุล",
    "ตำแหน่ง",
    "หน่วยงาน",
    "โทรศัพท์",
    "อีเมล",
    "สถานะ",
    "จังหวัด",
]


def mentor_export(request) -> ExportTable:
    queryset = Mentor.objects.visible_to(request.user).select_related(None)
    code = request.GET.get("province")
    if code and scope.is_national(request.user):
        queryset = queryset.filter(province__code=code)
    if request.GET.get("active") in {"1", "0"}:
        queryset = queryset.filter(is_active=request.GET["active"] == "1")
    queryset = queryset.order_by("province__code", "first_name_sort", "last_name_sort", "pk")
    masked = not may_see_full_ids(request.user)

    def row(v):
        national_id = v[0] or ""
        return [
            thai.mask_national_id(national_id) if masked and national_id else national_id,
            *v[1:8],
            "ปฏิบัติหน้าที่" if v[8] else "พ้นหน้าที่",
            v[9],
        ]

    return ExportTable(
        kind=MENTORS,
        headers=MENTOR_HEADERS,
        queryset=queryset,
        row=row,
        fields=[*MENTOR_FIELDS, "is_active", "province__name_th"],
        province=_province_of(request, code),
        masked=masked,
        filters=_filters(request),
        text_columns={0, 6},
        count=queryset.count(),
    )
