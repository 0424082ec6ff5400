"""Places and agencies named in a roster, matched inside the province being imported, without a query per row.

Every subdistrict and district of the country is read into dictionaries once per check; the parsers at the end are
the ones the place and agency columns declare.
"""

import functools
import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import thai
from provinces.models import Agency, District, Province, Subdistrict, province_named, with_word
from rosters.validation.cells import CellError, Context, cell_text
from rosters.validation.parsers import please_fill

_PLACE_PREFIX = re.compile(r"^(ตำบล|ต\.|แขวง|อำเภอ|อ\.|เขต|กิ่งอำเภอ|กิ่งอ\.|จังหวัด|จ\.)\s*")


def place_key(text: str) -> str:
    return _PLACE_PREFIX.sub("", text).replace(" ", "")


def _both(first: str, second: str) -> str:
    return _("%(first)s และ %(second)s") % {"first": first, "second": second}


class Places:
    """Every subdistrict and district of the country in dictionaries, read once; names resolved inside one province."""

    def __init__(self, province: Province):
        self.province = province
        self.province_names = {
            pk: (code, th, en) for pk, code, th, en in Province.objects.values_list("id", "code", "name_th", "name_en")
        }
        self.districts = {}
        self.district_by_code = {}
        self.district_by_name: dict[str, list[int]] = {}  # names inside the province only
        for pk, code, name, province_id in District.objects.values_list("id", "code", "name_th", "province_id"):
            self.districts[pk] = (code, name, province_id)
            self.district_by_code[code] = pk
            if province_id == province.pk:
                self.district_by_name.setdefault(place_key(name), []).append(pk)
        # Officers write "เมือง" for เมืองลำปาง.
        mueang = self.district_by_name.get("เมือง" + place_key(province.name_th))
        if mueang:
            self.district_by_name.setdefault("เมือง", mueang)
        self.subdistricts = {}
        self.sub_by_code = {}
        self.sub_by_name: dict[str, list[int]] = {}  # inside the province
        self.elsewhere: dict[str, list[int]] = {}  # name -> the provinces outside that have it, for a helpful message
        for pk, code, name, district_id, province_id in Subdistrict.objects.values_list(
            "id", "code", "name_th", "district_id", "province_id"
        ):
            self.subdistricts[pk] = (code, name, district_id, province_id)
            self.sub_by_code[code] = pk
            key = place_key(name)
            if province_id == province.pk:
                self.sub_by_name.setdefault(key, []).append(pk)
            else:
                others = self.elsewhere.setdefault(key, [])
                if province_id not in others:
                    others.append(province_id)
        self._cache: dict[tuple[str, str], int | tuple[str, str]] = {}

    def describe_subdistrict(self, pk) -> str:
        code, name, district_id, _province_id = self.subdistricts[pk]
        district_name = self.districts[district_id][1]
        province = self.province
        return (
            f"{with_word(province.subdistrict_word, name)} {with_word(province.district_word, district_name)} ({code})"
        )

    def district(self, text: str) -> int | None:
        """The district's id; a CellError here is the district cell's fault (column "district")."""
        if not text:
            return None
        code = text.translate(thai.THAI_DIGITS)
        if code.isdigit() and len(code) == 4:
            pk = self.district_by_code.get(code)
            if pk is None:
                raise CellError(_("ไม่มีอำเภอรหัส %(code)s") % {"code": code}, column="district")
            if self.districts[pk][2] != self.province.pk:
                raise CellError(
                    _("อำเภอรหัส %(code)s (%(name)s) อยู่ใน%(province)s ไม่ใช่%(importing)s")
                    % {
                        "code": code,
                        "name": self.districts[pk][1],
                        "province": self._province_name(self.districts[pk][2]),
                        "importing": self._importing(),
                    },
                    column="district",
                )
            return pk
        matches = self.district_by_name.get(place_key(text))
        if not matches:
            raise CellError(
                _("ไม่พบอำเภอ “%(name)s” ใน%(province)s") % {"name": text, "province": self._importing()},
                column="district",
            )
        return matches[0]

    def _province_name(self, province_id) -> str:
        return province_named(*self.province_names.get(province_id, ("", "", "")))

    def _importing(self) -> str:
        """The province being imported, as a message names it."""
        return self.province.shown_name

    def subdistrict(self, text: str, district_text: str) -> int:
        """The subdistrict's id; a name that two places share is an error naming both."""
        cache_key = (text, district_text)
        cached = self._cache.get(cache_key)
        if cached is not None:
            if isinstance(cached, tuple):
                raise CellError(cached[0], column=cached[1])
            return cached
        try:
            result = self._subdistrict(text, district_text)
        except CellError as exc:
            self._cache[cache_key] = (str(exc), exc.column)  # not the exception: it would keep its frames
            raise
        self._cache[cache_key] = result
        return result

    def _subdistrict(self, text: str, district_text: str) -> int:
        code = text.translate(thai.THAI_DIGITS)
        district_pk = self.district(district_text) if district_text else None
        if code.isdigit() and len(code) == 6:
            pk = self.sub_by_code.get(code)
            if pk is None:
                raise CellError(_("ไม่มีตำบลรหัส %(code)s") % {"code": code})
            _code, name, district_id, province_id = self.subdistricts[pk]
            if province_id != self.province.pk:
                raise CellError(
                    _("ตำบลรหัส %(code)s (%(name)s) อยู่ใน%(province)s ไม่ใช่%(importing)s")
                    % {
                        "code": code,
                        "name": name,
                        "province": self._province_name(province_id),
                        "importing": self._importing(),
                    }
                )
            if district_pk and district_id != district_pk:
                raise CellError(
                    _("ตำบลรหัส %(code)s (%(name)s) ไม่ได้อยู่ในอำเภอ%(district)s")
                    % {"code": code, "name": name, "district": self.districts[district_pk][1]}
                )
            return pk
        key = place_key(text)
        matches = self.sub_by_name.get(key, [])
        if district_pk:
            in_district = [pk for pk in matches if self.subdistricts[pk][2] == district_pk]
            if not in_district:
                if matches:
                    raise CellError(
                        _("ไม่พบตำบล “%(name)s” ในอำเภอ%(district)s (มี %(found)s)")
                        % {
                            "name": text,
                            "district": self.districts[district_pk][1],
                            "found": ", ".join(self.describe_subdistrict(pk) for pk in matches),
                        }
                    )
                raise CellError(self._not_found(text, key))
            matches = in_district
        if not matches:
            raise CellError(self._not_found(text, key))
        if len(matches) > 1:
            described = [self.describe_subdistrict(pk) for pk in matches]
            found = functools.reduce(_both, described)
            raise CellError(
                _("ชื่อตำบล “%(name)s” ซ้ำกันใน%(province)s: %(found)s ระบุอำเภอหรือใช้รหัสตำบล 6 หลัก")
                % {"name": text, "province": self._importing(), "found": found}
            )
        return matches[0]

    def _not_found(self, text: str, key: str) -> str:
        others = self.elsewhere.get(key)
        if others:
            names = sorted((self._province_name(p) for p in others), key=thai.thai_sort_key)
            listed = ", ".join(names[:3])
            if len(names) > 3:
                more = len(names) - 3
                listed = ngettext("%(names)s และอีก %(count)s จังหวัด", "%(names)s และอีก %(count)s จังหวัด", more) % {
                    "names": listed,
                    "count": more,
                }
            return _("ตำบล “%(name)s” ไม่ได้อยู่ใน%(province)s (เป็นชื่อตำบลใน%(elsewhere)s)") % {
                "name": text,
                "province": self._importing(),
                "elsewhere": listed,
            }
        return _("ไม่พบตำบล “%(name)s” ใน%(province)s") % {"name": text, "province": self._importing()}

    def check_province(self, text: str) -> None:
        if not text:
            return
        code = text.translate(thai.THAI_DIGITS)
        if code == self.province.code or place_key(text) in {place_key(self.province.name_th), self.province.name_en}:
            return
        raise CellError(
            _("จังหวัด “%(name)s” ไม่ใช่%(province)s ซึ่งเป็นจังหวัดที่กำลังนำเข้า") % {"name": text, "province": self._importing()}
        )


_PROVINCE_NAMED = re.compile(r"จังหวัด(\S+)")


@functools.cache
def province_names() -> frozenset[str]:
    """Every province's Thai name as a place key (they do not change while the portal runs)."""
    provinces = Province.objects.across_provinces("the names of the provinces, public")
    return frozenset(place_key(name) for name in provinces.values_list("name_th", flat=True))


class Agencies:
    KEYWORDS = [
        ("ประกันสังคม", Agency.Kind.SOCIAL_SECURITY),
        ("สวัสดิการ", Agency.Kind.WELFARE),
        ("คุ้มครองแรงงาน", Agency.Kind.WELFARE),
        ("จัดหางาน", Agency.Kind.EMPLOYMENT),
        ("พัฒนาฝีมือ", Agency.Kind.SKILL),
        ("สพร", Agency.Kind.SKILL),
        ("แรงงานจังหวัด", Agency.Kind.LABOUR),
        ("สำนักงานแรงงาน", Agency.Kind.LABOUR),
    ]

    def __init__(self, province: Province):
        self.province = province
        self.by_kind = {a.kind: a.pk for a in Agency.objects.filter(province=province)}
        self.by_name = {}
        for agency in Agency.objects.filter(province=province):
            self.by_name[place_key(agency.name_th)] = agency.pk
            self.by_name[place_key(str(agency.get_kind_display()))] = agency.pk
            self.by_name[agency.kind] = agency.pk

    def agency(self, text: str) -> int:
        key = place_key(text)
        if key in self.by_name:
            return self.by_name[key]
        named = _PROVINCE_NAMED.search(text.replace(" ", ""))
        if named and named.group(1) != place_key(self.province.name_th) and named.group(1) in province_names():
            # The kind's keyword would find this province's office of that kind: another province's is not it.
            raise CellError(
                _("หน่วยงาน “%(name)s” อยู่ในจังหวัด%(elsewhere)s ไม่ใช่%(province)s ซึ่งเป็นจังหวัดที่กำลังนำเข้า")
                % {"name": text, "elsewhere": named.group(1), "province": self._importing()}
            )
        for word, kind in self.KEYWORDS:
            if word in key and kind in self.by_kind:
                return self.by_kind[kind]
        raise CellError(_("ไม่พบหน่วยงาน “%(name)s” ใน%(province)s") % {"name": text, "province": self._importing()})

    def _importing(self) -> str:
        return self.province.shown_name


def places_of(context: Context) -> Places:
    places = context.memo.get("places")
    if places is None:
        places = context.memo["places"] = Places(context.province)
    return places


def subdistrict(column, context: Context):
    """The subdistrict's id from the subdistrict cell and the district cell beside it (which may be absent)."""
    find = places_of(context).subdistrict

    def convert(cells):
        sub_cell, district_cell = cells
        sub_text = cell_text(sub_cell)
        if not sub_text:
            raise CellError(please_fill(column.header))
        # A wrong district cell's CellError names the district column (Places.district).
        return find(sub_text, cell_text(district_cell))

    return convert


def province(column, context: Context):
    """Blank, or the province being imported: a roster never moves people to another province."""
    check = places_of(context).check_province

    def convert(cell):
        check(cell_text(cell))

    return convert


def agency(column, context: Context):
    agencies = context.memo.get("agencies")
    if agencies is None:
        agencies = context.memo["agencies"] = Agencies(context.province)

    def convert(cell):
        value = cell_text(cell)
        if not value:
            raise CellError(please_fill(column.header))
        return agencies.agency(value)

    return convert
