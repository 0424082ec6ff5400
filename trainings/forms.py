from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.scope import ADMIN, HQ_OFFICER, home_province_id, is_national, role_of
from core.editing import use_version_field
from core.forms import BootstrapMixin, ThaiDateField, say_choose_in_blank_options
from core.templatetags.thai import year_shown
from core.thai import current_fiscal_year
from provinces.models import District, Province
from trainings.models import Category, Event, Topic, capacity_below_target
from trainings.services import EVENT_FIELDS, end_before_start

# More people than this at one event is a typing mistake (and past what the database column holds).
MAX_PEOPLE = 100_000
HEADCOUNT_ERRORS = {
    "min_value": _("ต้องไม่ติดลบ (0 ขึ้นไป)"),
    # Made when shown, in the reader's language, with the number as Thai people write it (100,000).
    "max_value": lazy(lambda: gettext("ไม่เกิน %(max)s คน") % {"max": f"{MAX_PEOPLE:,}"}, str)(),
    "invalid": _("กรอกเป็นตัวเลขจำนวนเต็ม"),
}


def _headcount_field(label, initial, **extra_widget_attrs) -> forms.IntegerField:
    """A number of people for one participant category: 0 up to MAX_PEOPLE, may be left empty."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_PEOPLE,
        required=False,
        initial=initial,
        error_messages=HEADCOUNT_ERRORS,
        widget=forms.NumberInput(
            attrs={"min": 0, "class": "form-control form-control-sm text-end", **extra_widget_attrs}
        ),
    )


class EventFilterForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("ปีงบประมาณ"), required=False, coerce=int, empty_value=None)
    province = forms.ModelChoiceField(
        label=_("จังหวัดที่จัด"), queryset=Province.objects.all(), required=False, to_field_name="code"
    )
    level = forms.ChoiceField(label=_("ระดับผู้จัด"), required=False)
    topic = forms.ChoiceField(label=_("หัวข้อ"), required=False)
    kind = forms.ChoiceField(label=_("ประเภท"), required=False)
    status = forms.ChoiceField(label=_("สถานะ"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.in_reading_order()
        years = set(Event.objects.visible_to(user).values_list("fiscal_year", flat=True).distinct())
        years.add(current_fiscal_year())
        self.fields["fiscal_year"].choices = [("", _("ทุกปี"))] + [
            (y, str(year_shown(y))) for y in sorted(years, reverse=True)
        ]
        self.fields["level"].choices = [
            ("", _("ทุกระดับ")),
            (Event.Level.NATIONAL, _("ระดับประเทศ (ส่วนกลาง)")),
            (Event.Level.PROVINCIAL, _("ระดับจังหวัด")),
        ]
        self.fields["topic"].choices = [("", _("ทุกหัวข้อ"))] + Topic.choices
        self.fields["kind"].choices = [("", _("ทุกประเภท"))] + Event.Kind.choices
        self.fields["status"].choices = [("", _("ทุกสถานะ"))] + Event.Status.choices
        self.fields["province"].empty_label = _("ทุกจังหวัด")
        if not is_national(user):
            del self.fields["province"]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"


class EventForm(forms.ModelForm):
    """An event with its target and capacity per participant category."""

    start_date = ThaiDateField(label=_("วันเริ่ม"))
    end_date = ThaiDateField(label=_("วันสิ้นสุด"))
    topics = forms.MultipleChoiceField(
        label=_("หัวข้อ"), choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        widgets = {"objectives": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        targets = {t.category: t for t in self.instance.targets.all()} if self.instance.pk else {}
        for category, label in Category.choices:
            initial_target, initial_capacity = 0, None
            target = targets.get(category)
            if target:
                initial_target, initial_capacity = target.target, target.capacity
            self.fields[f"target_{category}"] = _headcount_field(_("เป้าหมาย: %(c)s") % {"c": label}, initial_target)
            self.fields[f"capacity_{category}"] = _headcount_field(
                _("รับได้สูงสุด: %(c)s") % {"c": label}, initial_capacity, placeholder=_("ไม่จำกัด")
            )
        self.fields["host_province"].queryset = Province.objects.in_reading_order()
        use_version_field(self)
        role = role_of(user)
        if role == HQ_OFFICER:
            # HQ officers plan national events, held in whichever province has the hall.
            self.fields["level"].disabled = True
            self.initial["level"] = Event.Level.NATIONAL
            self.fields["host_province"].label = _("จังหวัดที่จัด (สถานที่)")
        elif role != ADMIN:
            # Officers plan their own province's events; national events are opened by HQ.
            self.fields["level"].disabled = True
            self.fields["host_province"].disabled = True
            if not self.instance.pk:
                self.initial["level"] = Event.Level.PROVINCIAL
                self.initial["host_province"] = home_province_id(user)
        say_choose_in_blank_options(self)
        for name, field in self.fields.items():
            if name == "topics" or name.startswith(("target_", "capacity_")):
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def target_rows(self):
        return [(label, self[f"target_{c}"], self[f"capacity_{c}"]) for c, label in Category.choices]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", end_before_start(start, end))
        for category, label in Category.choices:
            target, capacity = cleaned.get(f"target_{category}"), cleaned.get(f"capacity_{category}")
            if message := capacity_below_target(label, target, capacity):
                self.add_error(f"capacity_{category}", message)
        return cleaned

    def event_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def targets(self) -> dict:
        return {
            c: (self.cleaned_data.get(f"target_{c}") or 0, self.cleaned_data.get(f"capacity_{c}"))
            for c in Category.values
        }


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("ค้นหาชื่อ"), required=False)
    district = forms.ModelChoiceField(label=_("อำเภอ/เขต"), queryset=District.objects.none(), required=False)
    mentor = forms.IntegerField(required=False, widget=forms.HiddenInput)
    inactive = forms.BooleanField(label=_("แสดงผู้ที่ไม่ได้ปฏิบัติหน้าที่ด้วย"), required=False)

    def __init__(self, *args, province_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(province_id__in=province_ids).order_by("name_sort")
        self.fields["district"].empty_label = _("ทุกอำเภอ/เขต")
        self.fields["q"].widget.attrs.update({"class": "form-control", "placeholder": _("ชื่อ นามสกุล หรือเบอร์โทร")})
        self.fields["district"].widget.attrs["class"] = "form-select"
        self.fields["inactive"].widget.attrs["class"] = "form-check-input"


class GuestForm(BootstrapMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("ประเภทผู้เข้าร่วม"), choices=[c for c in Category.choices if c[0] != Category.VOLUNTEER]
    )
    name = forms.CharField(label=_("ชื่อ-นามสกุล"), max_length=200)
    position = forms.CharField(label=_("ตำแหน่ง"), max_length=200, required=False)
    agency_name = forms.CharField(label=_("หน่วยงาน"), max_length=300, required=False)
    home_province = forms.ModelChoiceField(label=_("จังหวัด"), queryset=Province.objects.all())
    phone = forms.CharField(label=_("โทรศัพท์"), max_length=20, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = gettext("กรุณากรอกชื่อ-นามสกุลของผู้เข้าร่วม")
        self.fields["home_province"].queryset = Province.objects.in_reading_order()
        self.fields["home_province"].initial = home_province_id(user)
        self.style_fields()


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลที่ยกเลิก"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={"required": _("กรุณาระบุเหตุผลที่ยกเลิกการลงทะเบียน")},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("รหัสลงทะเบียน"),
        max_length=64,
        error_messages={"required": _("กรุณากรอกรหัสลงทะเบียน")},
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg text-uppercase",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )
