"""Who may see and change what: the province is the tenant, and every query that returns people starts here."""

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404

OFFICER = "officer"
VIEWER = "viewer"
HQ = "hq"
HQ_OFFICER = "hq_officer"
ADMIN = "admin"

# Ministry HQ: analysts read every province; HQ officers also run national events (never a province's registry).
NATIONAL_ROLES = {HQ, HQ_OFFICER, ADMIN}


def staff_profile(user):
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.staff_profile
    except Exception:
        return None


def role_of(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return ADMIN
    profile = staff_profile(user)
    return profile.role if profile else None


def is_admin(user) -> bool:
    return role_of(user) == ADMIN


def is_national(user) -> bool:
    """HQ analysts, HQ officers and administrators read every province."""
    return role_of(user) in NATIONAL_ROLES


def runs_national_events(user) -> bool:
    """HQ officers and administrators create and run national events, with participants from any province."""
    return role_of(user) in {HQ_OFFICER, ADMIN}


def home_province_id(user) -> int | None:
    profile = staff_profile(user)
    return profile.province_id if profile else None


def can_write_in(user, province_id) -> bool:
    """Officers write in their own province; administrators everywhere; viewers and HQ (analysts, officers) never."""
    role = role_of(user)
    if role == ADMIN:
        return True
    return role == OFFICER and province_id is not None and province_id == home_province_id(user)


def can_write_anywhere(user) -> bool:
    return role_of(user) in {OFFICER, ADMIN}


class ProvinceScopedQuerySet(models.QuerySet):
    """A queryset of rows that belong to one province, through `province_field`."""

    province_field = "province"

    def in_province(self, province_id):
        return self.filter(**{self.province_field: province_id})

    def visible_to(self, user):
        role = role_of(user)
        if role in NATIONAL_ROLES:
            return self.all()
        if role in {OFFICER, VIEWER}:
            province_id = home_province_id(user)
            if province_id is not None:
                return self.in_province(province_id)
        return self.none()

    def editable_by(self, user):
        role = role_of(user)
        if role == ADMIN:
            return self.all()
        if role == OFFICER:
            return self.in_province(home_province_id(user))
        return self.none()


def get_visible_or_404(queryset, user, **lookup):
    """One object the user may see; 404 alike for "missing" and "another province's"."""
    return get_object_or_404(queryset.visible_to(user), **lookup)


def get_editable_or_404(queryset, user, **lookup):
    """One object the user may change: 404 when they cannot see it, 403 when they can see but not change it."""
    from django.core.exceptions import PermissionDenied

    obj = get_visible_or_404(queryset, user, **lookup)
    if not queryset.editable_by(user).filter(pk=obj.pk).exists():
        raise PermissionDenied("ไม่มีสิทธิ์แก้ไขข้อมูลนี้")
    return obj


def require_national(user) -> None:
    """National pages answer 404 to province staff, so they do not learn the page exists."""
    if not is_national(user):
        raise Http404


def staff_context(user) -> dict:
    role = role_of(user)
    profile = staff_profile(user)
    return {
        "user_role": role,
        "user_province": profile.province if profile and profile.province_id else None,
        "user_is_national": role in NATIONAL_ROLES,
        "user_can_write": role in {OFFICER, ADMIN},
        "user_runs_national_events": role in {HQ_OFFICER, ADMIN},
    }
