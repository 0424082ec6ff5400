"""Form fields that follow Thai conventions: dates typed in BE or CE, national IDs with dashes or Thai digits."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from core import thai


class ThaiDateInput(forms.TextInput):
    """A text box that shows dates as 07/01/2563 and takes them back in either era."""

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": gettext_lazy("วว/ดด/ปปปป (พ.ศ.)"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "form-control thai-date",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, dt.date):
            return thai.format_date_numeric_be(value)
        return value


class ThaiDateField(forms.DateField):
    widget = ThaiDateInput

    def __init__(self, *, allow_future: bool = True, **kwargs):
        self.allow_future = allow_future
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            parsed = thai.parse_date(value)
        except thai.ThaiDateError as exc:
            raise ValidationError(str(exc), code="invalid") from None
        if parsed and not 1900 <= parsed.year <= 2200:
            raise ValidationError(
                gettext("ปี %(year)s (พ.ศ.) อยู่นอกช่วงที่เป็นไปได้ ตรวจสอบว่ากรอกปี พ.ศ. หรือ ค.ศ. ถูกต้อง")
                % {"year": thai.to_be_year(parsed.year)},
                code="invalid",
            )
        return parsed

    def validate(self, value):
        super().validate(value)
        if value and not self.allow_future:
            from django.utils import timezone

            if value > timezone.localdate():
                raise ValidationError(gettext("วันที่ต้องไม่เป็นวันในอนาคต"), code="future")


class NationalIdField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", gettext_lazy("เลขประจำตัวประชาชน"))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("placeholder", "x-xxxx-xxxxx-xx-x")

    def to_python(self, value):
        return thai.normalize_national_id(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        error = thai.national_id_error(value)
        if error:
            raise ValidationError(error, code="invalid")


DJANGO_BLANK = "---------"
CHOOSE = gettext_lazy("— เลือก —")


def say_choose_in_blank_options(form) -> None:
    """Django's blank option reads "---------"; a Thai form says "— เลือก —" (choose) there instead."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == DJANGO_BLANK:
                field.empty_label = CHOOSE
        elif isinstance(field, forms.ChoiceField):
            # Django has turned the declared choices into a list by the time the form exists.
            choices = list(field.choices)  # type: ignore[arg-type]
            if choices and choices[0] == ("", DJANGO_BLANK):
                field.choices = [("", CHOOSE), *choices[1:]]


class BootstrapMixin:
    """Bootstrap's classes on every widget, and "— เลือก —" in blank options; forms call style_fields() in __init__."""

    fields: dict[str, forms.Field]

    def style_fields(self):
        say_choose_in_blank_options(self)
        for field in self.fields.values():
            widget = field.widget
            # Radio buttons too: "form-control" on one stretches it into a wide oval over its label.
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                css = widget.attrs.get("class", "")
                if "form-control" not in css:
                    widget.attrs["class"] = (css + " form-control").strip()


def add_service_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError shown on the form: on the field it names when the form has one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
