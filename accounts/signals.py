"""Every login, failed login and logout goes into the audit record."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from core.audit import record
from core.models import AuditEvent

SESSION_LOGIN_AT = "portal_login_at"


def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = int(time.time())
    from accounts.two_factor import requires_second_factor

    record(
        AuditEvent.Action.LOGIN,
        request=request,
        user=user,
        second_factor="pending" if requires_second_factor(user) else "not_required",
    )


def on_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")
    detail: dict[str, str | bool] = {"username": str(username)[:150]}
    if getattr(request, "axes_locked_out", False):
        detail["locked_out"] = True
    record(AuditEvent.Action.LOGIN_FAILED, request=request, **detail)


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(AuditEvent.Action.LOGOUT, request=request, user=user)


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="accounts.audit_login")
    user_login_failed.connect(on_login_failed, dispatch_uid="accounts.audit_login_failed")
    user_logged_out.connect(on_logout, dispatch_uid="accounts.audit_logout")
