"""The case form, the status step form and the list's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activity.models import WorkKind
from cases.models import Status, place_errors
from cases.services import FLAGGED_REFUSED, may_flag, not_serving_error
from core.forms import BootstrapMixin, NationalIdField, ThaiDateField
from core.widgets import FastSelect
from provinces.models import Agency, District, Province
from volunteers.forms import subdistrict_field_for
from volunteers.models import Volunteer


class VolunteerChoiceField(forms.ModelChoiceField):
    """The serving volunteers of the case's province. One not offered is refused with the reason `why_not_offered`
    gives (set by the form), or with the field's invalid_choice message when it gives none."""

    widget = FastSelect
    why_not_offered = None

    def label_from_instance(self, volunteer):
        return f"{volunteer.full_name} ({volunteer.subdistrict.name_th})"

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            reason = self.why_not_offered(value) if error.code == "invalid_choice" and self.why_not_offered else None
            if reason is None:
                raise
            raise forms.ValidationError(reason, code="invalid_choice") from error


class CaseForm(BootstrapMixin, forms.Form):
    volunteer = VolunteerChoiceField(
        label=_("อาสาสมัครผู้พบ"),
        queryset=Volunteer.objects.none(),
        error_messages={
            "required": _("กรุณาเลือกอาสาสมัครผู้พบ"),
            "invalid_choice": _("อาสาสมัครที่เลือกไม่อยู่ในจังหวัดนี้ เลือกได้เฉพาะอาสาสมัครของจังหวัด"),
        },
    )
    spotted_on = ThaiDateField(label=_("วันที่พบ"), allow_future=False, error_messages={"required": _("กรุณากรอกวันที่พบ")})
    referred_on = ThaiDateField(
        label=_("วันที่ส่งต่อ"), allow_future=False, required=False, help_text=_("เว้นว่างได้ ถ้าส่งต่อในวันที่พบ")
    )
    needs = forms.MultipleChoiceField(
        label=_("สิ่งที่ผู้รับบริการต้องการ"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("กรุณาเลือกสิ่งที่ผู้รับบริการต้องการอย่างน้อย 1 อย่าง"),
            "invalid_choice": _("“%(value)s” ไม่อยู่ในรายการสิ่งที่ผู้รับบริการต้องการ เลือกจากรายการในแบบฟอร์ม"),
        },
    )
    agency = forms.ModelChoiceField(
        label=_("หน่วยงานที่ส่งต่อ"),
        queryset=Agency.objects.none(),
        error_messages={"required": _("กรุณาเลือกหน่วยงานที่ส่งต่อ")},
    )
    person_name = forms.CharField(label=_("ชื่อผู้รับบริการ (ไม่บังคับ)"), max_length=200, required=False)
    person_contact = forms.CharField(label=_("ช่องทางติดต่อ (ไม่บังคับ)"), max_length=200, required=False)
    national_id_needed = forms.BooleanField(label=_("จำเป็นต้องใช้เลขประจำตัวประชาชนในการส่งต่อ"), required=False)
    national_id = NationalIdField(label=_("เลขประจำตัวประชาชน"), required=False)
    flagged = forms.BooleanField(label=_("สงสัยเป็นการบังคับใช้แรงงานหรือการค้ามนุษย์"), required=False)

    def __init__(self, *args, province: Province, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.province = province
        self.fields["volunteer"].why_not_offered = self._why_not_offered
        self.fields["volunteer"].queryset = (
            Volunteer.objects.visible_to(user)
            .in_province(province.pk)
            .serving()
            .select_related("subdistrict")
            .order_by("first_name_sort", "last_name_sort", "pk")
        )
        self.fields["needs"].choices = [(kind.code, kind.need_label) for kind in WorkKind.objects.case_needs()]
        self.fields["subdistrict"] = subdistrict_field_for(province)
        self.order_fields(["volunteer", "spotted_on", "referred_on", "subdistrict", "needs", "agency"])
        self.fields["agency"].queryset = Agency.objects.filter(province=province).order_by("kind")
        self.fields["agency"].error_messages["invalid_choice"] = _(
            "หน่วยงานที่เลือกไม่อยู่ใน%(province)s เลือกได้เฉพาะหน่วยงานในจังหวัดเดียวกัน"
        ) % {"province": province.shown_name}
        if not may_flag(user):
            # Not offered: a flag they set would hide the case from themselves (see clean()).
            del self.fields["flagged"]
        self.style_fields()

    def _why_not_offered(self, value) -> str | None:
        """Why a volunteer the writer may see is not on the list, in this order: of another province, or not serving
        (their status). None for one they may not see, who gets the field's own message and is not named."""
        pk = str(value).strip()
        if not pk.isdigit():
            return None
        volunteer = Volunteer.objects.visible_to(self.user).select_related("province").filter(pk=int(pk)).first()
        if volunteer is None:
            return None
        other_province = place_errors(province=self.province, agency=None, subdistrict=None, volunteer=volunteer)
        return other_province.get("volunteer") or not_serving_error(volunteer)

    def clean(self):
        cleaned = super().clean()
        if "flagged" not in self.fields and self.data.get("flagged") not in (None, "", "off", "false"):
            raise forms.ValidationError(FLAGGED_REFUSED)
        return cleaned

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["needs"] = list(data["needs"])
        data["flagged"] = bool(data.get("flagged"))
        return data


class StatusForm(BootstrapMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("สถานะใหม่"), error_messages={"required": _("กรุณาเลือกสถานะใหม่")})
    changed_on = ThaiDateField(label=_("วันที่"), allow_future=False, error_messages={"required": _("กรุณากรอกวันที่ของขั้นนี้")})
    reason = forms.CharField(
        label=_("เหตุผลที่ส่งต่อไม่ได้"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
        help_text=_("ต้องระบุเมื่อเลือก “ส่งต่อไม่ได้”"),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # Every status is offered to the choice field, so that a step backwards gets the rule's own Thai message.
        self.fields["to_status"].choices = [("", "")] + [
            (value, label) for value, label in Status.choices if value in case.next_statuses()
        ]
        self.fields["to_status"].valid_value = lambda value: value in Status.values
        self.style_fields()


class CaseFilterForm(BootstrapMixin, forms.Form):
    OPEN = "open"
    status = forms.ChoiceField(
        label=_("สถานะ"),
        required=False,
        choices=[("", _("ทุกสถานะ")), (OPEN, _("ยังไม่ปิดเรื่อง"))] + list(Status.choices),
    )
    overdue = forms.BooleanField(label=_("เฉพาะเรื่องเกินกำหนด"), required=False)
    agency_kind = forms.ChoiceField(
        label=_("หน่วยงานที่ส่งต่อ"), required=False, choices=[("", _("ทุกหน่วยงาน"))] + list(Agency.Kind.choices)
    )
    district = forms.ModelChoiceField(label=_("อำเภอ/เขต"), queryset=District.objects.none(), required=False)
    flagged = forms.BooleanField(label=_("เฉพาะเรื่องที่สงสัยเป็นการค้ามนุษย์"), required=False)

    def __init__(self, *args, province: Province | None, show_flagged: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if province is None:
            del self.fields["district"]
        else:
            self.fields["district"].queryset = District.objects.filter(province=province).order_by("name_sort")
            self.fields["district"].empty_label = _("ทุกอำเภอ/เขต")
        if not show_flagged:
            del self.fields["flagged"]
        self.style_fields()

    def filter(self, cases, today):
        if not self.is_valid():
            return cases
        data = self.cleaned_data
        if data.get("status") == self.OPEN:
            cases = cases.open()
        elif data.get("status"):
            cases = cases.filter(status=data["status"])
        if data.get("overdue"):
            cases = cases.overdue(today)
        if data.get("agency_kind"):
            cases = cases.filter(agency__kind=data["agency_kind"])
        if data.get("district"):
            cases = cases.filter(subdistrict__district=data["district"])
        if data.get("flagged"):
            cases = cases.filter(flagged=True)
        return cases
