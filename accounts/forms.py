from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class ThaiLoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง กรุณาตรวจสอบแล้วลองอีกครั้ง"),
        "inactive": _("บัญชีนี้ถูกระงับการใช้งาน กรุณาติดต่อผู้ดูแลระบบ"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("ชื่อผู้ใช้")
        self.fields["password"].label = _("รหัสผ่าน")
        self.fields["username"].widget = forms.TextInput(
            attrs={"autofocus": True, "class": "form-control", "autocomplete": "username"}
        )
        self.fields["password"].widget.attrs.update({"class": "form-control", "autocomplete": "current-password"})


class TokenForm(forms.Form):
    """The six digits shown by the authenticator app."""

    token = forms.CharField(
        label=_("รหัสยืนยัน 6 หลัก"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg text-center",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "maxlength": 7,
            }
        ),
        error_messages={"required": _("กรุณากรอกรหัสยืนยัน 6 หลักจากแอปยืนยันตัวตน")},
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not (len(token) == 6 and token.isascii() and token.isdigit()):
            raise forms.ValidationError(_("รหัสยืนยันต้องเป็นตัวเลข 6 หลักจากแอปยืนยันตัวตน"))
        return token
