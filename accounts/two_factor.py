"""Who must pass a second factor (TOTP), and the one authenticator device each user may have."""

from base64 import b32encode

import segno
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.scope import is_national

DEVICE_NAME = "แอปยืนยันตัวตน"
SESSION_REQUIRED_FLAG = "portal_second_factor_on"


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def requires_second_factor(user) -> bool:
    """HQ analysts and administrators always; province staff once they switched it on."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_national(user) or has_confirmed_device(user)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def pending_device(user) -> TOTPDevice:
    """The not-yet-confirmed device shown on the set-up page; the same one until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def confirm_device(request, device: TOTPDevice) -> None:
    """Make `device` the user's only authenticator and mark this session as verified by it."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    mark_verified(request, device)


def mark_verified(request, device: TOTPDevice) -> None:
    otp_login(request, device)
    request.session[SESSION_REQUIRED_FLAG] = True


def switch_off(request, user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    request.session[SESSION_REQUIRED_FLAG] = False
    request.session.pop("otp_device_id", None)


def secret_for_display(device: TOTPDevice) -> str:
    """The key as people type it into an authenticator app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    # No fixed size: the page sets the width, so a long issuer name does not make a huge code.
    return segno.make(device.config_url, error="m").svg_inline(omitsize=True, border=2, dark="#000", title="QR")


def throttle_wait_seconds(device: TOTPDevice) -> int:
    allowed, info = device.verify_is_allowed()
    if allowed or not info:
        return 0
    from django.utils import timezone

    locked_until = info.get("locked_until")
    return max(1, int((locked_until - timezone.now()).total_seconds())) if locked_until else 0
