"""Writes to the mentor registry, atomic and checked against the writer's province."""

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.scope import can_write_in
from core import thai
from mentors.models import Mentor
from volunteers import validation

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


def _apply(mentor: Mentor, data: dict) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    for field, value in data.items():
        setattr(mentor, field, value)
    mentor.national_id = thai.normalize_national_id(mentor.national_id) or None
    if mentor.phone:
        try:
            mentor.phone = validation.normalize_thai_phone(mentor.phone)
        except ValidationError as exc:
            raise ValidationError({"phone": exc.messages}) from None
    if mentor.agency_id:
        mentor.province_id = mentor.agency.province_id


def _save(mentor: Mentor, by) -> Mentor:
    if mentor.national_id and Mentor.objects.filter(national_id=mentor.national_id).exclude(pk=mentor.pk).exists():
        raise ValidationError({"national_id": "เลขประจำตัวประชาชนนี้ลงทะเบียนเป็นพี่เลี้ยงแล้ว"})
    mentor.full_clean(validate_unique=False)
    with pghistory.context(user=by.pk if by is not None else None):
        mentor.save()
    return mentor


@transaction.atomic
def register_mentor(*, data: dict, by) -> Mentor:
    """Register a mentor officer of an agency in the writer's province."""
    mentor = Mentor()
    _apply(mentor, data)
    if not mentor.agency_id:
        raise ValidationError({"agency": "กรุณาเลือกหน่วยงาน"})
    if not can_write_in(by, mentor.province_id):
        raise PermissionDenied("ลงทะเบียนพี่เลี้ยงได้เฉพาะในจังหวัดของท่าน")
    return _save(mentor, by)


@transaction.atomic
def update_mentor(*, mentor: Mentor, data: dict, by) -> Mentor:
    """Change a mentor's details; the agency must stay in the same province."""
    if not can_write_in(by, mentor.province_id):
        raise PermissionDenied("ไม่มีสิทธิ์แก้ไขข้อมูลพี่เลี้ยงรายนี้")
    province_id = mentor.province_id
    _apply(mentor, data)
    if mentor.province_id != province_id:
        raise ValidationError({"agency": "หน่วยงานที่เลือกอยู่นอกจังหวัดของพี่เลี้ยง"})
    return _save(mentor, by)
