"""django-import-export resources: the admin site's import/export for administrators, row by row.

The staff pages use the faster path in rosters.services; these reuse its cell rules so both accept the same files.
"""

import pghistory
from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from core import audit
from mentors.models import Mentor
from provinces.models import Agency, Subdistrict
from rosters import validation
from rosters.validation import CellError, cell_text
from volunteers import rules
from volunteers.models import Volunteer


def _cell(function):
    """Turns a CellError into the ValueError django-import-export reports on the row."""

    def clean(self, value, row=None, **kwargs):
        try:
            return function(self, value, row=row, **kwargs)
        except CellError as exc:
            raise ValueError(str(exc))

    return clean


class NationalIdWidget(widgets.CharWidget):
    @_cell
    def clean(self, value, row=None, **kwargs):
        return validation.national_id_from_cell(value)


class ThaiDateWidget(widgets.Widget):
    def __init__(self, *, allow_future=True):
        super().__init__()
        self.allow_future = allow_future

    @_cell
    def clean(self, value, row=None, **kwargs):
        return validation.date_from_cell(value, allow_future=self.allow_future)

    def render(self, value, obj=None, **kwargs):
        from core.thai import format_date_numeric_be

        return format_date_numeric_be(value) if value else ""


class BirthDateWidget(ThaiDateWidget):
    """A birth date by the volunteers' own rule (not in the future, at most 120 years ago), as the staff import."""

    def clean(self, value, row=None, **kwargs):
        date = super().clean(value, row=row, **kwargs)
        error = rules.birth_date_error(date)
        if error:
            raise ValueError(error)
        return date


class TitleWidget(widgets.Widget):
    @_cell
    def clean(self, value, row=None, **kwargs):
        title, _other = validation.title_from_text(cell_text(value))
        return title

    def render(self, value, obj=None, **kwargs):
        if obj is not None and value == Volunteer.Title.OTHER:
            return obj.title_other
        return validation.TITLE_WORDS.get(value, value or "")


class ChoiceLabelWidget(widgets.Widget):
    def __init__(self, keys: dict, labels: dict, default=""):
        super().__init__()
        self.keys, self.labels, self.default = keys, labels, default

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return self.default
        key = self.keys.get(text.replace(" ", "").lower())
        if key is None:
            raise ValueError(f"“{text}” ไม่อยู่ในรายการที่เลือกได้")
        return key

    def render(self, value, obj=None, **kwargs):
        return str(self.labels.get(value, value or ""))


class PhoneWidget(widgets.CharWidget):
    @_cell
    def clean(self, value, row=None, **kwargs):
        return validation.phone_from_cell(value)


class SubdistrictWidget(widgets.ForeignKeyWidget):
    """A subdistrict by DOPA code, or by Thai name with the district beside it: one query per row."""

    def __init__(self):
        super().__init__(Subdistrict, field="code")

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            raise ValueError("กรุณากรอกตำบล/แขวง")
        if text.isdigit():
            found = Subdistrict.objects.filter(code=text).first()
        else:
            district = cell_text((row or {}).get("อำเภอ/เขต"))
            candidates = Subdistrict.objects.filter(name_th=validation.place_key(text))
            if district:
                candidates = candidates.filter(district__name_th=validation.place_key(district))
            found = candidates.first() if candidates.count() == 1 else None
        if found is None:
            raise ValueError(f"ไม่พบตำบล “{text}” (หรือชื่อซ้ำกันหลายแห่ง ใช้รหัสตำบล 6 หลัก)")
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name_th if value else ""


class RosterResourceMixin:
    audit_kind = ""

    def import_data(self, dataset, dry_run=False, raise_errors=False, *args, **kwargs):
        # The admin's import is tagged in every history row, like the staff pages' imports.
        with pghistory.context(source="admin_import", import_file=kwargs.get("file_name") or ""):
            result = super().import_data(dataset, dry_run, raise_errors, *args, **kwargs)
        user = kwargs.get("user")
        if not dry_run and not result.has_errors() and user is not None:
            totals = result.totals
            audit.record(
                "import",
                user=user,
                rows=totals.get("new", 0) + totals.get("update", 0),
                file=kwargs.get("file_name") or "",
                kind=self.audit_kind,
                source="admin",
            )
        return result


class VolunteerResource(RosterResourceMixin, resources.ModelResource):
    """Volunteers in the template's columns; matched by national ID."""

    audit_kind = "volunteers"
    national_id = fields.Field("national_id", "เลขประจำตัวประชาชน", widget=NationalIdWidget())
    title = fields.Field("title", "คำนำหน้า", widget=TitleWidget())
    first_name = fields.Field("first_name", "ชื่อ", widget=widgets.CharWidget())
    last_name = fields.Field("last_name", "นามสกุล", widget=widgets.CharWidget())
    gender = fields.Field(
        "gender",
        "เพศ",
        widget=ChoiceLabelWidget(validation.GENDER_KEYS, dict(Volunteer.Gender.choices)),
    )
    birth_date = fields.Field("birth_date", "วันเกิด", widget=BirthDateWidget())
    phone = fields.Field("phone", "โทรศัพท์มือถือ", widget=PhoneWidget())
    house_no = fields.Field("house_no", "บ้านเลขที่", widget=widgets.CharWidget())
    village_no = fields.Field("village_no", "หมู่ที่", widget=widgets.IntegerWidget())
    subdistrict = fields.Field("subdistrict", "ตำบล/แขวง", widget=SubdistrictWidget())
    appointed_on = fields.Field("appointed_on", "วันที่แต่งตั้ง", widget=ThaiDateWidget())
    appointment_order = fields.Field("appointment_order", "เลขที่คำสั่งแต่งตั้ง", widget=widgets.CharWidget())
    occupation = fields.Field("occupation", "อาชีพ", widget=widgets.CharWidget())
    education = fields.Field("education", "การศึกษา", widget=widgets.CharWidget())
    status = fields.Field(
        "status",
        "สถานะ",
        widget=ChoiceLabelWidget(validation.STATUS_KEYS, dict(Volunteer.Status.choices), Volunteer.Status.ACTIVE),
    )

    class Meta:
        model = Volunteer
        import_id_fields = ("national_id",)
        fields = (
            "national_id",
            "title",
            "first_name",
            "last_name",
            "gender",
            "birth_date",
            "phone",
            "house_no",
            "village_no",
            "subdistrict",
            "appointed_on",
            "appointment_order",
            "occupation",
            "education",
            "status",
        )
        skip_unchanged = True
        report_skipped = True

    def before_save_instance(self, instance, row, **kwargs):
        # Volunteer.save() sets the province from the subdistrict.
        if instance.title == Volunteer.Title.OTHER and not instance.title_other:
            instance.title_other = cell_text(row.get("คำนำหน้า"))[:40]
        if not instance.gender:
            instance.gender = validation.GENDER_FROM_TITLE.get(instance.title, "")

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # Never move a volunteer to another province through a file: that is a deliberate, audited act.
        if instance.pk:
            stored = Volunteer.objects.filter(pk=instance.pk).values_list("province_id", "status").first()
            stored_province, stored_status = stored or (None, None)
            if instance.subdistrict_id and stored_province != instance.subdistrict.province_id:
                raise ValidationError("เลขประจำตัวประชาชนนี้เป็นอาสาสมัครของจังหวัดอื่น การย้ายจังหวัดไม่ทำผ่านการนำเข้า")
            # The same lifecycle rule as the status form and the staff import: a deceased volunteer stays deceased.
            error = rules.status_transition_error(stored_status, instance.status)
            if error:
                raise ValidationError(error)


class AgencyWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Agency, field="name_th")

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        found = Agency.objects.filter(name_th=text).first()
        if found is None:
            raise ValueError(f"ไม่พบหน่วยงาน “{text}” (ใช้ชื่อเต็ม เช่น สำนักงานแรงงานจังหวัดลำปาง)")
        return found


class MentorResource(RosterResourceMixin, resources.ModelResource):
    audit_kind = "mentors"
    national_id = fields.Field("national_id", "เลขประจำตัวประชาชน", widget=NationalIdWidget())
    title = fields.Field("title", "คำนำหน้า", widget=widgets.CharWidget())
    first_name = fields.Field("first_name", "ชื่อ", widget=widgets.CharWidget())
    last_name = fields.Field("last_name", "นามสกุล", widget=widgets.CharWidget())
    position = fields.Field("position", "ตำแหน่ง", widget=widgets.CharWidget())
    agency = fields.Field("agency", "หน่วยงาน", widget=AgencyWidget())
    phone = fields.Field("phone", "โทรศัพท์", widget=PhoneWidget())
    email = fields.Field("email", "อีเมล", widget=widgets.CharWidget())
    is_active = fields.Field("is_active", "ยังปฏิบัติหน้าที่", widget=widgets.BooleanWidget())

    class Meta:
        model = Mentor
        import_id_fields = ("national_id",)
        fields = (
            "national_id",
            "title",
            "first_name",
            "last_name",
            "position",
            "agency",
            "phone",
            "email",
            "is_active",
        )
        skip_unchanged = True
        report_skipped = True
