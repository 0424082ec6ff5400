"""Personal API tokens, and the check-in keys that make a repeated check-in answer the same without writing twice."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# `asr_` + an 8-character lookup prefix + `_` + the secret: the prefix finds the row, the whole token is what is hashed.
TOKEN_START = "asr_"
PREFIX_LENGTH = 8


def hash_token(token: str) -> str:
    # A 32-byte random key needs no slow hash: nobody can guess it, so SHA-256 of it is enough to keep it from a
    # database leak (as GitHub and pretix store theirs).
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """(prefix, token): a fresh token and the lookup prefix it starts with."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    return prefix, f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"


class ApiTokenQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user)

    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    """A staff member's key to the API: stored as a hash, shown once, read-only or read-write, until it expires or is
    revoked. It acts as its owner, so it never sees or does more than the owner's role allows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("เจ้าของ")
    )
    name = models.CharField(_("ชื่อโทเค็น"), max_length=100)
    prefix = models.CharField(_("รหัสนำหน้า"), max_length=PREFIX_LENGTH, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    read_only = models.BooleanField(_("อ่านได้อย่างเดียว"), default=True)
    expires_at = models.DateTimeField(_("หมดอายุ"))
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("ใช้งานล่าสุด"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("เพิกถอนเมื่อ"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("เพิกถอนโดย"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("โทเค็น API")
        verbose_name_plural = pgettext_lazy("plural", "โทเค็น API")

    def __str__(self):
        return f"{self.name} ({self.shown_prefix})"

    @property
    def shown_prefix(self) -> str:
        return f"{TOKEN_START}{self.prefix}…"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    def matches(self, token: str) -> bool:
        return secrets.compare_digest(self.secret_hash, hash_token(token))


class CheckInKey(models.Model):
    """The client's UUID of one check-in and the answer it got: the offline tick list sends a check-in again when it
    is not sure it arrived, and the same UUID gets the same answer without another write."""

    key = models.UUIDField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    attendance = models.ForeignKey("trainings.Attendance", on_delete=models.SET_NULL, null=True, related_name="+")
    day = models.ForeignKey("trainings.EventDay", on_delete=models.CASCADE, related_name="+")
    registration = models.ForeignKey("trainings.Registration", on_delete=models.CASCADE, related_name="+")
    # The body of the first answer, returned as it was to every repeat.
    result = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("รหัสการลงชื่อเข้างานผ่าน API")
        verbose_name_plural = pgettext_lazy("plural", "รหัสการลงชื่อเข้างานผ่าน API")

    def __str__(self):
        return str(self.key)


class CaseKey(models.Model):
    """The client's UUID of one new case and the case it opened: a client that is not sure its POST arrived (a
    dropped connection on a phone in the field) sends it again with the same UUID, and gets the case the first one
    opened instead of a second referral to the same agency."""

    key = models.UUIDField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("รหัสการบันทึกเรื่องส่งต่อผ่าน API")
        verbose_name_plural = pgettext_lazy("plural", "รหัสการบันทึกเรื่องส่งต่อผ่าน API")

    def __str__(self):
        return str(self.key)
