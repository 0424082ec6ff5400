from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.editing import refuse_control_characters, use_version_field
from core.forms import BootstrapMixin, NationalIdField
from core.phone import normalize_thai_phone
from mentors.models import Mentor
from mentors.services import EDITABLE_FIELDS
from provinces.models import Agency, Province


class MentorForm(BootstrapMixin, forms.ModelForm):
    national_id = NationalIdField(label=_("เลขประจำตัวประชาชน"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = Mentor
        fields = EDITABLE_FIELDS
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "placeholder": "0xx-xxx-xxxx"})}

    def __init__(self, *args, province: Province, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province
        self.fields["agency"].queryset = Agency.objects.filter(province=province)
        self.fields["agency"].error_messages["invalid_choice"] = gettext(
            "หน่วยงานที่เลือกไม่ได้อยู่ใน%(province)s เลือกได้เฉพาะหน่วยงานในจังหวัดนี้"
        ) % {"province": province.shown_name}
        self.fields["agency"].error_messages["required"] = _("กรุณาเลือกหน่วยงาน")
        # Only staff accounts of the same province can be linked to a mentor of the province.
        self.fields["user"].queryset = get_user_model().objects.filter(staff_profile__province=province)
        self.fields["user"].required = False
        self.fields["first_name"].error_messages["required"] = _("กรุณากรอกชื่อ")
        self.fields["last_name"].error_messages["required"] = _("กรุณากรอกนามสกุล")
        self.fields["title"].widget.attrs["placeholder"] = _("เช่น นาย นาง นางสาว")
        if self.instance.pk and self.instance.is_active:
            # Said before the box is unticked: ending the mentor leaves their volunteers without one
            # (MentorQuerySet.release_volunteers).
            in_care = self.instance.volunteers.active().count()
            if in_care:
                self.fields["is_active"].help_text = ngettext(
                    "อาสาสมัครที่ปฏิบัติหน้าที่ %(count)s คนอยู่ในความดูแลของพี่เลี้ยงรายนี้ "
                    "เมื่อพ้นหน้าที่ อาสาสมัครเหล่านี้จะไม่มีพี่เลี้ยง และต้องมอบหมายพี่เลี้ยงคนใหม่ให้",
                    "อาสาสมัครที่ปฏิบัติหน้าที่ %(count)s คนอยู่ในความดูแลของพี่เลี้ยงรายนี้ "
                    "เมื่อพ้นหน้าที่ อาสาสมัครเหล่านี้จะไม่มีพี่เลี้ยง และต้องมอบหมายพี่เลี้ยงคนใหม่ให้",
                    in_care,
                ) % {"count": f"{in_care:,}"}
        use_version_field(self)
        self.style_fields()
        refuse_control_characters(self)

    def clean_phone(self):
        return normalize_thai_phone(self.cleaned_data.get("phone"))

    def clean_national_id(self):
        national_id = self.cleaned_data.get("national_id") or None
        if (
            national_id
            and Mentor.objects.across_provinces("one mentor per national ID in the country")
            .filter(national_id=national_id)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(gettext("เลขประจำตัวประชาชนนี้ลงทะเบียนเป็นพี่เลี้ยงแล้ว"), code="taken")
        return national_id

    def validate_unique(self):
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}
