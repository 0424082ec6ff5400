"""The mentor list's search and filters (bound to request.GET), shared by the page and any export."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import is_national
from core import thai
from core.provinces import requested_province
from provinces.models import Agency, Province


class MentorFilterForm(forms.Form):
    q = forms.CharField(
        label=_("ค้นหา"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": _("ชื่อ นามสกุล ตำแหน่ง เบอร์โทรศัพท์ หรือเลขประจำตัวประชาชน"), "type": "search"}
        ),
    )
    province = forms.ChoiceField(label=_("จังหวัด"), required=False)
    agency_kind = forms.ChoiceField(
        label=_("หน่วยงาน"), required=False, choices=[("", _("ทุกหน่วยงาน")), *Agency.Kind.choices]
    )
    active = forms.ChoiceField(
        label=_("สถานะ"),
        required=False,
        choices=[("", _("ทั้งหมด")), ("1", _("ยังปฏิบัติหน้าที่")), ("0", _("พ้นหน้าที่แล้ว"))],
    )

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.national = is_national(user)
        self.selected_province = requested_province(user, (data or {}).get("province"))
        if self.national:
            self.fields["province"].choices = [("", _("ทุกจังหวัด"))] + [
                (p.code, str(p)) for p in Province.objects.in_reading_order().only("code", "name_th", "name_en")
            ]
        else:
            del self.fields["province"]
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "form-control" if name == "q" else "form-select form-select-sm")

    def filter(self, queryset):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if self.national and self.selected_province is not None:
            queryset = queryset.filter(province=self.selected_province)
        text = thai.clean_text(data.get("q") or "")
        national_id = thai.normalize_national_id(text)
        if len(national_id) == 13 and national_id.isdigit():
            queryset = queryset.filter(national_id=national_id)
        else:
            for token in text.split():
                queryset = queryset.filter(
                    Q(first_name__icontains=token)
                    | Q(last_name__icontains=token)
                    | Q(position__icontains=token)
                    | Q(phone__contains=token.replace("-", ""))
                )
        if data.get("agency_kind"):
            queryset = queryset.filter(agency__kind=data["agency_kind"])
        if data.get("active") in ("0", "1"):
            queryset = queryset.filter(is_active=data["active"] == "1")
        return queryset.order_by("province__code", "agency__kind", "first_name_sort", "last_name_sort")
