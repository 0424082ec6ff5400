"""Writes to the monthly activity reports: save one volunteer's month (a row of the grid, later a row of the import),
close a province's month, reopen it with a reason. Each is atomic, all or nothing, checks the writer's rights, and
runs inside a pghistory context naming the writer, so the history says who did it even outside a web request."""

import datetime as dt

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import can_write_in
from activity import rules
from activity.models import MonthClosure, MonthlyReport, WorkKind
from core.people import display_name
from core.templatetags.thai import be_datetime
from volunteers.models import Volunteer

# The grid's field for the whole row (not serving, closed month, a second report); the others are the kinds' codes.
ROW = "__all__"
PROBLEMS = "problems"


def _history_context(by, **extra):
    return pghistory.context(user=by.pk if by is not None else None, **extra)


def is_month_closed(province_id: int, month: dt.date) -> bool:
    return (
        MonthClosure.objects.across_provinces("the month's state for a province the caller may see")
        .filter(province_id=province_id, month=month, is_closed=True)
        .exists()
    )


def report_errors(
    *, volunteer: Volunteer, month: dt.date, counts: dict, problems: str, report_pk=None, today=None, kinds=None
) -> dict:
    """{field: message} for saving `volunteer`'s report of `month` (ROW for the whole row, a kind's code for a
    count, PROBLEMS for the text); empty when it may be saved. `report_pk` is the report the writer is correcting,
    None for a new one."""
    today = today or timezone.localdate()
    kinds = list(WorkKind.objects.active()) if kinds is None else kinds
    errors = {}
    name = volunteer.full_name
    if message := rules.month_error(month, today=today):
        return {ROW: message}
    if is_month_closed(volunteer.province_id, month):
        return {ROW: rules.closed_error(province=volunteer.province, month=month)}
    serving = (
        Volunteer.objects.across_provinces("the volunteer the caller may write for")
        .filter(pk=volunteer.pk)
        .filter(rules.serving_in_month(month))
        .exists()
    )
    if not serving:
        errors[ROW] = rules.not_serving_error(volunteer=volunteer, month=month)
    else:
        existing = (
            MonthlyReport.objects.across_provinces("one report per volunteer and month, whoever entered it")
            .filter(volunteer=volunteer, month=month)
            .values_list("pk", flat=True)
            .first()
        )
        if existing is not None and existing != report_pk:
            errors[ROW] = rules.duplicate_error(volunteer=name, month=month)
    for kind in kinds:
        if message := rules.count_error(counts.get(kind.code, ""), volunteer=name, month=month, kind=kind.label):
            errors[kind.code] = message
    if message := rules.problems_error(problems):
        errors[PROBLEMS] = message
    return errors


@transaction.atomic
def save_report(
    *,
    volunteer: Volunteer,
    month: dt.date,
    counts: dict,
    problems: str = "",
    by,
    report_pk=None,
    saved_at=None,
    today=None,
) -> MonthlyReport:
    """Save one volunteer's month: a new report when `report_pk` is None, else a correction of that report. The
    counts are {kind code: typed value}; a blank is 0. All or nothing: any error refuses the whole row, in the writer's language.
    `saved_at`: when the report the writer corrected was saved, as they saw it; refused if saved again since."""
    if not can_write_in(by, volunteer.province_id):
        raise PermissionDenied(_("บันทึกรายงานได้เฉพาะอาสาสมัครในจังหวัดของท่าน"))
    today = today or timezone.localdate()
    month = rules.month_start(month)
    # Locked so that two officers typing the same volunteer's month at once give one report and a message.
    volunteer = (
        Volunteer.objects.across_provinces("the volunteer the view let this user report for")
        .select_for_update()
        .select_related("province", "subdistrict")
        .get(pk=volunteer.pk)
    )
    problems = (problems or "").strip()
    kinds = list(WorkKind.objects.active())
    errors = report_errors(
        volunteer=volunteer,
        month=month,
        counts=counts,
        problems=problems,
        report_pk=report_pk,
        today=today,
        kinds=kinds,
    )
    if errors:
        raise ValidationError(errors)
    reports = MonthlyReport.objects.across_provinces("the report this user is correcting, checked above")
    report = reports.filter(pk=report_pk, volunteer=volunteer, month=month).first() if report_pk else None
    if report_pk and report is None:
        raise ValidationError(
            {
                ROW: _("ไม่พบรายงานเดือน%(month)s ของ %(name)s ที่จะแก้ไข")
                % {"month": rules.month_shown(month), "name": volunteer.full_name}
            }
        )
    # The volunteer's row is locked above: nobody saves this report between this look and the save below.
    if report is not None and saved_at is not None and report.entered_at != saved_at:
        raise ValidationError({ROW: stale_report_message(report, volunteer)}, code="stale")
    if report is None:
        report = MonthlyReport(
            volunteer=volunteer,
            province_id=volunteer.province_id,
            district_id=volunteer.subdistrict.district_id,
            month=month,
            received_on=today,
            on_time=not rules.is_late(month, today),
        )
    # A retired kind's numbers stay as they were; the kinds on the grid take what was typed.
    report.counts = {**report.counts, **{k.code: rules.clean_count(counts.get(k.code, "")) for k in kinds}}
    report.problems = problems
    report.entered_by, report.entered_at = by, timezone.now()
    try:
        with _history_context(by, action="activity_report"), transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError({ROW: rules.duplicate_error(volunteer=volunteer.full_name, month=month)}) from None
    return report


def stale_report_message(report: MonthlyReport, volunteer: Volunteer) -> str:
    who = display_name(report.entered_by) if report.entered_by else _("ผู้อื่น")
    return _(
        "รายงานเดือน%(month)s ของ %(name)s ถูกบันทึกโดย %(who)s เมื่อ %(at)s หลังจากที่ท่านเปิดหน้านี้ "
        "ตัวเลขที่ท่านพิมพ์ยังไม่ได้บันทึก กรุณาโหลดหน้านี้ใหม่เพื่อดูรายงานล่าสุด แล้วแก้ไขอีกครั้ง"
    ) % {
        "month": rules.month_shown(report.month),
        "name": volunteer.full_name,
        "who": who,
        "at": be_datetime(report.entered_at),
    }


def _month_closure(province, month: dt.date):
    return (
        MonthClosure.objects.across_provinces("the province the view let this user close or reopen")
        .select_for_update()
        .filter(province=province, month=month)
        .first()
    )


@transaction.atomic
def close_month(*, province, month: dt.date, by, today=None) -> MonthClosure:
    """The officer closes the province's month: no more entries or corrections until reopened."""
    if not can_write_in(by, province.pk):
        raise PermissionDenied(_("ปิดรับรายงานได้เฉพาะจังหวัดของท่าน"))
    month = rules.month_start(month)
    if message := rules.month_error(month, today=today or timezone.localdate()):
        raise ValidationError(message)
    closure = _month_closure(province, month)
    if closure is not None and closure.is_closed:
        raise ValidationError(
            _("%(province)s ปิดรับรายงานเดือน%(month)s ไว้แล้ว")
            % {"province": province.shown_name, "month": rules.month_shown(month)}
        )
    closure = closure or MonthClosure(province=province, month=month)
    closure.is_closed, closure.reason = True, ""
    closure.changed_by, closure.changed_at = by, timezone.now()
    with _history_context(by, action="activity_close_month"):
        closure.save()
    return closure


@transaction.atomic
def reopen_month(*, province, month: dt.date, reason: str, by) -> MonthClosure:
    """The officer opens a closed month again, saying why; the history keeps who, when and the reason."""
    if not can_write_in(by, province.pk):
        raise PermissionDenied(_("เปิดรับรายงานได้เฉพาะจังหวัดของท่าน"))
    month = rules.month_start(month)
    if message := rules.reopen_reason_error(reason):
        raise ValidationError({"reason": message})
    closure = _month_closure(province, month)
    if closure is None or not closure.is_closed:
        raise ValidationError(
            _("%(province)s ยังเปิดรับรายงานเดือน%(month)s อยู่แล้ว")
            % {"province": province.shown_name, "month": rules.month_shown(month)}
        )
    closure.is_closed, closure.reason = False, reason.strip()
    closure.changed_by, closure.changed_at = by, timezone.now()
    with _history_context(by, action="activity_reopen_month"):
        closure.save()
    return closure
