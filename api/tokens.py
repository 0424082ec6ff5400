"""Creating, finding and revoking API tokens: the one place that knows how a token is made and checked."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import PREFIX_LENGTH, TOKEN_START, ApiToken, hash_token, new_token
from core import audit
from core.models import AuditEvent

# Choices of lifetime on the account page; a token that never expires is not offered.
LIFETIME_DAYS = [30, 90, 180, 365]
# Writing last_used_at at most once a minute keeps a busy client's requests from each writing a row.
LAST_USED_REFRESH = dt.timedelta(seconds=60)
TOKEN_PATTERN = re.compile(rf"^{TOKEN_START}([0-9a-f]{{{PREFIX_LENGTH}}})_[A-Za-z0-9_\-]{{43}}$")


@transaction.atomic
def create_token(*, user, name: str, days: int, read_only: bool, request=None) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the token itself, which is never stored and shown only now."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("กรุณาตั้งชื่อโทเค็น เช่น ชื่อระบบที่จะใช้โทเค็นนี้")})
    if days not in LIFETIME_DAYS:
        raise ValidationError({"days": _("กรุณาเลือกอายุของโทเค็นจากรายการ")})
    while True:
        prefix, token = new_token()
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    row = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        secret_hash=hash_token(token),
        read_only=read_only,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit.record(
        AuditEvent.Action.API_TOKEN_CREATED, request=request, user=user, token=row.shown_prefix, read_only=read_only
    )
    return row, token


def revoke_token(*, token: ApiToken, by, request=None) -> bool:
    """Stop a token from working now; False when it was already revoked."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.revoked_by = by
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit.record(
        AuditEvent.Action.API_TOKEN_REVOKED, request=request, user=by, token=token.shown_prefix, owner=token.user_id
    )
    return True


class TokenRefused(Exception):
    """Why a presented token does not authenticate, in the request's language."""


def authenticate(raw: str) -> ApiToken:
    """The usable token that `raw` is, or TokenRefused saying why (malformed, unknown, revoked, expired)."""
    match = TOKEN_PATTERN.match(raw or "")
    if not match:
        raise TokenRefused(_("โทเค็น API ไม่อยู่ในรูปแบบที่ถูกต้อง (ขึ้นต้นด้วย asr_) กรุณาคัดลอกโทเค็นทั้งหมดจากหน้าโทเค็น API"))
    token = ApiToken.objects.select_related("user").filter(prefix=match.group(1)).first()
    if token is None or not token.matches(raw):
        raise TokenRefused(_("ไม่พบโทเค็น API นี้ในระบบ กรุณาตรวจสอบโทเค็นหรือสร้างโทเค็นใหม่ที่หน้าโทเค็น API"))
    if token.revoked_at is not None:
        raise TokenRefused(_("โทเค็น API “%(name)s” ถูกเพิกถอนแล้ว กรุณาสร้างโทเค็นใหม่") % {"name": token.name})
    if token.is_expired:
        raise TokenRefused(_("โทเค็น API “%(name)s” หมดอายุแล้ว กรุณาสร้างโทเค็นใหม่") % {"name": token.name})
    if not token.user.is_active:
        raise TokenRefused(_("บัญชีเจ้าของโทเค็นนี้ถูกระงับการใช้งาน"))
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_REFRESH:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
