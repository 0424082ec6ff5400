"""Who may see and change what: the province is the tenant, and every query that returns people starts here."""

from django.db import models
from django.db.models.query import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.scoping import check_scope, guarded


class Role(models.TextChoices):
    """The one definition of the roles: code compares with these names, never with the stored strings."""

    PROVINCE_OFFICER = "officer", _("เจ้าหน้าที่สำนักงานแรงงานจังหวัด")
    PROVINCE_VIEWER = "viewer", _("ผู้ดูข้อมูลระดับจังหวัด")
    HQ_ANALYST = "hq", _("เจ้าหน้าที่ส่วนกลาง (ดูข้อมูลทุกจังหวัด)")
    HQ_OFFICER = "hq_officer", _("เจ้าหน้าที่ส่วนกลาง (จัดการกิจกรรมระดับประเทศ)")
    ADMINISTRATOR = "admin", _("ผู้ดูแลระบบ")
    # Not "anti_trafficking": that is already a training topic and a registration category (trainings.models).
    ANTI_TRAFFICKING = "trafficking", _("เจ้าหน้าที่ป้องกันการค้ามนุษย์ (จังหวัด)")
    AGENCY_STAFF = "agency_staff", _("เจ้าหน้าที่หน่วยงานรับส่งต่อ (จังหวัด)")


# Short names for the same members, for the access rules below and in the apps.
OFFICER = Role.PROVINCE_OFFICER
VIEWER = Role.PROVINCE_VIEWER
HQ = Role.HQ_ANALYST
HQ_OFFICER = Role.HQ_OFFICER
ADMIN = Role.ADMINISTRATOR
ANTI_TRAFFICKING = Role.ANTI_TRAFFICKING
AGENCY_STAFF = Role.AGENCY_STAFF

# Province staff belong to one province and see only it (and national events). The anti-trafficking officer reads
# the registry as a viewer does (a case starts from a volunteer of the province) and writes only cases.
PROVINCE_ROLES = frozenset({OFFICER, VIEWER, ANTI_TRAFFICKING})
# Staff of one Ministry agency in one province: the cases referred to their agency, and nothing else of the portal.
AGENCY_ROLES = frozenset({AGENCY_STAFF})
# Roles whose account belongs to one province (StaffProfile.province is required).
PROVINCE_BOUND_ROLES = PROVINCE_ROLES | AGENCY_ROLES
# Ministry HQ: analysts read every province; HQ officers also run national events (never a province's registry).
NATIONAL_ROLES = frozenset({HQ, HQ_OFFICER, ADMIN})
# Officers write in their province, administrators everywhere.
WRITING_ROLES = frozenset({OFFICER, ADMIN})
# HQ officers and administrators run national events.
NATIONAL_EVENT_ROLES = frozenset({HQ_OFFICER, ADMIN})
# Cases (spot, screen, refer): who records them in their province (administrators everywhere).
CASE_WRITING_ROLES = frozenset({OFFICER, ANTI_TRAFFICKING, ADMIN})
# A case flagged as suspected forced labour or trafficking: seen by the province's anti-trafficking officer, HQ and
# administrators only; opened (or flagged) only by the anti-trafficking officer and administrators, since whoever
# opens it must be someone allowed to see it afterwards.
FLAGGED_CASE_READERS = frozenset({ANTI_TRAFFICKING, HQ, HQ_OFFICER, ADMIN})
FLAGGED_CASE_OPENERS = frozenset({ANTI_TRAFFICKING, ADMIN})
# The pages every signed-in account opens, whatever its role or none: signing in and out, their account's security,
# the language, and the public open data.
OWN_ACCOUNT_PAGES = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor_verify",
        "accounts:two_factor_setup",
        "accounts:security",
        "accounts:password_change",
        "set_language",
        "open_data:index",
        "open_data:csv",
        "open_data:json",
        "open_data:metadata",
    }
)
# The only pages agency staff open (accounts.middleware refuses every other one with 403): those, and their agency's
# cases.
AGENCY_STAFF_PAGES = OWN_ACCOUNT_PAGES | {
    "core:home",
    "cases:inbox",
    "cases:detail",
    "cases:status",
    "cases:national_id",
    # The API's doors to the same cases (api.permissions narrows them to the list, a case and its next step), the
    # API's schema and docs page, which list operations, not data (api.schema.SchemaView shows them theirs), and
    # their own API tokens, without which a system of their agency cannot call those doors.
    "api:case-list",
    "api:case-detail",
    "api:case-change-status",
    "api:schema",
    "api:docs",
    "api_tokens:list",
    "api_tokens:revoke",
}
# The only pages an account without a role opens (accounts.middleware answers every other one with the page saying
# it has no role yet, as the home page does).
NO_ROLE_PAGES = OWN_ACCOUNT_PAGES


def staff_profile(user):
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.staff_profile
    except Exception:
        return None


def role_of(user) -> str | None:
    """The account's role: its staff profile's, the one source (accounts.roles.apply_role makes the admin flags follow
    it). Only an account with no profile at all and the superuser flag counts as an administrator: the first
    administrator, made with `manage.py createsuperuser`, which knows nothing of profiles."""
    if not getattr(user, "is_authenticated", False):
        return None
    profile = staff_profile(user)
    if profile is not None:
        return profile.role
    return ADMIN if user.is_superuser else None


def is_admin(user) -> bool:
    return role_of(user) == ADMIN


def is_national(user) -> bool:
    """HQ analysts, HQ officers and administrators read every province."""
    return role_of(user) in NATIONAL_ROLES


def is_province_staff(user) -> bool:
    """Officers and viewers of one province."""
    return role_of(user) in PROVINCE_ROLES


def is_agency_staff(user) -> bool:
    """Staff of one agency: they see the cases referred to it and nothing else."""
    return role_of(user) in AGENCY_ROLES


def may_open_page(user, url_name: str) -> bool:
    """Whether the user's role may open the page named `url_name` at all (its scope is checked by the page)."""
    if not getattr(user, "is_authenticated", False):
        return True  # the page's own login_required sends them to the login page
    role = role_of(user)
    if role is None:
        return url_name in NO_ROLE_PAGES
    return role not in AGENCY_ROLES or url_name in AGENCY_STAFF_PAGES


def runs_national_events(user) -> bool:
    """HQ officers and administrators create and run national events, with participants from any province."""
    return role_of(user) in NATIONAL_EVENT_ROLES


def home_province_id(user) -> int | None:
    profile = staff_profile(user)
    return profile.province_id if profile else None


def home_agency_id(user) -> int | None:
    profile = staff_profile(user)
    return profile.agency_id if profile else None


def can_write_in(user, province_id) -> bool:
    """Officers write in their own province; administrators everywhere; viewers and HQ (analysts, officers) never."""
    role = role_of(user)
    if role == ADMIN:
        return True
    return role == OFFICER and province_id is not None and province_id == home_province_id(user)


def can_write_anywhere(user) -> bool:
    return role_of(user) in WRITING_ROLES


class ProvinceScopedQuerySet(models.QuerySet):
    """A queryset of rows that belong to one province, through `province_field`.

    During a request, reading rows requires a declared scope (accounts/scoping.py): `visible_to(user)`,
    `editable_by(user)` (subclasses' own versions included) or `across_provinces(reason)`. Public
    reference data (provinces, agencies) sets `scope_required = False`.
    """

    province_field = "province"
    scope_required = True
    SCOPE_DECLARING = ("visible_to", "editable_by")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._scope_declared = None

    def __init_subclass__(cls, **kwargs):
        # A subclass that writes its own visible_to/editable_by declares the scope through it too.
        super().__init_subclass__(**kwargs)
        for name in cls.SCOPE_DECLARING:
            if name in cls.__dict__:
                setattr(cls, name, _declaring_scope(cls.__dict__[name], name))

    def _clone(self):
        clone = super()._clone()  # type: ignore[misc]
        clone._scope_declared = self._scope_declared
        return clone

    def _declare_scope(self, how: str):
        self._scope_declared = how
        return self

    def across_provinces(self, reason: str):
        """Every province's rows, on purpose (national totals, system checks); the reason is for the reader."""
        if not reason or not reason.strip():
            raise ValueError("across_provinces() needs the reason it may read every province")
        return self._chain()._declare_scope(f"across_provinces: {reason}")  # type: ignore[attr-defined]

    def _fetch_all(self):
        if self._result_cache is None:
            check_scope(self)
        super()._fetch_all()

    count = guarded(QuerySet.count)
    exists = guarded(QuerySet.exists)
    aggregate = guarded(QuerySet.aggregate)
    iterator = guarded(QuerySet.iterator)
    update = guarded(QuerySet.update)
    delete = guarded(QuerySet.delete)

    def in_province(self, province_id):
        return self.filter(**{self.province_field: province_id})

    def visible_to(self, user):
        role = role_of(user)
        if role in NATIONAL_ROLES:
            return self.all()
        if role in PROVINCE_ROLES:
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


def _declaring_scope(method, name):
    def wrapper(self, *args, **kwargs):
        result = method(self, *args, **kwargs)
        if isinstance(result, ProvinceScopedQuerySet) and result._scope_declared is None:
            result._declare_scope(name)
        return result

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    wrapper.__qualname__ = method.__qualname__
    return wrapper


for _name in ProvinceScopedQuerySet.SCOPE_DECLARING:
    setattr(ProvinceScopedQuerySet, _name, _declaring_scope(getattr(ProvinceScopedQuerySet, _name), _name))


def get_visible_or_404(queryset, user, **lookup):
    """One object the user may see; 404 alike for "missing" and "another province's"."""
    return get_object_or_404(queryset.visible_to(user), **lookup)


def get_editable_or_404(queryset, user, **lookup):
    """One object the user may change: 404 when they cannot see it, 403 when they can see but not change it."""
    from django.core.exceptions import PermissionDenied

    obj = get_visible_or_404(queryset, user, **lookup)
    if not queryset.editable_by(user).filter(pk=obj.pk).exists():
        raise PermissionDenied(gettext("ไม่มีสิทธิ์แก้ไขข้อมูลนี้"))
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
        "user_can_write": role in WRITING_ROLES,
        "user_runs_national_events": role in NATIONAL_EVENT_ROLES,
        "user_is_agency_staff": role in AGENCY_ROLES,
    }
