"""Writes of cases: opening one, moving it a step on, and erasing personal data after the retention period. Each
refuses bad input with a message in the writer's language and writes nothing."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.scope import CASE_WRITING_ROLES, FLAGGED_CASE_OPENERS, can_write_in, home_province_id, role_of
from activity.models import WorkKind
from cases.models import CLOSED_STATUSES, PERSONAL_FIELDS, Case, Status, place_errors
from core import thai
from core.templatetags.thai import be_date
from volunteers import rules
from volunteers.services import out_of_office_on

# Lazy: made when shown, in the reader's language (a plain gettext here would be Thai forever, made at import).
FLAGGED_REFUSED = gettext_lazy(
    "เรื่องที่สงสัยเป็นการบังคับใช้แรงงานหรือการค้ามนุษย์ บันทึกได้เฉพาะเจ้าหน้าที่ป้องกันการค้ามนุษย์ของจังหวัด"
    "หรือผู้ดูแลระบบ กรุณาแจ้งเจ้าหน้าที่ป้องกันการค้ามนุษย์ของจังหวัดเป็นผู้บันทึกเรื่องนี้"
)


def may_open_cases_in(user, province_id) -> bool:
    """Officers and the anti-trafficking officer of the province, and administrators, record its cases."""
    role = role_of(user)
    if role not in CASE_WRITING_ROLES:
        return False
    return can_write_in(user, province_id) or (province_id is not None and province_id == home_province_id(user))


def may_flag(user) -> bool:
    """Only someone who will still see the case once flagged may flag it."""
    return role_of(user) in FLAGGED_CASE_OPENERS


def _date_errors(*, spotted_on, referred_on, today) -> dict:
    errors = {}
    if spotted_on and spotted_on > today:
        errors["spotted_on"] = _("วันที่พบต้องไม่เป็นวันในอนาคต")
    elif error := rules.before_programme_error(spotted_on, what=_("วันที่พบ")):
        errors["spotted_on"] = error
    if referred_on and referred_on > today:
        errors["referred_on"] = _("วันที่ส่งต่อต้องไม่เป็นวันในอนาคต")
    if spotted_on and referred_on and referred_on < spotted_on:
        errors["referred_on"] = _("วันที่ส่งต่อต้องไม่ก่อนวันที่พบ (%(date)s)") % {"date": be_date(spotted_on)}
    return errors


def not_serving_error(volunteer) -> str | None:
    """Why a new case may not name `volunteer`: they are not serving now (their status says how); None if they are."""
    if volunteer.is_serving:
        return None
    return _("%(name)s ไม่ได้ปฏิบัติหน้าที่อยู่ (%(status)s) บันทึกเรื่องส่งต่อได้เฉพาะอาสาสมัครที่ปฏิบัติหน้าที่อยู่") % {
        "name": volunteer.full_name,
        "status": volunteer.status_display,
    }


def spotted_out_of_office_error(volunteer, spotted_on: dt.date) -> str | None:
    """Why `volunteer` cannot have spotted a case on `spotted_on`, named with its date: they were not serving that day
    by the registry's one rule (volunteers.services.out_of_office_on: not yet appointed, out of office by their status,
    or outside their terms); None when they were. A case counts as a referral of its month and fiscal year, so a date
    outside the volunteer's service would count it where they were not (the monthly reports refuse such months the
    same way)."""
    out = out_of_office_on(volunteer, spotted_on)
    if out is None:
        return None
    # The reason's dates are the bounds the date spotted must respect (on or after the appointment, before the status's
    # date, within a term), so the officer knows which way to correct it.
    return _("%(name)s ไม่ได้ปฏิบัติหน้าที่ในวันที่พบ %(spotted)s เพราะ%(why)s วันที่พบต้องอยู่ในช่วงที่ปฏิบัติหน้าที่อยู่") % {
        "name": volunteer.full_name,
        "spotted": be_date(spotted_on),
        "why": rules.out_of_office_reason(out),
    }


def cases_spotted_while_out(out: dict[int, tuple]) -> dict[int, str]:
    """The cases' part of the rule on a time out of office (volunteers.recorded_work, registered by
    CasesConfig.ready()): {volunteer pk: why} for those of `out` ({pk: (first day out, day back or None)}) who spotted a
    case in it, on a day spotted_out_of_office_error would call them out of office; one query for all of them."""
    rows = (
        Case.objects.across_provinces("the cases of the volunteers whose time out of office is checked")
        .filter(volunteer_id__in=list(out), spotted_on__gte=min(start for start, _back in out.values()))
        .values_list("volunteer_id", "spotted_on")
    )
    spotted: dict[int, list[dt.date]] = {}
    for pk, spotted_on in rows:
        start, back = out[pk]
        if start <= spotted_on and (back is None or spotted_on < back):
            spotted.setdefault(pk, []).append(spotted_on)
    found = {}
    for pk, days in spotted.items():
        start, back = out[pk]
        if back is None:
            found[pk] = ngettext(
                "มีเรื่องส่งต่อ %(count)s เรื่องที่อาสาสมัครพบในหรือหลังวันที่มีผล %(date)s ล่าสุดพบเมื่อ %(latest)s "
                "วันที่มีผลต้องอยู่หลังวันที่พบเรื่องล่าสุด กรุณาตรวจสอบวันที่ หรือแก้วันที่พบของเรื่องที่บันทึกผิดก่อน",
                "มีเรื่องส่งต่อ %(count)s เรื่องที่อาสาสมัครพบในหรือหลังวันที่มีผล %(date)s ล่าสุดพบเมื่อ %(latest)s "
                "วันที่มีผลต้องอยู่หลังวันที่พบเรื่องล่าสุด กรุณาตรวจสอบวันที่ หรือแก้วันที่พบของเรื่องที่บันทึกผิดก่อน",
                len(days),
            ) % {"count": len(days), "date": be_date(start), "latest": be_date(max(days))}
        else:
            found[pk] = ngettext(
                "มีเรื่องส่งต่อ %(count)s เรื่องที่อาสาสมัครพบระหว่างพักการปฏิบัติหน้าที่ตั้งแต่ %(date)s "
                "เรื่องแรกพบเมื่อ %(first)s วันที่กลับมาปฏิบัติหน้าที่ต้องไม่หลังวันนั้น "
                "กรุณาตรวจสอบวันที่ หรือแก้วันที่พบของเรื่องที่บันทึกผิดก่อน",
                "มีเรื่องส่งต่อ %(count)s เรื่องที่อาสาสมัครพบระหว่างพักการปฏิบัติหน้าที่ตั้งแต่ %(date)s "
                "เรื่องแรกพบเมื่อ %(first)s วันที่กลับมาปฏิบัติหน้าที่ต้องไม่หลังวันนั้น "
                "กรุณาตรวจสอบวันที่ หรือแก้วันที่พบของเรื่องที่บันทึกผิดก่อน",
                len(days),
            ) % {"count": len(days), "date": be_date(start), "first": be_date(min(days))}
    return found


def case_errors(
    *,
    province,
    volunteer,
    spotted_on: dt.date | None,
    referred_on: dt.date | None,
    subdistrict,
    agency,
    needs: list[str],
    national_id_needed: bool,
    national_id: str,
    today: dt.date,
    was: Case | None = None,
) -> dict:
    """What is wrong with a case's details, by field, whichever door they come through: the case form and the API
    (open_case) and the admin (check_case). `was` is the case as saved before: its volunteer and needs stay allowed
    (one who has since left, a need no longer offered), its date spotted is checked against the volunteer's service
    only when it or the volunteer changes, and a national ID erased after closing is not asked again."""
    errors = _date_errors(spotted_on=spotted_on, referred_on=referred_on, today=today)
    errors.update(place_errors(province=province, agency=agency, subdistrict=subdistrict, volunteer=volunteer))
    new_volunteer = was is None or was.volunteer_id != volunteer.pk
    if "volunteer" not in errors and new_volunteer and (error := not_serving_error(volunteer)):
        errors["volunteer"] = error
    if (
        spotted_on
        and not {"volunteer", "spotted_on"} & errors.keys()
        and (new_volunteer or was.spotted_on != spotted_on)
        and (error := spotted_out_of_office_error(volunteer, spotted_on))
    ):
        errors["spotted_on"] = error
    offered = set(WorkKind.objects.case_needs().values_list("code", flat=True)) | set(was.needs if was else ())
    unknown = [code for code in needs if code not in offered]
    if not needs:
        errors["needs"] = _("กรุณาเลือกสิ่งที่ผู้รับบริการต้องการอย่างน้อย 1 อย่าง")
    elif unknown:
        errors["needs"] = _("ไม่รู้จักสิ่งที่ต้องการ: %(codes)s") % {"codes": ", ".join(unknown)}
    if national_id and not national_id_needed:
        # PDPA: no national ID unless the referral needs one.
        errors["national_id"] = _(
            "ไม่ต้องกรอกเลขประจำตัวประชาชน เว้นแต่การส่งต่อจำเป็นต้องใช้ (ติ๊ก “จำเป็นต้องใช้เลขประจำตัวประชาชนในการส่งต่อ”)"
        )
    elif national_id_needed and (national_id or was is None or not was.personal_data_erased_on):
        error = thai.national_id_error(national_id) if national_id else _("กรุณากรอกเลขประจำตัวประชาชนที่ต้องใช้ในการส่งต่อ")
        if error:
            errors["national_id"] = error
    return errors


@transaction.atomic
def open_case(
    *,
    by,
    volunteer,
    spotted_on: dt.date,
    subdistrict,
    agency,
    needs: list[str],
    referred_on: dt.date | None = None,
    person_name: str = "",
    person_contact: str = "",
    national_id_needed: bool = False,
    national_id: str = "",
    flagged: bool = False,
) -> Case:
    """A new case of the volunteer's province, referred to `agency` on `referred_on` (the day it was spotted)."""
    province_id = volunteer.province_id
    if not may_open_cases_in(by, province_id):
        raise PermissionDenied(_("ไม่มีสิทธิ์บันทึกเรื่องส่งต่อของจังหวัดนี้"))
    if flagged and not may_flag(by):
        raise ValidationError({"flagged": FLAGGED_REFUSED})
    referred_on = referred_on or spotted_on
    national_id = thai.normalize_national_id(national_id or "")
    errors = case_errors(
        province=volunteer.province,
        volunteer=volunteer,
        spotted_on=spotted_on,
        referred_on=referred_on,
        subdistrict=subdistrict,
        agency=agency,
        needs=needs,
        national_id_needed=national_id_needed,
        national_id=national_id,
        today=timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)
    return Case.objects.create(
        province_id=province_id,
        volunteer=volunteer,
        spotted_on=spotted_on,
        subdistrict=subdistrict,
        agency=agency,
        needs=list(dict.fromkeys(needs)),
        referred_on=referred_on,
        person_name=person_name.strip(),
        person_contact=person_contact.strip(),
        national_id_needed=national_id_needed,
        national_id=national_id,
        flagged=flagged,
        created_by=by,
    )


def _step_error(case: Case, to_status: str) -> str | None:
    """None when `to_status` is a step the status page allows from the case's status: never back, never skipping."""
    labels = dict(Status.choices)
    if to_status not in labels:
        return _("กรุณาเลือกสถานะจากรายการ")
    if to_status in case.next_statuses():
        return None
    if case.status in CLOSED_STATUSES:
        message = _("เรื่องนี้ปิดแล้ว (%(status)s) เปลี่ยนสถานะต่อไม่ได้")
    else:
        message = _("สถานะย้อนกลับหรือข้ามขั้นไม่ได้: เรื่องนี้อยู่ที่ “%(status)s” เปลี่ยนเป็น “%(to)s” ไม่ได้")
    return message % {"status": case.get_status_display(), "to": labels[to_status]}


def status_change_error(case: Case, to_status: str, on: dt.date | None, reason: str, today: dt.date) -> dict:
    """What is wrong with moving `case` to `to_status` on `on`, by field; empty when it may go."""
    if error := _step_error(case, to_status):
        return {"to_status": error}
    errors = {}
    if on is None:
        errors["changed_on"] = _("กรุณากรอกวันที่ของขั้นนี้")
    else:
        previous = case.accepted_on or case.referred_on
        if on > today:
            errors["changed_on"] = _("วันที่ต้องไม่เป็นวันในอนาคต")
        elif on < previous:
            errors["changed_on"] = _("วันที่ต้องไม่ก่อนขั้นก่อนหน้า (%(date)s)") % {"date": be_date(previous)}
    if to_status == Status.NOT_REFERABLE and not reason.strip():
        errors["reason"] = _("กรุณาระบุเหตุผลที่ส่งต่อไม่ได้")
    return errors


def _steps_errors(case: Case, was: Case | None, today: dt.date) -> dict:
    """A case's status and step dates as the status page would have recorded them, by the case's fields: at most one
    step on from the status it was saved with (a new case starts at ส่งต่อแล้ว), and each step taken since the
    referral dated as status_change_error wants it (not ahead of today, not before the step before it)."""
    start = was or Case(status=Status.REFERRED)
    if case.status != start.status and (error := _step_error(start, case.status)):
        return {"status": error}
    if case.status == Status.REFERRED and case.accepted_on:
        message = _("เรื่องที่อยู่ที่ “%(status)s” ยังไม่มีวันที่รับเรื่อง เว้นช่องนี้ว่างไว้ หรือเปลี่ยนสถานะเป็น “%(accepted)s”")
        return {"accepted_on": message % {"status": Status.REFERRED.label, "accepted": Status.ACCEPTED.label}}
    steps = []
    if case.status in (Status.ACCEPTED, Status.DONE) or case.accepted_on:
        steps.append((Status.ACCEPTED, "accepted_on"))
    if case.status in CLOSED_STATUSES:
        steps.append((Status(case.status), "closed_on"))
    replayed = Case(status=Status.REFERRED, referred_on=case.referred_on)
    for status, date_field in steps:
        on = getattr(case, date_field)
        if errors := status_change_error(replayed, status, on, case.not_referable_reason, today):
            fields = {"to_status": "status", "changed_on": date_field, "reason": "not_referable_reason"}
            return {fields[name]: message for name, message in errors.items()}
        replayed.status = status
        setattr(replayed, date_field, on)
    return {}


def check_case(case: Case) -> None:
    """The admin's check of a case it adds or changes, under the rules of the case form and the status page: the
    details as case_errors wants them, the status moved by the status page's steps, each step's date in order."""
    was = None
    if case.pk is not None:
        was = Case.objects.across_provinces("the admin checks the case it edits").filter(pk=case.pk).first()
    case.national_id = thai.normalize_national_id(case.national_id or "")
    case.needs = list(dict.fromkeys(case.needs or []))
    today = timezone.localdate()
    errors = case_errors(
        province=case.province,
        volunteer=case.volunteer,
        spotted_on=case.spotted_on,
        referred_on=case.referred_on,
        subdistrict=case.subdistrict,
        agency=case.agency,
        needs=case.needs,
        national_id_needed=case.national_id_needed,
        national_id=case.national_id,
        today=today,
        was=was,
    )
    for field, message in _steps_errors(case, was, today).items():
        errors.setdefault(field, message)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def change_status(*, case: Case, to_status: str, on: dt.date, reason: str = "", by) -> Case:
    """The next step of a case (รับเรื่องแล้ว, ดำเนินการเสร็จ or ส่งต่อไม่ได้) on its date; never backwards."""
    case = Case.objects.editable_by(by).select_for_update().filter(pk=case.pk).first()
    if case is None:
        raise PermissionDenied(_("ไม่มีสิทธิ์เปลี่ยนสถานะเรื่องนี้"))
    errors = status_change_error(case, to_status, on, reason, timezone.localdate())
    if errors:
        raise ValidationError(errors)
    case.status = to_status
    if to_status == Status.ACCEPTED:
        case.accepted_on = on
    else:
        case.closed_on = on
    if to_status == Status.NOT_REFERABLE:
        case.not_referable_reason = reason.strip()
    case.save(update_fields=["status", "accepted_on", "closed_on", "not_referable_reason", "updated_at"])
    return case


def erase_expired_personal_data(*, today: dt.date | None = None, days: int | None = None) -> int:
    """Erase the person's name, contact and national ID of every case closed `days`
    (CASE_PERSONAL_DATA_DAYS) or more ago; the cases stay, so every count stays. Returns how many were erased."""
    today = today or timezone.localdate()
    days = settings.CASE_PERSONAL_DATA_DAYS if days is None else days
    cutoff = today - dt.timedelta(days=days)
    expired = Case.objects.across_provinces("PDPA erasure runs over every province's closed cases").filter(
        status__in=CLOSED_STATUSES, closed_on__lte=cutoff, personal_data_erased_on__isnull=True
    )
    return expired.update(**dict.fromkeys(PERSONAL_FIELDS, ""), personal_data_erased_on=today)
