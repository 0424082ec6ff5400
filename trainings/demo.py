"""Demo training events: the two events of the articles in seeds/ (FY 2563 Lampang and FY 2564 Bangkok), with their
real dates, places and targets, and the programme's usual events of the last five fiscal years (the current one with
events done and to come) and the first ones planned for the next: national seminars and regional
trainings with participants from many provinces, and provincial trainings, with made-up registrations and attendance.
Lampang's course of the current year runs three days over the day two of its leads' terms end
(volunteers.demo.round_end), so its participants list and the tick list of its last day show what the desk does with
them.

Runs after the registry's demo (INSTALLED_APPS order) and takes its people from there: only volunteers serving when the
event began are registered, and marked present only on days they were serving (the registry's one rule,
volunteers.services.out_of_office_on_many, which the check-in desk follows); idempotent (an event already there, matched
by title and first day, is left alone).
"""

import datetime as dt
import random
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

from core.names import FEMALE_FIRST, LAST, MALE_FIRST
from core.thai import current_fiscal_year, fiscal_year, fiscal_year_bounds
from mentors.models import Mentor
from provinces.models import Agency, Province
from trainings.models import Attendance, Category, Event, EventDay, EventTarget, Registration, Topic
from volunteers.demo import COHORT_PROVINCE, round_end
from volunteers.models import Volunteer
from volunteers.services import out_of_office_on_many

BANGKOK_TZ = ZoneInfo("Asia/Bangkok")

LAMPANG_WORKSHOP = {
    "title": "ประชุมเชิงปฏิบัติการโครงการเสริมสร้างศักยภาพเครือข่ายอาสาสมัครแรงงาน (อสร.) "
    "ในหัวข้อการป้องกันและแก้ไขปัญหาการค้ามนุษย์ด้านแรงงาน จังหวัดลำปาง",
    "project": "โครงการเสริมสร้างศักยภาพเครือข่ายอาสาสมัครแรงงานเพื่อบูรณาการภารกิจของกระทรวงแรงงาน "
    "และโครงการขับเคลื่อนกลไกเชิงนโยบายในการป้องกันและแก้ไขปัญหาการค้ามนุษย์ด้านแรงงานไปสู่การปฏิบัติ "
    "จังหวัดลำปาง ประจำปีงบประมาณ พ.ศ. 2563",
    "kind": Event.Kind.WORKSHOP,
    "topics": [Topic.NETWORK, Topic.ANTI_TRAFFICKING, Topic.FORCED_LABOUR, Topic.CHILD_LABOUR],
    "level": Event.Level.PROVINCIAL,
    "venue": "ห้องประชุมล้อมรัก โรงแรม ณ บ้านแม่ รีสอร์ท อำเภอเมืองลำปาง จังหวัดลำปาง",
    "start_date": dt.date(2020, 1, 7),
    "end_date": dt.date(2020, 1, 7),
    "presiding_official": "รศ.ดร.จักษ์ พันธ์ชูเพชร",
    "presiding_position": "ที่ปรึกษารัฐมนตรีว่าการกระทรวงแรงงาน",
    "objectives": "เพื่อให้เครือข่ายอาสาสมัครแรงงาน และเจ้าหน้าที่หน่วยงานสังกัดกระทรวงแรงงาน ได้รับทราบนโยบาย"
    "แนวทางการขับเคลื่อนภารกิจกระทรวงแรงงาน เพิ่มองค์ความรู้เกี่ยวกับภารกิจและข้อมูลข่าวสารด้านแรงงาน "
    "รวมถึงการป้องกันและแก้ไขปัญหาการบังคับใช้แรงงาน ปัญหาการค้ามนุษย์ด้านแรงงาน "
    "และปัญหาการใช้แรงงานเด็กในรูปแบบที่เลวร้าย",
    "status": Event.Status.DONE,
}
LAMPANG_TARGETS = {Category.VOLUNTEER: 100, Category.MENTOR: 14, Category.ANTI_TRAFFICKING: 14}

BANGKOK_SEMINAR = {
    "title": "สัมมนาเชิงปฏิบัติการเจ้าหน้าที่พี่เลี้ยงอาสาสมัครแรงงานเชิงบูรณาการ ประจำปีงบประมาณ พ.ศ. 2564",
    "project": "โครงการสัมมนาเชิงปฏิบัติการเจ้าหน้าที่พี่เลี้ยงอาสาสมัครแรงงานเชิงบูรณาการ",
    "kind": Event.Kind.SEMINAR,
    "topics": [Topic.NETWORK],
    "level": Event.Level.NATIONAL,
    "venue": "ห้องปรินซ์บอลรูม 3 ชั้น 11 อาคาร 1 โรงแรมปรินซ์ พาเลซ มหานาค กรุงเทพมหานคร",
    "start_date": dt.date(2020, 12, 3),
    "end_date": dt.date(2020, 12, 3),
    "presiding_official": "นายสุทธิ สุโกศล",
    "presiding_position": "ปลัดกระทรวงแรงงาน",
    "objectives": "เพื่อเพิ่มศักยภาพเจ้าหน้าที่พี่เลี้ยงของสำนักงานแรงงานจังหวัดให้เป็นพี่เลี้ยงให้แก่อาสาสมัครแรงงาน"
    "อย่างมีประสิทธิภาพ และเพื่อร่วมแลกเปลี่ยนความรู้ ประสบการณ์ และแนวทางการบริหารงานอาสาสมัครแรงงาน "
    "ประจำปีงบประมาณ พ.ศ. 2564",
    "status": Event.Status.DONE,
}
# 115 in all: one mentor officer from each of the 76 provinces outside Bangkok, and the people from the centre.
BANGKOK_TARGETS = {
    Category.MENTOR: 76,
    Category.CENTRAL: 20,
    Category.SPEAKER: 4,
    Category.OFFICIAL: 10,
    Category.OBSERVER: 5,
}
CENTRAL_DIVISIONS = [
    "กองการเจ้าหน้าที่ สำนักงานปลัดกระทรวงแรงงาน",
    "กองบริหารการคลัง สำนักงานปลัดกระทรวงแรงงาน",
    "กองนโยบายและยุทธศาสตร์ สำนักงานปลัดกระทรวงแรงงาน",
    "กองตรวจราชการ สำนักงานปลัดกระทรวงแรงงาน",
    "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร สำนักงานปลัดกระทรวงแรงงาน",
]
NETWORK_DIVISION = "กองบริหารการคลัง (กลุ่มงานเครือข่ายอาสาสมัครแรงงาน) สำนักงานปลัดกระทรวงแรงงาน"


class _Names:
    """Made-up names, the same on every run, never repeated within one event."""

    def __init__(self, seed: str):
        self.rng = random.Random(seed)
        self.used = set()

    def next(self) -> str:
        while True:
            female = self.rng.random() < 0.5
            first = self.rng.choice(FEMALE_FIRST if female else MALE_FIRST)
            title = self.rng.choice(["นาง", "นางสาว"]) if female else "นาย"
            name = f"{title}{first} {self.rng.choice(LAST)}"
            if name not in self.used:
                self.used.add(name)
                return name


def _event(fields: dict, host: Province, targets: dict) -> Event:
    event = Event.objects.filter(title=fields["title"], start_date=fields["start_date"]).first()
    if event is None:
        event = Event(host_province=host, **fields)
        event.save()
    EventDay.objects.get_or_create(event=event, date=event.start_date)
    for category, target in targets.items():
        EventTarget.objects.update_or_create(event=event, category=category, defaults={"target": target})
    return event


def _registered_at(event: Event, index: int) -> dt.datetime:
    day = event.start_date - dt.timedelta(days=14 - index % 10)
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=BANGKOK_TZ) + dt.timedelta(minutes=7 * index)


def _add(event: Event, registrations: list[Registration]) -> int:
    """Adds the registrations not there yet (matched by person or, for guests, by name)."""
    active = event.registrations.active()
    have_volunteers = set(active.exclude(volunteer=None).values_list("volunteer_id", flat=True))
    have_mentors = set(active.exclude(mentor=None).values_list("mentor_id", flat=True))
    have_guests = set(active.filter(volunteer=None, mentor=None).values_list("name", flat=True))
    new = [
        r
        for r in registrations
        if not (
            (r.volunteer_id and r.volunteer_id in have_volunteers)
            or (r.mentor_id and r.mentor_id in have_mentors)
            or (not r.volunteer_id and not r.mentor_id and r.name in have_guests)
        )
    ]
    created = Registration.objects.bulk_create(new)
    for index, registration in enumerate(created):
        registration.registered_at = _registered_at(event, index)
    Registration.objects.bulk_update(created, ["registered_at"])
    return len(created)


def _serving_on(volunteers: list[Volunteer], day: dt.date) -> list[Volunteer]:
    """Those of `volunteers` serving on `day`, in the same order."""
    out = out_of_office_on_many(volunteers, day)
    return [v for v in volunteers if v.pk not in out]


def _attendance(event: Event, *, absent_every: dict[str, int]) -> int:
    """Most were present: in each category every n-th registration stayed away, the same ones on every run."""
    day = event.days.get(date=event.start_date)
    if day.is_future:
        return 0  # as the desk pages refuse: nobody has been present at a day still to come
    present = []
    for category, every in absent_every.items():
        for index, registration in enumerate(event.registrations.active().filter(category=category).order_by("pk")):
            if every and index % every == every - 1:
                continue
            present.append(registration)
    have = set(day.attendances.values_list("registration_id", flat=True))
    created = Attendance.objects.bulk_create(
        [Attendance(registration=r, day=day, method=Attendance.Method.SHEET) for r in present if r.pk not in have]
    )
    opening = dt.datetime.combine(day.date, dt.time(8, 0), tzinfo=BANGKOK_TZ)
    for index, attendance in enumerate(created):
        attendance.checked_in_at = opening + dt.timedelta(seconds=20 * index)
    Attendance.objects.bulk_update(created, ["checked_in_at"])
    return len(created)


def load_lampang_workshop(stdout=None) -> Event:
    lampang = Province.objects.get(code="52")
    event = _event(LAMPANG_WORKSHOP, lampang, LAMPANG_TARGETS)
    names = _Names("lampang-2563")
    registrations = []
    # 100 of those serving that January, whatever became of them since (the demo registry keeps their records).
    volunteers = _serving_on(list(Volunteer.objects.filter(province=lampang).order_by("pk")), event.start_date)[:100]
    registrations += [
        Registration(event=event, volunteer=v, category=Category.VOLUNTEER, home_province=lampang) for v in volunteers
    ]
    mentors = list(Mentor.objects.filter(province=lampang, is_active=True).order_by("pk")[:14])
    registrations += [
        Registration(event=event, mentor=m, category=Category.MENTOR, home_province=lampang) for m in mentors
    ]
    agencies = list(Agency.objects.filter(province=lampang).order_by("kind"))
    positions = ["นักวิชาการแรงงาน", "นักวิชาการแรงงานชำนาญการ", "เจ้าพนักงานแรงงาน", "นักวิชาการตรวจแรงงาน"]
    for index in range(14):
        registrations.append(
            Registration(
                event=event,
                category=Category.ANTI_TRAFFICKING,
                name=names.next(),
                position=positions[index % len(positions)],
                agency_name=agencies[index % len(agencies)].name_th if agencies else "",
                home_province=lampang,
            )
        )
    added = _add(event, registrations)
    present = _attendance(
        event,
        absent_every={Category.VOLUNTEER: 16, Category.MENTOR: 0, Category.ANTI_TRAFFICKING: 14},
    )
    if stdout:
        stdout.write(
            f"  Lampang workshop (FY {event.fiscal_year}): {added} registrations and {present} check-ins added"
        )
        if len(volunteers) < 100 or len(mentors) < 14:
            stdout.write(
                f"  (only {len(volunteers)} volunteers of Lampang serving then and {len(mentors)} mentors in the registry)"
            )
    return event


def load_bangkok_seminar(stdout=None) -> Event:
    bangkok = Province.objects.get(code="10")
    event = _event(BANGKOK_SEMINAR, bangkok, BANGKOK_TARGETS)
    names = _Names("bangkok-2564")
    registrations = []
    for province in Province.objects.exclude(code="10").order_by("code"):
        mentor = Mentor.objects.filter(province=province, is_active=True).order_by("pk").first()
        if mentor is not None:
            registrations.append(
                Registration(event=event, mentor=mentor, category=Category.MENTOR, home_province=province)
            )
        else:
            # No mentor of that province in the registry yet: the province's officer came as a typed-in guest.
            registrations.append(
                Registration(
                    event=event,
                    category=Category.MENTOR,
                    name=_Names(f"stand-in-{province.code}").next(),
                    position="นักวิชาการแรงงาน",
                    agency_name=Agency.name_for(Agency.Kind.LABOUR, province),
                    home_province=province,
                )
            )
    guests = [
        (Category.CENTRAL, 20, lambda i: ("นักวิชาการแรงงาน", CENTRAL_DIVISIONS[i % len(CENTRAL_DIVISIONS)])),
        (Category.SPEAKER, 4, lambda i: ("วิทยากร", NETWORK_DIVISION)),
        (Category.OFFICIAL, 10, lambda i: ("เจ้าพนักงานธุรการ", NETWORK_DIVISION)),
        (Category.OBSERVER, 5, lambda i: ("ผู้สังเกตการณ์", "สำนักงานปลัดกระทรวงแรงงาน")),
    ]
    for category, count, where in guests:
        for index in range(count):
            position, agency = where(index)
            registrations.append(
                Registration(
                    event=event,
                    category=category,
                    name=names.next(),
                    position=position,
                    agency_name=agency,
                    home_province=bangkok,
                )
            )
    added = _add(event, registrations)
    present = _attendance(
        event,
        absent_every={
            Category.MENTOR: 38,
            Category.CENTRAL: 0,
            Category.SPEAKER: 0,
            Category.OFFICIAL: 0,
            Category.OBSERVER: 5,
        },
    )
    if stdout:
        stdout.write(f"  Bangkok seminar (FY {event.fiscal_year}): {added} registrations and {present} check-ins added")
    return event


# -- five fiscal years of the programme's usual events ------------------------------------------------------------

# The provinces whose officers are demo personas hold a training every year; so do a dozen others, drawn each year.
YEARLY_HOSTS = ("52", "50")
OTHER_HOSTS_PER_YEAR = 12
# Where each region's trainers' course is held.
REGIONAL_HUBS = {"central": "20", "north": "50", "northeast": "40", "south": "90"}
REGION_NAMES = {"central": "ภาคกลาง", "north": "ภาคเหนือ", "northeast": "ภาคตะวันออกเฉียงเหนือ", "south": "ภาคใต้"}
PROVINCIAL_COURSES = [
    ("ฝึกอบรมเสริมสร้างศักยภาพอาสาสมัครแรงงาน", Event.Kind.COURSE, [Topic.NETWORK, Topic.LABOUR_LAW]),
    ("ประชุมเชิงปฏิบัติการการป้องกันการค้ามนุษย์ด้านแรงงาน", Event.Kind.WORKSHOP, [Topic.ANTI_TRAFFICKING, Topic.FORCED_LABOUR]),
    (
        "ฝึกอบรมความรู้ด้านประกันสังคมและการจัดหางานสำหรับอาสาสมัครแรงงาน",
        Event.Kind.COURSE,
        [Topic.SOCIAL_SECURITY, Topic.EMPLOYMENT],
    ),
    ("ประชุมเครือข่ายอาสาสมัครแรงงานประจำปี", Event.Kind.MEETING, [Topic.NETWORK]),
    ("ฝึกอบรมการพัฒนาฝีมือแรงงานและการส่งเสริมอาชีพ", Event.Kind.COURSE, [Topic.SKILLS, Topic.CHILD_LABOUR]),
]
LABOUR_OFFICE = "สำนักงานแรงงานจังหวัด"


def _weekday(day: dt.date) -> dt.date:
    """Events are held on working days: a Saturday or Sunday moves to the Monday after."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _day_of_year(fy: int, rng: random.Random, first: int = 20, last: int = 340) -> dt.date:
    start, _ = fiscal_year_bounds(fy)
    return _weekday(start + dt.timedelta(days=rng.randint(first, last)))


class _People:
    """The registry's people, read once: each province's volunteers (what the rule on serving reads of their record)
    and mentors."""

    def __init__(self):
        self.volunteers = defaultdict(list)
        self.volunteer = {}
        for volunteer in Volunteer.objects.order_by("pk").only(
            "province_id", "appointed_on", "status", "status_changed_on", "term_ends_on"
        ):
            self.volunteers[volunteer.province_id].append(volunteer)
            self.volunteer[volunteer.pk] = volunteer
        self.mentors = defaultdict(list)
        for pk, province_id in Mentor.objects.filter(is_active=True).order_by("pk").values_list("pk", "province_id"):
            self.mentors[province_id].append(pk)

    def draw_serving(
        self, wanted: dict[int, int], day: dt.date, rng: random.Random, first: dict[int, list[Volunteer]] | None = None
    ) -> dict[int, list[int]]:
        """{province pk: the pks of `wanted` of its volunteers drawn at random among those serving on `day`} (fewer
        when fewer served), those of `first` {province pk: volunteers} before the others when they served. Whether
        they served is asked of the rule only for the few drawn, a few more than still wanted at a time, for all the
        provinces at once: reading every volunteer's history for each event would take most of the demo's time."""
        first = first or {}
        queues = {}
        for province in wanted:
            drawn = rng.sample(self.volunteers[province], len(self.volunteers[province]))
            leading = first.get(province, [])
            queues[province] = leading + [v for v in drawn if v not in leading]
        chosen = defaultdict(list)
        while True:
            batch = {}
            for province, queue in queues.items():
                short = wanted[province] - len(chosen[province])
                if short > 0 and queue:
                    size = 2 * short + 4
                    batch[province], queues[province] = queue[:size], queue[size:]
            if not batch:
                return chosen
            out = out_of_office_on_many([v for drawn in batch.values() for v in drawn], day)
            for province, drawn in batch.items():
                short = wanted[province] - len(chosen[province])
                chosen[province] += [v.pk for v in drawn if v.pk not in out][:short]

    def term_ending_during(self, event: Event, provinces) -> dict[int, list[Volunteer]]:
        """{province pk: its volunteers whose term ends on a day of `event` before its last} for `provinces`."""
        return {
            province.pk: [
                v
                for v in self.volunteers[province.pk]
                if v.term_ends_on and event.start_date <= v.term_ends_on < event.end_date
            ]
            for province in provinces
        }


def _planned_events(years: list[int], today: dt.date) -> list[dict]:
    """Every event of the five years: its fields, host, days, and who is invited from where."""
    provinces = list(Province.objects.select_related("region").order_by("code"))
    by_code = {p.code: p for p in provinces}
    current = fiscal_year(today)
    # The day a round of the cohort province's leads' terms ends (volunteers.demo): its course of the year runs over it.
    round_ends = round_end(today)
    planned = []
    for fy in years:
        rng = random.Random(f"events-{fy}")
        # National seminar in Bangkok: two volunteers and a mentor from about two thirds of the provinces.
        day = _day_of_year(fy, rng, 120, 170)
        planned.append(
            {
                "fields": {
                    "title": f"สัมมนาเชิงปฏิบัติการเครือข่ายอาสาสมัครแรงงานระดับประเทศ ประจำปีงบประมาณ พ.ศ. {fy}",
                    "project": "โครงการเสริมสร้างศักยภาพเครือข่ายอาสาสมัครแรงงานเพื่อบูรณาการภารกิจของกระทรวงแรงงาน",
                    "kind": Event.Kind.SEMINAR,
                    "topics": [Topic.NETWORK, Topic.LABOUR_LAW],
                    "level": Event.Level.NATIONAL,
                    "venue": "ห้องประชุมกระทรวงแรงงาน ชั้น 9 อาคารกระทรวงแรงงาน เขตดินแดง กรุงเทพมหานคร",
                    "presiding_official": "ปลัดกระทรวงแรงงาน",
                    "presiding_position": "ปลัดกระทรวงแรงงาน",
                },
                "host": by_code["10"],
                "days": 2,
                "start": day,
                "invite": [(p, 2, 1) for p in provinces if p.code != "10" and rng.random() < 0.67],
                "guests": 12,
            }
        )
        # A trainers' course in one region, each year another, with three leads from each of its provinces.
        region = list(REGIONAL_HUBS)[fy % len(REGIONAL_HUBS)]
        hub = by_code[REGIONAL_HUBS[region]]
        planned.append(
            {
                "fields": {
                    "title": f"ฝึกอบรมหลักสูตรวิทยากรแกนนำอาสาสมัครแรงงาน {REGION_NAMES[region]} ประจำปีงบประมาณ พ.ศ. {fy}",
                    "project": "โครงการพัฒนาศักยภาพแกนนำอาสาสมัครแรงงานระดับตำบล",
                    "kind": Event.Kind.COURSE,
                    "topics": [Topic.NETWORK, Topic.SKILLS],
                    "level": Event.Level.NATIONAL,
                    "venue": f"ห้องประชุม{LABOUR_OFFICE}{hub.name_th}",
                    "presiding_official": "รองปลัดกระทรวงแรงงาน",
                    "presiding_position": "รองปลัดกระทรวงแรงงาน",
                },
                "host": hub,
                "days": 2,
                "start": _day_of_year(fy, rng, 230, 300),
                "invite": [(p, 3, 1) for p in provinces if p.region.code == region],
                "guests": 4,
            }
        )
        others = [p for p in provinces if p.code not in YEARLY_HOSTS]
        hosts = [by_code[c] for c in YEARLY_HOSTS] + rng.sample(others, OTHER_HOSTS_PER_YEAR)
        if fy > current:
            hosts = hosts[: len(YEARLY_HOSTS)]  # next year's plan holds only the first few events so far
        for number, host in enumerate(hosts):
            title, kind, topics = PROVINCIAL_COURSES[(number + fy) % len(PROVINCIAL_COURSES)]
            # The personas' provinces hold theirs early in the year, so the current year has one done already.
            start = _day_of_year(fy, rng, 25, 55) if host.code in YEARLY_HOSTS else _day_of_year(fy, rng)
            days, term_ending_first = 1, False
            if host.code == COHORT_PROVINCE and fy == fiscal_year(round_ends):
                # Three days, the middle one the last of the round's terms, and those leads invited first: the desk
                # cannot mark them present on the last day, and the pages say so.
                start, days, term_ending_first = round_ends - dt.timedelta(days=1), 3, True
            planned.append(
                {
                    "fields": {
                        "title": f"{title} จังหวัด{host.name_th} ประจำปีงบประมาณ พ.ศ. {fy}",
                        "project": f"โครงการพัฒนาเครือข่ายอาสาสมัครแรงงาน{LABOUR_OFFICE}{host.name_th}",
                        "kind": kind,
                        "topics": topics,
                        "level": Event.Level.PROVINCIAL,
                        "venue": f"ห้องประชุมศาลากลางจังหวัด{host.name_th}",
                        "presiding_official": f"ผู้ว่าราชการจังหวัด{host.name_th}",
                        "presiding_position": f"ผู้ว่าราชการจังหวัด{host.name_th}",
                    },
                    "host": host,
                    "days": days,
                    "start": start,
                    "invite": [(host, rng.randint(30, 60), rng.randint(1, 3))],
                    "guests": 0,
                    "term_ending_first": term_ending_first,
                }
            )
    for event in planned:
        event["centre"] = by_code["10"]  # the guests come from the Ministry in Bangkok
        first = event["start"]
        event["fields"]["start_date"] = first
        event["fields"]["end_date"] = first + dt.timedelta(days=event["days"] - 1)
        last = event["fields"]["end_date"]
        if fiscal_year(first) > current:
            event["fields"]["status"] = Event.Status.DRAFT  # next year's plan: nobody registered yet
        elif first > today:
            event["fields"]["status"] = Event.Status.OPEN
        elif last >= today:
            event["fields"]["status"] = Event.Status.CLOSED
        else:
            event["fields"]["status"] = Event.Status.DONE
        event["fields"]["fiscal_year"] = fiscal_year(first)
    return planned


def _registrations(event: Event, plan: dict, people: _People, rng: random.Random) -> list[Registration]:
    registrations = []
    # Registration opens about two months ahead; an event to come has part of its people so far.
    share = 1.0 if event.start_date <= timezone.localdate() + dt.timedelta(days=14) else rng.uniform(0.3, 0.7)
    wanted = {province.pk: round(volunteers * share) for province, volunteers, _ in plan["invite"]}
    first = people.term_ending_during(event, [p for p, _, _ in plan["invite"]]) if plan.get("term_ending_first") else {}
    drawn = people.draw_serving(wanted, event.start_date, rng, first)
    for province, _volunteers, mentors in plan["invite"]:
        chosen = drawn[province.pk]
        registrations += [
            Registration(event=event, volunteer_id=pk, category=Category.VOLUNTEER, home_province=province)
            for pk in chosen
        ]
        mentor_pks = people.mentors[province.pk][:mentors]
        registrations += [
            Registration(event=event, mentor_id=pk, category=Category.MENTOR, home_province=province)
            for pk in mentor_pks
        ]
    names = _Names(f"guests-{event.title}")
    for index in range(plan["guests"]):
        registrations.append(
            Registration(
                event=event,
                category=Category.SPEAKER if index < 2 else Category.CENTRAL,
                name=names.next(),
                position="วิทยากร" if index < 2 else "นักวิชาการแรงงาน",
                agency_name=NETWORK_DIVISION if index < 2 else CENTRAL_DIVISIONS[index % len(CENTRAL_DIVISIONS)],
                home_province=plan["centre"],
            )
        )
    return registrations


def _targets(event: Event, registrations: list[Registration], plan: dict) -> list[EventTarget]:
    """The target per category: what was planned (an event to come is still filling up)."""
    planned = defaultdict(int)
    for _province, volunteers, mentors in plan["invite"]:
        planned[Category.VOLUNTEER] += volunteers
        planned[Category.MENTOR] += mentors
    for registration in registrations:
        if registration.category not in (Category.VOLUNTEER, Category.MENTOR):
            planned[registration.category] += 1
    return [EventTarget(event=event, category=c, target=n) for c, n in planned.items() if n]


def _away_after_the_first_day(events, registrations, days_of, people: _People) -> set[tuple[int, int]]:
    """(day pk, volunteer pk) of the volunteers registered (so serving on the first day) but out of office on a later
    day of the event: they cannot be marked present then."""
    registered = defaultdict(list)
    for registration in registrations:
        if registration.volunteer_id:
            registered[registration.event_id].append(people.volunteer[registration.volunteer_id])
    away = set()
    for event in events:
        for day in days_of[event.pk]:
            if day.date != event.start_date:
                away |= {(day.pk, pk) for pk in out_of_office_on_many(registered[event.pk], day.date)}
    return away


def load_programme_years(stdout=None) -> None:
    """The events of the past four fiscal years, the current one and the next, each left alone once there."""
    today = timezone.localdate()
    current = current_fiscal_year()
    planned = _planned_events(list(range(current - 4, current + 2)), today)
    existing = set(Event.objects.values_list("title", "start_date"))
    planned = [p for p in planned if (p["fields"]["title"], p["fields"]["start_date"]) not in existing]
    if not planned:
        return
    events = Event.objects.bulk_create([Event(host_province=p["host"], **p["fields"]) for p in planned])
    days = EventDay.objects.bulk_create(
        [EventDay(event=event, date=date) for event in events for date in event.calendar_dates()]
    )
    people = _People()
    registrations, targets = [], []
    for event, plan in zip(events, planned, strict=True):
        mine = (
            _registrations(event, plan, people, random.Random(f"registrations-{event.title}"))
            if (event.status != Event.Status.DRAFT)
            else []
        )
        registrations += mine
        targets += _targets(event, mine, plan)
    EventTarget.objects.bulk_create(targets)
    registrations = Registration.objects.bulk_create(registrations, batch_size=2000)
    days_of = defaultdict(list)
    for day in days:
        if not day.is_future:
            days_of[day.event_id].append(day)
    away = _away_after_the_first_day(events, registrations, days_of, people)
    # Most came on every day; a few never came, and some missed a day of a two-day event.
    attendances = []
    for registration in registrations:
        roll = random.Random(
            f"{registration.event_id}-{registration.volunteer_id}-{registration.mentor_id}-{registration.name}"
        ).random()
        for number, day in enumerate(days_of[registration.event_id]):
            if roll < 0.07 or (number == 1 and roll < 0.12) or (day.pk, registration.volunteer_id) in away:
                continue
            attendances.append(Attendance(registration=registration, day=day, method=Attendance.Method.SHEET))
    attendances = Attendance.objects.bulk_create(attendances, batch_size=5000)
    with connection.cursor() as cursor:
        # Registered in the weeks before the event (never later than now), checked in from eight in the morning.
        cursor.execute(
            """
            UPDATE trainings_registration r
            SET registered_at = LEAST(
                ((e.start_date - (14 + r.id %% 30)::integer) + time '09:00') AT TIME ZONE 'Asia/Bangkok'
                    + (r.id %% 97) * interval '7 minutes',
                now() - (r.id %% 500) * interval '1 minute')
            FROM trainings_event e
            WHERE r.event_id = e.id AND r.event_id = ANY(%s)
            """,
            [[event.pk for event in events]],
        )
        cursor.execute(
            """
            UPDATE trainings_attendance a
            SET checked_in_at = (d.date + time '08:00') AT TIME ZONE 'Asia/Bangkok' + (a.id %% 360) * interval '20 seconds'
            FROM trainings_eventday d
            WHERE a.day_id = d.id AND d.event_id = ANY(%s)
            """,
            [[event.pk for event in events]],
        )
    if stdout:
        years = sorted({e.fiscal_year for e in events})
        stdout.write(
            f"  The programme's events of FY {years[0]}-{years[-1]}: {len(events)} events, "
            f"{len(registrations)} registrations and {len(attendances)} check-ins added"
        )


def load(stdout=None) -> None:
    if stdout:
        stdout.write("Training events from the articles:")
    load_lampang_workshop(stdout)
    load_bangkok_seminar(stdout)
    load_programme_years(stdout)
