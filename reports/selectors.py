"""Read queries behind the province report and the national dashboard.

Every figure comes from a fixed number of GROUP BY queries, whatever the size of the registry, and no query
aggregates over two joins at once (Django's annotate() would multiply the rows): targets, registrations and
attendance are each counted in a query of their own and joined in Python.

Counts over the whole registry (volunteers by status and year, departures, registrations and attendance) are read
from the tallies of reports/models.py, which triggers keep exact; a province's own tables (districts, mentors, ages)
are counted from its volunteers through an index that holds every column they need.

Volunteer figures are as at the end of the chosen fiscal year, rebuilt from each volunteer's current status and
the date it took effect: someone who resigned after the year ended was still serving in it. Terms of office count as
at the year's last day, or as at today while the year runs (`as_at`): a term that ended yesterday is over, one that
ends today still runs (volunteers.rules.serving_at with term_when). Known limitation: only the current term's end is
kept on the volunteer, so a gap between two past terms is not seen in past years.

Coverage follows the quotas: a subdistrict is covered when its serving leads reach its quota
(volunteers.rules.quota_covered), its vacancies are what is missing, and it is filled by min(leads, quota).
"""

import datetime as dt
from collections import defaultdict
from functools import partial

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection, connections, router
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Lookup,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from accounts.scoping import compiled_once, plain_rows_of
from awards.selectors import outstanding_counts
from core.alongside import computed_in_turn, in_turn
from core.people import page_in_thai, titled_first_name
from core.thai import current_fiscal_year, fiscal_year_bounds
from mentors.models import Mentor
from provinces.models import Agency, District, Province, Region, Subdistrict, place_named
from reports import conditions, results, tallies
from reports.models import (
    Deletion,
    EventTally,
    LeaverTally,
    LeaverYear,
    TrainingProvinceTally,
    TrainingTally,
    VolunteerTermTally,
    VolunteerYearTally,
)
from trainings.models import Attendance, Category, Event, EventTarget, Registration
from volunteers.models import StatusChange, Volunteer
from volunteers.rules import (
    IN_OFFICE,
    TERM_ENDED,
    TERM_ENDED_LABEL,
    Tier,
    appointed_by,
    quota_covered,
    quota_vacancies,
    serving_at,
    serving_on,
)

ACTIVE = Volunteer.Status.ACTIVE
SUSPENDED = Volunteer.Status.SUSPENDED
RESIGNED = Volunteer.Status.RESIGNED
DECEASED = Volunteer.Status.DECEASED
LEFT = (RESIGNED, DECEASED)
STATUSES = (ACTIVE, SUSPENDED, TERM_ENDED, RESIGNED, DECEASED)
STATUS_LABELS = {**dict(Volunteer.Status.choices), TERM_ENDED: TERM_ENDED_LABEL}
LEAD = Tier.LEAD
NETWORK = Tier.NETWORK
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


def as_at(end: dt.date) -> dt.date:
    """The day a fiscal year ending on `end` is counted at: its last day, or today while it runs."""
    return min(end, timezone.localdate())


def active_at(end: dt.date, term_when: dt.date | None = None) -> Q:
    """Volunteers serving at the end of the fiscal year ending on `end`, in a term that runs on `term_when`, as_at(end)
    by default (volunteers.rules.serving_at)."""
    return serving_at(
        end,
        appointed="appointed_on",
        changed="status_changed_on",
        term_end="term_ends_on",
        term_when=term_when or as_at(end),
        absence=("absent_from", "absent_until"),
    )


def term_ending_in(start: dt.date, end: dt.date) -> Q:
    """Volunteers in office in the fiscal year start..end whose current term's last day falls within it (those whose
    term ended earlier in the year count too: they are the year's ครบวาระ)."""
    return (
        Q(term_ends_on__range=(start, end))
        & appointed_by(end, "appointed_on")
        & (Q(status__in=IN_OFFICE) | Q(status_changed_on__gt=end))
    )


def reading_connection():
    """Where the ORM would read the registry from (the replica inside reports.caching's block; the router decides for
    every model alike): SQL written here goes there too, not to the primary."""
    return connections[router.db_for_read(Volunteer)]


def total(field: str, condition: Q | None = None):
    """A sum of tally rows, 0 rather than None when no row matches."""
    return Coalesce(Sum(field, filter=condition), 0)


# ---------------------------------------------------------------------------------------------------------------
# Volunteers: from the tally of volunteers per province, status, fiscal year of appointment and of the latest status
# change, step of the current term's end and tier (a few thousand rows a province), never from the million volunteers
# themselves, but for the running year's terms that end this month. Fiscal year 0 and term step 0 are "no date".


def term_step(day: dt.date) -> tuple[int, dt.date | None]:
    """The tally's term-end step from which a term still runs on `day` (reports.tallies.term_end_key), and the last
    day whose terms the steps cannot place either side of `day` (None when they all can).

    At a month's last day (every fiscal year's end) the steps are exact. Any other day falls inside its month's steps:
    the tally then counts the terms ending in later months, and the terms ending from `day` to the month's end are
    counted from the volunteers themselves (an index range of one month's term ends)."""
    last = tallies.month_end(day)
    if day == last:
        return tallies.term_end_key(day), None
    return tallies.term_end_key(last) + 1, last


def volunteer_conditions(years: list[int], fy: int, running) -> dict[str, Q]:
    """Each figure of volunteer_figures() as a condition on tally rows (reports.conditions); `running(y)` is "the term
    runs on the day fiscal year y is counted at"."""
    figures = conditions.year_conditions(fy, running(fy))
    named = {name: q for name, q in figures.items() if name not in ("active", "appointed")}
    for y in years:
        of_year = figures if y == fy else conditions.year_conditions(y, running(y))
        named[f"active_{y}"] = of_year["active"]
        named[f"appointed_{y}"] = of_year["appointed"]
    return named


def year_end_figures(name: str, y: int) -> str:
    """The name of `name` of fiscal year `y` among volunteer_figures(): the counted year's go by their own name."""
    return f"{name}_{y}" if name in ("active", "appointed") else name


# The figures whose term runs on the day counted at; the others do not depend on it, or (TERM_ENDED) are their opposite.
RUNNING_FIGURES = (SUSPENDED, "serving_lead", "serving_network")


def volunteer_figures(years: list[int], fy: int, **scope) -> dict:
    """{province_id: figures}: status at the end of `fy`; serving at the end of, and appointed in, each of `years`;
    serving leads and network members, and terms ending in `fy`.

    From the roll-up of the figures at each year's end (reports.conditions): a year that is still running is counted
    at today instead, from the tally rows whose term ends between today and the year's end."""
    aggregates = {}
    for y in sorted({*years, fy}):
        names = conditions.YEAR_FIGURES if y == fy else ("active", "appointed")
        aggregates |= {year_end_figures(name, y): (name, y) for name in names}
    rows = plain_rows_of(
        ("volunteer_figures", tuple(aggregates.items()), scope_key(scope)),
        lambda: (
            VolunteerYearTally.objects.filter(**scope)
            .values_list("province_id")
            .annotate(**{key: total(name, Q(fiscal_year__lte=y)) for key, (name, y) in aggregates.items()})
            .order_by()
        ),
    )
    figures = {province_id: dict(zip(aggregates, sums, strict=True)) for province_id, *sums in rows}
    for province_id, change in counted_at_today(years, fy, **scope).items():
        f = figures.setdefault(province_id, defaultdict(int))
        for name, amount in change.items():
            f[name] += amount
    day = as_at(fiscal_year_bounds(fy)[1])
    _, last = term_step(day)
    if last is not None:
        # Only the running year has a day inside a month: its terms ending from today to the month's end still run.
        for province_id, extra in terms_ending_this_month(fy, day, last, **scope).items():
            f = figures.setdefault(province_id, defaultdict(int))
            for name in (*RUNNING_FIGURES, f"active_{fy}"):
                f[name] += extra[name]
            f[TERM_ENDED] -= extra[f"active_{fy}"] + extra[SUSPENDED]
    return figures


def counted_at_today(years: list[int], fy: int, **scope) -> dict:
    """{province_id: {figure: change}}: what counting the running year's terms at today rather than at the year's end
    changes, from the roll-up of the terms that end between the two steps (VolunteerTermTally: what each step's terms
    add to their year's figures while they run; the others run on both days, or on neither)."""
    aggregates, steps = {}, []
    for y in sorted({*years, fy}):
        today, year_end = term_step(as_at(fiscal_year_bounds(y)[1]))[0], conditions.last_step(y)
        if today == year_end:
            continue
        steps += [today, year_end]
        # Today's step is past the year's end only in its last days (the step of 30 September's terms is the month's
        # last): those terms then run at the year's end but not at today's step.
        low, high, sign = (today, year_end, 1) if today < year_end else (year_end, today, -1)
        for name in conditions.TERM_DEPENDENT if y == fy else ("active",):
            aggregates[year_end_figures(name, y)] = (name, low, high, sign)
    if not aggregates:
        return {}
    rows = plain_rows_of(
        ("counted_at_today", tuple(aggregates.items()), scope_key(scope)),
        lambda: (
            VolunteerTermTally.objects.filter(term_end_key__gte=min(steps), term_end_key__lt=max(steps), **scope)
            .values_list("province_id")
            .annotate(
                **{
                    key: sign * total(name, Q(term_end_key__gte=low, term_end_key__lt=high))
                    for key, (name, low, high, sign) in aggregates.items()
                }
            )
            .order_by()
        ),
    )
    return {province_id: dict(zip(aggregates, sums, strict=True)) for province_id, *sums in rows}


def scope_key(scope: dict) -> tuple:
    """The filters `scope` of the tallies' figures (a province, or a list of them) as part of plain_rows_of()'s key."""
    return tuple(
        (name, tuple(value) if isinstance(value, (list, set, tuple)) else getattr(value, "pk", value))
        for name, value in sorted(scope.items())
    )


def fiscal_year_of(field: str):
    return Coalesce(Func(F(field), function="reports_fiscal_year", output_field=IntegerField()), 0)


def terms_ending_this_month(fy: int, day: dt.date, last: dt.date, **scope) -> dict:
    """{province_id: figures} of the volunteers whose term ends from `day` to `last` (one month at most), counted as
    volunteer_figures() counts tally rows, with their terms running: the volunteers are first grouped by the tally's
    key, so that the figures' conditions (reports.conditions, compiled as the roll-ups' triggers compile them) are
    evaluated once a group, not once a volunteer."""
    figures = volunteer_conditions([fy], fy, lambda _y: Q())
    names = (*RUNNING_FIGURES, f"active_{fy}")
    groups = (
        Volunteer.objects.across_provinces(FIGURES)
        .filter(term_ends_on__range=(day, last), **scope)
        .values(
            "province_id",
            "status",
            "tier",
            "absence_status",
            appointed_fy=fiscal_year_of("appointed_on"),
            changed_fy=fiscal_year_of("status_changed_on"),
            absent_from_fy=fiscal_year_of("absent_from"),
            absent_until_fy=fiscal_year_of("absent_until"),
        )
        .annotate(volunteers=Count("*"))
        .order_by()
    )
    db = reading_connection()
    groups_sql, params = groups.query.get_compiler(connection=db).as_sql()
    sums = ", ".join(
        f"coalesce(sum(volunteers) FILTER (WHERE {conditions.condition_sql(db, figures[name])}), 0)" for name in names
    )
    with db.cursor() as cursor:
        cursor.execute(
            f"SELECT province_id, {sums} FROM ({groups_sql}) AS reports_volunteertally GROUP BY province_id", params
        )
        return {province_id: dict(zip(names, counts, strict=True)) for province_id, *counts in cursor.fetchall()}


EMPTY_FIGURES = defaultdict(int)


def status_figures(figures: dict, fy: int) -> dict:
    active = figures[f"active_{fy}"]
    return {
        "active": active,
        "suspended": figures[SUSPENDED],
        TERM_ENDED: figures[TERM_ENDED],
        "resigned": figures[RESIGNED],
        "deceased": figures[DECEASED],
        "serving": active + figures[SUSPENDED],
        "total": figures["total"],
        "appointed": figures[f"appointed_{fy}"],
        "serving_lead": figures["serving_lead"],
        "serving_network": figures["serving_network"],
        "terms_ending": figures["terms_ending"],
    }


def leaver_counts(fy_list: list[int], **scope) -> dict:
    """{(province_id, fy): volunteers who resigned or died in that fiscal year}, each counted once in a year."""
    rows = plain_rows_of(
        ("leaver_counts", tuple(fy_list), scope_key(scope)),
        lambda: LeaverTally.objects.filter(fiscal_year__in=fy_list, **scope).values_list(
            "province_id", "fiscal_year", "volunteers"
        ),
    )
    return {(province_id, fy): n for province_id, fy, n in rows}


# Each subdistrict with its serving leads: one GROUP BY over the leads alone (the (tier, subdistrict) index holds
# them in subdistrict order, a few per subdistrict however many network members there are), joined to every
# subdistrict so that those with nobody come too; then the subdistricts of a district alike in quota and leads
# counted together, as the figures treat them alike (a quarter of the 7,436 rows, and of their Python, nationally).
QUOTA_PLACES_SQL = """
    SELECT s.district_id, s.province_id, s.quota, coalesce(l.leads, 0) AS leads, count(*) AS n
    FROM {subdistrict} s LEFT JOIN ({leads}) AS l ON l.subdistrict_id = s.id
    {where}
    GROUP BY 1, 2, 3, 4
"""
# The same with each district's code and names, in DOPA order of districts, for the tables by district. DOPA codes
# are digits: sorted byte by byte, as the database's Thai collation would sort them, several times faster.
NAMED_QUOTA_PLACES_SQL = """
    SELECT places.district_id, d.code, d.name_th, d.name_en, places.province_id, places.quota, places.leads, places.n
    FROM ({places}) AS places JOIN {district} d ON d.id = places.district_id
    ORDER BY d.code COLLATE "C"
"""


def quota_places(
    end: dt.date, province: Province | None = None, province_ids: list[int] | None = None, *, named: bool = True
) -> list[tuple]:
    """(district id, code, name, English name, province id, quota, serving leads, subdistricts) per district and the
    quota and serving leads its subdistricts have, of the province (or of the provinces `province_ids`), or of the
    country, in DOPA order of districts; serving as active_at(end). Not `named`: (district id, province id, quota,
    serving leads, subdistricts) in no order (the dashboard's sums: its 6,000 names nationally neither read nor
    sorted)."""
    if province is not None:
        province_ids = [province.pk]
    ids = tuple(province_ids) if province_ids is not None else None
    term_when = as_at(end)
    sql, params = compiled_once(
        ("quota_places", end, term_when, ids, named), lambda: _quota_places_sql(end, term_when, ids, named)
    )
    with reading_connection().cursor() as cursor:
        cursor.execute(sql, [*params, *([list(ids)] if ids is not None else [])])
        return cursor.fetchall()


def _quota_places_sql(
    end: dt.date, term_when: dt.date, province_ids: tuple[int, ...] | None, named: bool
) -> tuple[str, tuple]:
    """quota_places()'s SQL and the serving leads' parameters, compiled once in this process (compiled_once()) for each
    year's end, day its terms run on (today in the running year) and scope (the provinces' ids are a parameter of their
    own): Django's compiling of the leads' subquery was 0.8 ms of every dashboard computed afresh."""
    scope = {"province_id__in": list(province_ids)} if province_ids is not None else {}
    leads = (
        Volunteer.objects.across_provinces(FIGURES)
        .filter(active_at(end, term_when), tier=LEAD, **scope)
        .values("subdistrict_id")
        .annotate(leads=Count("subdistrict_id"))
        .order_by()
    )
    leads_sql, params = leads.query.sql_with_params()
    where = "WHERE s.province_id = ANY(%s)" if province_ids is not None else ""
    sql = QUOTA_PLACES_SQL.format(leads=leads_sql, subdistrict=Subdistrict._meta.db_table, where=where)
    if named:
        sql = NAMED_QUOTA_PLACES_SQL.format(places=sql, district=District._meta.db_table)
    return sql.strip(), tuple(params)


QUOTA_FIGURES = ("subdistricts", "covered", "quota", "filled", "vacancies")


def quota_figures(rows: list[dict]) -> dict:
    """Sums of quota figures, with the coverage percentages: subdistricts covered, and places filled of the quota."""
    sums = {k: sum(r[k] for r in rows) for k in QUOTA_FIGURES}
    return sums | {
        "percent": percent(sums["covered"], sums["subdistricts"]),
        "quota_coverage": percent(sums["filled"], sums["quota"]),
    }


def coverage_by_district(
    end: dt.date, province: Province | None = None, province_ids: list[int] | None = None
) -> list[dict]:
    """Per district (of a province, some provinces, or all): subdistricts, those covered by quota, quota, places
    filled, vacancies."""

    def named(place: tuple) -> dict:
        district_id, code, name, name_en, province_id, *_counts = place
        return {"district_id": district_id, "province_id": province_id, "code": code, "name": name, "name_en": name_en}

    return _district_figures(quota_places(end, province, province_ids), named)


def district_coverage(end: dt.date, province_ids: list[int] | None = None) -> list[dict]:
    """coverage_by_district()'s figures (with each district's id and province id) without the districts' codes and
    names, in no order: for sums over districts (the dashboard's provinces, the districts with no lead)."""

    def unnamed(place: tuple) -> dict:
        return {"district_id": place[0], "province_id": place[1]}

    return _district_figures(quota_places(end, province_ids=province_ids, named=False), unnamed)


def _district_figures(places: list[tuple], head) -> list[dict]:
    """The quota figures of each district of quota_places() rows, which begin with the district's id and end with a
    quota, its serving leads and the subdistricts alike in both; head(place) starts a district's row."""
    rows: dict[int, dict] = {}
    for place in places:
        row = rows.get(place[0])
        if row is None:
            row = rows[place[0]] = {**head(place), **dict.fromkeys(QUOTA_FIGURES, 0)}
        quota, leads, n = place[-3:]
        vacancies = quota_vacancies(leads, quota)
        row["subdistricts"] += n
        row["covered"] += n * quota_covered(leads, quota)
        row["quota"] += n * quota
        row["vacancies"] += n * vacancies
        row["filled"] += n * (quota - vacancies)
    return list(rows.values())


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


def shown(labels: dict) -> dict:
    """{key: label as text in the page's language}, for the province report, whose figures are kept for each language
    (reports.caching's in_language). A lazy label left in them would cost every reader who reads them from the cache
    a class built anew as it is unpickled (django.utils.functional.lazy): 2.1 of the 2.9 ms Lampang's figures took."""
    return {key: str(label) for key, label in labels.items()}


def category_rows(by_category: dict) -> list[dict]:
    labels = shown(dict(Category.choices))
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


def province_report(province: Province, fy: int, alongside=computed_in_turn) -> dict:
    """Every table and chart of one province's report for fiscal year `fy`.

    `alongside(computes)`: how the parts that count apart from the volunteers' tables (leavers, events, results) are
    computed while this function counts those: core.alongside's, side by side in threads or in turn."""
    _, end = fiscal_year_bounds(fy)
    years = trend_years(fy)
    today = timezone.localdate()
    districts = district_table(province, end)
    district_names = [(d["pk"], d["code"], d["name"], d["name_en"]) for d in districts]
    apart = {
        "leavers": partial(year_leavers, province, fy),
        "hosted": partial(hosted_events, province, fy),
        "national": partial(national_participation, province, fy),
        "events_trend": partial(hosted_trend, province, years),
        "outstanding": partial(outstanding_volunteers, fy, province=province),
        "results": partial(results.province_results, province, fy, today, district_names),
    }
    with alongside(apart) as part:
        figures = volunteer_figures(years, fy, province=province).get(province.pk, EMPTY_FIGURES)
        leavers_per_year = leaver_counts(years, province=province)
        province_mentors = {
            pk: (agency_id, is_active)
            for pk, agency_id, is_active in Mentor.objects.across_provinces(FIGURES)
            .filter(province=province)
            .values_list("pk", "agency_id", "is_active")
        }
        breakdown = volunteer_breakdown(province, end, province_mentors)
        counted_apart = {name: part(name) for name in apart}
    districts = with_volunteers(districts, breakdown["districts"])
    coverage = quota_figures(districts)

    mentors = mentor_table(province, province_mentors, breakdown["coached"])
    active_mentors = sum(m["active_mentors"] for m in mentors)
    without_mentor = sum(d["without_mentor"] for d in breakdown["districts"].values())

    leavers, reason_counts = counted_apart["leavers"]
    hosted = counted_apart["hosted"]
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
        "outstanding": counted_apart["outstanding"].get(province.pk, 0),
    }
    trend = [
        {
            "fy": y,
            "active": figures[f"active_{y}"],
            "appointed": figures[f"appointed_{y}"],
            "leavers": leavers_per_year.get((province.pk, y), 0),
            **counted_apart["events_trend"][y],
        }
        for y in years
    ]
    return {
        "fy": fy,
        "as_at": min(end, today),
        "headline": headline,
        "status_rows": [{"status": s, "label": str(STATUS_LABELS[s]), "count": status[s]} for s in STATUSES],
        "leavers": leavers,
        "leaver_reasons": [
            {"status": s, "reason": r, "count": n}
            for (s, r), n in sorted(reason_counts.items(), key=lambda item: (-item[1], item[0]))
        ],
        "districts": districts,
        "mentors": mentors,
        "age_gender": age_gender(breakdown["ages"]),
        "hosted": hosted,
        "national": counted_apart["national"],
        "trend": trend,
        "results": counted_apart["results"],
    }


class AnyOf(Lookup):
    """`lhs = ANY(rhs)`, of an array (an ArraySubquery): the planner then looks the values up one by one by index,
    where for `lhs IN (subquery)` it may read the whole table and join."""

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def year_leavers(province: Province, fy: int) -> tuple[list[dict], dict]:
    """The province's leavers of the year (leaver_list()), and how many left for each (status, reason)."""
    start, end = fiscal_year_bounds(fy)
    # The province's leavers of the year are a handful of tally rows; their changes are then found by volunteer,
    # the ids passed as one array (= ANY(ARRAY(...))): as IN (subquery) the planner read every departure of the
    # country's year to keep the province's (19,421 for Nakhon Ratchasima's 754 on bench/dashboard.py, 18 → 9 ms).
    left_here = ArraySubquery(LeaverYear.objects.filter(province=province, fiscal_year=fy).values("volunteer_id"))
    leavers = leaver_list(
        StatusChange.objects.filter(
            AnyOf(F("volunteer_id"), left_here), to_status__in=LEFT, changed_on__range=(start, end)
        )
    )
    reason_counts = defaultdict(int)
    for leaver in leavers:
        reason_counts[(leaver["status"], leaver["reason"].strip() or gettext("ไม่ระบุ"))] += 1
    return leavers, reason_counts


def leaver_list(changes) -> list[dict]:
    """The departures as rows of plain values: a few hundred of them would cost more as model instances."""
    titles = {value: str(label) for value, label in Volunteer.Title.choices}
    statuses = {value: str(label) for value, label in Volunteer.Status.choices}
    thai = page_in_thai()
    rows = changes.order_by("changed_on", "pk").values_list(
        "volunteer__title",
        "volunteer__title_other",
        "volunteer__first_name",
        "volunteer__last_name",
        "volunteer__subdistrict__district__name_th",
        "volunteer__subdistrict__district__name_en",
        "volunteer__subdistrict__name_th",
        "volunteer__subdistrict__name_en",
        "to_status",
        "changed_on",
        "reason",
    )
    return [
        {
            # As Volunteer.full_name puts it: the title typed in when it is "other", else the title's label.
            "name": titled_first_name(
                title_other if title == Volunteer.Title.OTHER else titles.get(title, ""), first, thai=thai
            )
            + f" {last}",
            "district": place_named(district, district_en, thai=thai),
            "subdistrict": place_named(subdistrict, subdistrict_en, thai=thai),
            "status": statuses[to_status],
            "changed_on": changed_on,
            "reason": reason,
        }
        for (
            title,
            title_other,
            first,
            last,
            district,
            district_en,
            subdistrict,
            subdistrict_en,
            to_status,
            changed_on,
            reason,
        ) in rows
    ]


# One pass over the province's volunteers (an index-only scan of reports_volunteer_report, joined to the province's
# hundred-odd subdistricts for their district) gives the district table, the mentor figures and the age pyramid
# together: GROUPING SETS count two groupings from the same rows, in hash tables. The (district, mentor) groups are
# then added up in Python into districts, mentors per district (without COUNT(DISTINCT)) and agencies (a mentor
# belongs to one agency). Grouping by district rather than subdistrict sends a third of the rows to Python.
BREAKDOWN_SQL = """
    SELECT GROUPING(district_id) = 0, district_id, mentor_id, gender, age,
           count(*) FILTER (WHERE appointed), count(*) FILTER (WHERE serving), count(*) FILTER (WHERE serving_now),
           count(*) FILTER (WHERE serving AND lead), count(*) FILTER (WHERE ending)
    FROM ({volunteers}) AS v
    GROUP BY GROUPING SETS ((district_id, mentor_id), (gender, age))
"""


def breakdown_rows_sql(province: Province, end: dt.date) -> tuple[str, tuple]:
    """The grouping above over one row per volunteer of the province, whose "appointed" and "serving" come from the
    volunteers' own rules (volunteers.rules), compiled by the ORM rather than written again in SQL."""
    start = dt.date(end.year - 1, 10, 1)
    volunteers = (
        Volunteer.objects.across_provinces(FIGURES)
        # a volunteer's province is always their subdistrict's (Volunteer.save()), so this join drops nobody
        .filter(province=province, subdistrict__province=province)
        .values(
            "mentor_id",
            "gender",
            district_id=F("subdistrict__district_id"),
            # serving today, as Volunteer.objects.serving() and every page count them: the mentor table is of now
            serving_now=ExpressionWrapper(serving_on(timezone.localdate()), output_field=BooleanField()),
            appointed=ExpressionWrapper(appointed_by(end, "appointed_on"), output_field=BooleanField()),
            serving=ExpressionWrapper(active_at(end), output_field=BooleanField()),
            lead=ExpressionWrapper(Q(tier=LEAD), output_field=BooleanField()),
            ending=ExpressionWrapper(term_ending_in(start, end), output_field=BooleanField()),
            # age on 30 September: born in October to December, one birthday fewer (+ 92 days moves them on)
            age=RawSQL('%s - extract(year FROM "volunteers_volunteer"."birth_date" + 92)::integer', [end.year]),
        )
        .order_by()  # grouped next: the list's name order would only add a sort
    )
    sql, params = volunteers.query.sql_with_params()
    return BREAKDOWN_SQL.format(volunteers=sql).strip(), params


def volunteer_breakdown(province: Province, end: dt.date, mentors: dict) -> dict:
    """The province's volunteers per district, per mentor agency, and serving ones by gender and age on `end`.

    `mentors` maps the province's mentors to (agency, active?). A volunteer's mentor is always one of the province's
    (Volunteer.clean(); a move to another province clears it).
    """
    districts = defaultdict(
        lambda: {"total": 0, "active": 0, "leads": 0, "terms_ending": 0, "without_mentor": 0, "mentors": 0}
    )
    coached, ages = defaultdict(int), {}
    sql, params = breakdown_rows_sql(province, end)
    with reading_connection().cursor() as cursor:
        # The planner guesses ten times the (district, mentor) groups there are (62,705 for Nakhon Ratchasima's 7,342)
        # and, for want of room for that many in the default 4 MB, sorts its 38,798 volunteers to count them: given
        # the room, it counts both groupings in hash tables in one pass, a third faster. Sent with the query as one
        # message, which PostgreSQL runs as one transaction, the setting ends with it.
        cursor.execute(f"SET LOCAL work_mem = '16MB'; {sql}", params)
        for row in cursor.fetchall():
            per_place, district_id, mentor_id, gender, age, total, serving, serving_today, leads, ending = row
            if not per_place:
                if serving:
                    ages[(gender, age)] = serving
                continue
            district = districts[district_id]
            district["total"] += total
            district["active"] += serving
            district["leads"] += leads
            district["terms_ending"] += ending
            mentor = mentors.get(mentor_id)
            if mentor is None or not mentor[1]:
                district["without_mentor"] += serving
            else:
                # a serving mentor's: those of an ended one count as without a mentor, as just above
                coached[mentor[0]] += serving_today
            # one row per (district, mentor): each mentor with someone serving here counts once
            if mentor_id is not None and serving:
                district["mentors"] += 1
    return {"districts": dict(districts), "coached": dict(coached), "ages": ages}


def district_table(province: Province, end: dt.date) -> list[dict]:
    """Per district: subdistricts, those covered by quota at the end of the year, quota, filled and vacancies."""
    rows = []
    for row in coverage_by_district(end, province):
        rows.append({"pk": row.pop("district_id"), **{k: v for k, v in row.items() if k != "province_id"}})
    return rows


def with_volunteers(districts: list[dict], volunteers: dict) -> list[dict]:
    """The district rows with their volunteers, coverage percentages and mentors, as the report shows them."""
    rows = []
    for d in districts:
        v = volunteers.get(d.pop("pk"), {})
        rows.append(
            d
            | {
                "active": v.get("active", 0),
                "total": v.get("total", 0),
                "leads": v.get("leads", 0),
                "network": v.get("active", 0) - v.get("leads", 0),
                "terms_ending": v.get("terms_ending", 0),
                "coverage": percent(d["covered"], d["subdistricts"]),
                "quota_coverage": percent(d["filled"], d["quota"]),
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
    """Serving volunteers by age band and gender, from {(gender, age at the end of the year): volunteers}.

    A volunteer whose gender was left blank counts under "other / not stated" (Volunteer.Gender.OTHER), the column
    for it: every row and column then adds up to the totals the report shows."""
    gender_labels = shown(dict(Volunteer.Gender.choices))
    bands = [label for *_, label in AGE_BANDS] + [NO_BIRTH_DATE]
    rows = {band: {"band": band, **dict.fromkeys(GENDERS, 0)} for band in bands}
    for (gender, age), n in ages.items():
        rows[age_band(age)][gender if gender in GENDERS else Volunteer.Gender.OTHER] += n
    rows = list(rows.values())
    for row in rows:
        row["total"] = sum(row[g] for g in GENDERS)
    totals = {g: sum(r[g] for r in rows) for g in (*GENDERS, "total")}
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
        .values("home_province__name_th", "home_province__name_en", "registered", "attended")
        .order_by("-registered", *Province.objects.reading_order("home_province__"))
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
    labels = shown(dict(Category.choices))
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


def is_empty_district(row: dict) -> bool:
    """A district that asks for leads and has not one serving in any of its subdistricts."""
    return row["quota"] > 0 and row["filled"] == 0


def outstanding_volunteers(fy: int, province: Province | None = None) -> dict:
    """{province_id: volunteers HQ selected as outstanding (อสร. ดีเด่น) for fiscal year `fy`} (the awards app)."""
    return outstanding_counts(fy, province_id=province.pk if province is not None else None)


def province_headline(province: Province) -> dict:
    """The few figures on a province's landing page, for the current fiscal year, in five small queries (four on a
    month's last day, when no term end needs counting from the volunteers)."""
    fy = current_fiscal_year()
    _, end = fiscal_year_bounds(fy)
    figures = volunteer_figures([fy], fy, province=province).get(province.pk, EMPTY_FIGURES)
    active = figures[f"active_{fy}"]
    coverage = quota_figures(coverage_by_district(end, province))
    subdistricts, covered = coverage["subdistricts"], coverage["covered"]
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
        "vacancies": coverage["vacancies"],
        "mentors": mentors,
        "events": events,
    }


# ---------------------------------------------------------------------------------------------------------------
# The national dashboard


def empty_coverage() -> dict:
    return dict.fromkeys((*QUOTA_FIGURES, "districts", "districts_uncovered"), 0)


def province_parts(fy: int, province_ids: list[int] | None = None) -> dict:
    """{province_id: {"figures": volunteer_figures(), "coverage": quota sums}} for the dashboard of `fy`, of the
    provinces `province_ids` or of all: the part of its work that grows with the volunteers (most of its time on a
    million), and that a change in one province leaves the same in every other (reports.caching keeps each)."""
    _, end = fiscal_year_bounds(fy)
    scope = {"province_id__in": province_ids} if province_ids is not None else {}
    figures = volunteer_figures(trend_years(fy), fy, **scope)
    coverage = defaultdict(empty_coverage)
    for row in district_coverage(end, province_ids):
        c = coverage[row["province_id"]]
        for key in QUOTA_FIGURES:
            c[key] += row[key]
        c["districts"] += 1
        c["districts_uncovered"] += is_empty_district(row)
    ids = province_ids if province_ids is not None else figures.keys() | coverage.keys()
    return {pk: {"figures": dict(figures.get(pk, {})), "coverage": coverage[pk]} for pk in ids}


EMPTY_PART = {"figures": {}, "coverage": empty_coverage()}


def dashboard_sections(fy: int, today: dt.date) -> dict:
    """The dashboard's sections that count apart from the provinces' rows and from one another: {name: compute}, the
    longest first (7-9 ms each alone on bench/dashboard.py's fill, the last two 3-4 ms)."""
    return {
        "cases": partial(results.case_figures, fy),
        "rates": partial(results.national_rates, fy, today),
        "training": partial(training_figures, fy, trend_years(fy)),
        "people": partial(results.people_reached, fy),
        "mentors": active_mentors,
    }


def dashboard(fy: int, parts: dict | None = None, section=None) -> dict:
    """All 77 provinces for fiscal year `fy`: one row each, totals per region and for the country, and trends.

    `parts`: province_parts(fy) of every province, when the caller has them already. `section(name)`: the figures
    of one of dashboard_sections(), computed or kept by the caller (reports.caching); by default computed here."""
    _, end = fiscal_year_bounds(fy)
    years = trend_years(fy)
    today = timezone.localdate()
    if section is None:
        section = in_turn(dashboard_sections(fy, today))
    provinces = plain_rows_of(
        ("dashboard_provinces",),
        lambda: Province.objects.order_by("region__sort_order", "code").values_list(
            "pk", "code", "name_th", "name_en", "map_code", "region__code", "region__name_th", "region__name_en"
        ),
    )

    if parts is None:
        parts = province_parts(fy)
    figures = {pk: defaultdict(int, part["figures"]) for pk, part in parts.items()}
    coverage = defaultdict(empty_coverage) | {pk: part["coverage"] for pk, part in parts.items()}
    leavers = leaver_counts([fy])
    outstanding = outstanding_volunteers(fy)
    mentor_counts = section("mentors")
    training = section("training")
    events, targets, from_province = training["events"], training["targets"], training["from_province"]
    no_one = {"registered": 0, "attended": 0}
    hosted = defaultdict(lambda: no_one) | training["hosted"]

    rows = []
    for pk, code, name, name_en, map_code, region, region_name, region_name_en in provinces:
        s = status_figures(figures.get(pk, EMPTY_FIGURES), fy)
        c = coverage[pk]
        m = mentor_counts.get(pk, 0)
        rows.append(
            {
                "pk": pk,
                "code": code,
                "name": name,
                "name_en": name_en,
                "map_code": map_code,
                "region": region,
                "region_name": region_name,
                "region_name_en": region_name_en,
                "active": s["active"],
                "serving": s["serving"],
                "total": s["total"],
                "appointed": s["appointed"],
                "leavers": leavers.get((pk, fy), 0),
                "subdistricts": c["subdistricts"],
                "covered": c["covered"],
                "coverage": percent(c["covered"], c["subdistricts"]),
                "quota": c["quota"],
                "filled": c["filled"],
                "vacancies": c["vacancies"],
                "quota_coverage": percent(c["filled"], c["quota"]),
                "districts_uncovered": c["districts_uncovered"],
                "serving_lead": s["serving_lead"],
                "serving_network": s["serving_network"],
                "terms_ending": s["terms_ending"],
                "term_ended": s[TERM_ENDED],
                "outstanding": outstanding.get(pk, 0),
                "mentors": m,
                "per_mentor": ratio(s["active"], m),
                "events": events.get(pk, 0),
                "target": targets.get(pk, 0) or 0,
                "registered": hosted[pk]["registered"],
                "attended": hosted[pk]["attended"],
                "attendance_rate": percent(hosted[pk]["attended"], targets.get(pk, 0)),
                "people_trained": from_province.get(pk, 0),
            }
        )

    regions = []
    for code, name, name_en in plain_rows_of(
        ("dashboard_regions",), lambda: Region.objects.order_by("sort_order").values_list("code", "name_th", "name_en")
    ):
        members = [r for r in rows if r["region"] == code]
        regions.append({"code": code, "name": name, "name_en": name_en, **summed(members)})
    country = summed(rows)

    trend = national_trend(years, figures, training)
    work = results.national_results(rows, regions, section("rates"), section("people"), section("cases"))
    # The map's measure: each province's reporting rate of the year (its rows are the map's input).
    for row, result in zip(rows, work["provinces"], strict=True):
        row["reporting_rate"] = result["percent"]
    return {
        "fy": fy,
        "as_at": min(end, today),
        "rows": rows,
        "regions": regions,
        "country": country,
        "trend": trend,
        "results": work,
    }


SUMMED = (
    "active",
    "serving",
    "total",
    "appointed",
    "leavers",
    "subdistricts",
    "covered",
    "quota",
    "filled",
    "vacancies",
    "districts_uncovered",
    "serving_lead",
    "serving_network",
    "terms_ending",
    "term_ended",
    "outstanding",
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
    total["quota_coverage"] = percent(total["filled"], total["quota"])
    total["per_mentor"] = ratio(total["active"], total["mentors"])
    total["attendance_rate"] = percent(total["attended"], total["target"])
    return total


def active_mentors() -> dict:
    """{province_id: mentors serving now}."""
    return dict(
        plain_rows_of(
            ("active_mentors",),
            lambda: (
                Mentor.objects.across_provinces(FIGURES)
                .filter(is_active=True)
                .values_list("province_id")
                # count(*), not count(id): the (province, is_active) index then answers alone, without reading the
                # mentors' rows (2 against 6 ms for 18,601 of 20,000 in bench/dashboard.py's fill)
                .annotate(n=Count("*"))
                .order_by()
            ),
        )
    )


# Of a fiscal year: registrations and attendance per host province, and attendance per participants' home province,
# summed by the database from the (host, home) tally (up to 77 x 77 rows a year) rather than in Python.
HOSTED_SQL = """
    SELECT GROUPING(home_province_id) = 1, coalesce(host_province_id, home_province_id),
           sum(registered)::bigint, sum(attended)::bigint
    FROM {tally} WHERE fiscal_year = %s
    GROUP BY GROUPING SETS ((host_province_id), (home_province_id))
"""


def training_figures(fy: int, years: list[int]) -> dict:
    """The dashboard's events (not cancelled): of `fy` per host province, with their targets, registrations and
    attendance, and the people each province sent; and of each of `years`, the number of events and their targets."""
    hosted, from_province = {}, {}
    events, targets = {}, {}
    events_by_year, targets_by_year = defaultdict(int), defaultdict(int)
    with reading_connection().cursor() as cursor:
        cursor.execute(HOSTED_SQL.format(tally=TrainingProvinceTally._meta.db_table), [fy])
        for by_host, province_id, registered, attended in cursor.fetchall():
            if by_host:
                hosted[province_id] = {"registered": registered, "attended": attended}
            else:
                from_province[province_id] = attended
    # Per year and host province (reports.tallies: the events not cancelled and their targets), summed per year here.
    tallies = plain_rows_of(
        ("event_tallies", tuple(sorted({*years, fy}))),
        lambda: EventTally.objects.filter(fiscal_year__in={*years, fy}).values_list(
            "fiscal_year", "host_province_id", "events", "target"
        ),
    )
    for year, host_id, n, target in tallies:
        events_by_year[year] += n
        targets_by_year[year] += target
        if year == fy:
            events[host_id], targets[host_id] = n, target
    return {
        "events": events,
        "targets": targets,
        "hosted": hosted,
        "from_province": from_province,
        "events_by_year": dict(events_by_year),
        "targets_by_year": dict(targets_by_year),
    }


def national_trend(years, figures, training) -> list[dict]:
    """The country over the last five fiscal years; departures counted without joining a million volunteers."""
    leavers = dict(
        plain_rows_of(
            ("national_leavers", tuple(years)),
            lambda: (
                LeaverTally.objects.filter(fiscal_year__in=years)
                .values_list("fiscal_year")
                .annotate(n=Sum("volunteers"))
                .order_by()
            ),
        )
    )
    events, targets = training["events_by_year"], training["targets_by_year"]
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
    empty_districts = [r["district_id"] for r in district_coverage(end) if is_empty_district(r)]
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
            {
                "code": p.code,
                "name": p.name_th,
                "name_en": p.name_en,
                "region": p.region.name_th,
                "region_en": p.region.name_en,
                "last_change": p.last_change,
            }
            for p in provinces
        ],
        "events_without_attendance": [
            {
                "pk": e.pk,
                "title": e.title,
                "province": e.host_province.name_th,
                "province_en": e.host_province.name_en,
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
                "name_en": d.name_en,
                "province": d.province.name_th,
                "province_en": d.province.name_en,
                "province_code": d.province.code,
                "subdistricts": d.subdistricts_count,
            }
            for d in districts
        ],
    }


def latest_deletion(table: str, *, province: str = "") -> str:
    """The statement reading the latest row of the deletion log (reports.models.Deletion) of `table`: of every
    province, or of the one `province` names (an SQL expression), with the table emptied by a TRUNCATE, which has
    none. Table names are the models' own, not input."""
    sql = f"SELECT max(id) FROM {Deletion._meta.db_table} WHERE source = '{table}'"
    return sql + (f" AND (province_id = {province} OR province_id IS NULL)" if province else "")


def province_stamps() -> tuple[dict, int | None]:
    """({province_id: (the latest change to its volunteers, the latest deletion of any)}, the latest quota change):
    what province_parts() counts, in one query of 77 probes of the (province, updated_at) index and of the deletion
    log's (a deleted volunteer changes no latest change)."""
    from django.apps import apps

    quota_events = apps.get_model("provinces", "SubdistrictQuotaEvent")._meta.db_table
    sql = f"""
        SELECT p.id, (SELECT max(updated_at) FROM {Volunteer._meta.db_table} v WHERE v.province_id = p.id),
               ({latest_deletion(Volunteer._meta.db_table, province="p.id")}),
               (SELECT max(pgh_id) FROM {quota_events})
        FROM {Province._meta.db_table} p
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return {pk: (latest, deleted) for pk, latest, deleted, _ in rows}, (rows[0][3] if rows else None)


# What each value of registry_stamp() follows, in its order: the latest change to it (a time, or the highest id or
# history id of a table whose ids only grow) and, where rows are also deleted, the latest deletion. A delete leaves
# the latest change as it was (undoing a check-in, a mistaken registration deleted in the admin, a target dropped,
# an event or a volunteer deleted) but is a row of the deletion log (reports.models.Deletion). The history tables
# (quotas, terms, nominations, reports, cases) record a delete as a change of their own.
REGISTRY_STAMP_FIELDS = (
    "volunteers",
    "mentors",
    "status_changes",
    "events",
    "targets",
    "registrations",
    "cancelled_registrations",
    "attendance",
    "quotas",
    "terms",
    "nominations",
    "reports",
    "cases",
)


def registry_stamp(province: Province | None = None) -> tuple:
    """The latest change to anything a report counts, and the latest deletion of what can be deleted: cached figures
    are keyed on it (one query of index probes). One tuple of values per name of REGISTRY_STAMP_FIELDS.

    A deletion is a row of the deletion log its table's trigger writes (reports.models.Deletion): a province's
    volunteers' of that province, any other table's for every report (a deletion that no figure counts, a cancelled
    event's or a second day's check-in of someone present on the first, computes the figures again all the same)."""
    from django.apps import apps

    SubdistrictQuotaEvent = apps.get_model("provinces", "SubdistrictQuotaEvent")
    TermEvent = apps.get_model("volunteers", "TermEvent")
    NominationEvent = apps.get_model("awards", "NominationEvent")
    MonthlyReportEvent = apps.get_model("activity", "MonthlyReportEvent")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    MentorEvent = apps.get_model("mentors", "MentorEvent")
    tables = {
        "volunteer": Volunteer._meta.db_table,
        "status_change": StatusChange._meta.db_table,
        "mentor": Mentor._meta.db_table,
        "mentor_events": MentorEvent._meta.db_table,
        "event": Event._meta.db_table,
        "target": EventTarget._meta.db_table,
        "registration": Registration._meta.db_table,
        "attendance": Attendance._meta.db_table,
        # Quota changes, terms recorded or corrected, nominations decided: their history tables grow with each one.
        "quota_events": SubdistrictQuotaEvent._meta.db_table,
        "term_events": TermEvent._meta.db_table,
        "nomination_events": NominationEvent._meta.db_table,
        # Monthly reports and cases (the results section): every insert, correction, step and delete is an event.
        "report_events": MonthlyReportEvent._meta.db_table,
        "case_events": CaseEvent._meta.db_table,
    }

    if province is not None:
        of_province = "WHERE province_id = %s"
        latest_volunteer = f"SELECT max(updated_at) FROM {tables['volunteer']} {of_province}"
        volunteers_deleted = latest_deletion(tables["volunteer"], province="%s")
        latest_mentor = f"SELECT max(updated_at) FROM {tables['mentor']} {of_province}"
        # the province's few hundred entries of the (province, is_active) index
        mentors_deleted = f"SELECT count(*) FROM {tables['mentor']} {of_province}"
        params = [province.pk] * 4
    else:
        volunteers_deleted = latest_deletion(tables["volunteer"])
        # Nationally, the latest of each province's latest: 77 probes of each (province, updated_at) index, where a
        # plain max(updated_at) would need an index of its own, which every import would have to write as well (and
        # the mentors' was read whole: 1.4 ms of the stamp's 3.3, read on every national page).
        latest_volunteer, latest_mentor = (
            f"SELECT max(latest) FROM {Province._meta.db_table} AS p CROSS JOIN LATERAL "
            f"(SELECT max(updated_at) AS latest FROM {tables[table]} AS r WHERE r.province_id = p.id) AS per_province"
            for table in ("volunteer", "mentor")
        )
        # A mentor deleted is a row of the mentors' history (one probe of its key), where counting them would read
        # every one.
        mentors_deleted = f"SELECT max(pgh_id) FROM {tables['mentor_events']}"
        params = []
    values = {
        "volunteers": (latest_volunteer, volunteers_deleted),
        "mentors": (latest_mentor, mentors_deleted),
        # Deleted only with their volunteer, whom the volunteers' deletion log sees go.
        "status_changes": (f"SELECT max(id) FROM {tables['status_change']}",),
        "events": (f"SELECT max(updated_at) FROM {tables['event']}", latest_deletion(tables["event"])),
        "targets": (f"SELECT max(id) FROM {tables['target']}", latest_deletion(tables["target"])),
        "registrations": (f"SELECT max(id) FROM {tables['registration']}", latest_deletion(tables["registration"])),
        "cancelled_registrations": (
            f"SELECT max(cancelled_at) FROM {tables['registration']} WHERE cancelled_at IS NOT NULL",
        ),
        "attendance": (f"SELECT max(id) FROM {tables['attendance']}", latest_deletion(tables["attendance"])),
        "quotas": (f"SELECT max(pgh_id) FROM {tables['quota_events']}",),
        "terms": (f"SELECT max(pgh_id) FROM {tables['term_events']}",),
        "nominations": (f"SELECT max(pgh_id) FROM {tables['nomination_events']}",),
        "reports": (f"SELECT max(pgh_id) FROM {tables['report_events']}",),
        "cases": (f"SELECT max(pgh_id) FROM {tables['case_events']}",),
    }
    assert tuple(values) == REGISTRY_STAMP_FIELDS
    columns = ", ".join(f"({expression})" for field in values.values() for expression in field)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}", params)
        row = iter(cursor.fetchone())
    return tuple(tuple(next(row) for _expression in field) for field in values.values())
