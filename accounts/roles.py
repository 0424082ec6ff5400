"""Each role is a Django group with the model permissions it needs; the province scope is checked on top."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from accounts import scope

PORTAL_APPS = ["provinces", "mentors", "volunteers", "trainings", "rosters", "reports", "cases"]

GROUP_NAMES = {
    scope.OFFICER: "เจ้าหน้าที่สำนักงานแรงงานจังหวัด",
    scope.VIEWER: "ผู้ดูข้อมูลระดับจังหวัด",
    scope.HQ: "เจ้าหน้าที่ส่วนกลาง",
    scope.HQ_OFFICER: "เจ้าหน้าที่ส่วนกลางผู้จัดกิจกรรมระดับประเทศ",
    scope.ADMIN: "ผู้ดูแลระบบ",
    scope.ANTI_TRAFFICKING: "เจ้าหน้าที่ป้องกันการค้ามนุษย์ระดับจังหวัด",
    scope.AGENCY_STAFF: "เจ้าหน้าที่หน่วยงานรับส่งต่อ",
}

READ_ONLY_APPS = {"provinces"}
# HQ officers read everything and write only events and their registrations (national ones: trainings.models).
EVENT_APPS = {"trainings"}
# Anti-trafficking officers read like viewers and record cases; agency staff read and update their agency's cases.
CASE_APPS = {"cases"}


def _permissions_for(role: str):
    perms = Permission.objects.filter(content_type__app_label__in=PORTAL_APPS)
    if role in {scope.VIEWER, scope.HQ}:
        return perms.filter(codename__startswith="view_")
    if role == scope.HQ_OFFICER:
        return perms.filter(Q(codename__startswith="view_") | Q(content_type__app_label__in=EVENT_APPS))
    if role == scope.ANTI_TRAFFICKING:
        return perms.filter(Q(codename__startswith="view_") | Q(content_type__app_label__in=CASE_APPS))
    if role == scope.AGENCY_STAFF:
        return perms.filter(content_type__app_label__in=CASE_APPS, codename__regex=r"^(view|change)_")
    if role == scope.OFFICER:
        return perms.exclude(content_type__app_label__in=READ_ONLY_APPS, codename__regex=r"^(add|change|delete)_")
    return perms


def ensure_role_groups(**kwargs) -> None:
    """Create or refresh the role groups (run after every migrate)."""
    if not apps.is_installed("django.contrib.auth"):
        return
    for role, name in GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions_for(role))


def apply_role(user, role: str) -> None:
    """Put the user in exactly their role's group, and make the admin site's flags follow the role both ways:
    administrators get is_staff and is_superuser, every other role loses them (a demoted administrator is no longer
    one). Every door that sets a role (the user admin, the demo accounts, a shell) goes through StaffProfile.save()."""
    role = scope.Role(role)
    names = set(GROUP_NAMES.values())
    user.groups.remove(*user.groups.filter(name__in=names))
    group, _ = Group.objects.get_or_create(name=GROUP_NAMES[role])
    user.groups.add(group)
    is_admin = role == scope.ADMIN
    # Compared in the database, not on this instance, which may have been read before someone ticked the flags.
    type(user).objects.filter(pk=user.pk).exclude(is_staff=is_admin, is_superuser=is_admin).update(
        is_staff=is_admin, is_superuser=is_admin
    )
    user.is_staff = user.is_superuser = is_admin
