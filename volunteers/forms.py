"""Forms of the volunteer registry. Choices of places and mentors are always limited to one province."""

import contextlib

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import thai
from core.editing import refuse_control_characters, use_version_field
from core.forms import BootstrapMixin, NationalIdField, ThaiDateField
from core.phone import normalize_thai_phone
from core.templatetags.thai import be_date
from core.widgets import FastSelect
from mentors.models import Mentor
from provinces.models import District, Province, Subdistrict
from volunteers import rules, validation
from volunteers.models import STATUS_LABELS, Volunteer
from volunteers.rules import VILLAGE_NO_MAX, VILLAGE_NO_MIN, village_no_message
from volunteers.services import EDITABLE_FIELDS, stale_edit_message


class SubdistrictSelect(forms.Select):
    """Each option carries its district, so the page can narrow the list when a district is chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.district_of: dict[str, int] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        district = self.district_of.get(str(getattr(value, "value", value)))
        if district:
            option["attrs"]["data-district"] = district
        return option


class MentorChoiceField(forms.ModelChoiceField):
    widget = FastSelect

    def label_from_instance(self, mentor):
        return f"{mentor.full_name} ({mentor.agency.name_th})"


class ProvinceMentorField(MentorChoiceField):
    """The serving mentors of one province to choose from. A mentor of the province who has ended is refused for that
    reason (rules.mentor_ended_error), not as one of another province (the field's invalid_choice)."""

    def __init__(self, *args, ended, **kwargs):
        super().__init__(*args, **kwargs)
        self.ended = ended

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as refused:
            if refused.code != "invalid_choice":
                raise
            if isinstance(value, Mentor):
                value = value.pk
            try:
                mentor = self.ended.filter(pk=value).first()
            except (ValueError, TypeError, forms.ValidationError):
                mentor = None
            if mentor is None:
                raise
            raise forms.ValidationError(rules.mentor_ended_error(mentor), code="ended") from None


def subdistrict_field_for(province: Province, *, required=True) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("ตำบล/แขวง"),
        queryset=Subdistrict.objects.filter(province=province)
        .select_related("district")
        .order_by("district__name_sort", "name_sort"),
        required=required,
        widget=SubdistrictSelect,
        error_messages={
            "invalid_choice": gettext("ตำบล/แขวงที่เลือกไม่อยู่ใน%(province)s เลือกได้เฉพาะตำบล/แขวงในจังหวัดนี้")
            % {"province": province.shown_name},
            "required": _("กรุณาเลือกตำบล/แขวง"),
        },
    )
    field.widget.district_of = {str(s.pk): s.district_id for s in field.queryset}
    field.label_from_instance = lambda s: f"{s.name_th} ({s.district.name_th})"
    return field


class VolunteerForm(BootstrapMixin, forms.ModelForm):
    national_id = NationalIdField(label=_("เลขประจำตัวประชาชน"))
    # Future and too-old birth dates are refused by the model's rule (volunteers.rules), as in the import.
    birth_date = ThaiDateField(label=_("วันเกิด"), required=False)
    appointed_on = ThaiDateField(label=_("วันที่แต่งตั้ง"), required=False, allow_future=False)
    consent_recorded_on = ThaiDateField(label=_("วันที่บันทึกความยินยอม (PDPA)"), required=False, allow_future=False)
    district = forms.ModelChoiceField(label=_("อำเภอ/เขต"), queryset=District.objects.none(), required=False)
    # Registration only: the first term's last day when the order says so; blank gives the usual term.
    term_ends_on = ThaiDateField(
        label=_("วันสิ้นสุดวาระ"),
        required=False,
        help_text=_("เว้นว่างไว้ได้ วาระจะสิ้นสุดตามปกติ (%(years)s ปีนับจากวันที่แต่งตั้ง)"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = Volunteer
        fields = EDITABLE_FIELDS
        widgets = {
            "skills": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "placeholder": "08x-xxx-xxxx"}),
        }

    def __init__(self, *args, province: Province, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province
        self.fields["district"].queryset = District.objects.filter(province=province).order_by("name_sort")
        self.fields["district"].empty_label = _("— ทุกเขต —") if province.is_bangkok else _("— ทุกอำเภอ —")
        self.fields["subdistrict"] = subdistrict_field_for(province)
        if self.instance.pk and self.instance.subdistrict_id:
            self.fields["district"].initial = self.instance.subdistrict.district_id
        of_province = Mentor.objects.across_provinces("the view checked the user may write in this province").filter(
            province=province
        )
        self.fields["mentor"] = ProvinceMentorField(
            label=_("พี่เลี้ยง"),
            queryset=of_province.filter(is_active=True).select_related("agency"),
            ended=of_province.filter(is_active=False),
            required=False,
            empty_label=_("— ยังไม่มีพี่เลี้ยง —"),
            error_messages={"invalid_choice": _("พี่เลี้ยงที่เลือกไม่ได้สังกัดหน่วยงานในจังหวัดนี้")},
        )
        use_version_field(self)
        if self.instance.pk:
            # Later terms are re-appointments (their own page); the first term's end follows the appointment date.
            del self.fields["term_ends_on"]
        else:
            self.fields["term_ends_on"].help_text = self.fields["term_ends_on"].help_text % {
                "years": rules.term_years()
            }
        self.fields["tier"].required = False
        village_no = self.fields["village_no"]
        # The import's and the API's range (rules.VILLAGE_NO_MIN/MAX), which Volunteer.clean checks on every door.
        village_no.widget.attrs.update({"min": VILLAGE_NO_MIN, "max": VILLAGE_NO_MAX})
        for code in ("invalid", "min_value", "max_value"):
            village_no.error_messages[code] = village_no_message()
        self.fields["first_name"].error_messages["required"] = _("กรุณากรอกชื่อ")
        self.fields["last_name"].error_messages["required"] = _("กรุณากรอกนามสกุล")
        self.fields["title"].error_messages["required"] = _("กรุณาเลือกคำนำหน้า")
        self.style_fields()
        refuse_control_characters(self)

    @property
    def has_field_errors(self) -> bool:
        """A field shows an error in red; the stale-version and form-wide errors are shown on their own."""
        return any(name not in ("version", NON_FIELD_ERRORS) for name in self.errors)

    def clean_national_id(self):
        national_id = self.cleaned_data["national_id"]
        conflict = validation.national_id_conflict(national_id, exclude_pk=self.instance.pk)
        if conflict:
            raise forms.ValidationError(conflict, code="taken")
        return national_id

    def clean_phone(self):
        return normalize_thai_phone(self.cleaned_data.get("phone"))

    def clean_tier(self):
        # A form posted without the tier (an older page, a script) keeps the volunteer's tier.
        return self.cleaned_data.get("tier") or self.instance.tier or Volunteer.Tier.LEAD

    def clean(self):
        cleaned = super().clean()
        version = cleaned.get("version")
        if self.instance.pk and version is not None and version != self.instance.version:
            # Said first and whatever else is wrong: a field may be wrong only because the record changed (a move to
            # another province leaves the form's subdistrict outside the list).
            self.add_error("version", forms.ValidationError(stale_edit_message(self.instance), code="stale"))
        if cleaned.get("term_ends_on"):
            if not cleaned.get("appointed_on"):
                self.add_error("term_ends_on", gettext("วาระเริ่มจากวันที่แต่งตั้ง กรุณาระบุวันที่แต่งตั้งก่อนกำหนดวันสิ้นสุดวาระ"))
            elif error := rules.term_error(cleaned["appointed_on"], cleaned["term_ends_on"]):
                self.add_error("term_ends_on", error)
        district, subdistrict = cleaned.get("district"), cleaned.get("subdistrict")
        if district and subdistrict and subdistrict.district_id != district.pk:
            self.add_error(
                "subdistrict",
                gettext("%(subdistrict)s ไม่ได้อยู่ใน%(district)s")
                % {"subdistrict": subdistrict.shown_name, "district": district.shown_name},
            )
        return cleaned

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}


class ReappointForm(BootstrapMixin, forms.Form):
    """One appointment order for a new term of one or many volunteers (volunteers.services.reappoint)."""

    order_no = forms.CharField(
        label=_("เลขที่คำสั่งแต่งตั้ง"),
        max_length=100,
        error_messages={"required": _("กรุณาระบุเลขที่คำสั่งแต่งตั้ง")},
    )
    starts_on = ThaiDateField(label=_("วันเริ่มวาระ"), error_messages={"required": _("กรุณาระบุวันเริ่มวาระ")})
    ends_on = ThaiDateField(label=_("วันสิ้นสุดวาระ"), required=False)

    def __init__(self, *args, default_start, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("starts_on", thai.format_date_numeric_be(default_start))
        super().__init__(*args, **kwargs)
        start = default_start
        if self.is_bound:
            # The help text follows the start typed in; a start that does not parse keeps the default's end.
            with contextlib.suppress(forms.ValidationError):
                start = self.fields["starts_on"].clean(self.data.get("starts_on")) or default_start
        usual_end = rules.default_term_end(start)
        self.fields["ends_on"].help_text = _("เว้นว่างไว้ได้ วาระจะสิ้นสุดตามปกติ %(years)s ปี: %(end)s เมื่อเริ่ม %(start)s") % {
            "years": rules.term_years(),
            "end": be_date(usual_end),
            "start": be_date(start),
        }
        self.fields["ends_on"].widget.attrs["placeholder"] = thai.format_date_numeric_be(usual_end)
        self.style_fields()
        refuse_control_characters(self)

    def clean_order_no(self):
        order_no = self.cleaned_data["order_no"].strip()
        if not order_no:
            raise forms.ValidationError(gettext("กรุณาระบุเลขที่คำสั่งแต่งตั้ง"), code="required")
        return order_no

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and (error := rules.term_error(cleaned["starts_on"], cleaned.get("ends_on"))):
            self.add_error("starts_on" if rules.term_start_error(cleaned["starts_on"]) else "ends_on", error)
        return cleaned


class StatusChangeForm(BootstrapMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("สถานะใหม่"))
    changed_on = ThaiDateField(label=_("วันที่มีผล"), allow_future=False)
    reason = forms.CharField(
        label=_("เหตุผล"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("กรุณาระบุเหตุผลของการเปลี่ยนสถานะ")},
    )

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s, STATUS_LABELS[s]) for s in volunteer.allowed_next_statuses()]
        self.fields["to_status"].error_messages["invalid_choice"] = gettext(
            "เปลี่ยนจากสถานะ “%(status)s” เป็นสถานะที่เลือกไม่ได้"
        ) % {"status": volunteer.get_status_display()}
        self.style_fields()
        refuse_control_characters(self)


class AssignMentorForm(BootstrapMixin, forms.Form):
    volunteers = forms.ModelMultipleChoiceField(
        queryset=Volunteer.objects.none(),
        error_messages={
            "required": _("กรุณาเลือกอาสาสมัครอย่างน้อยหนึ่งคน"),
            "invalid_choice": _("มีอาสาสมัครที่ท่านไม่มีสิทธิ์แก้ไขอยู่ในรายการที่เลือก"),
            "invalid_pk_value": _("รายการอาสาสมัครที่เลือกไม่ถูกต้อง"),
        },
    )
    mentor = MentorChoiceField(
        label=_("พี่เลี้ยง"),
        queryset=Mentor.objects.none(),
        empty_label=_("— เลือกพี่เลี้ยง —"),
        error_messages={
            "required": _("กรุณาเลือกพี่เลี้ยง"),
            "invalid_choice": _("พี่เลี้ยงที่เลือกไม่ได้อยู่ในจังหวัดที่ท่านดูแล หรือไม่ได้ปฏิบัติหน้าที่แล้ว"),
        },
    )

    def __init__(self, *args, user, province: Province | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteers"].queryset = Volunteer.objects.editable_by(user)
        mentors = Mentor.objects.editable_by(user).filter(is_active=True).select_related("agency")
        if province is not None:
            mentors = mentors.filter(province=province)
        self.fields["mentor"].queryset = mentors
        self.style_fields()
        refuse_control_characters(self)

    def clean(self):
        cleaned = super().clean()
        volunteers, mentor = cleaned.get("volunteers"), cleaned.get("mentor")
        if volunteers and mentor and any(v.province_id != mentor.province_id for v in volunteers):
            self.add_error("mentor", gettext("พี่เลี้ยงต้องสังกัดหน่วยงานในจังหวัดเดียวกับอาสาสมัครที่เลือกทุกคน"))
        return cleaned


class MoveProvinceForm(BootstrapMixin, forms.Form):
    province = forms.ModelChoiceField(label=_("จังหวัดปลายทาง"), queryset=Province.objects.all(), to_field_name="code")
    subdistrict = forms.ModelChoiceField(
        label=_("ตำบล/แขวง"),
        queryset=Subdistrict.objects.select_related("province"),
        error_messages={"invalid_choice": _("ตำบล/แขวงที่เลือกไม่ถูกต้อง"), "required": _("กรุณาเลือกตำบล/แขวง")},
    )
    reason = forms.CharField(
        label=_("เหตุผล"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.in_reading_order()
        # Filled from the chosen province by the page; the full list would be 7,436 options.
        self.fields["subdistrict"].widget.choices = []
        self.style_fields()
        refuse_control_characters(self)

    def clean(self):
        cleaned = super().clean()
        province, subdistrict = cleaned.get("province"), cleaned.get("subdistrict")
        if province and subdistrict and subdistrict.province_id != province.pk:
            self.add_error(
                "subdistrict",
                gettext("%(subdistrict)s ไม่ได้อยู่ใน%(province)s")
                % {"subdistrict": subdistrict.shown_name, "province": province.shown_name},
            )
        return cleaned
