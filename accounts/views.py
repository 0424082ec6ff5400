"""The second login step (TOTP), its set-up page, the account security page and the lockout page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import lockout, two_factor
from accounts.forms import TokenForm
from accounts.middleware import TwoFactorRequiredMiddleware
from accounts.scope import is_national
from core.audit import record
from core.http import safe_next
from core.models import AuditEvent


def _next_url(request) -> str:
    return safe_next(request, resolve_url(settings.LOGIN_REDIRECT_URL))


def _step_context(request) -> dict:
    """While the second factor is still owed, the top bar offers only what works: language and logout."""
    user = request.user
    return {"owes_second_factor": not user.is_verified() and TwoFactorRequiredMiddleware.required(request, user)}


def _redirect_keeping_next(url_name: str, request):
    return redirect(f"{reverse(url_name)}?{urlencode({'next': _next_url(request)})}")


def _check_token(request, form, device) -> bool:
    """True when the code is right; otherwise a Thai error on the form and a failed-login audit entry."""
    wait = two_factor.throttle_wait_seconds(device)
    if wait:
        # The wait starts after the first wrong code (1 s, doubling): say how many, never "many" after one.
        form.add_error(
            "token",
            _("กรอกรหัสผิดแล้ว %(count)s ครั้ง กรุณารอ %(seconds)s วินาทีแล้วกรอกรหัสล่าสุดจากแอปอีกครั้ง")
            % {"count": device.throttling_failure_count, "seconds": wait},
        )
    elif device.verify_token(form.cleaned_data["token"]):
        return True
    else:
        form.add_error("token", _("รหัสยืนยันไม่ถูกต้องหรือหมดเวลาแล้ว กรุณากรอกรหัสล่าสุดจากแอป"))
    record(AuditEvent.Action.LOGIN_FAILED, request=request, reason="second_factor")
    return False


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """First login of a 2FA account (or a province officer switching it on): scan the QR code, type one code."""
    user = request.user
    if two_factor.has_confirmed_device(user):
        if user.is_verified():
            messages.info(request, _("บัญชีนี้เปิดใช้การยืนยันตัวตนสองขั้นตอนอยู่แล้ว"))
            return redirect("accounts:security")
        return _redirect_keeping_next("accounts:two_factor_verify", request)
    device = two_factor.pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_token(request, form, device):
        two_factor.confirm_device(request, device)
        record(AuditEvent.Action.LOGIN, request=request, second_factor="totp", device="new")
        messages.success(request, _("เปิดใช้การยืนยันตัวตนสองขั้นตอนเรียบร้อยแล้ว"))
        return redirect(_next_url(request))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(device),
            "secret": two_factor.secret_for_display(device),
            "next": _next_url(request),
            "required": is_national(user),
            **_step_context(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second login step: the current six-digit code from the user's authenticator app."""
    user = request.user
    device = two_factor.confirmed_device(user)
    if device is None:
        return _redirect_keeping_next("accounts:two_factor_setup", request)
    if user.is_verified():
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_token(request, form, device):
        two_factor.mark_verified(request, device)
        record(AuditEvent.Action.LOGIN, request=request, second_factor="totp")
        return redirect(_next_url(request))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request), **_step_context(request)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def security(request):
    """Account security: whether 2FA is on; province staff may switch it on or (with a current code) off."""
    user = request.user
    device = two_factor.confirmed_device(user)
    required = is_national(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if required or device is None:
            messages.error(request, _("บทบาทของท่านต้องใช้การยืนยันตัวตนสองขั้นตอนเสมอ ปิดไม่ได้"))
            return redirect("accounts:security")
        if form.is_valid() and _check_token(request, form, device):
            two_factor.switch_off(request, user)
            messages.success(request, _("ปิดการยืนยันตัวตนสองขั้นตอนแล้ว"))
            return redirect("accounts:security")
    return render(
        request,
        "accounts/security.html",
        {"device": device, "required": required, "form": form},
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """A signed-in user changes their own password: the current one first, then a new one that passes the
    portal's rules (AUTH_PASSWORD_VALIDATORS). The session stays signed in, second factor included; the change is
    on the audit record, as sign-ins are."""

    template_name = "accounts/password_change.html"

    def get_success_url(self):
        return reverse("accounts:security")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(AuditEvent.Action.PASSWORD_CHANGED, request=self.request)
        messages.success(self.request, _("เปลี่ยนรหัสผ่านแล้ว ใช้รหัสผ่านใหม่ในการเข้าสู่ระบบครั้งต่อไป"))
        return response


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout answer: HTTP 429 with a Thai page saying what waits (the account or the whole address)
    and for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if lockout.address_is_locked(request):
        message = _(
            "มีการกรอกชื่อผู้ใช้หรือรหัสผ่านผิดจากเครือข่ายนี้ครบ %(failure_limit)s ครั้ง ระบบจึงระงับการเข้าสู่ระบบ"
            "จากเครือข่ายนี้ (ทุกเครื่องที่ใช้อินเทอร์เน็ตเส้นเดียวกัน เช่น ในสำนักงานเดียวกัน) เป็นเวลา %(minutes)s นาที"
        ) % {"failure_limit": settings.AXES_ADDRESS_FAILURE_LIMIT, "minutes": minutes}
    else:
        message = _(
            "มีการกรอกรหัสผ่านของชื่อผู้ใช้นี้ผิดครบ %(failure_limit)s ครั้ง ระบบจึงระงับการเข้าสู่ระบบของชื่อผู้ใช้นี้"
            "เป็นเวลา %(minutes)s นาที ผู้ใช้อื่นยังเข้าสู่ระบบได้ตามปกติ"
        ) % {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "accounts/locked_out.html", {"error_message": message}, status=429)


class LogoutView(auth_views.LogoutView):
    """Logging out also wipes what the check-in pages kept on this browser for use without signal (the day's list in
    IndexedDB, the cached pages, their service workers): personal data should not stay on a phone (issue 17)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
