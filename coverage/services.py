"""Changes to the quotas: HQ officers and administrators only, with a reason, atomic, and kept in the quota history
(provinces.models.SubdistrictQuotaEvent) inside a pghistory context that names who changed it, why, and from what.

A province-wide quota is set on every subdistrict of the province, those given a quota of their own included: the
decision "two leads per subdistrict in this province" then reads the same on every row, and an exception is set
again per subdistrict afterwards. (Changing only the subdistricts still at "the previous province-wide value" would
need a province-wide value that exists nowhere once a single subdistrict differs, and would leave HQ guessing
which rows the decision reached.) The form says so before it is sent."""

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.scope import ADMIN, HQ_OFFICER, role_of
from provinces.models import Province, Subdistrict
from volunteers.rules import quota_error

# HQ officers run the national programme (accounts.scope.NATIONAL_EVENT_ROLES); HQ analysts only read, as everywhere.
QUOTA_SETTERS = frozenset({HQ_OFFICER, ADMIN})
MAX_REASON_LENGTH = 500


def can_set_quotas(user) -> bool:
    """HQ officers and administrators set quotas; province staff and HQ analysts see them."""
    return role_of(user) in QUOTA_SETTERS


def _checked(quota, reason: str, by) -> tuple[int, str]:
    if not can_set_quotas(by):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่ส่วนกลางและผู้ดูแลระบบเท่านั้นที่เปลี่ยนโควตาได้"))
    errors = {}
    try:
        quota = int(quota)
    except (TypeError, ValueError):
        quota = None
    error = quota_error(quota)
    if error:
        errors["quota"] = error
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("กรุณาระบุเหตุผลของการเปลี่ยนโควตา เช่น เลขที่หนังสือสั่งการ")
    elif len(reason) > MAX_REASON_LENGTH:
        errors["reason"] = _("เหตุผลยาวได้ไม่เกิน %(max)s ตัวอักษร (ตอนนี้ %(length)s)") % {
            "max": MAX_REASON_LENGTH,
            "length": len(reason),
        }
    if errors:
        raise ValidationError(errors)
    return quota, reason  # type: ignore[return-value]


def _context(by, reason: str, scope: str, province: Province, previous: list[int], quota: int, **extra):
    return pghistory.context(
        user=by.pk,
        reason=reason,
        quota_scope=scope,
        province=province.code,
        quota_from=previous,
        quota_to=quota,
        **extra,
    )


def set_province_quota(*, province: Province, quota, reason: str, by) -> int:
    """Every subdistrict of the province gets `quota`; answers how many changed."""
    quota, reason = _checked(quota, reason, by)
    with transaction.atomic():
        rows = Subdistrict.objects.select_for_update().filter(province=province)
        previous = sorted(set(rows.values_list("quota", flat=True)))
        if previous == [quota]:
            raise ValidationError(
                {
                    "quota": _("ทุก%(word)sของ%(province)sมีโควตา %(quota)s คนอยู่แล้ว")
                    % {"word": province.subdistrict_label, "province": province.shown_name, "quota": quota}
                }
            )
        with _context(by, reason, "province", province, previous, quota):
            return rows.exclude(quota=quota).update(quota=quota)


def set_subdistrict_quota(*, subdistrict: Subdistrict, quota, reason: str, by) -> None:
    """One subdistrict gets `quota`."""
    quota, reason = _checked(quota, reason, by)
    province = subdistrict.province
    with transaction.atomic():
        current = Subdistrict.objects.select_for_update().get(pk=subdistrict.pk)
        if current.quota == quota:
            raise ValidationError(
                {"quota": _("%(name)s มีโควตา %(quota)s คนอยู่แล้ว") % {"name": current.shown_name, "quota": quota}}
            )
        with _context(by, reason, "subdistrict", province, [current.quota], quota, subdistrict=current.code):
            current.quota = quota
            current.save(update_fields=["quota"])
    subdistrict.quota = quota
