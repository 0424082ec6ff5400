"""Demo cases (spot, screen, refer) for the whole nation: 150 to 400 per province by the size of its network, over the
last 24 months, each referred by a volunteer serving in the province that month to the province's agency that takes
what the person needs.

- Statuses as a province's register has them: most cases closed done 5 to 45 days after the referral, some that could
  not be referred (with the reason, in Thai), the recent ones still open, and some older ones still open, overdue
  (open longer than CASE_OVERDUE_DAYS).
- A few flagged as suspected forced labour or trafficking in every province, more in border provinces where such
  cases come up more often.
- A name and a contact on some open cases only; cases closed longer than CASE_PERSONAL_DATA_DAYS ago have had their
  personal data erased (cases.services.erase_expired_personal_data), as the daily job would have done.
- In Lampang and Chiang Mai, a handful written by hand first (CASES) that the demo accounts and tests rely on: the
  employment office's cases lampang.agency sees, the flagged one lampang.trafficking sees, one overdue, one erased.

Runs after the registry's demo (INSTALLED_APPS order) and before the monthly reports', whose referral counts follow
these cases. The same on every run (an RNG seeded by province), idempotent (a province that already has cases is
left alone). The hand-written cases are created one by one, history and all; the 20,000 or so others in one COPY with
the table's own triggers off and the tallies (cases.tallies) rebuilt after, as activity/demo.py writes the reports.
"""

import datetime as dt
import random

import pghistory
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from activity import rules
from activity.demo import officers
from cases import tallies
from cases.models import Case, Status
from core.pgcopy import copy_rows
from provinces.models import Agency, Province
from volunteers.models import Volunteer

K = Agency.Kind
# (days ago spotted, agency kind, needs, status, days to accept, days to close, person, contact, flagged, reason)
CASES = {
    "52": [
        (3, K.EMPLOYMENT, ["job_seekers"], Status.REFERRED, None, None, "นายสมบัติ ว่างงาน", "081 234 5678", False, ""),
        (
            12,
            K.EMPLOYMENT,
            ["job_seekers", "training_applicants"],
            Status.ACCEPTED,
            2,
            None,
            "นางบัวเรียน หาอาชีพ",
            "",
            False,
            "",
        ),
        (45, K.EMPLOYMENT, ["job_seekers"], Status.ACCEPTED, 5, None, "", "ผ่านผู้ใหญ่บ้าน หมู่ 4", False, ""),
        (60, K.SOCIAL_SECURITY, ["section40_applicants"], Status.DONE, 3, 20, "นางสาวจันทร์ดี ค้าขาย", "", False, ""),
        (
            20,
            K.WELFARE,
            ["complaints", "info_protection"],
            Status.NOT_REFERABLE,
            None,
            4,
            "",
            "",
            False,
            "ผู้ร้องไม่ประสงค์ดำเนินการต่อ",
        ),
        (400, K.SKILL, ["training_applicants"], Status.DONE, 5, 30, "นายเก่า ปิดแล้ว", "", False, ""),
        (8, K.WELFARE, ["info_protection"], Status.REFERRED, None, None, "", "", True, ""),
    ],
    "50": [
        (5, K.EMPLOYMENT, ["job_seekers"], Status.REFERRED, None, None, "นายคำปัน หางาน", "089 765 4321", False, ""),
        (40, K.SOCIAL_SECURITY, ["section40_applicants"], Status.ACCEPTED, 3, None, "", "", False, ""),
        (90, K.WELFARE, ["info_safety"], Status.DONE, 2, 25, "นางแสงเดือน ปลอดภัย", "", False, ""),
    ],
}
OPENED_BY = {"52": "lampang.officer", "50": "chiangmai.officer"}
FLAGGED_BY = "lampang.trafficking"


DAYS = 730
FEWEST, MOST = 150, 400
# Provinces on a border where forced labour and trafficking come up more often: Tak, Chiang Rai, Sa Kaeo, Ranong,
# Songkhla, Kanchanaburi.
BORDER = {"63", "57", "27", "85", "90", "71"}
# What the person needs, the agency kind that takes it, and how often a volunteer meets it.
REFERRALS = [
    (["job_seekers"], K.EMPLOYMENT, 36),
    (["job_seekers", "training_applicants"], K.EMPLOYMENT, 8),
    (["training_applicants"], K.SKILL, 14),
    (["section40_applicants"], K.SOCIAL_SECURITY, 18),
    (["complaints"], K.WELFARE, 10),
    (["complaints", "info_protection"], K.WELFARE, 7),
    (["info_protection"], K.WELFARE, 4),
    (["info_safety"], K.WELFARE, 3),
]
NOT_REFERABLE_ODDS = 0.06
# A case older than its closing day is done, unless it is one of the few still open (overdue by now).
STILL_OPEN_ODDS = 0.08
NOT_REFERABLE_REASONS = [
    "ผู้รับบริการไม่ประสงค์ดำเนินการต่อ",
    "ติดต่อผู้รับบริการไม่ได้หลังจากพบครั้งแรก",
    "ผู้รับบริการย้ายออกนอกจังหวัดแล้ว",
    "ไม่อยู่ในอำนาจหน้าที่ของหน่วยงานในจังหวัด แนะนำให้ติดต่อหน่วยงานส่วนกลาง",
    "ผู้รับบริการได้รับความช่วยเหลือจากหน่วยงานอื่นแล้ว",
]
NAMED_ODDS, CONTACT_ODDS = 0.5, 0.35
TITLES = {"male": ["นาย"], "female": ["นาง", "นางสาว"]}
FIRST_NAMES = {
    "male": ["สมชาย", "ประเสริฐ", "บุญมี", "ทองดี", "วิชัย", "สมศักดิ์", "คำปัน", "อำนาจ", "ชาตรี", "สุรชัย"],
    "female": ["มาลี", "สุดา", "บัวเรียน", "จันทร์เพ็ญ", "แสงเดือน", "ศรีไพร", "นงลักษณ์", "พรทิพย์", "อรุณี", "ลำดวน"],
}
LAST_NAMES = ["ใจดี", "ศรีสุข", "แก้วมณี", "บุญเรือง", "ทองคำ", "วงศ์ใหญ่", "พรหมมา", "อินทร์แก้ว", "คำแสน", "ปัญญาดี"]
CONTACTS = ["ผ่านผู้ใหญ่บ้าน หมู่ {n}", "ผ่าน อสร. ผู้พบ", "LINE ของบุตรสาว", "บ้านเลขที่ {n}/1 หมู่ {m}"]

COLUMNS = [
    "province_id",
    "volunteer_id",
    "spotted_on",
    "subdistrict_id",
    "needs",
    "agency_id",
    "flagged",
    "person_name",
    "person_contact",
    "national_id_needed",
    "national_id",
    "personal_data_erased_on",
    "status",
    "referred_on",
    "accepted_on",
    "closed_on",
    "not_referable_reason",
    "created_by_id",
    "created_at",
    "updated_at",
]


def _person(rng: random.Random) -> str:
    gender = rng.choice(("male", "female"))
    return f"{rng.choice(TITLES[gender])}{rng.choice(FIRST_NAMES[gender])} {rng.choice(LAST_NAMES)}"


def _contact(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"0{rng.choice('689')}{rng.randrange(10)} {rng.randrange(1000):03d} {rng.randrange(10000):04d}"
    return rng.choice(CONTACTS).format(n=rng.randrange(1, 15), m=rng.randrange(1, 15))


def _steps(rng: random.Random, spotted: dt.date, today: dt.date):
    """(status, accepted on, closed on, reason) of a case referred on `spotted`, as far as it got by `today`."""
    age = (today - spotted).days
    if rng.random() < NOT_REFERABLE_ODDS:
        closed = min(spotted + dt.timedelta(days=rng.randrange(1, 8)), today)
        return Status.NOT_REFERABLE, None, closed, rng.choice(NOT_REFERABLE_REASONS)
    accept, close = rng.randrange(1, 8), rng.randrange(5, 46)
    accept = min(accept, close)
    if age >= close and rng.random() >= STILL_OPEN_ODDS:
        return Status.DONE, spotted + dt.timedelta(days=accept), spotted + dt.timedelta(days=close), ""
    if age >= accept and rng.random() < 0.8:
        return Status.ACCEPTED, spotted + dt.timedelta(days=accept), None, ""
    return Status.REFERRED, None, None, ""


def demo_cases(provinces: list[Province], today: dt.date) -> list[tuple]:
    """The planned cases of `provinces` (rows in COLUMNS' order), from the volunteers as they are in the database."""
    months = [rules.month_start(today)]
    while len(months) < DAYS // 30 + 2:
        months.append(rules.previous_month(months[-1]))
    ids = [p.pk for p in provinces]
    volunteers = Volunteer.objects.across_provinces("demo data").filter(province__in=ids)
    sizes = dict(volunteers.values_list("province").annotate(n=Count("pk")).order_by())
    smallest, largest = min(sizes.values(), default=0), max(sizes.values(), default=0)
    # Who serves in each month, by the app's rule, in a fixed order.
    serving: dict[tuple[int, dt.date], list[tuple[int, int]]] = {}
    for month in months:
        for pk, province_id, subdistrict_id in (
            volunteers.filter(rules.serving_in_month(month))
            .order_by("national_id")
            .values_list("pk", "province_id", "subdistrict_id")
        ):
            serving.setdefault((province_id, month), []).append((pk, subdistrict_id))
    agencies = {(a.province_id, a.kind): a.pk for a in Agency.objects.filter(province__in=ids)}
    by_officer = officers()
    referrals = [(needs, kind) for needs, kind, _weight in REFERRALS]
    weights = [weight for *_rest, weight in REFERRALS]
    erase_after = settings.CASE_PERSONAL_DATA_DAYS
    now = timezone.now()
    rows = []
    for province in provinces:
        if province.pk not in sizes:
            continue
        rng = random.Random(f"cases-{province.code}")
        share = (sizes[province.pk] - smallest) / (largest - smallest) if largest > smallest else 0.5
        flagged = set(rng.sample(range(FEWEST), rng.randint(4, 8) if province.code in BORDER else rng.randint(1, 3)))
        for n in range(FEWEST + round(share * (MOST - FEWEST))):
            spotted = today - dt.timedelta(days=rng.randrange(DAYS))
            pool = serving.get((province.pk, rules.month_start(spotted)))
            if not pool:
                continue
            volunteer_id, subdistrict_id = rng.choice(pool)
            needs, kind = rng.choices(referrals, weights)[0]
            if n in flagged:
                needs, kind = ["complaints", "info_protection"], K.WELFARE
            status, accepted, closed, reason = _steps(rng, spotted, today)
            named = status in (Status.REFERRED, Status.ACCEPTED) and rng.random() < NAMED_ODDS
            contact = status in (Status.REFERRED, Status.ACCEPTED) and rng.random() < CONTACT_ODDS
            # Erased by the daily job on the first day past the retention period.
            erased = closed + dt.timedelta(days=erase_after) if closed else None
            entered = timezone.make_aware(dt.datetime.combine(spotted, dt.time(10))) + dt.timedelta(minutes=n)
            rows.append(
                (
                    province.pk,
                    volunteer_id,
                    spotted,
                    subdistrict_id,
                    "{" + ",".join(needs) + "}",
                    agencies[(province.pk, kind)],
                    n in flagged,
                    _person(rng) if named else "",
                    _contact(rng) if contact else "",
                    False,
                    "",
                    erased if erased and erased <= today else None,
                    status,
                    spotted,
                    accepted,
                    closed,
                    reason,
                    by_officer.get(province.pk),
                    entered.isoformat(),
                    now.isoformat(),
                )
            )
    return rows


def _copy(rows: list[tuple]) -> None:
    """COPY the cases with the table's triggers off (pghistory's "insert" events of made-up cases, the tallies'
    statement triggers), then recount the tallies; see activity/demo.py for why the constraints go immediate."""
    table = Case._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        # In the order the province's pages read them.
        copy_rows(cursor, table, COLUMNS, sorted(rows, key=lambda row: (row[0], row[13])))
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    tallies.rebuild()


def load(stdout=None) -> None:
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(username__in=[*OPENED_BY.values(), FLAGGED_BY])}
    cases = Case.objects.across_provinces("demo data")
    # A province with cases is left alone, the hand-written ones and the others alike.
    provinces = list(Province.objects.exclude(pk__in=cases.values("province")).order_by("code"))
    by_hand = 0
    with pghistory.context(source="ข้อมูลตัวอย่าง (load_demo)"):
        for province in provinces:
            by_hand += _write_by_hand(province, CASES.get(province.code, []), users, today)
        rows = demo_cases(provinces, today)
        if rows:
            _copy(rows)
    if stdout:
        stdout.write(f"Cases: {by_hand + len(rows)} added, {cases.count()} in all.")


def _write_by_hand(province: Province, rows: list[tuple], users: dict, today: dt.date) -> int:
    if not rows:
        return 0
    volunteers = Volunteer.objects.across_provinces("demo data").filter(province=province).order_by("pk")
    if not volunteers.exists():
        return 0
    agencies = {a.kind: a for a in Agency.objects.filter(province=province)}
    for i, (ago, kind, needs, status, accept, close, person, contact, flagged, reason) in enumerate(rows):
        spotted = today - dt.timedelta(days=ago)
        # One of the first volunteers serving that month, a different one for each case.
        serving = volunteers.filter(rules.serving_in_month(rules.month_start(spotted)))
        volunteer = serving[i % min(20, serving.count())] if serving.exists() else volunteers.first()
        closed_on = spotted + dt.timedelta(days=close) if close is not None else None
        erased = closed_on is not None and (today - closed_on).days >= settings.CASE_PERSONAL_DATA_DAYS
        Case.objects.create(
            province=province,
            volunteer=volunteer,
            spotted_on=spotted,
            referred_on=spotted,
            subdistrict_id=volunteer.subdistrict_id,
            agency=agencies[kind],
            needs=list(needs),
            flagged=flagged,
            person_name="" if erased else person,
            person_contact="" if erased else contact,
            personal_data_erased_on=today if erased else None,
            status=status,
            accepted_on=spotted + dt.timedelta(days=accept) if accept is not None else None,
            closed_on=closed_on,
            not_referable_reason=reason,
            created_by=users.get(FLAGGED_BY if flagged else OPENED_BY[province.code]),
        )
    return len(rows)
