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

from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext

from core.history import account_names, writer
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
    display_name: str = ""
    subdistricts: list[SubdistrictCoverage] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


@dataclass
class ProvinceCoverage:
    province: Province
    on: dt.date
    districts: list[DistrictCoverage]
    totals: Totals

    def district_name(self, district: DistrictCoverage) -> str:
        return district.display_name or with_word(self.province.district_word, district.name_th)

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
                display_name=with_word(province.district_word, row["district__name_th"]),
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


@dataclass
class QuotaChange:
    """One decision in the quota history: who, when, where (the province or one subdistrict), from → to, why."""

    at: dt.datetime
    username: str
    place: str
    subdistricts: int
    from_quota: str
    to_quota: int
    reason: str


def quota_history(province: Province, limit: int = 100) -> list[QuotaChange]:
    """The province's quota changes, newest first, one line per decision (a province-wide change is one line)."""
    from pghistory.models import Context

    from provinces.models import SubdistrictQuotaEvent

    groups = list(
        SubdistrictQuotaEvent.objects.filter(pgh_obj__province=province)
        .order_by()
        .values("pgh_context_id")
        .annotate(
            at=Max("pgh_created_at"),
            count=Count("pgh_id"),
            to=Max("quota"),
            subdistrict_id=Min("pgh_obj_id"),
            # Two changes in one transaction share its timestamp (NOW()); the event ids keep their order.
            last_event=Max("pgh_id"),
        )
        .order_by("-at", "-last_event")[:limit]
    )
    contexts = {c.pk: c.metadata for c in Context.objects.filter(pk__in={g["pgh_context_id"] for g in groups})}
    users = account_names(contexts.values())
    names = {
        s.pk: f"{with_word(province.subdistrict_word, s.name_th)} {with_word(province.district_word, s.district.name_th)}"
        for s in Subdistrict.objects.select_related("district").filter(pk__in={g["subdistrict_id"] for g in groups})
    }
    changes = []
    for group in groups:
        metadata = contexts.get(group["pgh_context_id"], {})
        province_wide = metadata.get("quota_scope") == "province"
        previous = metadata.get("quota_from")
        changes.append(
            QuotaChange(
                at=group["at"],
                username=writer(metadata, users),
                place=(
                    gettext("ทั้ง%(province)s") % {"province": province.shown_name}
                    if province_wide or group["count"] > 1
                    else names.get(group["subdistrict_id"], "")
                ),
                subdistricts=group["count"],
                from_quota=", ".join(str(q) for q in previous) if previous else "",
                to_quota=metadata.get("quota_to", group["to"]),
                reason=metadata.get("reason", ""),
            )
        )
    return changes


# geothai has no coordinates: the nearest subdistricts are the others of the same district, by closeness of DOPA code
# (codes are given in order across a district, so neighbouring codes are mostly neighbouring places).
NEIGHBOURS = 3
VOLUNTEERS_PER_NEIGHBOUR = 3


@dataclass
class Contact:
    name: str
    phone: str
    detail: str = ""


@dataclass
class Neighbour:
    name: str
    volunteers: list[Contact]


@dataclass
class Vacancy:
    district: DistrictCoverage
    place: SubdistrictCoverage
    district_name: str
    subdistrict_name: str
    neighbours: list[Neighbour]
    mentors: list[Contact]
    mentors_from_office: bool


@dataclass
class VacancyList:
    coverage: ProvinceCoverage
    vacancies: list[Vacancy]
    district_code: str = ""

    @property
    def missing(self) -> int:
        return sum(v.place.missing for v in self.vacancies)


def vacancy_list(province: Province, on: dt.date | None = None, *, district_code: str = "") -> VacancyList:
    """Each subdistrict below its quota (of one district if given), with how many leads are missing, the serving
    volunteers of its nearest subdistricts, and the mentors to call: those who coach serving volunteers of the
    district (they know the area and will coach the recruit), else the mentors of the province's labour office.
    Four queries for the whole province."""
    from mentors.models import Mentor
    from provinces.models import Agency

    coverage = province_coverage(province, on)
    below = [(d, p) for d, p in coverage.below_quota() if not district_code or d.code == district_code]
    districts = {d.pk for d, _p in below}
    people = (
        Volunteer.objects.across_provinces(COVERAGE)
        .serving(coverage.on)
        .filter(province=province, subdistrict__district__in=districts)
        .only("title", "title_other", "first_name", "last_name", "phone", "tier", "mentor_id", "subdistrict_id")
        .annotate(district_pk=F("subdistrict__district_id"))
        .order_by("tier", "first_name_sort", "last_name_sort")
    )
    by_place: dict[int, list[Contact]] = defaultdict(list)
    mentor_ids: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for person in people:
        by_place[person.subdistrict_id].append(Contact(person.full_name, person.phone_display, person.tier_display))
        if person.mentor_id:
            mentor_ids[person.district_pk][person.mentor_id] += 1
    mentors = {
        m.pk: m
        for m in Mentor.objects.across_provinces(COVERAGE)
        .filter(
            Q(pk__in={pk for ids in mentor_ids.values() for pk in ids})
            | Q(province=province, agency__kind=Agency.Kind.LABOUR),
            is_active=True,
        )
        .select_related("agency")
    }
    office = [m for m in mentors.values() if m.province_id == province.pk and m.agency.kind == Agency.Kind.LABOUR]

    def contact(mentor) -> Contact:
        return Contact(mentor.full_name, mentor.phone_display, mentor.agency.name_th)

    vacancies = []
    for district, place in below:
        others = sorted(
            (p for p in district.subdistricts if p.pk != place.pk and by_place.get(p.pk)),
            key=lambda p: (abs(int(p.code) - int(place.code)), p.code),
        )[:NEIGHBOURS]
        coaching = sorted(mentor_ids.get(district.pk, {}).items(), key=lambda item: -item[1])
        district_mentors = [contact(mentors[pk]) for pk, _n in coaching if pk in mentors]
        vacancies.append(
            Vacancy(
                district=district,
                place=place,
                district_name=coverage.district_name(district),
                subdistrict_name=coverage.subdistrict_name(place),
                neighbours=[
                    Neighbour(coverage.subdistrict_name(p), by_place[p.pk][:VOLUNTEERS_PER_NEIGHBOUR]) for p in others
                ],
                mentors=district_mentors or [contact(m) for m in office],
                mentors_from_office=not district_mentors,
            )
        )
    return VacancyList(coverage=coverage, vacancies=vacancies, district_code=district_code)
