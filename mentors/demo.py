"""Demo mentor officers from each province's Ministry agencies: 14 in Lampang over its five agencies, and 1 to 20
elsewhere, more where there are more subdistricts to look after (the national seminar gathers mentors from 76
provinces). The same on every run; idempotent."""

import random

import pghistory
from django.db.models import Count

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

# Lampang's mentors as in the article's workshop (14, from all five agencies); the others follow from the size.
PLAN = {
    "52": {"labour": 4, "employment": 3, "welfare": 3, "social_security": 2, "skill": 2},
}
MAX_PER_PROVINCE = 20
# Which agency a mentor works at: most at the Provincial Labour Office, which runs the programme.
KIND_WEIGHTS = {"labour": 0.4, "employment": 0.2, "welfare": 0.15, "social_security": 0.15, "skill": 0.1}


def plan_for(province_code: str, subdistricts: int) -> dict[str, int]:
    """How many mentors a province has per agency kind: about one per dozen subdistricts, 1 to 20."""
    if province_code in PLAN:
        return PLAN[province_code]
    rng = random.Random(f"mentor-plan-{province_code}")
    count = max(1, min(MAX_PER_PROVINCE, round(subdistricts / 12 * rng.uniform(0.5, 1.5))))
    plan = {"labour": 1}
    for _ in range(count - 1):
        kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
        plan[kind] = plan.get(kind, 0) + 1
    return plan


def mentor_national_id(province_code: str, number: int) -> str:
    return national_id_with_check_digit(f"3{province_code}01{9_000_000 + number:07d}")


def demo_mentors() -> list[dict]:
    """The planned mentors as field values, the same on every run."""
    agencies = {(a.province.code, a.kind): a for a in Agency.objects.select_related("province")}
    sizes = dict(Province.objects.annotate(size=Count("subdistricts")).values_list("code", "size"))
    rows = []
    for province in Province.objects.order_by("code"):
        plan = plan_for(province.code, sizes[province.code])
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
    new = []
    with pghistory.context(source="ข้อมูลตัวอย่าง (load_demo)"):
        for row in demo_mentors():
            if row["national_id"] in existing:
                continue
            row["province_id"] = row["agency"].province_id
            new.append(Mentor(**row))
        created = len(Mentor.objects.bulk_create(new))
    if stdout:
        stdout.write(f"Mentors: {created} added, {Mentor.objects.count()} in all.")
