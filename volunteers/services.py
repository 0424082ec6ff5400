"""Writes to the volunteer registry. Each is atomic, checks the writer's province, and runs inside a
pghistory context naming the writer, so the history says who did it even outside a web request."""

from collections import defaultdict

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import can_write_in, is_admin
from core import audit, thai
from core.people import clean_names_and_phone
from core.templatetags.thai import be_date, be_datetime
from mentors.models import Mentor
from volunteers import recorded_work, rules, signals, validation
from volunteers.absences import record_absences
from volunteers.models import StatusChange, Term, Volunteer

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
    "tier",
    "mentor",
    "skills",
    "education",
    "occupation",
    "notes",
    "consent_recorded_on",
]


# Cleaned as the import cleans them (core.people.clean_names_and_phone).
NAME_FIELDS = ("title_other", "first_name", "last_name", "first_name_en", "last_name_en")


def _history_context(by, **extra):
    return pghistory.context(user=by.pk if by is not None else None, **extra)


def _apply(volunteer: Volunteer, data: dict) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    for field, value in data.items():
        setattr(volunteer, field, value)
    volunteer.national_id = thai.normalize_national_id(volunteer.national_id)
    clean_names_and_phone(volunteer, NAME_FIELDS)
    if volunteer.subdistrict_id:
        volunteer.province_id = volunteer.subdistrict.province_id


def _check_and_save(volunteer: Volunteer) -> Volunteer:
    conflict = validation.national_id_conflict(volunteer.national_id, exclude_pk=volunteer.pk)
    if conflict:
        raise ValidationError({"national_id": conflict})
    # The ID's uniqueness, the volunteer's only constraint, was checked just above with the province's name.
    volunteer.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            volunteer.save()
    except IntegrityError:
        # Someone registered the same ID a moment ago.
        conflict = validation.national_id_conflict(volunteer.national_id, exclude_pk=volunteer.pk)
        raise ValidationError({"national_id": conflict or _("เลขประจำตัวประชาชนนี้ลงทะเบียนแล้ว")}) from None
    return volunteer


@transaction.atomic
def register_volunteer(*, data: dict, by, term_ends_on=None) -> Volunteer:
    """Register a new volunteer in the writer's province; refuses an ID already registered anywhere. The appointment
    date starts their first term, which ends on `term_ends_on` or after the default term."""
    volunteer = Volunteer()
    _apply(volunteer, data)
    if not volunteer.subdistrict_id:
        raise ValidationError({"subdistrict": _("กรุณาเลือกตำบล/แขวง")})
    if not can_write_in(by, volunteer.province_id):
        raise PermissionDenied(_("ลงทะเบียนอาสาสมัครได้เฉพาะในจังหวัดของท่าน"))
    if volunteer.appointed_on and not volunteer.status_changed_on:
        volunteer.status_changed_on = volunteer.appointed_on
    if volunteer.appointed_on:
        # The first term's end, saved with the row: set after it by sync_first_term, it was a second history entry
        # ("แก้ไข" the term end) of a registration nobody had edited.
        volunteer.term_ends_on = term_ends_on or rules.default_term_end(volunteer.appointed_on)
    if volunteer.mentor_id:
        volunteer.mentor = _locked_mentor(volunteer.mentor_id)
    with _history_context(by):
        _check_and_save(volunteer)
        sync_first_term(volunteer, by=by, ends_on=term_ends_on)
    return volunteer


def sync_first_term(volunteer: Volunteer, *, by, ends_on=None) -> None:
    """The appointment on the volunteer's record is their first term: created with the record, and corrected with it
    while it is the only term (a typo in the date or the order number). Later terms are re-appointments."""
    terms = list(Term.objects.filter(volunteer=volunteer).order_by("starts_on")[:2])
    if not volunteer.appointed_on:
        return
    ends_on = ends_on or rules.default_term_end(volunteer.appointed_on)
    error = rules.term_error(volunteer.appointed_on, ends_on)
    if error:
        raise ValidationError({"term_ends_on": error})
    if not terms:
        Term.objects.create(
            volunteer=volunteer,
            order_no=volunteer.appointment_order,
            starts_on=volunteer.appointed_on,
            ends_on=ends_on,
            recorded_by=by,
        )
    elif len(terms) == 1:
        term = terms[0]
        if (term.starts_on, term.order_no) == (volunteer.appointed_on, volunteer.appointment_order):
            return
        term.starts_on, term.order_no = volunteer.appointed_on, volunteer.appointment_order
        term.ends_on = ends_on
        term.save(update_fields=["starts_on", "order_no", "ends_on"])
    else:
        return
    _refresh_term_end(volunteer)


def _refresh_term_end(volunteer: Volunteer) -> None:
    latest = Term.objects.filter(volunteer=volunteer).order_by("-starts_on").values_list("ends_on", flat=True).first()
    if latest != volunteer.term_ends_on:
        volunteer.term_ends_on = latest
        # updated_at too: the reports' per-province change stamp must see the term's new end.
        Volunteer.objects.across_provinces("the volunteer just written").filter(pk=volunteer.pk).update(
            term_ends_on=latest, updated_at=timezone.now()
        )


def reappointment_errors(volunteer: Volunteer, *, starts_on, ends_on, order_no: str) -> dict:
    """{field: message, in the active language} for a re-appointment of `volunteer` from `starts_on` to `ends_on` (None: the default)."""
    errors = {}
    if error := rules.reappointment_error(volunteer.status):
        errors["volunteer"] = f"{volunteer.full_name}: {error}"
        return errors
    if error := rules.term_error(starts_on, ends_on):
        errors["ends_on" if starts_on and not rules.term_start_error(starts_on) else "starts_on"] = error
        return errors
    if error := rules.appointment_age_error(volunteer.birth_date, starts_on):
        errors["starts_on"] = f"{volunteer.full_name}: {error}"
        return errors
    today = timezone.localdate()
    if error := rules.early_return_error(volunteer.status, starts_on, today):
        errors["starts_on"] = f"{volunteer.full_name}: {error}"
        return errors
    ends_on = ends_on or rules.default_term_end(starts_on)
    others = Term.objects.filter(volunteer=volunteer).values_list("starts_on", "ends_on")
    if error := rules.overlapping_term_error(starts_on, ends_on, others):
        errors["starts_on"] = f"{volunteer.full_name}: {error}"
    if not (order_no or "").strip():
        errors["order_no"] = _("กรุณาระบุเลขที่คำสั่งแต่งตั้ง")
    return errors


@transaction.atomic
def reappoint(*, volunteers, starts_on, order_no: str, by, ends_on=None) -> list[Term]:
    """Appoint one or many volunteers for a new term by one order: a new Term each, the old ones kept. A resigned
    volunteer appointed again becomes active (a status change on record) once the new term has begun; the deceased
    cannot be. All or nothing:
    one person refused refuses the whole list, each reason named."""
    volunteers = list(volunteers)
    if not volunteers:
        raise ValidationError({"volunteers": _("กรุณาเลือกอาสาสมัครอย่างน้อยหนึ่งคน")})
    pks = [v.pk for v in volunteers]
    locked = {
        v.pk: v
        for v in Volunteer.objects.across_provinces("the volunteers the view let this user re-appoint")
        .select_for_update()
        .filter(pk__in=pks)
    }
    for volunteer in volunteers:
        if not can_write_in(by, volunteer.province_id):
            raise PermissionDenied(_("แต่งตั้งได้เฉพาะอาสาสมัครในจังหวัดของท่าน"))
    errors: dict[str, list[str]] = {}
    for pk in pks:
        for field, message in reappointment_errors(
            locked[pk], starts_on=starts_on, ends_on=ends_on, order_no=order_no
        ).items():
            errors.setdefault(field, [])
            if message not in errors[field]:
                errors[field].append(message)
    if errors:
        raise ValidationError(errors)
    ends_on = ends_on or rules.default_term_end(starts_on)
    terms = []
    with _history_context(by, action="reappoint"):
        for pk in pks:
            volunteer = locked[pk]
            terms.append(
                Term.objects.create(
                    volunteer=volunteer, order_no=order_no.strip(), starts_on=starts_on, ends_on=ends_on, recorded_by=by
                )
            )
            update_fields = ["term_ends_on", "updated_at", "version"]
            if volunteer.status == Volunteer.Status.RESIGNED:
                StatusChange.objects.create(
                    volunteer=volunteer,
                    from_status=volunteer.status,
                    to_status=Volunteer.Status.ACTIVE,
                    changed_on=min(starts_on, timezone.localdate()),
                    # A record, kept in Thai whatever the language of the page that made it.
                    reason=f"แต่งตั้งอีกวาระ ตามคำสั่ง {order_no.strip()}",
                    changed_by=by,
                )
                volunteer.status = Volunteer.Status.ACTIVE
                volunteer.status_changed_on = min(starts_on, timezone.localdate())
                update_fields += ["status", "status_changed_on"]
            volunteer.term_ends_on = max(ends_on, volunteer.term_ends_on or ends_on)
            if not volunteer.appointed_on:
                volunteer.appointed_on, volunteer.appointment_order = starts_on, order_no.strip()
                update_fields += ["appointed_on", "appointment_order"]
            volunteer.version += 1
            volunteer.save(update_fields=update_fields)
        record_absences(pks)
    return terms


def out_of_office_on(volunteer: Volunteer, day) -> rules.OutOfOffice | None:
    """Whether `volunteer` was serving on `day` (rules.out_of_office_on), read from their record, status history and
    terms (none for one not saved yet): None when they were, else why not. Every "was V serving on day D" asks it."""
    return out_of_office_on_many([volunteer], day).get(volunteer.pk)


def out_of_office_on_many(volunteers, day) -> dict[int, rules.OutOfOffice]:
    """out_of_office_on for many volunteers at once (a paper attendance sheet): {pk: why} for those not serving on
    `day`, those who were left out (one not saved yet under None, read from its record alone). Their status histories
    and terms are read in one query each, however many."""
    return {pk: by_day[day] for pk, by_day in out_of_office_on_days(volunteers, [day]).items()}


def out_of_office_on_days(volunteers, days) -> dict[int, dict]:
    """out_of_office_on for many volunteers on many days (every day of an event): {pk: {day: why}} for those not
    serving on one of `days` or more, each with the days they were not. Still one query each for the status histories
    and the terms, however many volunteers and days."""
    volunteers, days = list(volunteers), list(days)
    pks = [volunteer.pk for volunteer in volunteers if volunteer.pk is not None]
    changes: dict[int, list] = defaultdict(list)
    terms: dict[int, list] = defaultdict(list)
    if pks:
        # The history in the order it happened, each volunteer's steps kept in that order as they are grouped.
        for pk, changed_on, to_status in (
            StatusChange.objects.filter(volunteer_id__in=pks)
            .order_by("changed_on", "recorded_at", "pk")
            .values_list("volunteer_id", "changed_on", "to_status")
        ):
            changes[pk].append((changed_on, to_status))
        for pk, starts_on, ends_on in Term.objects.filter(volunteer_id__in=pks).values_list(
            "volunteer_id", "starts_on", "ends_on"
        ):
            terms[pk].append((starts_on, ends_on))
    found: dict[int, dict] = {}
    for volunteer in volunteers:
        for day in days:
            out = rules.out_of_office_on(
                day,
                appointed_on=volunteer.appointed_on,
                status=volunteer.status,
                status_changed_on=volunteer.status_changed_on,
                changes=changes.get(volunteer.pk, ()),
                terms=terms.get(volunteer.pk, ()),
                term_ends_on=volunteer.term_ends_on,
            )
            if out is not None:
                found.setdefault(volunteer.pk, {})[day] = out
    return found


def stale_edit_message(current: Volunteer) -> str:
    return _(
        "ข้อมูลของ %(name)s ถูกแก้ไขไปแล้วเมื่อ %(when)s "
        "หลังจากที่ท่านเปิดแบบฟอร์มนี้ การแก้ไขของท่านยังไม่ได้บันทึก "
        "โปรดเปิดหน้าแก้ไขใหม่เพื่อดูข้อมูลล่าสุด แล้วแก้ไขอีกครั้ง"
    ) % {"name": current.full_name, "when": be_datetime(current.updated_at)}


def _lock_at_version(volunteer: Volunteer, expected_version: int | None) -> Volunteer:
    """Hold the row until the end of the transaction, and refuse the edit if someone saved since the form opened; the
    row as stored."""
    current = (
        Volunteer.objects.across_provinces("the row the view let this user edit")
        .select_for_update()
        .get(pk=volunteer.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise ValidationError({"version": stale_edit_message(current)}, code="stale")
    volunteer.version = current.version + 1
    return current


@transaction.atomic
def update_volunteer(*, volunteer: Volunteer, data: dict, by, expected_version: int | None = None) -> Volunteer:
    """Change a volunteer's details (refused if it changed since `expected_version`); the province stays."""
    if not can_write_in(by, volunteer.province_id):
        raise PermissionDenied(_("ไม่มีสิทธิ์แก้ไขข้อมูลอาสาสมัครรายนี้"))
    stored_mentor_id = _lock_at_version(volunteer, expected_version).mentor_id
    province_id = volunteer.province_id
    _apply(volunteer, data)
    if volunteer.mentor_id and volunteer.mentor_id != stored_mentor_id:
        # A mentor given now: their row locked, so that one ended meanwhile is refused (not an unchanged one: ending
        # them locks the mentor, then this volunteer, whom this edit holds already).
        volunteer.mentor = _locked_mentor(volunteer.mentor_id)
    if volunteer.province_id != province_id:
        raise ValidationError({"subdistrict": _("ตำบล/แขวงที่เลือกอยู่นอกจังหวัดของอาสาสมัคร การย้ายจังหวัดทำได้โดยผู้ดูแลระบบเท่านั้น")})
    check_appointment(volunteer)
    with _history_context(by):
        _check_and_save(volunteer)
        sync_first_term(volunteer, by=by)
    return volunteer


@transaction.atomic
def change_status(*, volunteer: Volunteer, to_status: str, changed_on, reason: str, by) -> StatusChange:
    """Move a volunteer along the lifecycle (active, suspended, resigned, deceased) with a date and a reason."""
    if not can_write_in(by, volunteer.province_id):
        raise PermissionDenied(_("ไม่มีสิทธิ์เปลี่ยนสถานะอาสาสมัครรายนี้"))
    # Checked against the status as it is now, not as the page showed it: a change saved meanwhile is the one
    # this step follows (or is refused by).
    volunteer.status, volunteer.status_changed_on, volunteer.version = (
        Volunteer.objects.across_provinces("the volunteer whose status the caller may change")
        .select_for_update()
        .values_list("status", "status_changed_on", "version")
        .get(pk=volunteer.pk)
    )
    errors = {}
    if to_status == volunteer.status or to_status not in rules.STATUS_LABELS:
        # Not a step of the lifecycle at all: staying put, or no such status.
        target = rules.STATUS_LABELS.get(to_status, to_status)
        errors["to_status"] = _("เปลี่ยนสถานะจาก “%(current)s” เป็น “%(target)s” ไม่ได้") % {
            "current": volunteer.get_status_display(),
            "target": target,
        }
    elif error := rules.status_transition_error(volunteer.status, to_status):
        errors["to_status"] = error
    if not (reason or "").strip():
        errors["reason"] = _("กรุณาระบุเหตุผลของการเปลี่ยนสถานะ")
    if error := rules.status_date_error(
        changed_on,
        today=timezone.localdate(),
        appointed_on=volunteer.appointed_on,
        since=volunteer.status_changed_on,
        since_status=volunteer.status,
    ):
        errors["changed_on"] = error
    elif (out := rules.out_of_office_span(volunteer.status, volunteer.status_changed_on, to_status, changed_on)) and (
        found := recorded_work.work_while_out({volunteer.pk: out}).get(volunteer.pk)
    ):
        # Leaving office, or a suspension's span once its return is known, may not cover work already recorded: the
        # cases they spotted, the months they reported (each app's check, volunteers.recorded_work).
        errors["changed_on"] = found
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
    if to_status == Volunteer.Status.ACTIVE:
        record_absences([volunteer.pk])
    return change


def _appointment_unchanged(volunteer: Volunteer) -> bool:
    """Whether the appointment (date and order) about to be saved is the one stored."""
    stored = (
        Volunteer.objects.across_provinces("the volunteer the caller is saving")
        .filter(pk=volunteer.pk)
        .values_list("appointed_on", "appointment_order")
        .first()
    )
    return stored == (volunteer.appointed_on, volunteer.appointment_order)


def appointment_reports_error(volunteer: Volunteer) -> str | None:
    """Why the appointment on `volunteer`, as it is about to be saved, would leave monthly reports already recorded in
    months the volunteer did not serve (the grid takes a month's report only from someone serving in it, and the
    reporting rates count no other): months reported before the appointment date's month, or after the end of the
    only term, which follows the date (sync_first_term). None when every report stays within. The edit page, the API
    and the admin (check_appointment) ask it before saving, as change_status asks the monthly reports' leaving check."""
    if volunteer.pk is None or volunteer.appointed_on is None:
        return None
    if _appointment_unchanged(volunteer):
        return None  # an edit of anything else is not held up by data an older door left
    reported = sorted(volunteer.monthly_reports.values_list("month", flat=True))
    if not reported:
        return None
    appointed = volunteer.appointed_on
    if before := [m for m in reported if m < appointed.replace(day=1)]:
        return _(
            "มีรายงานประจำเดือนของ %(months)s ก่อนวันที่แต่งตั้ง %(date)s "
            "วันที่แต่งตั้งต้องอยู่ในหรือก่อนเดือนแรกที่มีรายงาน กรุณาตรวจสอบวันที่ หรือแก้รายงานที่บันทึกผิดก่อน"
        ) % {"months": ", ".join(rules.month_names(before)), "date": be_date(appointed)}
    ends_on = _term_end_once_saved(volunteer)
    if ends_on and (after := [m for m in reported if m > ends_on.replace(day=1)]):
        return _(
            "มีรายงานประจำเดือนของ %(months)s หลังวันสิ้นสุดวาระ %(end)s ซึ่งนับจากวันที่แต่งตั้ง %(date)s "
            "กรุณาตรวจสอบวันที่แต่งตั้ง หรือแก้รายงานที่บันทึกผิดก่อน"
        ) % {"months": ", ".join(rules.month_names(after)), "end": be_date(ends_on), "date": be_date(appointed)}
    return None


def appointment_terms_error(volunteer: Volunteer) -> str | None:
    """Why the appointment on `volunteer`, as it is about to be saved, cannot be: the appointment is the first term
    (sync_first_term), so it cannot be cleared while a term is on record, and once the volunteer has been appointed
    again it no longer follows the record (the date would part from the first term, and past years' counts would
    move). None when it may be saved, or when neither the date nor the order changes."""
    if volunteer.pk is None:
        return None
    if _appointment_unchanged(volunteer):
        return None
    terms = list(Term.objects.filter(volunteer=volunteer).order_by("starts_on").values_list("starts_on", "order_no"))
    if terms and volunteer.appointed_on is None:
        return _("วันที่แต่งตั้งเป็นวันเริ่มวาระแรก (%(start)s) ของอาสาสมัครที่มีวาระบันทึกไว้แล้ว จึงเว้นว่างไม่ได้") % {
            "start": be_date(terms[0][0])
        }
    if len(terms) > 1:
        return _(
            "อาสาสมัครรายนี้ได้รับแต่งตั้งมาแล้ว %(count)s วาระ วันที่แต่งตั้งและเลขที่คำสั่งเป็นของวาระแรก "
            "(เริ่ม %(start)s ตามคำสั่ง %(order)s) จึงแก้ที่นี่ไม่ได้"
        ) % {"count": len(terms), "start": be_date(terms[0][0]), "order": terms[0][1] or "-"}
    return None


def check_appointment(volunteer: Volunteer) -> None:
    """The appointment's rules (appointment_terms_error, appointment_reports_error) as the ValidationError of the
    appointment date: the edit page, the API and the admin ask it before saving."""
    if error := appointment_terms_error(volunteer) or appointment_reports_error(volunteer):
        raise ValidationError({"appointed_on": error})


def _term_end_once_saved(volunteer: Volunteer):
    """The last day of the volunteer's term once sync_first_term has followed the appointment date: a first term
    whose date or order changes ends after the default term; re-appointments keep theirs."""
    terms = list(
        Term.objects.filter(volunteer=volunteer).order_by("starts_on").values_list("starts_on", "order_no")[:2]
    )
    if len(terms) > 1 or terms == [(volunteer.appointed_on, volunteer.appointment_order)]:
        return volunteer.term_ends_on
    return rules.default_term_end(volunteer.appointed_on)


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
    # One statement per new status for any number of people, each finding its rows by `id = ANY(...)`, not by a join:
    # that has no plan that reads the registry once per person, even when its statistics call it empty (as after
    # an autovacuum ANALYZE during a bulk load; core.pgcopy.keyed_for_join). The edit counter moves so that an edit
    # form opened before it refuses.
    people_by_status: dict[str, list[int]] = {}
    for pk, _from_status, to_status in changes:
        people_by_status.setdefault(to_status, []).append(pk)
    changed = 0
    with connection.cursor() as cursor:
        for to_status, pks in sorted(people_by_status.items()):
            cursor.execute(
                f"UPDATE {Volunteer._meta.db_table} AS t SET status = %s, status_changed_on = %s, updated_at = %s, "
                "version = t.version + 1 WHERE t.id = ANY(%s::bigint[])",
                [to_status, changed_on, timezone.now(), pks],
            )
            changed += cursor.rowcount
    record_absences(people_by_status.get(Volunteer.Status.ACTIVE, []))
    return changed


def _locked_mentor(mentor_id: int) -> Mentor:
    """The mentor's row as it is now, locked until the caller's transaction ends: a mentor ended at the same moment
    either ends first (and is read here as ended, refused by rules.mentor_ended_error) or waits, and then releases
    the volunteers just given to them (MentorQuerySet.release_volunteers). Call it inside a transaction, before
    locking a volunteer who already has this mentor (the end locks the mentor, then their volunteers)."""
    return (
        Mentor.objects.across_provinces("the mentor the caller is giving volunteers")
        .select_for_update()
        .select_related("agency")
        .get(pk=mentor_id)
    )


@transaction.atomic
def assign_mentor(*, volunteers, mentor, by) -> int:
    """Give one or many volunteers the same mentor (or none) in one UPDATE; the history triggers record each row."""
    pks = [getattr(v, "pk", v) for v in volunteers]
    if not pks:
        raise ValidationError({"volunteers": _("กรุณาเลือกอาสาสมัครอย่างน้อยหนึ่งคน")})
    rows = Volunteer.objects.across_provinces("the volunteers the view let this user edit").filter(pk__in=pks)
    editable = rows.editable_by(by)
    if editable.count() != len(set(pks)):
        raise PermissionDenied(_("มีอาสาสมัครที่ท่านไม่มีสิทธิ์แก้ไขอยู่ในรายการที่เลือก"))
    if mentor is not None:
        mentor = _locked_mentor(mentor.pk)
        if error := rules.mentor_ended_error(mentor):
            raise ValidationError({"mentor": error})
        if rows.exclude(province_id=mentor.province_id).exists():
            raise ValidationError({"mentor": _("พี่เลี้ยงต้องสังกัดหน่วยงานในจังหวัดเดียวกับอาสาสมัครที่เลือกทุกคน")})
    with _history_context(by):
        return rows.update(mentor=mentor, updated_at=timezone.now(), version=F("version") + 1)


@transaction.atomic
def move_volunteer_to_province(*, volunteer: Volunteer, subdistrict, by, reason: str = "") -> Volunteer:
    """Move a volunteer to a subdistrict of another province (administrators only); the mentor is cleared."""
    if not is_admin(by):
        raise PermissionDenied(_("การย้ายจังหวัดทำได้โดยผู้ดูแลระบบเท่านั้น"))
    from_province = volunteer.province
    if subdistrict.province_id == volunteer.province_id:
        raise ValidationError({"subdistrict": _("ตำบล/แขวงที่เลือกอยู่ในจังหวัดเดิมของอาสาสมัคร")})
    volunteer.subdistrict = subdistrict
    volunteer.province_id = subdistrict.province_id
    # A mentor belongs to one province's agency, so they stay behind.
    volunteer.mentor = None
    # A form opened before the move is stale: its save is refused with the stale-edit message.
    volunteer.version += 1
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
    # After the commit: a report computed in between would otherwise be kept as if it had seen the move.
    transaction.on_commit(
        lambda: signals.volunteer_moved.send(
            sender=Volunteer, volunteer=volunteer, from_province=from_province, to_province=subdistrict.province
        )
    )
    return volunteer
