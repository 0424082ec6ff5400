"""The volunteers' results (ผลการปฏิบัติงานของ อสร.) in the province report and the national dashboard, issue 15:
the reporting rate, people reached by kind of work, and the cases referred to each agency.

Every figure is read from trigger-kept tallies, never from the 12,000,000 reports or the 500,000 cases:
- the reporting rate from activity's ReportTally and ServingTally, with the reporting-rate board's own functions
  (activity/board.py), so that there is one definition: expected = volunteers serving in a month, counted once the
  month's due day has passed; received and on time as the reports were recorded. A fiscal year that ended before
  monthly reporting began (the first month any report is on record) expected no report: its rate is blank, not 0 %;
- people reached from activity's ReportKindTally summed per province (reports.models.ProvinceKindTally, kept by
  triggers on it), by the kinds of work of the WorkKind table (a kind HQ adds shows by itself);
- cases from cases/tallies.py: cases per agency, month of referral and status, and the days from referral to done
  per month of closing, as a histogram from which the median is exact.

Case counts include flagged cases (a count names nobody); nothing here lists or names a case.
"""

import datetime as dt
from collections import defaultdict

from django.db import connections, router
from django.db.models import OuterRef, Subquery
from django.utils import translation
from django.utils.translation import gettext_noop

from accounts.scoping import plain_rows_of
from activity import board
from activity.models import MonthlyReport, ReportTally, ServingMonthDelta, ServingProvinceMonthDelta, WorkKind
from activity.selectors import Rate
from cases.models import CaseDaysTally, CaseNationDaysTally, CaseTally, CaseYearDaysTally, Status
from provinces.models import Agency, Province
from reports.models import ProvinceKindTally

FIGURES = "report figures; reports/views.py checks who may see them"

# Kinds of work that count places, not people: a visit to a small workplace is one workplace however many work
# there. Every other kind (the five topics of information and the four services, and any kind HQ adds) counts
# people, so ผู้รับบริการ is their sum. A person helped twice, or in two kinds, counts each time.
NOT_PEOPLE = frozenset({"small_workplaces"})
PEOPLE_NOTE = gettext_noop(
    "ผู้รับบริการ = ผลรวมทุกประเภทงานที่นับเป็นคน (การให้ข้อมูลข่าวสารทุกหัวข้อ และบริการ) "
    "ไม่รวมสถานประกอบการขนาดเล็กที่เยี่ยม ซึ่งนับเป็นแห่ง; คนเดียวที่ได้รับบริการหลายครั้งหรือหลายประเภทนับทุกครั้ง"
)
RATE_NOTE = gettext_noop(
    "อัตราการส่งรายงาน = รายงานที่ได้รับ ÷ รายงานที่คาดว่าจะได้รับ (อสร. ที่ปฏิบัติหน้าที่อย่างน้อยหนึ่งวันของเดือน × เดือน); "
    "ส่งตรงเวลา = ได้รับภายในวันครบกำหนด; เดือนที่ยังไม่ถึงวันครบกำหนดไม่นับในปี; "
    "ปีงบประมาณที่สิ้นสุดก่อนเริ่มมีรายงานประจำเดือนไม่มีรายงานที่คาดว่าจะได้รับ จึงไม่แสดงอัตรา"
)
CASES_NOTE = gettext_noop(
    "ส่งต่อหน่วยงาน นับตามเดือนที่ส่งต่อ; สัดส่วนที่แก้ไขแล้ว = เรื่องที่ดำเนินการเสร็จ ÷ เรื่องที่ส่งต่อทั้งหมด "
    "(เรื่องที่ยังเปิดอยู่นับเป็นยังไม่แก้ไข); มัธยฐานวันที่ใช้ = จำนวนวันจากวันที่ส่งต่อถึงวันที่ดำเนินการเสร็จ "
    "ของเรื่องที่เสร็จในเดือนนั้น; นับรวมเรื่องที่สงสัยการค้ามนุษย์แต่ไม่แสดงรายละเอียด"
)


def source_text(label) -> str:
    """A lazy label's Thai source text, for figures kept for readers of either language (reports.caching): the page
    translates it as it shows it. Kept lazy, each reader who read the figures from the cache would unpickle a new
    class for each label (django.utils.functional.lazy, about 0.4 ms each)."""
    with translation.override(None):
        return str(label)


def _rate(rate: Rate) -> dict:
    return {
        "expected": rate.expected,
        "received": rate.received,
        "on_time": rate.on_time,
        "percent": rate.percent,
        "on_time_percent": round(100 * rate.on_time / rate.expected, 1) if rate.expected else None,
    }


def _months(fy: int, today: dt.date) -> tuple[list[dt.date], list[bool]]:
    months, due, _last_due = board._period(fy, None, today)
    return months, due


def month_columns(months: list[dt.date]) -> list[dict]:
    """Each month's full name (ตุลาคม 2568) and short column heading (ต.ค. 68), in พ.ศ., and in English."""
    # Both languages: the figures are cached for every reader, whatever language each one reads.
    with translation.override("th"):
        thai_names = [(board.rules.month_shown(m), board.rules.month_column(m)) for m in months]
    with translation.override("en"):
        english_names = [(board.rules.month_shown(m), board.rules.month_column(m)) for m in months]
    return [
        {"month": m, "label": label, "column": column, "label_en": label_en, "column_en": column_en}
        for m, (label, column), (label_en, column_en) in zip(months, thai_names, english_names, strict=True)
    ]


# -- the reporting rate ------------------------------------------------------------------------------------------


def reporting_began() -> dt.date | None:
    """The first month of which any monthly report is on record (None while there is none): monthly reporting began
    then. One probe a province of the reports' (province, month) index, not a read of the reports."""

    def firsts():
        first = (
            MonthlyReport.objects.across_provinces(FIGURES)
            .filter(province=OuterRef("pk"))
            .order_by("month")
            .values("month")[:1]
        )
        return Province.objects.annotate(first=Subquery(first)).values_list("first")

    return min((month for (month,) in plain_rows_of(("reporting_began",), firsts) if month is not None), default=None)


def expected_reports(deltas, months: list[dt.date], key: str, *, shape=None) -> dict:
    """The board's reports expected per group and month (activity.board._expected); none in a fiscal year that ended
    before monthly reporting began, when nobody could send one: its rate is then blank rather than 0 %."""
    began = reporting_began()
    if began is None or months[-1] < began:
        return {}
    return board._expected(deltas, months, key, shape=shape)


def province_rates(province, fy: int, today: dt.date, districts: list[tuple]) -> dict:
    """The province's year and months, and each district's year: the board's figures (activity.board) without its
    missing list, which reads the volunteers; the report reads only tallies."""
    months, due = _months(fy, today)
    expected = expected_reports(
        ServingMonthDelta.objects.across_provinces(FIGURES).filter(province=province), months, "district_id"
    )
    received = board._received(
        ReportTally.objects.across_provinces(FIGURES).filter(province=province), months, "district_id"
    )
    rows = []
    for pk, code, name, _name_en in districts:  # (id, code, Thai name, English name) in the report's order
        rows.append(board._row(pk, name, "district", months, due, expected, received))
        rows[-1].code = code
    total = board._add_up(province.pk, province.display_name, "total", rows, due)
    return {
        "months": [
            {**c, "due": d, **_rate(r)} for c, d, r in zip(month_columns(months), due, total.months, strict=True)
        ],
        "districts": [
            {"code": r.code, "name": r.name, "name_en": name_en, **_rate(r.total)}
            for r, (_pk, _code, _name, name_en) in zip(rows, districts, strict=True)
        ],
        "total": _rate(total.total),
    }


def national_rates(fy: int, today: dt.date) -> dict:
    """The nation's months and each province's year, as activity.board.national_board counts them."""
    months, due = _months(fy, today)
    # The same two queries for every reader: their SQL is compiled once (shape "nation").
    expected = expected_reports(
        ServingProvinceMonthDelta.objects.across_provinces(FIGURES), months, "province_id", shape="nation"
    )
    received = board._received(ReportTally.objects.across_provinces(FIGURES), months, "province_id", shape="nation")
    keys = set(expected) | {key for key, _month in received}
    rows = [board._row(pk, "", "province", months, due, expected, received) for pk in keys]
    total = board._add_up(None, "", "total", rows, due)
    return {
        "months": [
            {**c, "due": d, **_rate(r)} for c, d, r in zip(month_columns(months), due, total.months, strict=True)
        ],
        "provinces": {r.key: _rate(r.total) for r in rows},
        "total": _rate(total.total),
    }


# -- people reached ----------------------------------------------------------------------------------------------


PEOPLE_SQL = """
    SELECT GROUPING(t.month) = 0, t.province_id, t.kind, t.month, sum(t.amount)::bigint
    FROM {table} t WHERE t.month = ANY(%s) {where}
    GROUP BY GROUPING SETS ((t.kind, t.month), (t.province_id, t.kind))
"""


def _fetch(sql: str, params: list) -> list[tuple]:
    # Where the ORM reads the tallies from (the replica inside reports.caching's block).
    with connections[router.db_for_read(ProvinceKindTally)].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _province_filter(province) -> tuple[str, list]:
    return ("AND t.province_id = %s", [province.pk]) if province is not None else ("", [])


def people_reached(fy: int, province=None) -> dict:
    """Numbers reported per kind of work and month of the year, the year's total per kind, ผู้รับบริการ (the people
    kinds summed) per month and for the year, and per province; one query of both groupings over the kind tally."""
    months = board.year_months(fy)
    where, params = _province_filter(province)
    amounts, per_province = defaultdict(int), defaultdict(int)
    sql = PEOPLE_SQL.format(table=ProvinceKindTally._meta.db_table, where=where)
    for by_month, province_id, kind, month, n in _fetch(sql, [months, *params]):
        if by_month:
            amounts[(kind, month)] += n
        elif kind not in NOT_PEOPLE:
            per_province[province_id] += n
    kinds = [
        {"code": code, "name_th": name_th, "name_en": name_en, "is_active": is_active}
        for code, name_th, name_en, is_active in plain_rows_of(
            ("work_kinds",),
            lambda: WorkKind.objects.order_by("sort_order", "code").values_list(
                "code", "name_th", "name_en", "is_active"
            ),
        )
    ]
    known = {k["code"] for k in kinds}
    # A code no kind has any longer (removed from the table) still shows under its code, so that sums add up.
    kinds += [
        {"code": c, "name_th": c, "name_en": c, "is_active": False}
        for c in sorted({kind for kind, _m in amounts} - known)
    ]
    table = []
    for kind in kinds:
        by_month = [amounts.get((kind["code"], m), 0) for m in months]
        if not kind["is_active"] and not any(by_month):
            continue
        table.append({**kind, "people": kind["code"] not in NOT_PEOPLE, "months": by_month, "year": sum(by_month)})
    people_months = [sum(r["months"][i] for r in table if r["people"]) for i in range(len(months))]
    return {
        "months": month_columns(months),
        "kinds": table,
        "people_months": people_months,
        "people": sum(people_months),
        "provinces": dict(per_province),
    }


# -- cases referred ----------------------------------------------------------------------------------------------


def median(histogram: dict[int, int]) -> float | None:
    """The exact median of values counted in a histogram {value: how many}: the middle one, or the mean of the two
    middle ones when the count is even."""
    n = sum(histogram.values())
    if not n:
        return None
    low, high = (n + 1) // 2, n // 2 + 1  # the middle positions, counted from 1 (the same one when n is odd)
    seen, low_value = 0, None
    for value in sorted(histogram):
        seen += histogram[value]
        if low_value is None and seen >= low:
            low_value = value
        if seen >= high:
            return (low_value + value) / 2
    raise AssertionError("unreachable: the positions are within n")


def _share(done: int, referred: int) -> float | None:
    return round(100 * done / referred, 1) if referred else None


def _case_counts(statuses: dict) -> dict:
    referred = sum(statuses.values())
    done = statuses.get(Status.DONE, 0)
    return {
        "referred": referred,
        "open": statuses.get(Status.REFERRED, 0) + statuses.get(Status.ACCEPTED, 0),
        "done": done,
        "not_referable": statuses.get(Status.NOT_REFERABLE, 0),
        "resolved_percent": _share(done, referred),
    }


CASES_SQL = """
    SELECT {columns}, GROUPING(t.month) = 0, t.province_id, t.month, t.status, sum(t.cases)
    FROM {table} t JOIN {agency} a ON a.id = t.agency_id
    WHERE t.month = ANY(%s) {where}
    GROUP BY GROUPING SETS ({sets})
"""
# A province's agencies by name; the nation's by kind (every grouping is one more hash of the year's rows).
# Columns: by agency?, by kind?, kind, agency id, name, sort key.
PROVINCE_CASES = {
    "columns": "GROUPING(a.id) = 0, false, NULL, a.id, a.name_th, a.name_sort",
    "sets": "(a.id, a.name_th, a.name_sort, t.status), (t.month, t.status), (t.province_id, t.status)",
}
NATION_CASES = {
    "columns": "false, GROUPING(a.kind) = 0, a.kind, NULL::bigint, NULL, NULL",
    "sets": "(a.kind, t.status), (t.month, t.status), (t.province_id, t.status)",
}
# A province: its monthly histograms, by month and summed over the year.
DAYS_SQL = """
    SELECT GROUPING(t.month) = 0, t.province_id, t.month, t.days, sum(t.cases)
    FROM {table} t WHERE t.month = ANY(%s) {where}
    GROUP BY GROUPING SETS ((t.province_id, t.days), (t.month, t.days))
"""
# The nation: the country's histogram per month, and each province's for the fiscal year (a few thousand rows
# where every province's monthly histograms are a hundred thousand).
NATION_DAYS_SQL = """
    SELECT true, NULL::bigint, n.month, n.days, n.cases FROM {nation} n WHERE n.month = ANY(%s) AND n.cases <> 0
    UNION ALL
    SELECT false, y.province_id, NULL::date, y.days, y.cases FROM {year} y WHERE y.fiscal_year = %s AND y.cases <> 0
"""


def case_figures(fy: int, province=None) -> dict:
    """Cases referred in the year: per agency (a province) or kind of agency (the nation), per month of referral and
    per province; the median days to done per month of closing, per province and for the year. Two queries, each
    of several groupings of one tally."""
    months = board.year_months(fy)
    where, params = _province_filter(province)
    by_agency, by_kind, by_month, by_province = (defaultdict(lambda: defaultdict(int)) for _i in range(4))
    agency_sort, agency_names = {}, {}
    shape = PROVINCE_CASES if province is not None else NATION_CASES
    sql = CASES_SQL.format(table=CaseTally._meta.db_table, agency=Agency._meta.db_table, where=where, **shape)
    for is_agency, is_kind, kind, agency_id, name, sort, is_month, province_id, month, status, n in _fetch(
        sql, [months, *params]
    ):
        if is_agency:
            by_agency[agency_id][status] += n
            agency_names[agency_id], agency_sort[agency_id] = name, sort
        elif is_kind:
            by_kind[kind][status] += n
        elif is_month:
            by_month[month][status] += n
        else:
            by_province[province_id][status] += n
    month_days, province_days, year_days = defaultdict(dict), defaultdict(dict), defaultdict(int)
    if province is not None:
        days_rows = _fetch(DAYS_SQL.format(table=CaseDaysTally._meta.db_table, where=where), [months, *params])
    else:
        sql = NATION_DAYS_SQL.format(nation=CaseNationDaysTally._meta.db_table, year=CaseYearDaysTally._meta.db_table)
        days_rows = _fetch(sql, [months, fy])
    for is_month, province_id, month, days, n in days_rows:
        if is_month:
            month_days[month][days] = month_days[month].get(days, 0) + n
        else:
            province_days[province_id][days] = province_days[province_id].get(days, 0) + n
            year_days[days] += n
    if province is not None:
        agency_rows = [
            {"name": agency_names[pk], **_case_counts(by_agency[pk])}
            for pk in sorted(by_agency, key=lambda pk: agency_sort[pk])
        ]
    else:
        agency_rows = [
            {"name": source_text(label), **_case_counts(by_kind[kind])}
            for kind, label in Agency.Kind.choices
            if kind in by_kind
        ]
    month_rows = [
        {**c, **_case_counts(by_month[c["month"]]), "median_days": median(month_days[c["month"]])}
        for c in month_columns(months)
    ]
    total = _case_counts({s: sum(r[s] for r in by_province.values()) for s in Status.values})
    total["median_days"] = median(year_days)
    return {
        "agencies": agency_rows,
        "months": month_rows,
        "total": total,
        "provinces": {pk: _case_counts(by_province[pk]) for pk in by_province},
        "province_days": dict(province_days),
    }


# -- the sections -----------------------------------------------------------------------------------------------


def province_results(province, fy: int, today: dt.date, districts: list[tuple]) -> dict:
    return {
        "rates": province_rates(province, fy, today, districts),
        "people": {k: v for k, v in people_reached(fy, province).items() if k != "provinces"},
        "cases": case_figures(fy, province),
        "notes": {"rate": RATE_NOTE, "people": PEOPLE_NOTE, "cases": CASES_NOTE},
    }


def national_results(rows: list[dict], regions: list[dict], rates: dict, people: dict, cases: dict) -> dict:
    """The nation's months, and each province's and region's year, from national_rates(), people_reached() and
    case_figures(); province and region rows are the dashboard's (code, name, region) so that the table follows the
    same order and links."""
    people = dict(people)
    per_province_people = people.pop("provinces")
    cases = dict(cases)
    days = cases.pop("province_days")
    province_rows = []
    for row in rows:
        pk = row["pk"]
        province_rows.append(
            {
                "pk": pk,
                "code": row["code"],
                "name": row["name"],
                "name_en": row["name_en"],
                "region": row["region"],
                **rates["provinces"].get(pk, _rate(Rate())),
                "people": per_province_people.get(pk, 0),
                **cases["provinces"].get(pk, _case_counts({})),
                "median_days": median(days.get(pk, {})),
            }
        )
    region_rows = []
    for region in regions:
        members = [r for r in province_rows if r["region"] == region["code"]]
        histogram = defaultdict(int)
        for member in members:
            for d, n in days.get(member["pk"], {}).items():
                histogram[d] += n
        region_rows.append(
            {
                "code": region["code"],
                "name": region["name"],
                "name_en": region["name_en"],
                **summed(members),
                "median_days": median(histogram),
            }
        )
    return {
        "rates": rates,
        "people": people,
        "cases": cases,
        "provinces": province_rows,
        "regions": region_rows,
        "total": summed(province_rows) | {"median_days": cases["total"]["median_days"]},
        "notes": {"rate": RATE_NOTE, "people": PEOPLE_NOTE, "cases": CASES_NOTE},
    }


SUMMED = ("expected", "received", "on_time", "people", "referred", "open", "done", "not_referable")


def summed(rows: list[dict]) -> dict:
    """Sums of province rows, with their rates (medians are not sums: each group's comes from its histogram)."""
    total = {k: sum(r[k] for r in rows) for k in SUMMED}
    rate = Rate(expected=total["expected"], received=total["received"], on_time=total["on_time"])
    return total | _rate(rate) | {"resolved_percent": _share(total["done"], total["referred"])}
