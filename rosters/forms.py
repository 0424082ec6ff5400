from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import scope
from core.provinces import requested_province
from provinces.models import Province
from rosters import readers
from rosters.models import Kind


class RosterUploadForm(forms.Form):
    """A roster file and what it holds; administrators also say which province it is for."""

    kind = forms.ChoiceField(label=_("ข้อมูลในไฟล์"), choices=Kind.choices, initial=Kind.VOLUNTEERS)
    province = forms.ModelChoiceField(
        label=_("จังหวัด"),
        queryset=Province.objects.order_by("name_sort"),
        required=False,
        empty_label=_("— เลือกจังหวัด —"),
    )
    file = forms.FileField(
        label=_("ไฟล์รายชื่อ (.xlsx .xls .ods หรือ .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv", "class": "form-control"}),
        error_messages={
            "required": _("กรุณาเลือกไฟล์รายชื่อ"),
            "empty": _("ไฟล์ว่างเปล่า (0 ไบต์) กรุณาเลือกไฟล์ที่มีข้อมูล"),
            "invalid": _("ไม่ได้รับไฟล์ กรุณาเลือกไฟล์ใหม่"),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["kind"].widget.attrs["class"] = "form-select"
        self.fields["province"].widget.attrs["class"] = "form-select"
        if scope.is_admin(user):
            self.fields["province"].required = True
        else:
            del self.fields["province"]

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            self.file_format = readers.check_file(uploaded)
        except readers.RosterFileError as exc:
            raise ValidationError(str(exc), code="invalid_roster")
        return uploaded

    def target_province(self):
        """The officer's own province; the one an administrator chose in the form."""
        return requested_province(self.user, self.cleaned_data.get("province"))
