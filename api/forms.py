from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from api.tokens import LIFETIME_DAYS
from core.editing import refuse_control_characters
from core.forms import BootstrapMixin


class NewTokenForm(BootstrapMixin, forms.Form):
    name = forms.CharField(
        label=_("ชื่อโทเค็น"),
        max_length=100,
        help_text=_("ระบบหรือโปรแกรมที่จะใช้โทเค็นนี้ เช่น “ระบบรายงานของสำนักงานจัดหางาน”"),
        error_messages={"required": _("กรุณาตั้งชื่อโทเค็น เช่น ชื่อระบบที่จะใช้โทเค็นนี้")},
    )
    days = forms.TypedChoiceField(
        label=_("อายุของโทเค็น"),
        coerce=int,
        choices=[],  # in the reader's language, made with the form (below)
        initial=90,
        error_messages={"invalid_choice": _("กรุณาเลือกอายุของโทเค็นจากรายการ")},
    )
    access = forms.ChoiceField(
        label=_("สิทธิ์ของโทเค็น"),
        choices=[
            ("read", _("อ่านข้อมูลอย่างเดียว")),
            ("write", _("อ่านและบันทึกข้อมูล (เท่าที่บทบาทของท่านทำได้)")),
        ],
        initial="read",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("กรุณาเลือกสิทธิ์ของโทเค็น")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = [(d, gettext("%(days)s วัน") % {"days": d}) for d in LIFETIME_DAYS]
        self.style_fields()
        refuse_control_characters(self)
