"""Thailand's places (DOPA codes, loaded from geothai) and the Ministry of Labour agencies in each province."""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from accounts.scope import ProvinceScopedQuerySet
from core.people import page_in_thai
from core.thai import thai_sort_field

BANGKOK_CODE = "10"


def place_named(name_th: str, name_en: str, *, thai: bool | None = None) -> str:
    """A place's name alone in the reader's language, from its values (for rows read without their model): its
    English name on an English page where it has one, else its Thai name; เมืองลำปาง, or Mueang Lampang. `thai`:
    page_in_thai(), when the caller has asked it already for a list of many places."""
    if thai is None:
        thai = page_in_thai()
    return name_th if thai else (name_en or name_th)


def province_named(code: str, name_th: str, name_en: str) -> str:
    """A province as a sentence names it in the reader's language, from its values (for rows read without their
    model): จังหวัดลำปาง, กรุงเทพมหานคร as it is, or Lampang in English."""
    return place_named(name_th if code == BANGKOK_CODE else f"จังหวัด{name_th}", name_en)


def with_word(word: str, name: str) -> str:
    """The name after its kind of place, once: อำเภอเมืองลำปาง, and เขตพระนคร whose DOPA name already says เขต."""
    return name if name.startswith(word) else f"{word}{name}"


class Region(models.Model):
    """A region as the National Statistical Office's Labour Force Survey groups provinces."""

    code = models.SlugField(_("รหัสภาค"), max_length=16, unique=True)
    name_th = models.CharField(_("ชื่อภาค"), max_length=64)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=64)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        # The plain message heads columns (capitalised in English); the model's name is lower case mid-sentence.
        verbose_name = pgettext_lazy("singular", "ภาค")
        verbose_name_plural = pgettext_lazy("plural", "ภาค")

    def __str__(self):
        return self.shown_name

    @property
    def shown_name(self) -> str:
        """ภาคเหนือ, or North in English."""
        return place_named(self.name_th, self.name_en)


class ProvinceQuerySet(ProvinceScopedQuerySet):
    province_field = "pk"
    # The list of provinces is public reference data, read by every form and filter: no declared scope needed.
    scope_required = False

    def in_reading_order(self, *first: str):
        """Provinces in the order the reader looks for them: A-Z by English name on an English page, Thai
        dictionary order (name_sort) on a Thai one. Decided when called: a form sets its queryset in __init__, as a
        class attribute would keep the language of whichever request imported it. `first`: keys that come before
        (the region, for lists grouped by region)."""
        return self.order_by(*first, *self.reading_order())

    @staticmethod
    def reading_order(path: str = "") -> list[str]:
        """in_reading_order's keys, for a query that reaches the province through `path` ("province__")."""
        return [f"{path}name_sort"] if page_in_thai() else [f"{path}name_en", f"{path}name_sort"]


class Province(models.Model):
    code = models.CharField(_("รหัสจังหวัด"), max_length=2, unique=True)
    name_th = models.CharField(_("ชื่อจังหวัด"), max_length=64)
    name_sort = thai_sort_field("name_th", 64)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=64)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("ภาค"))
    map_code = models.CharField(
        _("รหัสบนแผนที่"),
        max_length=8,
        blank=True,
        help_text=_("รหัสของจังหวัดบนแผนที่ประเทศไทยของระบบ (แพ็กเกจ @svg-maps/thailand)"),
    )

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = pgettext_lazy("singular", "จังหวัด")
        verbose_name_plural = pgettext_lazy("plural", "จังหวัด")

    def __str__(self):
        # As lists and choices name it: ลำปาง, or Lampang in English.
        return place_named(self.name_th, self.name_en)

    @property
    def is_bangkok(self) -> bool:
        return self.code == BANGKOK_CODE

    @property
    def display_name(self) -> str:
        return self.name_th if self.is_bangkok else f"จังหวัด{self.name_th}"

    @property
    def shown_name(self) -> str:
        """The province as the reader's language names it in a sentence: จังหวัดลำปาง, or Lampang in English."""
        return province_named(self.code, self.name_th, self.name_en)

    # Bangkok's districts are เขต and its subdistricts แขวง; everywhere else อำเภอ and ตำบล.
    @property
    def district_label(self) -> str:
        return pgettext("place", "เขต") if self.is_bangkok else pgettext("place", "อำเภอ")

    @property
    def subdistrict_label(self) -> str:
        return pgettext("place", "แขวง") if self.is_bangkok else pgettext("place", "ตำบล")

    @property
    def district_word(self) -> str:
        """The Thai word put before a district's name, in any language: เขตบางรัก, อำเภอเมืองลำปาง."""
        return "เขต" if self.is_bangkok else "อำเภอ"

    @property
    def subdistrict_word(self) -> str:
        return "แขวง" if self.is_bangkok else "ตำบล"


class District(models.Model):
    code = models.CharField(_("รหัสอำเภอ"), max_length=4, unique=True)
    name_th = models.CharField(_("ชื่ออำเภอ/เขต"), max_length=64)
    name_sort = thai_sort_field("name_th", 64)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=64)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("จังหวัด"))

    class Meta:
        ordering = ["code"]
        verbose_name = pgettext_lazy("singular", "อำเภอ/เขต")
        verbose_name_plural = pgettext_lazy("plural", "อำเภอ/เขต")

    def __str__(self):
        return self.name_th

    @property
    def display_name(self) -> str:
        return with_word(self.province.district_word, self.name_th)

    @property
    def shown_name(self) -> str:
        """อำเภอเมืองลำปาง, or Mueang Lampang in English (the sentence around it says it is a district)."""
        # The Thai name's word needs the province, read only on a Thai page.
        return self.display_name if page_in_thai() else place_named(self.name_th, self.name_en, thai=False)

    @property
    def shown_bare_name(self) -> str:
        """เมืองลำปาง, or Mueang Lampang in English: for a table whose column heading says it is a district."""
        return place_named(self.name_th, self.name_en)


# Quota changes are kept (who, when, from what): HQ plans recruitment from them.
@pghistory.track(
    pghistory.UpdateEvent("quota_change", condition=pghistory.AnyChange("quota")),
    fields=["quota"],
    model_name="SubdistrictQuotaEvent",
)
class Subdistrict(models.Model):
    code = models.CharField(_("รหัสตำบล"), max_length=6, unique=True)
    name_th = models.CharField(_("ชื่อตำบล/แขวง"), max_length=64)
    name_sort = thai_sort_field("name_th", 64)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=64)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="subdistricts", verbose_name=_("อำเภอ/เขต")
    )
    # Kept beside the district so that scoping and coverage need no join.
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="subdistricts",
        verbose_name=_("จังหวัด"),
        db_index=False,  # the first column of subdistrict_in_province
    )
    postcodes = models.CharField(_("รหัสไปรษณีย์"), max_length=64, blank=True)
    # How many subdistrict lead volunteers (แกนนำ อสร. ระดับตำบล) the subdistrict should have: 1, or 3 in a Bangkok
    # แขวง (default_quota); HQ may change it per province or per subdistrict (provinces.services).
    quota = models.PositiveSmallIntegerField(_("โควตา อสร."), default=1)

    class Meta:
        ordering = ["code"]
        constraints = [
            # What a volunteer's (province, subdistrict) refers to: the database then holds the rule that a
            # volunteer's province is their subdistrict's (volunteers.Volunteer.subdistrict).
            models.UniqueConstraint(fields=["province", "id"], name="subdistrict_in_province"),
        ]
        verbose_name = pgettext_lazy("singular", "ตำบล/แขวง")
        verbose_name_plural = pgettext_lazy("plural", "ตำบล/แขวง")

    def __str__(self):
        return self.name_th

    @property
    def shown_name(self) -> str:
        """ตำบลพิชัย, or Phichai in English (the sentence around it says it is a subdistrict)."""
        if page_in_thai():
            return with_word(self.province.subdistrict_word, self.name_th)
        return place_named(self.name_th, self.name_en, thai=False)

    @property
    def full_name(self) -> str:
        province = self.province
        district = with_word(province.district_word, self.district.name_th)
        return f"{with_word(province.subdistrict_word, self.name_th)} {district} {province.display_name}"

    @property
    def shown_full_name(self) -> str:
        """The full name in the page's language: ตำบลพิชัย อำเภอเมืองลำปาง จังหวัดลำปาง, or Phichai, Mueang Lampang,
        Lampang. The Thai full_name stays for the Ministry's documents and files."""
        if page_in_thai():
            return self.full_name
        return f"{self.shown_name}, {self.district.shown_name}, {self.province.shown_name}"


BANGKOK_CODE = "10"


def default_quota(province_code: str) -> int:
    """One lead volunteer per subdistrict; three per แขวง in Bangkok (540 in all)."""
    return 3 if province_code == BANGKOK_CODE else 1


class AgencyQuerySet(ProvinceScopedQuerySet):
    # Labour offices are public reference data, like the provinces they serve.
    scope_required = False


class Agency(models.Model):
    """A Ministry of Labour office in a province; mentors belong to one."""

    class Kind(models.TextChoices):
        LABOUR = "labour", _("สำนักงานแรงงานจังหวัด")
        EMPLOYMENT = "employment", _("สำนักงานจัดหางานจังหวัด")
        WELFARE = "welfare", _("สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด")
        SOCIAL_SECURITY = "social_security", _("สำนักงานประกันสังคมจังหวัด")
        SKILL = "skill", _("สถาบัน/สำนักงานพัฒนาฝีมือแรงงาน")

    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("จังหวัด"),
        db_index=False,  # the first column of one_agency_of_a_kind_per_province
    )
    kind = models.CharField(_("ประเภทหน่วยงาน"), max_length=20, choices=Kind.choices)
    name_th = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    name_sort = thai_sort_field("name_th", 200)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["province__code", "kind"]
        constraints = [models.UniqueConstraint(fields=["province", "kind"], name="one_agency_of_a_kind_per_province")]
        verbose_name = _("หน่วยงานในสังกัดกระทรวงแรงงาน")
        verbose_name_plural = pgettext_lazy("plural", "หน่วยงานในสังกัดกระทรวงแรงงาน")

    def __str__(self):
        return self.name_th

    @staticmethod
    def name_for(kind: str, province: Province) -> str:
        """The office's usual name: สำนักงานแรงงานจังหวัดลำปาง, สำนักงานพัฒนาฝีมือแรงงานลำปาง."""
        place = province.name_th if province.is_bangkok or kind == Agency.Kind.SKILL else f"จังหวัด{province.name_th}"
        return f"{AGENCY_NAME_PREFIX[kind]}{place}"


AGENCY_NAME_PREFIX = {
    Agency.Kind.LABOUR: "สำนักงานแรงงาน",
    Agency.Kind.EMPLOYMENT: "สำนักงานจัดหางาน",
    Agency.Kind.WELFARE: "สำนักงานสวัสดิการและคุ้มครองแรงงาน",
    Agency.Kind.SOCIAL_SECURITY: "สำนักงานประกันสังคม",
    Agency.Kind.SKILL: "สำนักงานพัฒนาฝีมือแรงงาน",
}
