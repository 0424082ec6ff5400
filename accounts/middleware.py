"""Session limits and the second-factor gate, run on every request after authentication."""

import time
from contextlib import suppress

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from accounts.account_reads import instance_by_pk
from accounts.scope import is_agency_staff, is_national, may_open_page, role_of
from accounts.scoping import exempt_this_request, scope_required
from accounts.signals import SESSION_LOGIN_AT
from accounts.two_factor import SESSION_REQUIRED_FLAG, has_confirmed_device, requires_second_factor

SESSION_SEEN_AT = "portal_seen_at"
# Refreshing the idle clock once a minute (not on every request) keeps session writes off the hot path.
SEEN_REFRESH_SECONDS = 60

API_PREFIX = "/api/"
# The schemes of the API's token header (api.auth.ApiTokenAuthentication).
API_TOKEN_SCHEMES = frozenset({"bearer", "token"})


def is_api_request(request) -> bool:
    """A request the API answers, in JSON: anything under /api/ but its docs, a page like the portal's others."""
    return request.path.startswith(API_PREFIX) and request.path != reverse("api:docs")


def carries_api_token(request) -> bool:
    """An API request with a token: the token says who is calling (api.auth), and the API refuses a bad one itself,
    so the session cookie sent beside it is neither checked nor touched (not ended, not kept alive)."""
    if not is_api_request(request):
        return False
    header = request.META.get("HTTP_AUTHORIZATION", "").split(maxsplit=1)
    return bool(header) and header[0].lower() in API_TOKEN_SCHEMES


def api_refusal(detail: str) -> JsonResponse:
    """What the API answers a request it cannot take as anyone's: 401 with a `detail` (as for a missing token)."""
    response = JsonResponse({"detail": detail}, status=401, json_dumps_params={"ensure_ascii": False})
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


class SecondFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (request.user.is_verified(), user.otp_device), reading the session's device by SQL
    written once per process (accounts.account_reads) rather than by a queryset built on every page. The device is
    still checked by django-otp: it must be the account's own and confirmed, or the account is not verified."""

    def _device_from_persistent_id(self, persistent_id: str):
        label, _slash, device_id = self._normalize_persistent_id(persistent_id).rpartition("/")
        with suppress(ValueError, LookupError):
            device_model = apps.get_model(label)
            if issubclass(device_model, Device):
                return instance_by_pk(device_model, int(device_id))
        return None


class SessionLimitsMiddleware:
    """Log out after SESSION_IDLE_SECONDS without a request, and SESSION_ABSOLUTE_SECONDS after login at most."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not carries_api_token(request):
            now = int(time.time())
            session = request.session
            login_at = session.get(SESSION_LOGIN_AT)
            seen_at = session.get(SESSION_SEEN_AT)
            if login_at is None:
                session[SESSION_LOGIN_AT] = login_at = now
            too_old = now - login_at > settings.SESSION_ABSOLUTE_SECONDS
            idle = seen_at is not None and now - seen_at > settings.SESSION_IDLE_SECONDS
            if too_old or idle:
                logout(request)
                if idle:
                    message = _("ออกจากระบบอัตโนมัติเนื่องจากไม่มีการใช้งานเกิน %(minutes)s นาที กรุณาเข้าสู่ระบบอีกครั้ง")
                else:
                    message = _("ครบเวลาใช้งานสูงสุด %(hours)s ชั่วโมงต่อการเข้าสู่ระบบ กรุณาเข้าสู่ระบบอีกครั้ง")
                message %= {
                    "minutes": settings.SESSION_IDLE_SECONDS // 60,
                    "hours": settings.SESSION_ABSOLUTE_SECONDS // 3600,
                }
                # Also after an API call (the portal's scripts): the next page the browser opens says why.
                messages.info(request, message)
                if is_api_request(request):
                    return api_refusal(message)
                return redirect_to_login(request.get_full_path())
            if seen_at is None or now - seen_at >= SEEN_REFRESH_SECONDS:
                session[SESSION_SEEN_AT] = now
        return self.get_response(request)


# Pages an account that still owes its second factor may open.
OPEN_BEFORE_SECOND_FACTOR = {
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
    "set_language",
}


class TwoFactorRequiredMiddleware:
    """Until the code is verified, every page sends HQ, administrators and opted-in staff to the 2FA step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified() or carries_api_token(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if not self.required(request, user):
            return None
        step = "accounts:two_factor_verify" if has_confirmed_device(user) else "accounts:two_factor_setup"
        if is_api_request(request):
            if step == "accounts:two_factor_setup":
                detail = _("บัญชีนี้ต้องตั้งค่าการยืนยันตัวตนสองขั้นตอนก่อนใช้งาน: เปิด %(url)s ในเบราว์เซอร์ แล้วลองอีกครั้ง")
            else:
                detail = _("เซสชันนี้ยังไม่ได้ใส่รหัสยืนยันตัวตนสองขั้นตอน: เปิด %(url)s ในเบราว์เซอร์ แล้วลองอีกครั้ง")
            return api_refusal(detail % {"url": reverse(step)})
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def required(request, user) -> bool:
        """Whether this session must pass the second factor: always for HQ and administrators."""
        if is_national(user):
            return True
        flag = request.session.get(SESSION_REQUIRED_FLAG)
        if flag is None:
            flag = request.session[SESSION_REQUIRED_FLAG] = requires_second_factor(user)
        return flag


class ScopeRequiredMiddleware:
    """While a page is answered, province-owned rows are read only through a declared scope (accounts/scoping.py).

    The admin site is left out: only administrators reach it, they see every province, and its
    generic views (and django-import-export) read through the default manager.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with scope_required():
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.namespaces[:1] == ["admin"]:
            exempt_this_request("the admin site is for administrators only")
        return None


class AgencyStaffPagesMiddleware:
    """Agency staff open their agency's cases and their account, nothing else (403): one allow-list
    (accounts.scope.AGENCY_STAFF_PAGES) instead of a check in every registry, report and import page. An account with
    no role yet opens its account pages only (accounts.scope.NO_ROLE_PAGES): every other page, the admin site
    included, answers what the home page does (403, "no role yet, ask the administrator"), not a list of nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        match = request.resolver_match
        if match is None or not user.is_authenticated or carries_api_token(request):
            return None
        if role_of(user) is None:
            # The API says the same in JSON (api.permissions.SignedInWithRole).
            if is_api_request(request) or may_open_page(user, match.view_name):
                return None
            return render(request, "core/no_role.html", status=403)
        if not is_agency_staff(user):
            return None
        if match.view_name == "core:home":
            # Their home is the list of cases referred to their agency, not a province page.
            return redirect("cases:inbox")
        if not may_open_page(user, match.view_name):
            raise PermissionDenied(_("บัญชีเจ้าหน้าที่หน่วยงานใช้ได้เฉพาะรายการเรื่องที่ส่งต่อมายังหน่วยงานของท่าน"))
        return None
