"""The quota forms: a province-wide quota, or one subdistrict's, each with its reason. The range and the reason are
checked by coverage.services (volunteers.rules.quota_error), whichever door the change comes through; the form asks
the same quota_error too, so that a quota out of range is reported beside a missing reason, not on the next try."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.editing import refuse_control_characters
from core.forms import BootstrapMixin
from provinces.models import Province, Subdistrict, with_word
from volunteers.rules import MAX_QUOTA, quota_error

# Made when shown, so that it follows the reader's language (quota_error says it when called).
QUOTA_MESSAGE = lazy(lambda: quota_error(-1), str)()


def quota_in_range(value) -> None:
    """The service's range rule (quota_error) checked with the other fields, so that every mistake shows at once."""
    if error := quota_error(value):
        raise ValidationError(error, code="quota")


class QuotaForm(BootstrapMixin, forms.Form):
    quota = forms.IntegerField(
        label=_("โควตาใหม่ (คน)"),
        error_messages={"required": QUOTA_MESSAGE, "invalid": QUOTA_MESSAGE},
        validators=[quota_in_range],
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_QUOTA}),
    )
    reason = forms.CharField(
        label=_("เหตุผล"),
        help_text=_("เช่น เลขที่หนังสือสั่งการหรือมติที่ประชุม"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("กรุณาระบุเหตุผลของการเปลี่ยนโควตา เช่น เลขที่หนังสือสั่งการ")},
    )

    def __init__(self, *args, province: Province, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province
        self.add_place_field()
        self.style_fields()
        refuse_control_characters(self)

    def add_place_field(self):
        pass


class SubdistrictQuotaForm(QuotaForm):
    subdistrict = forms.ModelChoiceField(
        label=_("ตำบล/แขวง"),
        queryset=Subdistrict.objects.none(),
        to_field_name="code",
        error_messages={
            "required": _("กรุณาเลือกตำบล/แขวง"),
            "invalid_choice": _("ตำบล/แขวงที่เลือกไม่อยู่ในจังหวัดนี้"),
        },
    )
    field_order = ["subdistrict", "quota", "reason"]

    def add_place_field(self):
        province = self.province
        field = self.fields["subdistrict"]
        field.queryset = Subdistrict.objects.filter(province=province).select_related("district").order_by("code")
        field.label = province.subdistrict_label
        quota = gettext("(โควตา %(quota)s)")
        field.label_from_instance = lambda s: " ".join(
            (
                with_word(province.subdistrict_word, s.name_th),
                with_word(province.district_word, s.district.name_th),
                quota % {"quota": s.quota},
            )
        )
