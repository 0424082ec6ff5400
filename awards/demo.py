"""Demo outstanding volunteers: last fiscal year's, one or two in every province that has serving volunteers, selected
by HQ; and a few nominations of the current fiscal year awaiting HQ's review in Lampang and Chiang Mai.

Runs after the registry's demo (INSTALLED_APPS order) and takes its serving volunteers from there; idempotent (a
province that already has nominations of the year is left alone).
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pghistory
from django.contrib.auth.models import User
from django.utils import timezone

from awards.models import Nomination
from core.thai import current_fiscal_year, fiscal_year_bounds
from provinces.models import Province
from volunteers.models import Volunteer

BANGKOK_TZ = ZoneInfo("Asia/Bangkok")
AWAITING = {"52": 3, "50": 2}
# The demo logins of those provinces nominate there (accounts.demo).
OFFICERS = {"52": "lampang.officer", "50": "chiangmai.officer"}

CITATIONS = [
    "ประสานงานให้แรงงานนอกระบบในตำบลเข้าสู่ระบบประกันสังคมมาตรา 40 กว่า {n} คน และติดตามสิทธิประโยชน์ให้ผู้ประกันตน",
    "แจ้งข่าวตำแหน่งงานว่างและพาผู้ว่างงาน {n} คน ไปสมัครงานกับสำนักงานจัดหางานจังหวัด จนได้งานทำ",
    "เฝ้าระวังการค้ามนุษย์ด้านแรงงาน แจ้งเบาะแสการชักชวนไปทำงานต่างประเทศโดยผิดกฎหมาย ช่วยให้ {n} ครอบครัวไม่ถูกหลอก",
    "จัดกลุ่มอบรมอาชีพเสริมร่วมกับสำนักงานพัฒนาฝีมือแรงงาน มีผู้เข้าร่วม {n} คน และตั้งกลุ่มอาชีพในหมู่บ้านได้สำเร็จ",
    "ให้ความรู้ความปลอดภัยในการใช้สารเคมีทางการเกษตรแก่เกษตรกร {n} ราย ร่วมกับสำนักงานสวัสดิการและคุ้มครองแรงงาน",
    "สำรวจข้อมูลแรงงานในตำบลครบทุกครัวเรือน ({n} ครัวเรือน) และส่งข้อมูลให้สำนักงานแรงงานจังหวัดทันเวลา",
    "ช่วยแรงงานที่ถูกเลิกจ้าง {n} คน ยื่นขอรับประโยชน์ทดแทนกรณีว่างงานและหางานใหม่ได้",
]


def _citation(rng: random.Random) -> str:
    return rng.choice(CITATIONS).format(n=rng.randint(12, 180))


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=BANGKOK_TZ)


def _serving_by_province() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for pk, province_id in Volunteer.objects.serving().order_by("province_id", "pk").values_list("pk", "province_id"):
        found.setdefault(province_id, []).append(pk)
    return found


def load(stdout=None) -> None:
    this_year = current_fiscal_year()
    last_year = this_year - 1
    users = {u.username: u for u in User.objects.filter(username__in=["hq.officer", *OFFICERS.values()])}
    hq = users.get("hq.officer")
    provinces = {p.pk: p for p in Province.objects.all()}
    serving = _serving_by_province()
    done = {
        (fy, province_id)
        for fy, province_id in Nomination.objects.filter(fiscal_year__in=[last_year, this_year])
        .values_list("fiscal_year", "province_id")
        .distinct()
    }
    _first, last_day = fiscal_year_bounds(last_year)
    rows = []
    for province_id, pks in sorted(serving.items()):
        if (last_year, province_id) in done:
            continue
        code = provinces[province_id].code
        rng = random.Random(f"awards-{code}-{last_year}")
        for pk in rng.sample(pks, min(len(pks), rng.choice([1, 1, 2]))):
            rows.append(
                Nomination(
                    fiscal_year=last_year,
                    volunteer_id=pk,
                    province_id=province_id,
                    citation=_citation(rng),
                    status=Nomination.Status.SELECTED,
                    nominated_by=users.get(OFFICERS.get(code, "")),
                    nominated_at=_at(last_day - dt.timedelta(days=rng.randint(90, 120)), 10),
                    reviewed_by=hq,
                    reviewed_at=_at(last_day - dt.timedelta(days=rng.randint(20, 40)), 14),
                    review_note="ผ่านการพิจารณาของคณะกรรมการคัดเลือกอาสาสมัครแรงงานดีเด่น",
                )
            )
    for code, count in AWAITING.items():
        province = next((p for p in provinces.values() if p.code == code), None)
        if province is None or (this_year, province.pk) in done:
            continue
        last_winners = {n.volunteer_id for n in rows if n.province_id == province.pk}
        rng = random.Random(f"awards-{code}-{this_year}")
        candidates = [pk for pk in serving.get(province.pk, []) if pk not in last_winners]
        officer = users.get(OFFICERS[code])
        this_first, _last = fiscal_year_bounds(this_year)
        for pk in rng.sample(candidates, min(len(candidates), count)):
            rows.append(
                Nomination(
                    fiscal_year=this_year,
                    volunteer_id=pk,
                    province_id=province.pk,
                    citation=_citation(rng),
                    nominated_by=officer,
                    nominated_at=_at(max(this_first, timezone.localdate() - dt.timedelta(days=rng.randint(2, 20))), 9),
                )
            )
    with pghistory.context(source="ข้อมูลตัวอย่าง (load_demo)"):
        Nomination.objects.bulk_create(rows)
    if stdout:
        stdout.write(f"Outstanding volunteers: {len(rows)} nominations added")
