"""Writes to the volunteer registry. Each is atomic, checks the writer's province, and runs inside a
pghistory context naming the writer, so the history says who did it even outside a web request."""

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from accounts.scope import can_write_in, is_admin
from core import audit, thai
from core.phone import normalize_thai_phone
from core.templatetags.thai import be_datetime
from volunteers import rules, validation
from volunteers.models import StatusChange, Volunteer

# Fields a form or an import may set directly; status, province and history have their own paths.
EDITABLE_FIELDS = [
    "national_id",
    "title",
    "title_other",
    "first_name",
    "last_name",
    "first_name_en",
    "last_name_en",
    "gender",
    "birth_date",
    "phone",
    "line_id",
    "email",
    "house_no",
    "village_no",
    "village_name",
    "subdistrict",
    "appointed_on",
    "appointment_order",
    "mentor",
    "skills",
    "education",
    "occupation",
    "notes",
    "consent_recorded_on",
]


def _history_context(by, **extra):
    return pghistory.context(user=by.pk if by is not None else None, **extra)


def _apply(volunteer: Volunteer, data: dict) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    for field, value in data.items():
        setattr(volunteer, field, value)
    volunteer.national_id = thai.normalize_national_id(volunteer.national_id)
    if volunteer.phone:
        volunteer.phone = normalize_thai_phone(volunteer.phone)
    if volunteer.subdistrict_id:
        volunteer.province_id = volunteer.subdistrict.province_id


def _check_and_save(volunteer: Volunteer) -> Volunteer:
    conflict = validation.national_id_conflict(volunteer.national_id, exclude_pk=volunteer.pk)
    if conflict:
        raise ValidationError({"national_id": conflict})
    volunteer.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            volunteer.save()
    except IntegrityError:
        # Someone registered the same ID a moment ago.
        conflict = validation.national_id_conflict(volunteer.national_id, exclude_pk=volunteer.pk)
        raise ValidationError({"national_id": conflict or "เลขประจำตัวประชาชนนี้ลงทะเบียนแล้ว"}) from None
    return volunteer


@transaction.atomic
def register_volunteer(*, data: dict, by) -> Volunteer:
    """Register a new volunteer in the writer's province; refuses an ID already registered anywhere."""
    volunteer = Volunteer()
    try:
        _apply(volunteer, data)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from None
    if not volunteer.subdistrict_id:
        raise ValidationError({"subdistrict": "กรุณาเลือกตำบล/แขวง"})
    if not can_write_in(by, volunteer.province_id):
        raise PermissionDenied("ลงทะเบียนอาสาสมัครได้เฉพาะในจังหวัดของท่าน")
    if volunteer.appointed_on and not volunteer.status_changed_on:
        volunteer.status_changed_on = volunteer.appointed_on
    with _history_context(by):
        return _check_and_save(volunteer)


def stale_edit_message(current: Volunteer) -> str:
    return (
        f"ข้อมูลของ {current.full_name} ถูกแก้ไขไปแล้วเมื่อ {be_datetime(current.updated_at)} "
        "หลังจากที่ท่านเปิดแบบฟอร์มนี้ การแก้ไขของท่านยังไม่ได้บันทึก "
        "โปรดเปิดหน้าแก้ไขใหม่เพื่อดูข้อมูลล่าสุด แล้วแก้ไขอีกครั้ง"
    )


def _lock_at_version(volunteer: Volunteer, expected_version: int | None) -> None:
    """Hold the row until the end of the transaction, and refuse the edit if someone saved since the form opened."""
    current = (
        Volunteer.objects.across_provinces("the row the view let this user edit")
        .select_for_update()
        .get(pk=volunteer.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise ValidationError({"version": stale_edit_message(current)}, code="stale")
    volunteer.version = current.version + 1


@transaction.atomic
def update_volunteer(*, volunteer: Volunteer, data: dict, by, expected_version: int | None = None) -> Volunteer:
    """Change a volunteer's details (refused if it changed since `expected_version`); the province stays."""
    if not can_write_in(by, volunteer.province_id):
        raise PermissionDenied("ไม่มีสิทธิ์แก้ไขข้อมูลอาสาสมัครรายนี้")
    _lock_at_version(volunteer, expected_version)
    province_id = volunteer.province_id
    try:
        _apply(volunteer, data)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from None
    if volunteer.province_id != province_id:
        raise ValidationError({"subdistrict": "ตำบล/แขวงที่เลือกอยู่นอกจังหวัดของอาสาสมัคร การย้ายจังหวัดทำได้โดยผู้ดูแลระบบเท่านั้น"})
    with _history_context(by):
        return _check_and_save(volunteer)


@transaction.atomic
def change_status(*, volunteer: Volunteer, to_status: str, changed_on, reason: str, by) -> StatusChange:
    """Move a volunteer along the lifecycle (active, suspended, resigned, deceased) with a date and a reason."""
    if not can_write_in(by, volunteer.province_id):
        raise PermissionDenied("ไม่มีสิทธิ์เปลี่ยนสถานะอาสาสมัครรายนี้")
    errors = {}
    if to_status == volunteer.status or to_status not in rules.STATUS_LABELS:
        # Not a step of the lifecycle at all: staying put, or no such status.
        target = rules.STATUS_LABELS.get(to_status, to_status)
        errors["to_status"] = f"เปลี่ยนสถานะจาก “{volunteer.get_status_display()}” เป็น “{target}” ไม่ได้"
    elif error := rules.status_transition_error(volunteer.status, to_status):
        errors["to_status"] = error
    if not (reason or "").strip():
        errors["reason"] = "กรุณาระบุเหตุผลของการเปลี่ยนสถานะ"
    if changed_on is None:
        errors["changed_on"] = "กรุณาระบุวันที่มีผล"
    elif changed_on > timezone.localdate():
        errors["changed_on"] = "วันที่มีผลต้องไม่เป็นวันในอนาคต"
    elif volunteer.appointed_on and changed_on < volunteer.appointed_on:
        errors["changed_on"] = f"วันที่มีผลต้องไม่ก่อนวันที่แต่งตั้ง ({thai.format_date_be(volunteer.appointed_on)})"
    if errors:
        raise ValidationError(errors)
    change = StatusChange.objects.create(
        volunteer=volunteer,
        from_status=volunteer.status,
        to_status=to_status,
        changed_on=changed_on,
        reason=reason.strip(),
        changed_by=by,
    )
    volunteer.status = to_status
    volunteer.status_changed_on = changed_on
    volunteer.version += 1
    with _history_context(by):
        volunteer.save(update_fields=["status", "status_changed_on", "updated_at", "version"])
    return change


def apply_imported_status_changes(*, changes, changed_on, reason: str, by) -> int:
    """Apply the lifecycle steps of a roster import, [(volunteer pk, from, to)], in bulk: each checked by the same
    rule as change_status, a StatusChange row for each, then every status in one UPDATE. Call it inside the import's
    transaction, which refuses them all on one error. Returns the volunteers changed."""
    for _pk, from_status, to_status in changes:
        error = rules.status_transition_error(from_status, to_status)
        if error:
            raise ValidationError({"status": error})
    if not changes:
        return 0
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                volunteer_id=pk,
                from_status=from_status or "",
                to_status=to_status,
                changed_on=changed_on,
                reason=reason,
                changed_by=by,
            )
            for pk, from_status, to_status in changes
        ],
        batch_size=2000,
    )
    # One statement for any number of people; the edit counter moves so that an edit form opened before it refuses.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Volunteer._meta.db_table} AS t SET status = c.to_status, status_changed_on = %s, "
            "updated_at = %s, version = t.version + 1 "
            "FROM unnest(%s::bigint[], %s::text[]) AS c(id, to_status) WHERE t.id = c.id",
            [changed_on, timezone.now(), [pk for pk, _f, _t in changes], [to for _p, _f, to in changes]],
        )
        return cursor.rowcount


@transaction.atomic
def assign_mentor(*, volunteers, mentor, by) -> int:
    """Give one or many volunteers the same mentor (or none) in one UPDATE; the history triggers record each row."""
    pks = [getattr(v, "pk", v) for v in volunteers]
    if not pks:
        raise ValidationError({"volunteers": "กรุณาเลือกอาสาสมัครอย่างน้อยหนึ่งคน"})
    rows = Volunteer.objects.across_provinces("the volunteers the view let this user edit").filter(pk__in=pks)
    editable = rows.editable_by(by)
    if editable.count() != len(set(pks)):
        raise PermissionDenied("มีอาสาสมัครที่ท่านไม่มีสิทธิ์แก้ไขอยู่ในรายการที่เลือก")
    if mentor is not None:
        if not mentor.is_active:
            raise ValidationError({"mentor": f"{mentor.full_name} ไม่ได้ปฏิบัติหน้าที่พี่เลี้ยงแล้ว"})
        if rows.exclude(province_id=mentor.province_id).exists():
            raise ValidationError({"mentor": "พี่เลี้ยงต้องสังกัดหน่วยงานในจังหวัดเดียวกับอาสาสมัครที่เลือกทุกคน"})
    with _history_context(by):
        return rows.update(mentor=mentor, updated_at=timezone.now(), version=F("version") + 1)


@transaction.atomic
def move_volunteer_to_province(*, volunteer: Volunteer, subdistrict, by, reason: str = "") -> Volunteer:
    """Move a volunteer to a subdistrict of another province (administrators only); the mentor is cleared."""
    if not is_admin(by):
        raise PermissionDenied("การย้ายจังหวัดทำได้โดยผู้ดูแลระบบเท่านั้น")
    from_province = volunteer.province
    if subdistrict.province_id == volunteer.province_id:
        raise ValidationError({"subdistrict": "ตำบล/แขวงที่เลือกอยู่ในจังหวัดเดิมของอาสาสมัคร"})
    volunteer.subdistrict = subdistrict
    volunteer.province_id = subdistrict.province_id
    # A mentor belongs to one province's agency, so they stay behind.
    volunteer.mentor = None
    with _history_context(by, action="move_province"):
        volunteer.save()
    audit.record(
        "move_province",
        user=by,
        obj=volunteer,
        province=subdistrict.province,
        from_province=from_province.code,
        to_province=subdistrict.province.code,
        reason=reason,
    )
    return volunteer
