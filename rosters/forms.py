from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import scope
from core.provinces import requested_province
from provinces.models import Province
from rosters import readers
from rosters.models import Kind

# How far back a file of monthly reports may go: the months the report grid offers.
REPORT_MONTHS_SHOWN = 24


def report_month_choices(today) -> list[tuple[str, str]]:
    from activity import rules

    month, found = rules.month_start(today), []
    for _i in range(REPORT_MONTHS_SHOWN):
        found.append((month.strftime("%Y-%m"), rules.month_shown(month)))
        month = rules.previous_month(month)
    return found


class RosterUploadForm(forms.Form):
    """A roster file and what it holds; administrators also say which province it is for."""

    kind = forms.ChoiceField(label=_("ข้อมูลในไฟล์"), choices=Kind.choices, initial=Kind.VOLUNTEERS)
    month = forms.ChoiceField(
        label=_("เดือนที่รายงาน (เฉพาะรายงานประจำเดือน)"),
        required=False,
        help_text=_("ต้องตรงกับเดือนที่เขียนไว้ในแบบฟอร์ม"),
    )
    province = forms.ModelChoiceField(
        label=_("จังหวัด"),
        queryset=Province.objects.all(),  # in the reader's order, set in __init__
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
        month_field: forms.ChoiceField = self.fields["month"]  # type: ignore[assignment]
        month_field.choices = [("", _("— เลือกเดือน —")), *report_month_choices(timezone.localdate())]
        self.fields["month"].widget.attrs["class"] = "form-select"
        province_field: forms.ModelChoiceField = self.fields["province"]  # type: ignore[assignment]
        province_field.queryset = Province.objects.in_reading_order()
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

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("kind") == Kind.REPORTS and not cleaned.get("month"):
            self.add_error("month", _("กรุณาเลือกเดือนของรายงานที่นำเข้า"))
        return cleaned

    def report_month(self):
        """The first day of the chosen month for a file of monthly reports; None for rosters."""
        from activity.rules import parse_month

        if self.cleaned_data.get("kind") != Kind.REPORTS:
            return None
        return parse_month(self.cleaned_data.get("month"))

    def target_province(self):
        """The officer's own province; the one an administrator chose in the form."""
        return requested_province(self.user, self.cleaned_data.get("province"))
