"""Demo staff accounts, one per persona, for trying the portal and for the browser tests."""

from django.contrib.auth.models import User

from accounts.models import Role, StaffProfile
from provinces.models import Agency, Province

DEMO_PASSWORD = "demo-2568"

DEMO_ACCOUNTS = [
    # username, first name, last name, role, province code, position
    ("lampang.officer", "สมศรี", "ใจดี", Role.PROVINCE_OFFICER, "52", "นักวิชาการแรงงาน สำนักงานแรงงานจังหวัดลำปาง"),
    ("lampang.viewer", "ประเสริฐ", "มั่นคง", Role.PROVINCE_VIEWER, "52", "ผู้อำนวยการกลุ่มงาน สำนักงานแรงงานจังหวัดลำปาง"),
    ("chiangmai.officer", "อรุณี", "แสงทอง", Role.PROVINCE_OFFICER, "50", "นักวิชาการแรงงาน สำนักงานแรงงานจังหวัดเชียงใหม่"),
    ("hq.analyst", "วิทยา", "ศรีสุข", Role.HQ_ANALYST, None, "นักวิเคราะห์นโยบายและแผน สำนักงานปลัดกระทรวงแรงงาน"),
    ("hq.officer", "มาลี", "รุ่งเรือง", Role.HQ_OFFICER, None, "นักวิชาการแรงงาน กองตรวจราชการ สำนักงานปลัดกระทรวงแรงงาน"),
    ("admin", "ผู้ดูแล", "ระบบ", Role.ADMINISTRATOR, None, "ผู้ดูแลระบบ"),
    (
        "lampang.trafficking",
        "ชัยวัฒน์",
        "คุ้มภัย",
        Role.ANTI_TRAFFICKING,
        "52",
        "นักวิชาการแรงงาน ผู้รับผิดชอบงานป้องกันการค้ามนุษย์ จังหวัดลำปาง",
    ),
    ("lampang.agency", "จันทร์เพ็ญ", "ส่งต่อดี", Role.AGENCY_STAFF, "52", "นักวิชาการแรงงาน สำนักงานจัดหางานจังหวัดลำปาง"),
]
# Agency staff belong to one agency of their province.
DEMO_AGENCY_KINDS = {"lampang.agency": Agency.Kind.EMPLOYMENT}


def load(stdout=None) -> None:
    for username, first, last, role, province_code, position in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        province = Province.objects.get(code=province_code) if province_code else None
        kind = DEMO_AGENCY_KINDS.get(username)
        agency = Agency.objects.get(province=province, kind=kind) if kind else None
        StaffProfile.objects.update_or_create(
            user=user, defaults={"role": role, "province": province, "agency": agency, "position": position}
        )
    if stdout:
        stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, _first, _last, role, province_code, _ in DEMO_ACCOUNTS:
            stdout.write(
                f"  {username:<18} {Role(role).label}"
                + (f" ({Province.objects.get(code=province_code).name_th})" if province_code else "")
            )
        stdout.write(
            "  hq.analyst, hq.officer and admin also need an authenticator app (two-factor login): "
            "the first login shows a QR code to scan."
        )
