"""Read queries behind the province report and the national dashboard.

Every figure comes from a fixed number of GROUP BY queries, whatever the size of the registry, and no query
aggregates over two joins at once (Django's annotate() would multiply the rows): targets, registrations and
attendance are each counted in a query of their own and joined in Python.

Counts over the whole registry (volunteers by status and year, departures, registrations and attendance) are read
from the tallies of reports/models.py, which triggers keep exact; a province's own tables (districts, mentors, ages)
are counted from its volunteers through an index that holds every column they need.

Volunteer figures are as at the end of the chosen fiscal year, rebuilt from each volunteer's current status and
the date it took effect: someone who resigned after the year ended was still serving in it.
"""

import datetime as dt
from collections import defaultdict

from django.db import connection
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.people import titled_first_name
from core.thai import current_fiscal_year, fiscal_year_bounds
from mentors.models import Mentor
from provinces.models import Agency, District, Province, Region, Subdistrict
from reports.models import LeaverTally, LeaverYear, TrainingProvinceTally, TrainingTally, VolunteerTally
from trainings.models import Attendance, Category, Event, EventTarget, Registration
from volunteers.models import StatusChange, Volunteer
from volunteers.rules import appointed_by, serving_at

ACTIVE = Volunteer.Status.ACTIVE
SUSPENDED = Volunteer.Status.SUSPENDED
RESIGNED = Volunteer.Status.RESIGNED
DECEASED = Volunteer.Status.DECEASED
LEFT = (RESIGNED, DECEASED)
STATUSES = (ACTIVE, SUSPENDED, RESIGNED, DECEASED)
TREND_YEARS = 5
STALE_ROSTER_DAYS = 90
# The figures are computed once and cached for everyone allowed to open the report: the report views decide who
# that is (national pages answer 404 to province staff; a province report needs the province in the user's scope).
FIGURES = "report figures; reports/views.py checks who may see them"
# Labels in Thai, as the cached figures and the workbook keep them; marked so that the page can translate them.
AGE_BANDS = [
    (None, 29, gettext_noop("ต่ำกว่า 30")),
    (30, 39, "30–39"),
    (40, 49, "40–49"),
    (50, 59, "50–59"),
    (60, None, gettext_noop("60 ขึ้นไป")),
]
GENDERS = (Volunteer.Gender.MALE, Volunteer.Gender.FEMALE, Volunteer.Gender.OTHER)
NO_BIRTH_DATE = gettext_noop("ไม่ระบุวันเกิด")


def percent(part, whole) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def ratio(part, whole) -> float | None:
    return round(part / whole, 1) if whole else None


def trend_years(fy: int) -> list[int]:
    return list(range(fy - TREND_YEARS + 1, fy + 1))


def active_at(end: dt.date) -> Q:
    """Volunteers serving on `end` (volunteers.rules.serving_at)."""
    return serving_at(end, appointed="appointed_on", changed="status_changed_on")


def total(field: str, condition: Q | None = None):
    """A sum of tally rows, 0 rather than None when no row matches."""
    return Coalesce(Sum(field, filter=condition), 0)


# ---------------------------------------------------------------------------------------------------------------
# Volunteers: from the tally of volunteers per province, status, fiscal year of appointment and of the latest status
# change (a few hundred rows a province), never from the million volunteers themselves. Fiscal year 0 is "no date".


def volunteer_figures(years: list[int], fy: int, **scope) -> dict:
    """{province_id: figures}: status at the end of `fy`; serving at the end of, and appointed in, each of `years`."""
    appointed_by_end = Q(appointed_fy__lte=fy)
    changed_by_end = Q(changed_fy__lte=fy)
    aggregates = {"total": total("volunteers", appointed_by_end)}
    for status in (SUSPENDED, RESIGNED, DECEASED):
        aggregates[status] = total("volunteers", appointed_by_end & changed_by_end & Q(status=status))
    for y in years:
        serving = serving_at(y, appointed="appointed_fy", changed="changed_fy")
        aggregates[f"active_{y}"] = total("volunteers", serving)
        aggregates[f"appointed_{y}"] = total("volunteers", Q(appointed_fy=y))
    rows = VolunteerTally.objects.filter(**scope).values("province_id").annotate(**aggregates).order_by()
    return {row.pop("province_id"): row for row in rows}


EMPTY_FIGURES = defaultdict(int)


def status_figures(figures: dict, fy: int) -> dict:
    active = figures[f"active_{fy}"]
    return {
        "active": active,
        "suspended": figures[SUSPENDED],
        "resigned": figures[RESIGNED],
        "deceased": figures[DECEASED],
        "serving": active + figures[SUSPENDED],
        "total": figures["total"],
        "appointed": figures[f"appointed_{fy}"],
    }


def leaver_counts(fy_list: list[int], **scope) -> dict:
    """{(province_id, fy): volunteers who resigned or died in that fiscal year}, each counted once in a year."""
    rows = LeaverTally.objects.filter(fiscal_year__in=fy_list, **scope).values_list(
        "province_id", "fiscal_year", "volunteers"
    )
    return {(province_id, fy): n for province_id, fy, n in rows}


def coverage_by_district(end: dt.date, **scope) -> list[dict]:
    """Subdistricts per district and how many have a volunteer serving on `end` (EXISTS, not COUNT DISTINCT)."""
    serving_here = Volunteer.objects.across_provinces(FIGURES).filter(active_at(end), subdistrict=OuterRef("pk"))
    return list(
        Subdistrict.objects.filter(**scope)
        .values("district_id", "province_id")
        .annotate(subdistricts=Count("pk"), covered=Count("pk", filter=Exists(serving_here)))
        .order_by()
    )


# ---------------------------------------------------------------------------------------------------------------
# Training


def training_by_event(events, **registration_scope) -> dict:
    """{event_id: {category: {target, registered, attended}}}: targets and registrations in separate queries."""
    figures = defaultdict(lambda: defaultdict(lambda: {"target": 0, "registered": 0, "attended": 0}))
    for event_id, category, target in EventTarget.objects.filter(event__in=events.values("pk")).values_list(
        "event_id", "category", "target"
    ):
        figures[event_id][category]["target"] += target
    rows = (
        TrainingTally.objects.filter(event__in=events.values("pk"), **registration_scope)
        .values_list("event_id", "category")
        .annotate(registered=Sum("registered"), attended=Sum("attended"))
        .order_by()
    )
    for event_id, category, registered, attended in rows:
        figures[event_id][category]["registered"] += registered
        figures[event_id][category]["attended"] += attended
    return figures


def category_rows(by_category: dict) -> list[dict]:
    labels = dict(Category.choices)
    rows = []
    for category in Category.values:
        if category in by_category:
            f = by_category[category]
            rows.append(
                {"category": category, "label": labels[category], **f, "rate": percent(f["attended"], f["target"])}
            )
    return rows


def totals_of(rows: list[dict], *keys) -> dict:
    return {k: sum(r[k] or 0 for r in rows) for k in keys}


# ---------------------------------------------------------------------------------------------------------------
# The province report


def province_report(province: Province, fy: int) -> dict:
    """Every table and chart of one province's report for fiscal year `fy`."""
    start, end = fiscal_year_bounds(fy)
    years = trend_years(fy)

    figures = volunteer_figures(years, fy, province=province).get(province.pk, EMPTY_FIGURES)
    leavers_per_year = leaver_counts(years, province=province)

    # The province's leavers of the year are a handful of tally rows; their changes are then found by volunteer.
    left_here = LeaverYear.objects.filter(province=province, fiscal_year=fy).values("volunteer_id")
    leavers = leaver_list(
        StatusChange.objects.filter(to_status__in=LEFT, changed_on__range=(start, end), volunteer_id__in=left_here)
    )
    reason_counts = defaultdict(int)
    for leaver in leavers:
        reason_counts[(leaver["status"], leaver["reason"].strip() or "ไม่ระบุ")] += 1

    districts = district_table(province, end)
    province_mentors = {
        pk: (agency_id, is_active)
        for pk, agency_id, is_active in Mentor.objects.across_provinces(FIGURES)
        .filter(province=province)
        .values_list("pk", "agency_id", "is_active")
    }
    breakdown = volunteer_breakdown(province, end, province_mentors)
    districts = with_volunteers(districts, breakdown["districts"])
    coverage = totals_of(districts, "subdistricts", "covered")
    coverage["percent"] = percent(coverage["covered"], coverage["subdistricts"])

    mentors = mentor_table(province, province_mentors, breakdown["coached"])
    active_mentors = sum(m["active_mentors"] for m in mentors)
    without_mentor = sum(d["without_mentor"] for d in breakdown["districts"].values())

    hosted = hosted_events(province, fy)
    national = national_participation(province, fy)
    events_trend = hosted_trend(province, years)

    status = status_figures(figures, fy)
    headline = status | {
        "leavers": leavers_per_year.get((province.pk, fy), 0),
        "coverage": coverage,
        "active_mentors": active_mentors,
        "per_mentor": ratio(status["active"], active_mentors),
        "without_mentor": without_mentor,
        "events": len(hosted["events"]),
        "attended": hosted["totals"]["attended"],
        "attendance_rate": hosted["totals"]["rate"],
    }
    trend = [
        {
            "fy": y,
            "active": figures[f"active_{y}"],
            "appointed": figures[f"appointed_{y}"],
            "leavers": leavers_per_year.get((province.pk, y), 0),
            **events_trend[y],
        }
        for y in years
    ]
    return {
        "fy": fy,
        "as_at": min(end, timezone.localdate()),
        "headline": headline,
        "status_rows": [{"status": s, "label": Volunteer.Status(s).label, "count": status[s]} for s in STATUSES],
        "leavers": leavers,
        "leaver_reasons": [
            {"status": s, "reason": r, "count": n}
            for (s, r), n in sorted(reason_counts.items(), key=lambda item: (-item[1], item[0]))
        ],
        "districts": districts,
        "mentors": mentors,
        "age_gender": age_gender(breakdown["ages"]),
        "hosted": hosted,
        "national": national,
        "trend": trend,
    }


def leaver_list(changes) -> list[dict]:
    """The departures as rows of plain values: a few hundred of them would cost more as model instances."""
    titles = {value: str(label) for value, label in Volunteer.Title.choices}
    statuses = {value: str(label) for value, label in Volunteer.Status.choices}
    rows = changes.order_by("changed_on", "pk").values_list(
        "volunteer__title",
        "volunteer__title_other",
        "volunteer__first_name",
        "volunteer__last_name",
        "volunteer__subdistrict__district__name_th",
        "volunteer__subdistrict__name_th",
        "to_status",
        "changed_on",
        "reason",
    )
    return [
        {
            # As Volunteer.full_name puts it: the title typed in when it is "other", else the title's label.
            "name": titled_first_name(title_other if title == Volunteer.Title.OTHER else titles.get(title, ""), first)
            + f" {last}",
            "district": district,
            "subdistrict": subdistrict,
            "status": statuses[to_status],
            "changed_on": changed_on,
            "reason": reason,
        }
        for title, title_other, first, last, district, subdistrict, to_status, changed_on, reason in rows
    ]


# One pass over the province's volunteers (an index-only scan of reports_volunteer_report, joined to the province's
# hundred-odd subdistricts for their district) gives the district table, the mentor figures and the age pyramid
# together: GROUPING SETS count two groupings from the same rows, in hash tables. The (district, mentor) groups are
# then added up in Python into districts, mentors per district (without COUNT(DISTINCT)) and agencies (a mentor
# belongs to one agency). Grouping by district rather than subdistrict sends a third of the rows to Python.
BREAKDOWN_SQL = """
    SELECT GROUPING(district_id) = 0, district_id, mentor_id, gender, age,
           count(*) FILTER (WHERE appointed), count(*) FILTER (WHERE serving), count(*) FILTER (WHERE active_now)
    FROM ({volunteers}) AS v
    GROUP BY GROUPING SETS ((district_id, mentor_id), (gender, age))
"""


def breakdown_rows_sql(province: Province, end: dt.date) -> tuple[str, tuple]:
    """The grouping above over one row per volunteer of the province, whose "appointed" and "serving" come from the
    volunteers' own rules (volunteers.rules), compiled by the ORM rather than written again in SQL."""
    volunteers = (
        Volunteer.objects.across_provinces(FIGURES)
        # a volunteer's province is always their subdistrict's (Volunteer.save()), so this join drops nobody
        .filter(province=province, subdistrict__province=province)
        .values(
            "mentor_id",
            "gender",
            district_id=F("subdistrict__district_id"),
            active_now=ExpressionWrapper(Q(status=ACTIVE), output_field=BooleanField()),
            appointed=ExpressionWrapper(appointed_by(end, "appointed_on"), output_field=BooleanField()),
            serving=ExpressionWrapper(
                serving_at(end, appointed="appointed_on", changed="status_changed_on"), output_field=BooleanField()
            ),
            # age on 30 September: born in October to December, one birthday fewer (+ 92 days moves them on)
            age=RawSQL('%s - extract(year FROM "volunteers_volunteer"."birth_date" + 92)::integer', [end.year]),
        )
        .order_by()  # grouped next: the list's name order would only add a sort
    )
    sql, params = volunteers.query.sql_with_params()
    return BREAKDOWN_SQL.format(volunteers=sql), params


def volunteer_breakdown(province: Province, end: dt.date, mentors: dict) -> dict:
    """The province's volunteers per district, per mentor agency, and serving ones by gender and age on `end`.

    `mentors` maps the province's mentors to (agency, active?). A volunteer's mentor is always one of the province's
    (Volunteer.clean(); a move to another province clears it).
    """
    districts = defaultdict(lambda: {"total": 0, "active": 0, "without_mentor": 0, "mentors": 0})
    coached, ages = defaultdict(int), {}
    with connection.cursor() as cursor:
        cursor.execute(*breakdown_rows_sql(province, end))
        for per_place, district_id, mentor_id, gender, age, total, serving, active_now in cursor.fetchall():
            if not per_place:
                if serving:
                    ages[(gender, age)] = serving
                continue
            district = districts[district_id]
            district["total"] += total
            district["active"] += serving
            mentor = mentors.get(mentor_id)
            if mentor is None or not mentor[1]:
                district["without_mentor"] += serving
            if mentor is not None:
                coached[mentor[0]] += active_now
            # one row per (district, mentor): each mentor with someone serving here counts once
            if mentor_id is not None and serving:
                district["mentors"] += 1
    return {"districts": dict(districts), "coached": dict(coached), "ages": ages}


def district_table(province: Province, end: dt.date) -> list[dict]:
    """Per district: subdistricts and those with a volunteer serving on `end`."""
    serving_here = Volunteer.objects.across_provinces(FIGURES).filter(active_at(end), subdistrict=OuterRef("pk"))
    places = (
        Subdistrict.objects.filter(province=province)
        .annotate(covered=Exists(serving_here))
        .values_list("district_id", "district__code", "district__name_th", "district__name_en", "covered")
        .order_by("district__code", "code")
    )
    rows = {}
    for district_id, code, name, name_en, covered in places:
        row = rows.setdefault(
            district_id,
            {"pk": district_id, "code": code, "name": name, "name_en": name_en, "subdistricts": 0, "covered": 0},
        )
        row["subdistricts"] += 1
        row["covered"] += covered
    return list(rows.values())


def with_volunteers(districts: list[dict], volunteers: dict) -> list[dict]:
    """The district rows with their volunteers, coverage percentage and mentors, as the report shows them."""
    rows = []
    for d in districts:
        v = volunteers.get(d.pop("pk"), {})
        rows.append(
            d
            | {
                "active": v.get("active", 0),
                "total": v.get("total", 0),
                "coverage": percent(d["covered"], d["subdistricts"]),
                "mentors": v.get("mentors", 0),
            }
        )
    return rows


def mentor_table(province: Province, mentors: dict, coached: dict) -> list[dict]:
    """Mentors per agency of the province now, and the volunteers each agency's mentors look after."""
    rows = []
    for agency in Agency.objects.filter(province=province).order_by("kind"):
        of_agency = [active for agency_id, active in mentors.values() if agency_id == agency.pk]
        active_mentors = sum(of_agency)
        n = coached.get(agency.pk, 0)
        rows.append(
            {
                "agency": agency.name_th,
                "kind": agency.kind,
                "mentors": len(of_agency),
                "active_mentors": active_mentors,
                "volunteers": n,
                "per_mentor": ratio(n, active_mentors),
            }
        )
    return rows


def age_band(age: int | None) -> str:
    if age is None:
        return NO_BIRTH_DATE
    for low, high, label in AGE_BANDS:
        if (low is None or age >= low) and (high is None or age <= high):
            return label
    raise AssertionError(age)


def age_gender(ages: dict) -> dict:
    """Serving volunteers by age band and gender, from {(gender, age at the end of the year): volunteers}."""
    gender_labels = dict(Volunteer.Gender.choices)
    rows = {label: {"band": label, **dict.fromkeys(GENDERS, 0), "unknown": 0} for *_, label in AGE_BANDS}
    rows[NO_BIRTH_DATE] = {"band": NO_BIRTH_DATE, **dict.fromkeys(GENDERS, 0), "unknown": 0}
    for (gender, age), n in ages.items():
        rows[age_band(age)][gender if gender in GENDERS else "unknown"] += n
    rows = list(rows.values())
    for row in rows:
        row["total"] = sum(row[g] for g in GENDERS) + row["unknown"]
    totals = {g: sum(r[g] for r in rows) for g in (*GENDERS, "unknown", "total")}
    return {"rows": rows, "totals": totals, "genders": [(g, gender_labels[g]) for g in GENDERS]}


def hosted_events(province: Province, fy: int) -> dict:
    """Events the province hosted in the year (not cancelled), each with its figures per participant category."""
    # The later queries take the queryset, not the list: an empty list would skip a query and change the count.
    events_qs = (
        Event.objects.across_provinces(FIGURES)
        .filter(host_province=province, fiscal_year=fy)
        .exclude(status=Event.Status.CANCELLED)
        .order_by("start_date", "pk")
    )
    events = list(events_qs)
    figures = training_by_event(events_qs)
    rows = []
    for event in events:
        categories = category_rows(figures.get(event.pk, {}))
        totals = totals_of(categories, "target", "registered", "attended")
        totals["rate"] = percent(totals["attended"], totals["target"])
        rows.append({"event": event, "categories": categories, "totals": totals})
    totals = totals_of([r["totals"] for r in rows], "target", "registered", "attended")
    totals["rate"] = percent(totals["attended"], totals["target"])
    from_elsewhere = (
        TrainingProvinceTally.objects.filter(host_province=province, fiscal_year=fy, registered__gt=0)
        .exclude(home_province=province)
        .values("home_province__name_th", "registered", "attended")
        .order_by("-registered", "home_province__name_sort")
    )
    return {"events": rows, "totals": totals, "from_elsewhere": list(from_elsewhere)}


def national_participation(province: Province, fy: int) -> dict:
    """The province's people in national events of the year, by event and category."""
    events_qs = (
        Event.objects.across_provinces(FIGURES)
        .filter(level=Event.Level.NATIONAL, fiscal_year=fy)
        .exclude(status=Event.Status.CANCELLED)
        .filter(
            Exists(Registration.objects.across_provinces(FIGURES).filter(event=OuterRef("pk"), home_province=province))
        )
        .select_related("host_province")
        .order_by("start_date", "pk")
    )
    events = list(events_qs)
    rows = (
        TrainingTally.objects.filter(event__in=events_qs.values("pk"), home_province=province)
        .values_list("event_id", "category")
        .annotate(registered=Sum("registered"), attended=Sum("attended"))
        .order_by()
    )
    per_event = defaultdict(dict)
    for event_id, category, registered, attended in rows:
        per_event[event_id][category] = {"registered": registered, "attended": attended}
    labels = dict(Category.choices)
    result = []
    for event in events:
        categories = [
            {"label": labels[c], **per_event[event.pk][c]} for c in Category.values if c in per_event[event.pk]
        ]
        result.append(
            {"event": event, "categories": categories, "totals": totals_of(categories, "registered", "attended")}
        )
    return {"events": result, "totals": totals_of([r["totals"] for r in result], "registered", "attended")}


def hosted_trend(province: Province, years: list[int]) -> dict:
    events = dict(
        Event.objects.across_provinces(FIGURES)
        .filter(host_province=province, fiscal_year__in=years)
        .exclude(status=Event.Status.CANCELLED)
        .values_list("fiscal_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    attended = dict(
        TrainingProvinceTally.objects.filter(host_province=province, fiscal_year__in=years)
        .values_list("fiscal_year")
        .annotate(n=Sum("attended"))
        .order_by()
    )
    return {y: {"events": events.get(y, 0), "attended": attended.get(y, 0)} for y in years}


def province_headline(province: Province) -> dict:
    """The few figures on a province's landing page, for the current fiscal year, in four small queries."""
    fy = current_fiscal_year()
    _, end = fiscal_year_bounds(fy)
    active = VolunteerTally.objects.filter(province=province, status=ACTIVE).aggregate(n=total("volunteers"))["n"]
    coverage = coverage_by_district(end, province=province)
    subdistricts = sum(r["subdistricts"] for r in coverage)
    covered = sum(r["covered"] for r in coverage)
    mentors = Mentor.objects.across_provinces(FIGURES).filter(province=province, is_active=True).count()
    events = (
        Event.objects.across_provinces(FIGURES)
        .filter(host_province=province, fiscal_year=fy)
        .exclude(status=Event.Status.CANCELLED)
        .count()
    )
    return {
        "fy": fy,
        "active": active,
        "covered": covered,
        "subdistricts": subdistricts,
        "coverage": percent(covered, subdistricts),
        "mentors": mentors,
        "events": events,
    }


# ---------------------------------------------------------------------------------------------------------------
# The national dashboard


def dashboard(fy: int) -> dict:
    """All 77 provinces for fiscal year `fy`: one row each, totals per region and for the country, and trends."""
    _, end = fiscal_year_bounds(fy)
    years = trend_years(fy)
    provinces = list(Province.objects.select_related("region").order_by("region__sort_order", "code"))

    figures = volunteer_figures(years, fy)
    leavers = leaver_counts([fy])

    coverage = defaultdict(lambda: {"subdistricts": 0, "covered": 0, "districts": 0, "districts_uncovered": 0})
    for row in coverage_by_district(end):
        c = coverage[row["province_id"]]
        c["subdistricts"] += row["subdistricts"]
        c["covered"] += row["covered"]
        c["districts"] += 1
        c["districts_uncovered"] += row["covered"] == 0

    mentor_counts = dict(
        Mentor.objects.across_provinces(FIGURES)
        .filter(is_active=True)
        .values_list("province_id")
        .annotate(n=Count("pk"))
        .order_by()
    )

    events_qs = Event.objects.across_provinces(FIGURES).filter(fiscal_year=fy).exclude(status=Event.Status.CANCELLED)
    events = dict(events_qs.values_list("host_province_id").annotate(n=Count("pk")).order_by())
    targets = dict(
        EventTarget.objects.filter(event__in=events_qs)
        .values_list("event__host_province_id")
        .annotate(n=Sum("target"))
        .order_by()
    )
    hosted = defaultdict(lambda: {"registered": 0, "attended": 0})
    from_province = defaultdict(int)
    for host_id, home_id, registered, attended in TrainingProvinceTally.objects.filter(fiscal_year=fy).values_list(
        "host_province_id", "home_province_id", "registered", "attended"
    ):
        hosted[host_id]["registered"] += registered
        hosted[host_id]["attended"] += attended
        from_province[home_id] += attended

    rows = []
    for p in provinces:
        s = status_figures(figures.get(p.pk, EMPTY_FIGURES), fy)
        c = coverage[p.pk]
        m = mentor_counts.get(p.pk, 0)
        rows.append(
            {
                "code": p.code,
                "name": p.name_th,
                "name_en": p.name_en,
                "map_code": p.map_code,
                "region": p.region.code,
                "region_name": p.region.name_th,
                "active": s["active"],
                "serving": s["serving"],
                "total": s["total"],
                "appointed": s["appointed"],
                "leavers": leavers.get((p.pk, fy), 0),
                "subdistricts": c["subdistricts"],
                "covered": c["covered"],
                "coverage": percent(c["covered"], c["subdistricts"]),
                "districts_uncovered": c["districts_uncovered"],
                "mentors": m,
                "per_mentor": ratio(s["active"], m),
                "events": events.get(p.pk, 0),
                "target": targets.get(p.pk, 0) or 0,
                "registered": hosted[p.pk]["registered"],
                "attended": hosted[p.pk]["attended"],
                "attendance_rate": percent(hosted[p.pk]["attended"], targets.get(p.pk, 0)),
                "people_trained": from_province.get(p.pk, 0),
            }
        )

    regions = []
    for region in Region.objects.order_by("sort_order"):
        members = [r for r in rows if r["region"] == region.code]
        regions.append({"code": region.code, "name": region.name_th, "name_en": region.name_en, **summed(members)})
    country = summed(rows)

    trend = national_trend(years, figures)
    return {
        "fy": fy,
        "as_at": min(end, timezone.localdate()),
        "rows": rows,
        "regions": regions,
        "country": country,
        "trend": trend,
    }


SUMMED = (
    "active",
    "serving",
    "total",
    "appointed",
    "leavers",
    "subdistricts",
    "covered",
    "districts_uncovered",
    "mentors",
    "events",
    "target",
    "registered",
    "attended",
    "people_trained",
)


def summed(rows: list[dict]) -> dict:
    total = {k: sum(r[k] for r in rows) for k in SUMMED}
    total["provinces"] = len(rows)
    total["coverage"] = percent(total["covered"], total["subdistricts"])
    total["per_mentor"] = ratio(total["active"], total["mentors"])
    total["attendance_rate"] = percent(total["attended"], total["target"])
    return total


def national_trend(years, figures) -> list[dict]:
    """The country over the last five fiscal years; departures counted without joining a million volunteers."""
    leavers = dict(
        LeaverTally.objects.filter(fiscal_year__in=years)
        .values_list("fiscal_year")
        .annotate(n=Sum("volunteers"))
        .order_by()
    )
    events_qs = (
        Event.objects.across_provinces(FIGURES).filter(fiscal_year__in=years).exclude(status=Event.Status.CANCELLED)
    )
    events = dict(events_qs.values_list("fiscal_year").annotate(n=Count("pk")).order_by())
    targets = dict(
        EventTarget.objects.filter(event__in=events_qs)
        .values_list("event__fiscal_year")
        .annotate(n=Sum("target"))
        .order_by()
    )
    return [
        {
            "fy": y,
            "active": sum(f[f"active_{y}"] for f in figures.values()),
            "appointed": sum(f[f"appointed_{y}"] for f in figures.values()),
            "leavers": leavers.get(y, 0),
            "events": events.get(y, 0),
            "target": targets.get(y, 0) or 0,
        }
        for y in years
    ]


# ---------------------------------------------------------------------------------------------------------------
# The completeness board


def completeness(fy: int) -> dict:
    """What is missing: rosters untouched for 90 days, finished events without attendance, districts with nobody."""
    today = timezone.localdate()
    _, end = fiscal_year_bounds(fy)
    stale_since = timezone.now() - dt.timedelta(days=STALE_ROSTER_DAYS)
    last_change = (
        Volunteer.objects.across_provinces(FIGURES)
        .filter(province=OuterRef("pk"))
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )
    provinces = (
        Province.objects.select_related("region")
        .annotate(last_change=Subquery(last_change))
        .filter(Q(last_change__isnull=True) | Q(last_change__lt=stale_since))
        .order_by(F("last_change").asc(nulls_first=True), "code")
    )
    any_attendance = Attendance.objects.filter(day__event=OuterRef("pk"))
    events = (
        Event.objects.across_provinces(FIGURES)
        .filter(fiscal_year=fy, end_date__lt=today)
        .exclude(status__in=[Event.Status.CANCELLED, Event.Status.DRAFT])
        .filter(~Exists(any_attendance))
        .select_related("host_province")
        .annotate(registered=Count("registrations", filter=Q(registrations__cancelled_at__isnull=True)))
        .order_by("end_date", "pk")
    )
    empty_districts = [r["district_id"] for r in coverage_by_district(end) if r["covered"] == 0]
    districts = (
        District.objects.filter(pk__in=empty_districts)
        .select_related("province")
        .annotate(subdistricts_count=Count("subdistricts"))
        .order_by("province__code", "code")
    )
    return {
        "fy": fy,
        "stale_days": STALE_ROSTER_DAYS,
        "stale_provinces": [
            {"code": p.code, "name": p.name_th, "region": p.region.name_th, "last_change": p.last_change}
            for p in provinces
        ],
        "events_without_attendance": [
            {
                "pk": e.pk,
                "title": e.title,
                "province": e.host_province.name_th,
                "province_code": e.host_province.code,
                "start_date": e.start_date,
                "end_date": e.end_date,
                "status": e.get_status_display(),
                "registered": e.registered,
            }
            for e in events
        ],
        "empty_districts": [
            {
                "code": d.code,
                "name": d.name_th,
                "province": d.province.name_th,
                "province_code": d.province.code,
                "subdistricts": d.subdistricts_count,
            }
            for d in districts
        ],
    }


def registry_stamp(province: Province | None = None) -> tuple:
    """The latest change to anything a report counts; cached figures are keyed on it (one query of index probes)."""
    where = "WHERE province_id = %s" if province is not None else ""
    tables = {
        "volunteer": Volunteer._meta.db_table,
        "status_change": StatusChange._meta.db_table,
        "mentor": Mentor._meta.db_table,
        "event": Event._meta.db_table,
        "target": EventTarget._meta.db_table,
        "registration": Registration._meta.db_table,
        "attendance": Attendance._meta.db_table,
    }
    if province is not None:
        latest_volunteer = f"SELECT max(updated_at) FROM {tables['volunteer']} WHERE province_id = %s"
    else:
        # Nationally, the latest of each province's latest: 77 probes of the (province, updated_at) index, where a
        # plain max(updated_at) would need an index of its own, which every import would have to write as well.
        latest_volunteer = (
            f"SELECT max(latest) FROM {Province._meta.db_table} AS p CROSS JOIN LATERAL "
            f"(SELECT max(updated_at) AS latest FROM {tables['volunteer']} AS v WHERE v.province_id = p.id) AS per_province"
        )
    sql = f"""
        SELECT ({latest_volunteer}),
               (SELECT max(updated_at) FROM {tables["mentor"]} {where}),
               (SELECT max(id) FROM {tables["status_change"]}),
               (SELECT max(updated_at) FROM {tables["event"]}),
               (SELECT max(id) FROM {tables["target"]}),
               (SELECT max(id) FROM {tables["registration"]}),
               (SELECT max(cancelled_at) FROM {tables["registration"]} WHERE cancelled_at IS NOT NULL),
               (SELECT max(id) FROM {tables["attendance"]})
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [province.pk, province.pk] if province is not None else [])
        return tuple(cursor.fetchone())
