"""Writes to the mentor registry, atomic and checked against the writer's province."""

import pghistory
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.scope import can_write_in
from core import thai
from core.people import clean_names_and_phone
from core.templatetags.thai import be_datetime
from mentors.models import Mentor

EDITABLE_FIELDS = [
    "title",
    "first_name",
    "last_name",
    "national_id",
    "position",
    "agency",
    "phone",
    "email",
    "user",
    "is_active",
]


# Cleaned as the import cleans them (core.people.clean_names_and_phone).
NAME_FIELDS = ("title", "first_name", "last_name", "position")


def _apply(mentor: Mentor, data: dict) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    for field, value in data.items():
        setattr(mentor, field, value)
    clean_mentor(mentor)


def clean_mentor(mentor: Mentor) -> None:
    """A mentor's details as every door saves them (the pages, the admin): names, phone and national ID in their one
    form, one mentor per national ID, the province the agency's, an account only of that province's staff and linked
    to one mentor; ValidationError in the reader's language."""
    mentor.national_id = thai.normalize_national_id(mentor.national_id) or None
    clean_names_and_phone(mentor, NAME_FIELDS)
    if mentor.agency_id:
        mentor.province_id = mentor.agency.province_id
    if (
        mentor.national_id
        and Mentor.objects.across_provinces("one mentor per national ID in the country")
        .filter(national_id=mentor.national_id)
        .exclude(pk=mentor.pk)
        .exists()
    ):
        raise ValidationError({"national_id": _("เลขประจำตัวประชาชนนี้ลงทะเบียนเป็นพี่เลี้ยงแล้ว")})
    if mentor.user_id and mentor.agency_id:
        staff_of_province = get_user_model().objects.filter(staff_profile__province_id=mentor.province_id)
        if not staff_of_province.filter(pk=mentor.user_id).exists():
            province = mentor.agency.province.shown_name
            raise ValidationError({"user": _("ผูกกับพี่เลี้ยงได้เฉพาะบัญชีเจ้าหน้าที่ของ%(province)s") % {"province": province}})
    if mentor.user_id:
        # After the province check: the mentor named is then of the same province.
        holder = (
            Mentor.objects.across_provinces("one mentor per account")
            .filter(user_id=mentor.user_id)
            .exclude(pk=mentor.pk)
            .first()
        )
        if holder is not None:
            raise ValidationError(
                {"user": _("บัญชีนี้ผูกกับพี่เลี้ยง %(name)s อยู่แล้ว บัญชีหนึ่งผูกกับพี่เลี้ยงได้คนเดียว") % {"name": holder.full_name}}
            )


def _save(mentor: Mentor, by) -> Mentor:
    # The national ID and the account, one mentor each, were checked just above (clean_mentor) with their messages.
    mentor.full_clean(validate_unique=False)
    try:
        with transaction.atomic(), pghistory.context(user=by.pk if by is not None else None):
            mentor.save()
    except IntegrityError:
        # Someone saved the same ID (or linked the same account) a moment after the check, and the unique index
        # refused this row: the check, asked again, now finds theirs and says so; anything else stays an error.
        clean_mentor(mentor)
        raise
    return mentor


@transaction.atomic
def register_mentor(*, data: dict, by) -> Mentor:
    """Register a mentor officer of an agency in the writer's province."""
    mentor = Mentor()
    _apply(mentor, data)
    if not mentor.agency_id:
        raise ValidationError({"agency": _("กรุณาเลือกหน่วยงาน")})
    if not can_write_in(by, mentor.province_id):
        raise PermissionDenied(_("ลงทะเบียนพี่เลี้ยงได้เฉพาะในจังหวัดของท่าน"))
    return _save(mentor, by)


def _lock_at_version(mentor: Mentor, expected_version: int | None) -> None:
    """Hold the row until the end of the transaction, and refuse the edit if someone saved since the form opened."""
    current = (
        Mentor.objects.across_provinces("the row the view let this user edit").select_for_update().get(pk=mentor.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            {
                "version": _(
                    "ข้อมูลของพี่เลี้ยง %(name)s ถูกแก้ไขไปแล้วเมื่อ %(when)s "
                    "หลังจากที่ท่านเปิดแบบฟอร์มนี้ การแก้ไขของท่านยังไม่ได้บันทึก "
                    "โปรดเปิดหน้าแก้ไขใหม่เพื่อดูข้อมูลล่าสุด แล้วแก้ไขอีกครั้ง"
                )
                % {"name": current.full_name, "when": be_datetime(current.updated_at)}
            },
            code="stale",
        )
    mentor.version = current.version + 1


@transaction.atomic
def update_mentor(*, mentor: Mentor, data: dict, by, expected_version: int | None = None) -> Mentor:
    """Change a mentor's details (refused if they changed since `expected_version`); the agency stays in the province."""
    if not can_write_in(by, mentor.province_id):
        raise PermissionDenied(_("ไม่มีสิทธิ์แก้ไขข้อมูลพี่เลี้ยงรายนี้"))
    _lock_at_version(mentor, expected_version)
    province_id = mentor.province_id
    _apply(mentor, data)
    if mentor.province_id != province_id:
        raise ValidationError({"agency": _("หน่วยงานที่เลือกอยู่นอกจังหวัดของพี่เลี้ยง")})
    return _save(mentor, by)
