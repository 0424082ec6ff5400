"""The volunteer list's search and filters, shared by the list page and its Excel/CSV export.

Bind it to request.GET: `form = VolunteerFilterForm(request.GET, user=request.user)`, then
`form.filter(Volunteer.objects.visible_to(request.user))` gives the rows the officer sees on the page.
"""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import is_national
from core import thai
from core.provinces import requested_province
from core.widgets import FastSelect
from mentors.models import Mentor
from provinces.models import District, Province, Subdistrict
from volunteers import rules
from volunteers.models import Volunteer

NO_MENTOR = "none"

# Names in Thai dictionary order (core.thai.thai_sort_key); "name" is read from the volunteer_name_sort_order index.
SORTS = {
    "name": ["first_name_sort", "last_name_sort", "id"],
    "-appointed": ["-appointed_on", "first_name_sort", "last_name_sort", "id"],
    "appointed": ["appointed_on", "first_name_sort", "last_name_sort", "id"],
    "area": ["subdistrict__district__code", "subdistrict__code", "first_name_sort", "last_name_sort", "id"],
    "-updated": ["-updated_at", "id"],
}
SORT_CHOICES = [
    ("name", _("ชื่อ ก–ฮ")),
    ("-appointed", _("แต่งตั้งล่าสุดก่อน")),
    ("appointed", _("แต่งตั้งนานที่สุดก่อน")),
    ("area", _("อำเภอ/ตำบล")),
    ("-updated", _("แก้ไขล่าสุดก่อน")),
]
PAGE_SIZES = [10, 25, 50, 100]

# Titles people type in front of a name; the name is stored without them.
_TITLES = ("นางสาว", "นาย", "นาง", "น.ส.", "ด.ช.", "ด.ญ.")
# Shorter than this, a pattern has no trigram and is searched as the start of a name instead.
TRIGRAM_MIN = 3


def _strip_title(token: str) -> str:
    for title in _TITLES:
        if token.startswith(title) and len(token) > len(title) + 1:
            return token[len(title) :]
    return token


def search_q(text: str, *, id_suffix: bool = False) -> Q | None:
    """A name (any part of it, each word matched), a 13-digit national ID, or a phone number.

    With `id_suffix`, four digits also match the last four of the national ID. That match reads every row in the
    queryset (no index serves `LIKE '%1234'`), so the caller allows it only on a queryset limited to one province."""
    # Typed as the names were written (core.thai.clean_text): a tone mark typed before its vowel still finds them.
    text = thai.clean_text((text or "").translate(thai.THAI_DIGITS))
    if not text:
        return None
    national_id = thai.normalize_national_id(text)
    if len(national_id) == 13 and national_id.isascii() and national_id.isdigit():
        return Q(national_id=national_id)
    digits = re.sub(r"[\s\-.+()]", "", text)
    if digits.isdigit():
        if len(digits) == 13:
            return Q(national_id=digits)
        if digits.startswith("66") and len(digits) >= 10:
            digits = "0" + digits[2:]
        if len(digits) in (8, 9) and not digits.startswith("0"):
            digits = "0" + digits
        if len(digits) >= 9:
            return Q(phone=digits)
        if id_suffix and len(digits) == 4:
            return Q(phone__startswith=digits) | Q(national_id__endswith=digits)
        return Q(phone__startswith=digits)
    embedded = re.search(r"(?<!\d)\d{13}(?!\d)", digits)
    if embedded:
        # A name typed along with the ID: the ID alone decides, as it is unique.
        return Q(national_id=embedded.group())
    condition = Q()
    for token in text.split():
        token = _strip_title(token)
        if token.isascii():
            condition &= Q(first_name_en__icontains=token) | Q(last_name_en__icontains=token)
        elif len(token) >= TRIGRAM_MIN:
            # `contains` (LIKE) rather than `icontains` (UPPER() LIKE) so the trigram index applies; Thai has no case.
            condition &= Q(first_name__contains=token) | Q(last_name__contains=token)
        else:
            condition &= Q(first_name__startswith=token) | Q(last_name__startswith=token)
    return condition


class VolunteerFilterForm(forms.Form):
    q = forms.CharField(
        label=_("ค้นหา"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": _("ชื่อ นามสกุล เลขประจำตัวประชาชน 13 หลัก หรือเบอร์โทรศัพท์"), "type": "search"}
        ),
    )
    province = forms.ChoiceField(label=_("จังหวัด"), required=False, widget=FastSelect)
    district = forms.ModelChoiceField(
        label=_("อำเภอ/เขต"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("ทุกอำเภอ/เขต"),
        widget=FastSelect,
    )
    subdistrict = forms.ModelChoiceField(
        label=_("ตำบล/แขวง"),
        queryset=Subdistrict.objects.none(),
        required=False,
        empty_label=_("ทุกตำบล/แขวง"),
        widget=FastSelect,
    )
    # ครบวาระ sits beside the stored statuses: an officer asks "who has run out of term" the way they ask "who left".
    status = forms.ChoiceField(
        label=_("สถานะ"),
        required=False,
        choices=[("", _("ทุกสถานะ")), *Volunteer.Status.choices, (rules.TERM_ENDED, rules.TERM_ENDED_LABEL)],
        widget=FastSelect,
    )
    tier = forms.ChoiceField(
        label=_("ระดับ"), required=False, choices=[("", _("ทุกระดับ")), *Volunteer.Tier.choices], widget=FastSelect
    )
    mentor = forms.ChoiceField(label=_("พี่เลี้ยง"), required=False, widget=FastSelect)
    sort = forms.ChoiceField(label=_("เรียงตาม"), required=False, choices=SORT_CHOICES, widget=FastSelect)
    per_page = forms.TypedChoiceField(
        label=_("แถวต่อหน้า"),
        required=False,
        coerce=int,
        choices=[(n, n) for n in PAGE_SIZES],
        empty_value=50,
        widget=FastSelect,
    )

    def __init__(self, data=None, *, user, **kwargs):
        if data is not None and not data.get("per_page"):
            # Show the page size actually used (50), not the first choice of the drop-down.
            data = data.copy()
            data["per_page"] = "50"
        super().__init__(data, **kwargs)
        self.user = user
        self.national = is_national(user)
        self.selected_province = requested_province(user, (data or {}).get("province"))
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "form-select form-select-sm" if name != "q" else "form-control")
        if self.national:
            self.fields["province"].choices = [("", _("ทุกจังหวัด"))] + [
                (p.code, str(p)) for p in Province.objects.in_reading_order().only("code", "name_th", "name_en")
            ]
        else:
            del self.fields["province"]
        if self.selected_province is not None:
            self.fields["district"].queryset = District.objects.filter(province=self.selected_province).order_by(
                "name_sort"
            )
            subdistricts = Subdistrict.objects.filter(province=self.selected_province).order_by(
                "district__name_sort", "name_sort"
            )
            district_id = (data or {}).get("district")
            if district_id and str(district_id).isascii() and str(district_id).isdigit():
                subdistricts = subdistricts.filter(district_id=district_id)
            self.fields["subdistrict"].queryset = subdistricts
            mentors = (
                Mentor.objects.visible_to(user)
                .filter(province=self.selected_province)
                .order_by("first_name_sort", "last_name_sort")
            )
            self.fields["mentor"].choices = [("", _("ทุกคน")), (NO_MENTOR, _("ยังไม่มีพี่เลี้ยง"))] + [
                (str(m.pk), m.full_name) for m in mentors.only("pk", "title", "first_name", "last_name")
            ]
        else:
            self.fields["mentor"].choices = [("", _("ทุกคน")), (NO_MENTOR, _("ยังไม่มีพี่เลี้ยง"))]

    @property
    def page_size(self) -> int:
        return self.cleaned_data.get("per_page") or 50 if self.is_bound and self.is_valid() else 50

    def filter(self, queryset):
        """The rows matching the search and filters, sorted; invalid values are ignored rather than guessed."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if self.national and self.selected_province is not None:
            queryset = queryset.filter(province_id=self.selected_province.pk)
        # Officers see one province; HQ matches the last digits of an ID once it has picked a province.
        condition = search_q(data.get("q", ""), id_suffix=self.selected_province is not None)
        if condition is not None:
            queryset = queryset.filter(condition)
        if data.get("subdistrict"):
            queryset = queryset.filter(subdistrict=data["subdistrict"])
        elif data.get("district"):
            queryset = queryset.filter(subdistrict__district=data["district"])
        if data.get("status"):
            queryset = queryset.with_display_status(data["status"])
        if data.get("tier"):
            queryset = queryset.filter(tier=data["tier"])
        mentor = data.get("mentor")
        if mentor == NO_MENTOR:
            queryset = queryset.filter(mentor__isnull=True)
        elif mentor:
            queryset = queryset.filter(mentor_id=int(mentor))
        return queryset.order_by(*SORTS[data.get("sort") or "name"])

    def active_filters(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("q", "district", "subdistrict", "status", "tier", "mentor"))
