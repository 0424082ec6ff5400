"""Coverage by quota: how many serving subdistrict leads each subdistrict has against its quota, summed per district
and per province.

A subdistrict is covered when its serving leads (Volunteer.objects.serving(on), tier lead) reach its quota; its
vacancies are what is missing, max(quota − leads, 0), and it is filled by min(leads, quota), so a subdistrict with
more leads than its quota does not hide another's vacancy. Network members are counted beside the leads and fill
nothing.

Two queries whatever the size of the registry: the subdistricts with their quotas, and the serving volunteers counted
per subdistrict and tier in one GROUP BY; the sums are made in Python. Nothing here imports the reports, which call
quota_coverage_by_district() and quota_coverage_by_province() for every province at once.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from provinces.models import Province, Subdistrict, with_word
from volunteers.models import Volunteer
from volunteers.rules import Tier

# The callers decide who may see a province's coverage (the coverage views 404 another province's; the reports check
# theirs); the counts themselves are read across provinces.
COVERAGE = "quota coverage; the caller checks who may see the province"


@dataclass
class Totals:
    """The sums over some subdistricts: quota, filled (Σ min(leads, quota)), vacancies, covered subdistricts."""

    subdistricts: int = 0
    covered: int = 0
    quota: int = 0
    filled: int = 0
    vacancies: int = 0
    leads: int = 0
    network: int = 0

    def add(self, place: "SubdistrictCoverage") -> None:
        self.subdistricts += 1
        self.covered += place.covered
        self.quota += place.quota
        self.filled += place.filled
        self.vacancies += place.missing
        self.leads += place.leads
        self.network += place.network

    @property
    def uncovered(self) -> int:
        return self.subdistricts - self.covered

    @property
    def filled_percent(self) -> float | None:
        return round(100.0 * self.filled / self.quota, 1) if self.quota else None

    def as_dict(self) -> dict:
        return {
            "subdistricts": self.subdistricts,
            "covered": self.covered,
            "quota": self.quota,
            "filled": self.filled,
            "vacancies": self.vacancies,
            "leads": self.leads,
            "network": self.network,
        }


@dataclass
class SubdistrictCoverage:
    pk: int
    code: str
    name_th: str
    district_id: int
    quota: int
    leads: int = 0
    network: int = 0

    @property
    def missing(self) -> int:
        return max(self.quota - self.leads, 0)

    @property
    def filled(self) -> int:
        return min(self.leads, self.quota)

    @property
    def covered(self) -> bool:
        return self.leads >= self.quota


@dataclass
class DistrictCoverage:
    pk: int
    code: str
    name_th: str
    name_en: str
    subdistricts: list[SubdistrictCoverage] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


@dataclass
class ProvinceCoverage:
    province: Province
    on: dt.date
    districts: list[DistrictCoverage]
    totals: Totals

    def district_name(self, district: DistrictCoverage) -> str:
        return with_word(self.province.district_word, district.name_th)

    def subdistrict_name(self, place: SubdistrictCoverage) -> str:
        return with_word(self.province.subdistrict_word, place.name_th)

    @property
    def subdistricts(self) -> list[SubdistrictCoverage]:
        return [place for district in self.districts for place in district.subdistricts]

    def below_quota(self) -> list[tuple[DistrictCoverage, SubdistrictCoverage]]:
        return [(d, place) for d in self.districts for place in d.subdistricts if not place.covered]


def serving_counts(on: dt.date, **where) -> dict[int, tuple[int, int]]:
    """{subdistrict id: (serving leads, serving network members)} in one GROUP BY."""
    rows = (
        Volunteer.objects.across_provinces(COVERAGE)
        .serving(on)
        .filter(**where)
        .order_by()
        .values("subdistrict_id")
        .annotate(leads=Count("pk", filter=Q(tier=Tier.LEAD)), network=Count("pk", filter=Q(tier=Tier.NETWORK)))
    )
    return {row["subdistrict_id"]: (row["leads"], row["network"]) for row in rows}


def _places(on: dt.date, **where) -> list[tuple[dict, SubdistrictCoverage]]:
    # A volunteer carries its province, so both queries filter on the same column names.
    counts = serving_counts(on, **where)
    rows = (
        Subdistrict.objects.filter(**where)
        .order_by("district__code", "code")
        .values(
            "pk",
            "code",
            "name_th",
            "quota",
            "province_id",
            "province__code",
            "district_id",
            "district__code",
            "district__name_th",
            "district__name_en",
        )
    )
    places = []
    for row in rows:
        leads, network = counts.get(row["pk"], (0, 0))
        place = SubdistrictCoverage(
            pk=row["pk"],
            code=row["code"],
            name_th=row["name_th"],
            district_id=row["district_id"],
            quota=row["quota"],
            leads=leads,
            network=network,
        )
        places.append((row, place))
    return places


def province_coverage(province: Province, on: dt.date | None = None) -> ProvinceCoverage:
    """Every subdistrict of the province with its quota, serving leads and network members, grouped by district."""
    on = on or timezone.localdate()
    districts: dict[int, DistrictCoverage] = {}
    totals = Totals()
    for row, place in _places(on, province=province):
        district = districts.get(place.district_id)
        if district is None:
            district = districts[place.district_id] = DistrictCoverage(
                pk=place.district_id,
                code=row["district__code"],
                name_th=row["district__name_th"],
                name_en=row["district__name_en"],
            )
        district.subdistricts.append(place)
        district.totals.add(place)
        totals.add(place)
    return ProvinceCoverage(province=province, on=on, districts=list(districts.values()), totals=totals)


def _scope(province=None, provinces=None) -> dict:
    if province is not None:
        return {"province": province}
    if provinces is not None:
        return {"province__in": provinces}
    return {}


def quota_coverage_by_district(on: dt.date | None = None, *, province=None, provinces=None) -> list[dict]:
    """One row per district of the chosen provinces (all of them by default), in DOPA order: the province's id and
    code, the district's id, code and names, and the sums of Totals.as_dict(). Two queries for the whole nation."""
    on = on or timezone.localdate()
    rows: dict[int, dict] = {}
    sums: dict[int, Totals] = defaultdict(Totals)
    for row, place in _places(on, **_scope(province, provinces)):
        if place.district_id not in rows:
            rows[place.district_id] = {
                "province_id": row["province_id"],
                "province_code": row["province__code"],
                "district_id": place.district_id,
                "code": row["district__code"],
                "name_th": row["district__name_th"],
                "name_en": row["district__name_en"],
            }
        sums[place.district_id].add(place)
    return [{**row, **sums[pk].as_dict()} for pk, row in rows.items()]


def quota_coverage_by_province(on: dt.date | None = None, *, provinces=None) -> dict[str, dict]:
    """{province code: Totals.as_dict()} for the chosen provinces (all by default), from the district rows."""
    result: dict[str, dict] = {}
    for row in quota_coverage_by_district(on, provinces=provinces):
        totals = result.setdefault(row["province_code"], dict.fromkeys(Totals().as_dict(), 0))
        for key in totals:
            totals[key] += row[key]
    return result
