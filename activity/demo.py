"""Demo monthly activity reports: the last 24 months of the national network, with the gaps real reporting has.

Runs after the registry's demo (INSTALLED_APPS order). Each month covers the volunteers serving in it by the app's own
rule (activity.rules.serving_in_month), so no report is for someone who was not serving then.
- Most provinces receive 75-95 % of the reports they expect, a few weaker ones 40-60 %; each volunteer's own habit
  varies around the province's. A few volunteers stopped reporting 2-4 due months ago and are still serving, so the
  "not reported for 2+ months" list has people in it.
- Most reports arrive by the due day (the 5th of the next month), some later; a report "received" after today is not
  there yet, so the previous month is only partly in and the current month has none.
- Counts are a village volunteer's: mostly 0-30, information topics more often than services, the odd empty month,
  and now and then a local labour problem in a sentence.
- Entered by the province's demo officer where there is one. In Lampang a few months are closed, one reopened with a
  reason (through the services, so the month's history shows both steps).

The same on every run (an RNG seeded by province and month, and by person for a volunteer's habits), idempotent (a
volunteer's month that has a report is skipped). About 126,000 reports in one COPY with the table's own triggers off,
and the tallies (activity.tallies) rebuilt after. So no pghistory "insert" event for them: 126,000 history rows of
made-up data would double the write for nothing a user reads (a report's history matters from its first correction,
recorded as usual), as the roster import also bypasses the row trigger for its bulk writes. The closures in Lampang
go through the services, history and all.
"""

import datetime as dt
import random

import pghistory
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import Role
from activity import rules, services, tallies
from activity.imports import INSERT_COLUMNS
from activity.models import MonthClosure, MonthlyReport, WorkKind
from cases.models import Case
from core.pgcopy import copy_rows
from provinces.models import Province
from volunteers.models import Volunteer

MONTHS = 24
# Offices where reporting lags (few staff for many districts, forms collected only at quarterly meetings).
WEAK_REPORTING = {"96", "95", "94", "63", "58"}
# Share of volunteers who stopped sending their form some months ago but are still on the books.
STOPPED_SHARE = 0.03
# How often a kind has any number in a month, and how big it tends to be when it has.
INFORMATION_ODDS, INFORMATION_MEAN = 0.75, 7.0
SERVICE_ODDS, SERVICE_MEAN = 0.3, 2.0
EMPTY_MONTH_ODDS = 0.04
PROBLEM_ODDS = 0.04
LAMPANG = "52"
# Months before the current one that Lampang closed, and the one it opened again.
LAMPANG_CLOSED = (4, 5, 6, 7)
LAMPANG_REOPENED = 5
REOPEN_REASON = "อสร. ตำบลบ้านแลงส่งแบบรายงานของเดือนนี้ย้อนหลังมาที่สำนักงาน ต้องบันทึกเพิ่ม"

PROBLEMS = [
    "แรงงานนอกระบบในหมู่บ้านส่วนใหญ่ยังไม่มีประกันสังคม",
    "ค่าจ้างรายวันในไร่อ้อยต่ำกว่าค่าจ้างขั้นต่ำของจังหวัด",
    "มีแรงงานข้ามชาติทำงานในฟาร์มไก่โดยไม่มีใบอนุญาตทำงาน",
    "ผู้สูงอายุในชุมชนต้องการอาชีพเสริมที่ทำได้ที่บ้าน",
    "เยาวชนจบ ม.6 แล้วว่างงาน ไม่รู้จะหางานที่ไหน",
    "ลูกจ้างร้านอาหารถูกเลิกจ้างโดยไม่ได้รับค่าชดเชย",
    "กลุ่มทอผ้าขาดตลาดขายสินค้า รายได้ลดลง",
    "คนงานก่อสร้างไม่สวมอุปกรณ์ป้องกันขณะทำงานบนที่สูง",
    "ชาวบ้านสนใจสมัครมาตรา 40 แต่ไม่สะดวกเดินทางไปสมัคร",
    "แรงงานกลับจากต่างประเทศยังหางานในพื้นที่ไม่ได้",
    "นายจ้างค้างจ่ายค่าจ้างคนงานโรงสีข้าว 2 เดือน",
    "เกษตรกรใช้สารเคมีโดยไม่ป้องกัน มีอาการแพ้หลายราย",
    "ผู้พิการในตำบลต้องการงานที่เหมาะสมกับสภาพร่างกาย",
    "มีข่าวชักชวนไปทำงานต่างประเทศผ่านเฟซบุ๊ก เก็บค่าหัวคิวสูง",
    "ร้านซ่อมรถในหมู่บ้านให้เด็กอายุต่ำกว่า 15 ปีทำงาน",
    "หลังฤดูเก็บเกี่ยวคนวัยทำงานย้ายเข้าเมืองเกือบหมด",
    "ผู้ประกันตนมาตรา 40 หลายคนหยุดส่งเงินสมทบเพราะรายได้ไม่พอ",
    "วิสาหกิจชุมชนต้องการฝึกทักษะการขายออนไลน์",
    "ลูกจ้างทำงานเกินวันละ 10 ชั่วโมงโดยไม่ได้ค่าล่วงเวลา",
    "พบการใช้ยาเสพติดในกลุ่มคนงานโรงงานแปรรูปขนาดเล็ก",
]


def _months(today: dt.date) -> list[dt.date]:
    """The 24 months before the current one, oldest first."""
    month = rules.month_start(today)
    months = []
    for _ in range(MONTHS):
        month = rules.previous_month(month)
        months.append(month)
    return months[::-1]


class _Habit:
    """One volunteer's way of reporting, the same whatever the day the demo is loaded."""

    def __init__(self, national_id: str, province_rate: float, due_months: list[dt.date]):
        rng = random.Random(f"activity-{national_id}")
        self.rate = min(0.995, max(0.15, rng.gauss(province_rate, 0.08)))
        self.activity = rng.uniform(0.5, 1.8)
        stopped = rng.random() < STOPPED_SHARE
        # Stopped: nothing from the last 2-4 due months on (nor the months not due yet).
        self.stops_at = due_months[-rng.choice((2, 3, 4))] if stopped and len(due_months) >= 4 else None


def _kind_plan(kinds: list[WorkKind]) -> list[tuple[str, float, float]]:
    """(code, odds of any number in a month, mean number when there is one) of each kind."""
    return [
        (
            kind.code,
            *(
                (INFORMATION_ODDS, INFORMATION_MEAN)
                if kind.group == WorkKind.Group.INFORMATION
                else (SERVICE_ODDS, SERVICE_MEAN)
            ),
        )
        for kind in kinds
    ]


def _counts(rng: random.Random, plan: list[tuple[str, float, float]], activity: float) -> str:
    """The counts as the JSON text COPY writes (built by hand: json.dumps was a tenth of the whole load)."""
    if rng.random() < EMPTY_MONTH_ODDS:
        return "{" + ",".join(f'"{code}":0' for code, _odds, _mean in plan) + "}"
    random_, expovariate = rng.random, rng.expovariate
    parts = []
    for code, odds, mean in plan:
        value = 0
        if random_() < odds:
            # Mostly small, now and then a village meeting's worth.
            value = 1 + int(expovariate(1 / (mean * activity)))
            if value > 30 and random_() < 0.8:
                value = 15 + int(random_() * 16)
        parts.append(f'"{code}":{value}')
    return "{" + ",".join(parts) + "}"


def _received(rng: random.Random, month_after: dt.date, due: dt.date, on_time_share: float) -> dt.date:
    if rng.random() < on_time_share:
        # Forms come in at the month-end meeting or in the first days of the next month.
        return month_after + dt.timedelta(days=int(rng.random() * (due.day + 5)) - 5)
    return due + dt.timedelta(days=min(1 + int(rng.expovariate(1 / 8)), 60))


def officers() -> dict[int, int]:
    """{province id: user id} of each province's first demo officer."""
    found = {}
    for user_id, province_id in (
        User.objects.filter(staff_profile__role=Role.PROVINCE_OFFICER, staff_profile__province__isnull=False)
        .order_by("pk")
        .values_list("pk", "staff_profile__province_id")
    ):
        found.setdefault(province_id, user_id)
    return found


# The import's COPY columns: a demo report is written as an imported one is.
COLUMNS = INSERT_COLUMNS


def _cases_by_month(first: dt.date) -> dict[tuple[int, dt.date], int]:
    """{(volunteer id, month): cases referred}, from `first` on."""
    rows = (
        Case.objects.across_provinces("demo data")
        .filter(referred_on__gte=first)
        .annotate(month=TruncMonth("referred_on"))
        .values_list("volunteer", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(volunteer, month): n for volunteer, month, n in rows}


def demo_reports(today: dt.date | None = None) -> list[tuple]:
    """The planned reports of the nation (rows in COLUMNS' order), for the volunteers as they are in the database."""
    today = today or timezone.localdate()
    months = _months(today)
    due_months = [m for m in months if rules.due_date(m) < today]
    officer_of = officers()
    referred = _cases_by_month(months[0])
    provinces = {p.pk: p.code for p in Province.objects.all()}
    volunteers = Volunteer.objects.across_provinces("demo data")
    people = {
        pk: (national_id, province_id, district_id)
        for pk, national_id, province_id, district_id in volunteers.values_list(
            "pk", "national_id", "province_id", "subdistrict__district_id"
        )
    }
    # Who serves in each month, by the app's rule, grouped by province in a fixed order.
    serving: dict[tuple[int, dt.date], list[int]] = {}
    for month in months:
        for pk in volunteers.filter(rules.serving_in_month(month)).order_by("national_id").values_list("pk", flat=True):
            serving.setdefault((people[pk][1], month), []).append(pk)

    province_rates = {}
    for province_id, code in provinces.items():
        rng = random.Random(f"activity-{code}")
        weak = code in WEAK_REPORTING
        province_rates[province_id] = (
            rng.uniform(0.40, 0.60) if weak else rng.uniform(0.78, 0.95),
            rng.uniform(0.60, 0.75) if weak else rng.uniform(0.80, 0.95),
        )
    plan = _kind_plan(list(WorkKind.objects.active()))
    habits: dict[int, _Habit] = {}
    midnight: dict[dt.date, dt.datetime] = {}
    rows = []
    for (province_id, month), pks in sorted(serving.items(), key=lambda item: (provinces[item[0][0]], item[0][1])):
        rate, on_time_share = province_rates[province_id]
        rng = random.Random(f"activity-{provinces[province_id]}-{month:%Y-%m}")
        officer = officer_of.get(province_id)
        month_after, due = rules.next_month(month), rules.due_date(month)
        for pk in pks:
            national_id, _province, district_id = people[pk]
            habit = habits.get(pk)
            if habit is None:
                habit = habits[pk] = _Habit(national_id, rate, due_months)
            if rng.random() >= habit.rate or (habit.stops_at and month >= habit.stops_at):
                continue
            received = _received(rng, month_after, due, on_time_share)
            if received > today:
                continue  # not in yet
            if received not in midnight:
                midnight[received] = timezone.make_aware(dt.datetime.combine(received, dt.time()))
            entered_at = midnight[received] + dt.timedelta(minutes=480 + int(rng.random() * 540))
            rows.append(
                (
                    pk,
                    province_id,
                    district_id,
                    month,
                    _counts(rng, plan, habit.activity),
                    rng.choice(PROBLEMS) if rng.random() < PROBLEM_ODDS else "",
                    # At least the cases the volunteer referred that month (cases/demo.py, loaded before).
                    max(rng.choice((1, 1, 2, 3)) if rng.random() < 0.08 else 0, referred.get((pk, month), 0)),
                    received,
                    received <= due,  # rules.is_late, with the month's due date worked out once
                    officer,
                    entered_at.isoformat(),
                )
            )
    return rows


def _close_lampang_months(today: dt.date) -> int:
    """A few closed months in Lampang and one opened again, by its officer through the services."""
    province = Province.objects.filter(code=LAMPANG).first()
    officer = User.objects.filter(
        staff_profile__role=Role.PROVINCE_OFFICER, staff_profile__province__code=LAMPANG
    ).first()
    if province is None or officer is None:
        return 0
    if MonthClosure.objects.across_provinces("demo data").filter(province=province).exists():
        return 0
    month = rules.month_start(today)
    back = {}
    for step in range(1, max(LAMPANG_CLOSED) + 1):
        month = rules.previous_month(month)
        back[step] = month
    for step in sorted(LAMPANG_CLOSED, reverse=True):
        services.close_month(province=province, month=back[step], by=officer, today=today)
    services.reopen_month(province=province, month=back[LAMPANG_REOPENED], reason=REOPEN_REASON, by=officer)
    return len(LAMPANG_CLOSED)


def load(stdout=None) -> None:
    today = timezone.localdate()
    reports = MonthlyReport.objects.across_provinces("demo data")
    # A second run plans the same reports and finds them all there: nothing to write, no trigger to fire.
    present = set(reports.filter(month__gte=_months(today)[0]).values_list("volunteer_id", "month"))
    rows = [row for row in demo_reports(today) if (row[0], row[3]) not in present]
    table = MonthlyReport._meta.db_table
    with pghistory.context(source="ข้อมูลตัวอย่าง (load_demo)"), connection.cursor() as cursor:
        if rows:
            # The table's own triggers (pghistory's "insert" event, the tallies' statement triggers) are off for the
            # COPY and the tallies recounted after: the tally trigger's upsert of 126,000 rows took twice as long as
            # the write, a recount half of that. Table owner's rights suffice and the foreign-key checks stay on;
            # the ALTER is part of the transaction, so a failure undoes it too. The foreign keys are checked when
            # the COPY ends rather than at commit, as the ALTER back is refused while checks are pending; deferred
            # again after, as Django's foreign keys are.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            # In the order the province's pages read them (province, month), so a month's reports share pages.
            rows.sort(key=lambda row: (row[1], row[3], row[2]))
            copy_rows(cursor, table, COLUMNS, rows)
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            tallies.rebuild()
        closed = _close_lampang_months(today)
    if stdout:
        stdout.write(
            f"Monthly reports: {len(rows)} added, {reports.count()} in all"
            + (f"; {closed} months closed in Lampang, one reopened." if closed else ".")
        )
