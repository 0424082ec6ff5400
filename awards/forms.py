from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.scope import is_national
from awards.models import CITATION_MAX_LENGTH, NOTE_MAX_LENGTH, Nomination
from awards.services import DECISIONS
from core.forms import BootstrapMixin
from core.templatetags.thai import year_shown
from core.thai import current_fiscal_year
from provinces.models import Province, Region
from reports.fiscal_years import fiscal_year_asked, unusable_year_message


def fiscal_year_choices(user) -> list[tuple[int, str]]:
    """The years with nominations in the user's scope, and the current one, newest first."""
    years = set(Nomination.objects.visible_to(user).values_list("fiscal_year", flat=True).distinct())
    years.add(current_fiscal_year())
    return [(y, str(year_shown(y))) for y in sorted(years, reverse=True)]


class NominationFilterForm(BootstrapMixin, forms.Form):
    """The fiscal year (the current one when none is named), and for national users the region and province."""

    fy = forms.TypedChoiceField(label=_("ปีงบประมาณ"), coerce=int, required=False, empty_value=None)
    region = forms.ModelChoiceField(
        label=_("ภาค"), queryset=Region.objects.all(), required=False, to_field_name="code", empty_label=_("ทุกภาค")
    )
    province = forms.ModelChoiceField(
        label=_("จังหวัด"),
        queryset=Province.objects.all(),  # in the reader's order, set in __init__
        required=False,
        to_field_name="code",
        empty_label=_("ทุกจังหวัด"),
    )
    status = forms.ChoiceField(label=_("สถานะ"), required=False)

    def __init__(self, data=None, *args, user, statuses=True, **kwargs):
        years = fiscal_year_choices(user)
        self.offered_years = [y for y, _label in years]
        raw_year = (data or {}).get("fy", "")
        # The year as the reports take it: BE, or CE as English pages show it (2026 for 2569).
        asked = fiscal_year_asked(raw_year, christian_era_too=True, offered=self.offered_years)
        if raw_year and asked is not None and str(asked) != raw_year:
            data = data.copy()
            data["fy"] = str(asked)
        super().__init__(data, *args, **kwargs)
        self.fields["province"].queryset = Province.objects.in_reading_order()
        self.fields["fy"].choices = years
        self.fields["status"].choices = [("", _("ทุกสถานะ")), *Nomination.Status.choices]
        if not statuses:
            del self.fields["status"]
        if not is_national(user):
            del self.fields["region"], self.fields["province"]
        self.style_fields()
        for field in self.fields.values():
            field.widget.attrs["class"] += " form-select-sm"

    def _usable(self) -> dict:
        """The filters that can be used. One that cannot (a province code that does not exist) is left out on its
        own, as its select then shows, and the others are kept: the page and its heading say the same year."""
        self.is_valid()
        return getattr(self, "cleaned_data", {})

    @property
    def fiscal_year(self) -> int:
        return self._usable().get("fy") or current_fiscal_year()

    @property
    def unusable_year(self) -> str | None:
        """Why the year asked for is not shown, or None."""
        if self.is_bound and "fy" in self.fields and self.has_error("fy"):
            return unusable_year_message(self.data.get("fy", ""), self.offered_years)
        return None

    def filter(self, rows):
        data = self._usable()
        rows = rows.of_year(self.fiscal_year)
        if data.get("region"):
            rows = rows.filter(province__region=data["region"])
        if data.get("province"):
            rows = rows.filter(province=data["province"])
        if data.get("status"):
            rows = rows.filter(status=data["status"])
        return rows


class NominationForm(BootstrapMixin, forms.Form):
    """Whom and why. The volunteer list holds the province's serving volunteers not yet nominated this year; the
    volunteer named is fetched through the user's scope by the view, and the rules are the service's."""

    volunteer = forms.TypedChoiceField(label=_("อาสาสมัครแรงงาน"), coerce=int)
    citation = forms.CharField(
        label=_("ผลงานโดยสังเขป"),
        max_length=CITATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("สิ่งที่อาสาสมัครทำในปีงบประมาณนี้ เช่น งานที่ช่วยแรงงานในพื้นที่ จำนวนผู้ได้รับประโยชน์ (ไม่เกิน 1,000 ตัวอักษร)"),
        error_messages={
            "required": _("กรุณาระบุผลงานของอาสาสมัครโดยสังเขป"),
            "max_length": _("ผลงานโดยสังเขปยาวได้ไม่เกิน 1,000 ตัวอักษร"),
        },
    )

    def __init__(self, *args, candidates=(), chosen=None, **kwargs):
        super().__init__(*args, **kwargs)
        options = [(v.pk, f"{v.full_name} ({v.subdistrict.name_th})") for v in candidates]
        if chosen is not None and chosen.pk not in {pk for pk, _label in options}:
            options.insert(0, (chosen.pk, chosen.full_name))
        self.fields["volunteer"].choices = [("", ""), *options]
        self.fields["volunteer"].error_messages["required"] = _("กรุณาเลือกอาสาสมัครที่จะเสนอชื่อ")
        if chosen is not None:
            self.fields["volunteer"].initial = chosen.pk
        self.style_fields()


class ReviewForm(forms.Form):
    """HQ's decision on the ticked nominations, with one note for all of them."""

    nominations = forms.TypedMultipleChoiceField(
        label=_("รายชื่อที่เลือก"),
        coerce=int,
        error_messages={"required": _("กรุณาเลือกรายชื่อที่จะพิจารณาอย่างน้อยหนึ่งรายการ")},
    )
    decision = forms.ChoiceField(
        label=_("ผลการพิจารณา"),
        choices=[(d.value, d.label) for d in DECISIONS],
        error_messages={"required": _("กรุณาเลือกผลการพิจารณา: ได้รับคัดเลือก หรือ ไม่ได้รับคัดเลือก")},
    )
    note = forms.CharField(
        label=_("หมายเหตุการพิจารณา"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        error_messages={"max_length": _("หมายเหตุยาวได้ไม่เกิน 500 ตัวอักษร")},
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].choices = [(pk, str(pk)) for pk in choices]
        self.fields["nominations"].error_messages["invalid_choice"] = _(
            "รายชื่อที่เลือกบางรายการไม่อยู่ในรายการที่พิจารณาได้ กรุณาโหลดหน้าใหม่แล้วเลือกอีกครั้ง"
        )
