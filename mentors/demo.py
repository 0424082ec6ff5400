"""Demo mentor officers: 14 in Lampang over its five agencies, several in the other demo provinces,
and at least one in every province (the national seminar gathers mentors from 76 provinces)."""

import random

import pghistory

from core.names import FEMALE_FIRST, LAST, MALE_FIRST
from core.thai import national_id_with_check_digit
from mentors.models import Mentor
from provinces.models import Agency, Province

POSITIONS = {
    Agency.Kind.LABOUR: ["นักวิชาการแรงงานชำนาญการ", "นักวิชาการแรงงานปฏิบัติการ", "เจ้าพนักงานแรงงานชำนาญงาน"],
    Agency.Kind.EMPLOYMENT: ["นักวิชาการแรงงานชำนาญการ", "เจ้าพนักงานจัดหางานชำนาญงาน"],
    Agency.Kind.WELFARE: ["นักวิชาการแรงงานชำนาญการ", "นักวิชาการแรงงานปฏิบัติการ"],
    Agency.Kind.SOCIAL_SECURITY: ["นักวิชาการประกันสังคมชำนาญการ", "เจ้าพนักงานประกันสังคมชำนาญงาน"],
    Agency.Kind.SKILL: ["นักวิชาการพัฒนาฝีมือแรงงานชำนาญการ", "ครูฝึกฝีมือแรงงานชำนาญงาน"],
}

# How many mentors each demo province has per agency kind; every other province gets one at its Labour Office.
PLAN = {
    "52": {"labour": 4, "employment": 3, "welfare": 3, "social_security": 2, "skill": 2},  # Lampang: 14
    "50": {"labour": 2, "employment": 1, "welfare": 1, "social_security": 1, "skill": 1},  # Chiang Mai
    "10": {"labour": 2, "employment": 1},
    "40": {"labour": 1, "employment": 1},
    "90": {"labour": 1, "welfare": 1},
    "30": {"labour": 1, "social_security": 1},
    "20": {"labour": 1, "skill": 1},
}


def mentor_national_id(province_code: str, number: int) -> str:
    return national_id_with_check_digit(f"3{province_code}01{9_000_000 + number:07d}")


def demo_mentors() -> list[dict]:
    """The planned mentors as field values, the same on every run."""
    agencies = {(a.province.code, a.kind): a for a in Agency.objects.select_related("province")}
    rows = []
    for province in Province.objects.order_by("code"):
        plan = PLAN.get(province.code, {"labour": 1})
        rng = random.Random(f"mentors-{province.code}")
        number = 0
        for kind, count in plan.items():
            for _ in range(count):
                number += 1
                female = rng.random() < 0.55
                rows.append(
                    {
                        "national_id": mentor_national_id(province.code, number),
                        "title": rng.choice(["นาง", "นางสาว"]) if female else "นาย",
                        "first_name": rng.choice(FEMALE_FIRST if female else MALE_FIRST),
                        "last_name": rng.choice(LAST),
                        "position": rng.choice(POSITIONS[kind]),
                        "agency": agencies[(province.code, kind)],
                        "phone": f"08{rng.randint(1, 9)}{rng.randint(0, 9_999_999):07d}",  # mobile numbers: 08x is always valid
                        "email": f"mentor{number}.{province.code}@mol.go.th",
                    }
                )
    return rows


def load(stdout=None) -> None:
    existing = set(Mentor.objects.exclude(national_id=None).values_list("national_id", flat=True))
    created = 0
    with pghistory.context(source="ข้อมูลตัวอย่าง (load_demo)"):
        for row in demo_mentors():
            if row["national_id"] in existing:
                continue
            Mentor.objects.create(**row)
            created += 1
    if stdout:
        stdout.write(f"Mentors: {created} added, {Mentor.objects.count()} in all.")
