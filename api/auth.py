"""Who is calling: a personal API token (`Authorization: Bearer asr_…` or `Token asr_…`), or the portal's own session
for its JavaScript (with Django's CSRF check, as DRF's SessionAuthentication does)."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from api import tokens

KEYWORDS = ("bearer", "token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """A request with a token acts as the token's owner; `request.auth` is the ApiToken (read-only or not)."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1", errors="replace").split()
        if not header or header[0].lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("รูปแบบส่วนหัว Authorization ไม่ถูกต้อง ใช้ “Authorization: Bearer <โทเค็น>” โดยไม่มีช่องว่างในโทเค็น")
            )
        try:
            token = tokens.authenticate(header[1])
        except tokens.TokenRefused as refused:
            raise exceptions.AuthenticationFailed(str(refused)) from None
        return token.user, token

    def authenticate_header(self, request):
        # Makes refusals 401 (with this challenge) rather than 403.
        return 'Bearer realm="api"'


class PortalSessionAuthentication(authentication.SessionAuthentication):
    """The signed-in portal user, for the portal's own pages' scripts; writes need the CSRF token."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(
                _("คำขอนี้ไม่มีรหัสป้องกัน CSRF ที่ถูกต้อง: สคริปต์ของหน้าเว็บต้องส่งส่วนหัว X-CSRFToken (ระบบอื่นใช้โทเค็น API แทน)")
            ) from None
