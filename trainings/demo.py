"""The two events of the articles in seeds/, with their real dates, places and targets, and made-up participants.

Runs after the registry's demo (INSTALLED_APPS order) and takes its people from there; idempotent.
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from core.names import FEMALE_FIRST, LAST, MALE_FIRST
from mentors.models import Mentor
from provinces.models import Agency, Province
from trainings.models import Attendance, Category, Event, EventDay, EventTarget, Registration, Topic
from volunteers.models import Volunteer

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
        Registration.objects.filter(pk=registration.pk).update(registered_at=_registered_at(event, index))
    return len(created)


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
        Attendance.objects.filter(pk=attendance.pk).update(checked_in_at=opening + dt.timedelta(seconds=20 * index))
    return len(created)


def load_lampang_workshop(stdout=None) -> Event:
    lampang = Province.objects.get(code="52")
    event = _event(LAMPANG_WORKSHOP, lampang, LAMPANG_TARGETS)
    names = _Names("lampang-2563")
    registrations = []
    volunteers = list(Volunteer.objects.filter(province=lampang, status=Volunteer.Status.ACTIVE).order_by("pk")[:100])
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
            stdout.write(f"  (only {len(volunteers)} volunteers and {len(mentors)} mentors of Lampang in the registry)")
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


def load(stdout=None) -> None:
    if stdout:
        stdout.write("Training events from the articles:")
    load_lampang_workshop(stdout)
    load_bangkok_seminar(stdout)
