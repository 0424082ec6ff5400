"""Opening a person's full national ID: pages show it masked; those who may see it in full say why first.

The volunteer and mentor pages use the same form and the same helper, so the purpose is asked and recorded alike
whichever kind of person is opened. The full ID is shown on the response to the POST, never through a URL.
"""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core import audit

OTHER = "other"
PURPOSES = [
    ("verify_identity", _("ตรวจสอบตัวตนเพื่อแก้ไขข้อมูล")),
    ("refer", _("ส่งต่อหน่วยงาน")),
    ("subject_request", _("ตอบคำขอของเจ้าของข้อมูล")),
    ("duplicates", _("ตรวจสอบข้อมูลซ้ำ")),
    (OTHER, _("อื่น ๆ (ระบุ)")),
]


class RevealForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("วัตถุประสงค์ของการเปิดดู"),
        choices=PURPOSES,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": _("กรุณาเลือกวัตถุประสงค์ของการเปิดดูเลขประจำตัวประชาชน"),
            "invalid_choice": _("กรุณาเลือกวัตถุประสงค์จากรายการ"),
        },
    )
    note = forms.CharField(label=_("รายละเอียด"), max_length=200, required=False, strip=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs.update({"class": "form-control form-control-sm", "autocomplete": "off"})

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("purpose") == OTHER and not cleaned.get("note"):
            self.add_error("note", _("เลือก “อื่น ๆ” แล้ว กรุณาระบุวัตถุประสงค์"))
        return cleaned

    def purpose_label(self) -> str:
        # The record is read in Thai whatever language the page was in.
        with translation.override("th"):
            return str(dict(PURPOSES)[self.cleaned_data["purpose"]])


def reveal(request, obj) -> tuple[RevealForm, bool]:
    """The purpose form for `obj`, and whether to show its full ID: only on a POST with a valid purpose, which is
    recorded with the view. The caller has already checked that the user may see the full ID."""
    form = RevealForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return form, False
    audit.record_national_id_view(
        request,
        obj,
        purpose=form.cleaned_data["purpose"],
        purpose_label=form.purpose_label(),
        note=form.cleaned_data["note"],
    )
    return form, True


def record_edit_form(request, obj) -> None:
    """Opening an edit form shows the full ID too (it is there to be corrected): recorded like any other view."""
    if request.method != "POST" and obj.national_id:
        audit.record_national_id_view(request, obj, purpose="edit_form", purpose_label="เปิดแบบฟอร์มแก้ไขข้อมูล")
