"""Demo volunteers: a national network shaped like the real one (about 7,800 people in all 77 provinces).

Outside Bangkok each subdistrict has one lead (แกนนำระดับตำบล) where it is covered; most provinces cover 78-97 % of
their subdistricts and a few are weaker. Bangkok's แขวง have three seats each and are partly filled. An uncovered
subdistrict has nobody, a lead whose term ended without re-appointment (ครบวาระ), a suspended lead, or a lead who
resigned or died; a few covered ones also have such a predecessor. Some provinces have network members (เครือข่าย).
Terms started in different years (some people are in their second or third term, the old terms kept), so some end
within the next 90 days. Leavers have their reason and status change on record.

Made-up people with valid-checksum national IDs, the same on every run (a seeded RNG per province, dates counted
from today). Written with bulk_create in a few statements; the history and report tallies are kept by triggers.
Idempotent: a person already present is left alone.
"""

import datetime as dt
import random
from collections import Counter

import pghistory
from django.utils import timezone

from core.names import EDUCATION, FEMALE_FIRST, LAST, MALE_FIRST, OCCUPATIONS, SKILLS, VILLAGES
from core.thai import fiscal_year, fiscal_year_bounds, national_id_with_check_digit
from mentors.models import Mentor
from provinces.models import District, Province, Subdistrict
from volunteers.absences import record_absences
from volunteers.models import StatusChange, Term, Volunteer
from volunteers.rules import Tier, appointment_age_error, default_term_end

BANGKOK = "10"
# The personas' provinces keep a network big enough for the article's workshop (100 active Lampang volunteers).
NETWORK_SIZES = {"52": 30, "50": 25}
# The article's workshop (trainings.demo.LAMPANG_WORKSHOP) had 100 Lampang volunteers serving on its day, so the
# province's registry keeps the records of those who served then: most of its people were re-appointed since, their
# earlier terms on record; a few were new since, and those whose predecessor is on record keep their later start.
COHORT_PROVINCE, COHORT_DAY, COHORT_SHARE = "52", dt.date(2020, 1, 7), 0.9
# Two of its leads were appointed by one order three years before a day early in the current fiscal year (round_end),
# so their terms end together that day, and nobody has re-appointed them yet: the province's course of the year runs
# over that day (trainings.demo), and its last day shows them no longer serving.
ROUND_LEADS = 2
# Provinces whose coverage lags (recruitment stalled after many terms ended at once), as a few do in life.
WEAK_PROVINCES = {"96", "95", "58", "63", "71", "81"}
# What a Bangkok แขวง holds of its 3 seats: full in about half of them.
BANGKOK_FILLED = [(3, 0.45), (2, 0.30), (1, 0.15), (0, 0.10)]
EARLIEST_APPOINTMENT = dt.date(2014, 10, 1)

# Thai mobile numbers begin 06[1-6], 08x or 09x.
MOBILE_PREFIXES = [f"06{d}" for d in range(1, 7)] + [f"08{d}" for d in range(10)] + [f"09{d}" for d in range(10)]

REASONS = {
    Volunteer.Status.RESIGNED: [
        "ลาออกเนื่องจากย้ายไปทำงานต่างจังหวัด",
        "ลาออกด้วยเหตุผลด้านสุขภาพ",
        "ลาออกเพื่อดูแลครอบครัว",
        "ย้ายภูมิลำเนาออกนอกตำบล",
        "ได้รับเลือกเป็นสมาชิกสภาองค์การบริหารส่วนตำบล",
    ],
    Volunteer.Status.SUSPENDED: ["ไม่ได้ปฏิบัติหน้าที่ติดต่อกันเกิน 6 เดือน", "อยู่ระหว่างตรวจสอบข้อร้องเรียน"],
    Volunteer.Status.DECEASED: ["เสียชีวิต (แจ้งโดยผู้ใหญ่บ้าน)", "เสียชีวิต (แจ้งโดยญาติ)"],
}

# What happens to a seat: served now, ended without re-appointment, suspended, or left.
SERVING, ENDED, SUSPENDED, LEFT = "serving", "ended", "suspended", "left"


def _national_id(first_digit: str, district_code: str, index: int) -> str:
    # 7919 is prime and coprime to 10**7, so distinct indexes give distinct serials within a district.
    return national_id_with_check_digit(f"{first_digit}{district_code}{(index * 7919 + 1234) % 10**7:07d}")


def _random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return dt.date(day.year - years, 2, 28)


def _terms(rng: random.Random, kind: str, today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The terms of one person, oldest first, each starting the day after the one before ended."""
    if kind == ENDED:
        # The last term ended within the past year and nobody re-appointed them.
        ends = _random_date(rng, today - dt.timedelta(days=360), today - dt.timedelta(days=3))
        start = _years_before(ends + dt.timedelta(days=1), 3)
    elif kind == LEFT:
        start = _random_date(rng, EARLIEST_APPOINTMENT, today - dt.timedelta(days=400))
    else:
        # A running term: it started within the last three years, so a twelfth of them end within 90 days.
        start = _random_date(rng, _years_before(today, 3) + dt.timedelta(days=1), today - dt.timedelta(days=5))
    terms = [(start, default_term_end(start))]
    # Re-appointed once in about half of the cases, twice now and then; never before the programme's records begin.
    while rng.random() < (0.5 if len(terms) == 1 else 0.3) and _term_before(terms):
        pass
    return terms


def _term_before(terms: list[tuple[dt.date, dt.date]]) -> bool:
    """Put a three-year term before the first of `terms`, ending the day before it began; False, and nothing put, when
    it would begin before the programme's records do."""
    earlier = _years_before(terms[0][0], 3)
    if earlier < EARLIEST_APPOINTMENT:
        return False
    terms.insert(0, (earlier, terms[0][0] - dt.timedelta(days=1)))
    return True


def _order_no(rng: random.Random, province: Province, start: dt.date) -> str:
    """The appointment order of a term beginning on `start`: the province's order of that Buddhist-era year."""
    return f"คำสั่ง{province.display_name} ที่ {rng.randint(100, 4999)}/{start.year + 543}"


def _away_and_back(
    rng: random.Random, terms: list[tuple[dt.date, dt.date]], today: dt.date
) -> tuple[list[tuple[dt.date, dt.date]], tuple[dt.date, dt.date, str] | None]:
    """Some serving volunteers were out of office for a while and came back: one in 40 of those re-appointed was
    re-appointed a year after their term ended, before the months the monthly reports cover (the last 24; their
    earlier terms move a year back), and one in 40 was suspended for a year or more within those months and
    reinstated (the dates it returns), so the monthly reports expect nothing of them meanwhile (activity.rules)."""
    reports_begin = _years_before(today, 2) - dt.timedelta(days=31)
    roll = rng.random()
    if roll < 0.025 and len(terms) > 1 and terms[-1][0] < reports_begin:
        earlier = [(_years_before(start, 1), _years_before(end, 1)) for start, end in terms[:-1]]
        if earlier[0][0] >= EARLIEST_APPOINTMENT:
            return [*earlier, terms[-1]], None
    elif roll < 0.05:
        first = max(terms[0][0] + dt.timedelta(days=90), reports_begin + dt.timedelta(days=31))
        last = min(terms[-1][1], today - dt.timedelta(days=60)) - dt.timedelta(days=400)
        if first < last:
            suspended = _random_date(rng, first, last)
            return terms, (
                suspended,
                _random_date(rng, suspended + dt.timedelta(days=370), suspended + dt.timedelta(days=400)),
                rng.choice(REASONS[Volunteer.Status.SUSPENDED]),
            )
    return terms, None


class _Province:
    """The planned people of one province, the same on every run."""

    def __init__(self, province: Province, subdistricts: list[Subdistrict], today: dt.date):
        self.province = province
        self.subdistricts = subdistricts
        self.today = today
        self.rng = random.Random(f"volunteers-{province.code}")
        self.per_district: dict[str, int] = {}
        self.people: list[dict] = []

    def plan(self) -> list[dict]:
        rng = self.rng
        weak = self.province.code in WEAK_PROVINCES
        coverage = rng.uniform(0.55, 0.75) if weak else rng.uniform(0.78, 0.97)
        for subdistrict in self.subdistricts:
            if subdistrict.quota == 1:
                self._one_seat(subdistrict, coverage)
            else:
                self._bangkok_seats(subdistrict)
        network = NETWORK_SIZES.get(self.province.code)
        if network is None:
            network = rng.randint(5, 25) if rng.random() < 0.25 else 0
        for _ in range(network):
            kind = SERVING if rng.random() < 0.9 else rng.choice([ENDED, LEFT])
            self._person(rng.choice(self.subdistricts), kind, tier=Tier.NETWORK)
        if self.province.code == COHORT_PROVINCE:
            self._serving_since(COHORT_DAY)
            self._terms_end_on(round_end(self.today), ROUND_LEADS)
        return self.people

    def _serving_since(self, day: dt.date) -> None:
        """Most of the province's people served on `day` already: their terms run back to it, back to back (now and
        then one more before), whatever became of them since (re-appointed, ended without re-appointment, left,
        suspended). Done after the plan, by an RNG of each person's own, so that the people stay who they were."""
        leads = Counter(row["subdistrict"].pk for row in self.people if row["tier"] == Tier.LEAD)
        for row in self.people:
            rng = random.Random(f"served-since-{row['national_id']}")
            (start, _), _ = row["_terms"][0]
            status = row["_status"]
            if (
                start <= day
                or (row["tier"] == Tier.LEAD and leads[row["subdistrict"].pk] > 1)  # one lead a subdistrict
                or (status and status[1] <= day)
                or rng.random() >= COHORT_SHARE
            ):
                continue
            terms = [term for term, _ in row["_terms"]]
            while (terms[0][0] > day or rng.random() < 0.3) and _term_before(terms):
                pass
            added = len(terms) - len(row["_terms"])
            orders = [_order_no(rng, self.province, begin) for begin, _ in terms[:added]]
            row["_terms"] = list(zip(terms, orders + [order for _, order in row["_terms"]], strict=True))
            if row["status_changed_on"] == row["appointed_on"]:
                row["status_changed_on"] = terms[0][0]
            row["appointed_on"] = row["consent_recorded_on"] = terms[0][0]
            row["appointment_order"] = row["_terms"][0][1]

    def _terms_end_on(self, day: dt.date, count: int) -> None:
        """`count` of the province's leads serving over `day` and the days either side of it (drawn by an RNG of
        their own, so that the others stay who they were) have three-year terms that end on `day`, back to back as
        far back as they served, their latest by one order."""
        rng = random.Random(f"round-{self.province.code}")
        serving_over_it = [
            row
            for row in self.people
            if row["tier"] == Tier.LEAD
            and not row["_status"]
            and not row["_returned"]
            and row["_terms"][-1][0][0] < day - dt.timedelta(days=1)
            and row["_terms"][-1][0][1] > day + dt.timedelta(days=1)
        ]
        orders, picked = {}, 0
        for row in rng.sample(serving_over_it, len(serving_over_it)):
            if picked == count:
                break
            (first_start, _), _ = row["_terms"][0]
            terms = [(_years_before(day + dt.timedelta(days=1), 3), day)]
            while terms[0][0] > first_start and _term_before(terms):
                pass
            if appointment_age_error(row["birth_date"], terms[0][0]):
                continue  # too young for the first of these terms, by the rule the registry's forms apply
            picked += 1
            for start, _ in terms:
                orders.setdefault(start, _order_no(rng, self.province, start))
            row["_terms"] = [(term, orders[term[0]]) for term in terms]
            row["appointed_on"] = row["consent_recorded_on"] = row["status_changed_on"] = terms[0][0]
            row["appointment_order"] = orders[terms[0][0]]
            row["term_ends_on"] = day

    def _one_seat(self, subdistrict: Subdistrict, coverage: float) -> None:
        rng = self.rng
        if rng.random() < coverage:
            if rng.random() < 0.04:
                self._person(subdistrict, LEFT)  # the lead before the present one
            self._person(subdistrict, SERVING)
            return
        roll = rng.random()
        if roll < 0.35:
            self._person(subdistrict, ENDED)
        elif roll < 0.50:
            self._person(subdistrict, SUSPENDED)
        elif roll < 0.75:
            self._person(subdistrict, LEFT)
        # else: nobody was ever appointed there

    def _bangkok_seats(self, subdistrict: Subdistrict) -> None:
        rng = self.rng
        filled = rng.choices([n for n, _ in BANGKOK_FILLED], [w for _, w in BANGKOK_FILLED])[0]
        filled = min(filled, subdistrict.quota)
        for _ in range(filled):
            self._person(subdistrict, SERVING)
        for _ in range(subdistrict.quota - filled):
            if rng.random() < 0.3:
                self._person(subdistrict, rng.choice([ENDED, LEFT]))

    def _person(self, subdistrict: Subdistrict, kind: str, tier: str = Tier.LEAD) -> None:
        rng, today, province = self.rng, self.today, self.province
        district_code = subdistrict.district.code
        index = self.per_district.get(district_code, 0)
        self.per_district[district_code] = index + 1
        female = rng.random() < 0.52
        birth = _random_date(rng, dt.date(1956, 1, 1), dt.date(1998, 12, 31))
        terms = _terms(rng, kind, today)
        national_id = _national_id("1" if birth.year >= 1984 else "3", district_code, index)
        returned = None
        if kind == SERVING:
            # By an RNG of their own, so that the rest of the network is what it was before returns were planned.
            terms, returned = _away_and_back(random.Random(f"returned-{national_id}"), terms, today)
        appointed = terms[0][0]
        orders = [_order_no(rng, province, start) for start, _ in terms]
        status_change = None
        if kind == SUSPENDED:
            status_change = Volunteer.Status.SUSPENDED
        elif kind == LEFT:
            status_change = Volunteer.Status.DECEASED if rng.random() < 0.15 else Volunteer.Status.RESIGNED
        changed_on = None
        if status_change:
            start, end = terms[-1]
            changed_on = _random_date(rng, start + dt.timedelta(days=60), min(end, today - dt.timedelta(days=20)))
        self.people.append(
            {
                "national_id": national_id,
                "title": (Volunteer.Title.MRS if rng.random() < 0.6 else Volunteer.Title.MISS)
                if female
                else Volunteer.Title.MR,
                "first_name": rng.choice(FEMALE_FIRST if female else MALE_FIRST),
                "last_name": rng.choice(LAST),
                "gender": Volunteer.Gender.FEMALE if female else Volunteer.Gender.MALE,
                "birth_date": birth,
                "phone": f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 9_999_999):07d}",
                "line_id": f"line{district_code}{index:03d}" if rng.random() < 0.5 else "",
                "house_no": f"{rng.randint(1, 250)}" + (f"/{rng.randint(1, 9)}" if rng.random() < 0.2 else ""),
                "village_no": rng.randint(1, 15),
                "village_name": rng.choice(VILLAGES),
                "subdistrict": subdistrict,
                "province_id": subdistrict.province_id,
                "tier": tier,
                "appointed_on": appointed,
                "appointment_order": orders[0],
                "term_ends_on": terms[-1][1],
                "education": rng.choice(EDUCATION),
                "occupation": rng.choice(OCCUPATIONS),
                "skills": ", ".join(rng.sample(SKILLS, 2)),
                "consent_recorded_on": appointed,
                "status": Volunteer.Status.ACTIVE,
                "status_changed_on": returned[1] if returned else appointed,
                "_returned": returned,
                "_mentor_roll": rng.random(),
                "_terms": list(zip(terms, orders, strict=True)),
                "_status": (status_change, changed_on, rng.choice(REASONS[status_change])) if status_change else None,
            }
        )


def round_end(today: dt.date) -> dt.date:
    """The day the terms of the cohort province's ROUND_LEADS end: the first Tuesday, Wednesday or Thursday two weeks
    into the fiscal year of `today`, so that a three-day event from the day before is held on working days."""
    start, _ = fiscal_year_bounds(fiscal_year(today))
    day = start + dt.timedelta(days=14)
    while day.weekday() not in (1, 2, 3):
        day += dt.timedelta(days=1)
    return day


def demo_volunteers(province: Province, today: dt.date | None = None) -> list[dict]:
    """The planned volunteers of a province as field values (terms under "_terms", status change under "_status")."""
    subdistricts = list(Subdistrict.objects.filter(province=province).select_related("district").order_by("code"))
    return _Province(province, subdistricts, today or timezone.localdate()).plan()


def _mentors_by_district() -> dict[int, Mentor]:
    """Each district's mentor: a province's mentors share out its districts in turn, as offices assign them."""
    mentors: dict[int, list[Mentor]] = {}
    for mentor in Mentor.objects.filter(is_active=True).order_by("pk"):
        mentors.setdefault(mentor.province_id, []).append(mentor)
    by_district = {}
    for province_id, district_ids in _districts_by_province().items():
        own = mentors.get(province_id)
        if own:
            for number, district_id in enumerate(district_ids):
                by_district[district_id] = own[number % len(own)]
    return by_district


def _districts_by_province() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for district_id, province_id in District.objects.order_by("code").values_list("pk", "province_id"):
        found.setdefault(province_id, []).append(district_id)
    return found


def load(stdout=None) -> None:
    today = timezone.localdate()
    existing = set(Volunteer.objects.values_list("national_id", flat=True))
    subdistricts: dict[int, list[Subdistrict]] = {}
    for subdistrict in Subdistrict.objects.select_related("district").order_by("code"):
        subdistricts.setdefault(subdistrict.province_id, []).append(subdistrict)
    mentor_of = _mentors_by_district()

    new, plans = [], []
    for province in Province.objects.order_by("code"):
        for row in _Province(province, subdistricts.get(province.pk, []), today).plan():
            plan = {key: row.pop(key) for key in ("_mentor_roll", "_terms", "_status", "_returned")}
            if row["national_id"] in existing:
                continue
            existing.add(row["national_id"])
            mentor = mentor_of.get(row["subdistrict"].district_id)
            # Nine in ten have a mentor, their district's.
            if mentor is not None and plan["_mentor_roll"] < 0.9:
                row["mentor"] = mentor
            new.append(Volunteer(**row))
            plans.append(plan)

    with pghistory.context(source="ข้อมูลตัวอย่าง (load_demo)"):
        created = Volunteer.objects.bulk_create(new, batch_size=2000)
        Term.objects.bulk_create(
            [
                Term(volunteer=volunteer, order_no=order, starts_on=start, ends_on=end)
                for volunteer, plan in zip(created, plans, strict=True)
                for (start, end), order in plan["_terms"]
            ],
            batch_size=5000,
        )
        # Everyone was appointed active; the leavers' change comes after, as its own step in their history.
        leavers, changes = [], []
        for volunteer, plan in zip(created, plans, strict=True):
            if plan["_returned"]:
                suspended_on, back_on, reason = plan["_returned"]
                changes += [
                    StatusChange(
                        volunteer=volunteer,
                        from_status=Volunteer.Status.ACTIVE,
                        to_status=Volunteer.Status.SUSPENDED,
                        changed_on=suspended_on,
                        reason=reason,
                    ),
                    StatusChange(
                        volunteer=volunteer,
                        from_status=Volunteer.Status.SUSPENDED,
                        to_status=Volunteer.Status.ACTIVE,
                        changed_on=back_on,
                        reason="พ้นเหตุพักการปฏิบัติหน้าที่ ให้กลับมาปฏิบัติหน้าที่",
                    ),
                ]
            if plan["_status"]:
                to_status, changed_on, reason = plan["_status"]
                changes.append(
                    StatusChange(
                        volunteer=volunteer,
                        from_status=Volunteer.Status.ACTIVE,
                        to_status=to_status,
                        changed_on=changed_on,
                        reason=reason,
                    )
                )
                volunteer.status, volunteer.status_changed_on = to_status, changed_on
                leavers.append(volunteer)
        StatusChange.objects.bulk_create(changes)
        Volunteer.objects.bulk_update(leavers, ["status", "status_changed_on"], batch_size=1000)
        record_absences()
    if stdout:
        stdout.write(f"Volunteers: {len(created)} added, {Volunteer.objects.count()} in all.")
