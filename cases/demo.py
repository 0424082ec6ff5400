"""Demo cases (spot, screen, refer): a handful in Lampang and Chiang Mai in every state, one overdue, one whose
personal data was erased after the retention period, and in Lampang one flagged as suspected trafficking.

Runs after the registry's demo (INSTALLED_APPS order) and takes serving volunteers from there; idempotent (a province
that already has cases is left alone). The full demo (a few hundred per province) is for later.
"""

import datetime as dt

import pghistory
from django.contrib.auth.models import User
from django.utils import timezone

from cases.models import Case, Status
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


def load(stdout=None) -> None:
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(username__in=[*OPENED_BY.values(), FLAGGED_BY])}
    added = 0
    with pghistory.context(source="ข้อมูลตัวอย่าง (load_demo)"):
        for code, rows in CASES.items():
            province = Province.objects.get(code=code)
            if Case.objects.across_provinces("demo data").filter(province=province).exists():
                continue
            volunteers = list(
                Volunteer.objects.across_provinces("demo data").filter(province=province).order_by("pk")[:20]
            )
            if not volunteers:
                continue
            agencies = {a.kind: a for a in Agency.objects.filter(province=province)}
            for i, (ago, kind, needs, status, accept, close, person, contact, flagged, reason) in enumerate(rows):
                volunteer = volunteers[i % len(volunteers)]
                spotted = today - dt.timedelta(days=ago)
                closed_on = spotted + dt.timedelta(days=close) if close is not None else None
                erased = closed_on is not None and (today - closed_on).days >= 365
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
                    created_by=users.get(FLAGGED_BY if flagged else OPENED_BY[code]),
                )
                added += 1
    if stdout:
        stdout.write(f"Cases: {added} added.")
