"""Demo volunteers: 150 in Lampang, 60 in Chiang Mai, 15 in Bangkok and in four other provinces.

Made-up people with valid-checksum national IDs; appointments spread over FY 2561-2569, a few resigned
or suspended with their status change on record. Idempotent: a person already present is left alone.
"""

import datetime as dt
import random

import pghistory
from django.utils import timezone

from core.names import EDUCATION, FEMALE_FIRST, LAST, MALE_FIRST, OCCUPATIONS, SKILLS, VILLAGES
from core.thai import fiscal_year_bounds, national_id_with_check_digit
from mentors.models import Mentor
from provinces.models import Province, Subdistrict
from volunteers.models import StatusChange, Volunteer

COUNTS = {"52": 150, "50": 60, "10": 15, "40": 15, "90": 15, "30": 15, "20": 15}
FIRST_FY, LAST_FY = 2561, 2569
# Thai mobile numbers begin 06[1-6], 08x or 09x.
MOBILE_PREFIXES = [f"06{d}" for d in range(1, 7)] + [f"08{d}" for d in range(10)] + [f"09{d}" for d in range(10)]

REASONS = {
    Volunteer.Status.RESIGNED: ["ลาออกเนื่องจากย้ายไปทำงานต่างจังหวัด", "ลาออกด้วยเหตุผลด้านสุขภาพ", "ครบวาระและไม่ประสงค์ต่ออายุ"],
    Volunteer.Status.SUSPENDED: ["ไม่ได้ปฏิบัติหน้าที่ติดต่อกันเกิน 6 เดือน", "อยู่ระหว่างตรวจสอบข้อร้องเรียน"],
    Volunteer.Status.DECEASED: ["เสียชีวิต (แจ้งโดยผู้ใหญ่บ้าน)"],
}


def _national_id(first_digit: str, district_code: str, index: int) -> str:
    # 7919 is prime and coprime to 10**7, so distinct indexes give distinct serials within a district.
    return national_id_with_check_digit(f"{first_digit}{district_code}{(index * 7919 + 1234) % 10**7:07d}")


def _random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def demo_volunteers(province: Province, count: int) -> list[dict]:
    """The planned volunteers of a province, the same on every run (status changes under "_status")."""
    rng = random.Random(f"volunteers-{province.code}")
    subdistricts = list(Subdistrict.objects.filter(province=province).select_related("district").order_by("code"))
    # The provincial capital's district holds more volunteers, as it does in life.
    weights = [3 if s.district.code.endswith("01") else 1 for s in subdistricts]
    today = timezone.localdate()
    rows = []
    for index in range(count):
        subdistrict = rng.choices(subdistricts, weights)[0]
        female = rng.random() < 0.52
        birth = _random_date(rng, dt.date(1956, 1, 1), dt.date(1998, 12, 31))
        fy_start, _ = fiscal_year_bounds(FIRST_FY)
        _, fy_end = fiscal_year_bounds(LAST_FY)
        appointed = _random_date(rng, fy_start, min(fy_end, today))
        roll = rng.random()
        status = (
            Volunteer.Status.ACTIVE
            if roll < 0.84
            else Volunteer.Status.RESIGNED
            if roll < 0.93
            else Volunteer.Status.SUSPENDED
            if roll < 0.98
            else Volunteer.Status.DECEASED
        )
        row = {
            "national_id": _national_id("1" if birth.year >= 1984 else "3", subdistrict.district.code, index),
            "title": (Volunteer.Title.MRS if rng.random() < 0.6 else Volunteer.Title.MISS)
            if female
            else Volunteer.Title.MR,
            "first_name": rng.choice(FEMALE_FIRST if female else MALE_FIRST),
            "last_name": rng.choice(LAST),
            "gender": Volunteer.Gender.FEMALE if female else Volunteer.Gender.MALE,
            "birth_date": birth,
            "phone": f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 9_999_999):07d}",
            "line_id": f"line{province.code}{index:03d}" if rng.random() < 0.5 else "",
            "house_no": f"{rng.randint(1, 250)}" + (f"/{rng.randint(1, 9)}" if rng.random() < 0.2 else ""),
            "village_no": rng.randint(1, 15),
            "village_name": rng.choice(VILLAGES),
            "subdistrict": subdistrict,
            "appointed_on": appointed,
            "appointment_order": f"คำสั่ง{province.display_name} ที่ {rng.randint(100, 4999)}/{appointed.year + 543}",
            "education": rng.choice(EDUCATION),
            "occupation": rng.choice(OCCUPATIONS),
            "skills": ", ".join(rng.sample(SKILLS, 2)),
            "consent_recorded_on": appointed,
            "status": Volunteer.Status.ACTIVE,
            "status_changed_on": appointed,
            "_mentor_roll": rng.random(),
            "_status": None,
        }
        if status != Volunteer.Status.ACTIVE:
            changed_on = _random_date(
                rng, appointed + dt.timedelta(days=90), min(fy_end, today - dt.timedelta(days=30))
            )
            if changed_on > appointed:
                row["_status"] = (status, changed_on, rng.choice(REASONS[status]))
        rows.append(row)
    return rows


def load(stdout=None) -> None:
    existing = set(Volunteer.objects.values_list("national_id", flat=True))
    created = 0
    with pghistory.context(source="ข้อมูลตัวอย่าง (load_demo)"):
        for code, count in COUNTS.items():
            province = Province.objects.get(code=code)
            mentors = list(Mentor.objects.filter(province=province, is_active=True).order_by("pk"))
            for row in demo_volunteers(province, count):
                status_change = row.pop("_status")
                mentor_roll = row.pop("_mentor_roll")
                if row["national_id"] in existing:
                    continue
                # Most volunteers have a mentor; they are shared out over the province's mentors.
                if mentors and mentor_roll < 0.85:
                    row["mentor"] = mentors[int(mentor_roll * 1000) % len(mentors)]
                volunteer = Volunteer.objects.create(**row)
                created += 1
                if status_change:
                    to_status, changed_on, reason = status_change
                    StatusChange.objects.create(
                        volunteer=volunteer,
                        from_status=Volunteer.Status.ACTIVE,
                        to_status=to_status,
                        changed_on=changed_on,
                        reason=reason,
                    )
                    volunteer.status = to_status
                    volunteer.status_changed_on = changed_on
                    volunteer.save(update_fields=["status", "status_changed_on", "updated_at"])
    if stdout:
        stdout.write(f"Volunteers: {created} added, {Volunteer.objects.count()} in all.")
