from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import scope
from core.downloads import date_in_name, month_in_name
from core.provinces import requested_province
from provinces.models import Province
from rosters import access, exports, recovery, services
from rosters.columns import SPECS, spec_for
from rosters.forms import RosterUploadForm, report_month_choices
from rosters.models import ExportRecord, ImportJob, Kind
from rosters.requeue import requeue_if_lost, with_waiting_notice
from rosters.writers import XLSX_CONTENT_TYPE, build_template

HISTORY_LIMIT = 50
PREVIEW_ERRORS_SHOWN = 200


@login_required
def roster_home(request):
    """The import page: upload, the template, and the province's import and export history."""
    access.require_import_rights(request.user)
    # The monthly report's pages link here with ?kind=reports&month=YYYY-MM: the form opens on that file.
    initial = {key: request.GET[key] for key in ("kind", "month") if request.GET.get(key)}
    form = RosterUploadForm(user=request.user, initial=initial)
    return _render_home(request, form)


def _render_home(request, form, status=200):
    jobs = ImportJob.objects.visible_to(request.user).select_related("province", "created_by")[:HISTORY_LIMIT]
    jobs = [recovery.fail_if_abandoned(job) if job.is_working else job for job in jobs]
    exports_done = ExportRecord.objects.visible_to(request.user).select_related("province", "user")[:10]
    report_province = requested_province(request.user, request.GET.get("province"))
    return render(
        request,
        "rosters/home.html",
        {
            "form": form,
            "jobs": jobs,
            "exports": exports_done,
            "kinds": Kind.choices,
            "max_mb": settings.ROSTER_MAX_UPLOAD_MB,
            "max_rows": settings.ROSTER_MAX_ROWS,
            "provinces": Province.objects.in_reading_order() if scope.is_admin(request.user) else None,
            "report_months": report_month_choices(timezone.localdate()),
            "report_month": request.GET.get("month") or "",
            "report_province": report_province,
            "report_districts": report_province.districts.order_by("name_sort") if report_province else [],
        },
        status=status,
    )


@login_required
@require_POST
def upload(request):
    access.require_import_rights(request.user)
    form = RosterUploadForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _render_home(request, form, status=400)
    province = form.target_province()
    if province is None or not scope.can_write_in(request.user, province.pk):
        raise PermissionDenied(_("ไม่มีสิทธิ์นำเข้าข้อมูลของจังหวัดนี้"))
    job = services.start_import(
        uploaded=form.cleaned_data["file"],
        kind=form.cleaned_data["kind"],
        province=province,
        by=request.user,
        month=form.report_month(),
    )
    return redirect("rosters:job", pk=job.pk)


@login_required
@require_GET
def template_download(request, kind):
    if kind == Kind.REPORTS:
        return _report_template(request)
    if kind not in SPECS:
        raise Http404
    province = requested_province(request.user, request.GET.get("province"))
    content = build_template(SPECS[kind], province=province)
    name = f"roster-template-{kind}{'-' + province.code if province else ''}.xlsx"
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _report_template(request):
    """The month's report form of a province (or one district), pre-filled with its serving volunteers and the
    reports already made: names and national IDs, so only for those who may import them."""
    from activity import imports
    from activity.rules import month_error, parse_month, previous_month

    access.require_import_rights(request.user)
    province = requested_province(request.user, request.GET.get("province"))
    if province is None:
        raise Http404
    if not scope.can_write_in(request.user, province.pk):
        raise PermissionDenied(_("ไม่มีสิทธิ์นำเข้าข้อมูลของจังหวัดนี้"))
    today = timezone.localdate()
    month = parse_month(request.GET.get("month")) or previous_month(today)
    if month_error(month, today=today):
        raise Http404
    district = None
    if request.GET.get("district"):
        district = province.districts.filter(code=request.GET["district"]).first()
        if district is None:
            raise Http404
    people = list(imports.template_rows(user=request.user, province=province, month=month, district=district))
    content = imports.build_template(user=request.user, province=province, month=month, district=district, rows=people)
    where = province.code + (f"-{district.code}" if district else "")
    file_name = f"monthly-report-{month_in_name(month)}-{where}.xlsx"
    # The form holds its volunteers' full national IDs: who took it is recorded, as for any export of them.
    services.record_export(
        request=request,
        kind=Kind.REPORTS,
        file_format="xlsx",
        province=province,
        rows=len(people),
        file_name=file_name,
        filters={"month": f"{month:%Y-%m}", **({"district": district.code} if district else {})},
        masked=False,
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@login_required
def job_detail(request, pk):
    """One import: its progress while working, the preview when checked, the result when done."""
    job = with_waiting_notice(recovery.fail_if_abandoned(access.get_visible_job_or_404(request.user, pk)))
    context = {
        "job": job,
        "can_act": scope.can_write_in(request.user, job.province_id),
        # Readers may open an import of their province, not the import page itself (require_import_rights).
        "may_import": scope.can_write_anywhere(request.user),
        "errors_shown": job.errors[:PREVIEW_ERRORS_SHOWN],
        "errors_shown_count": min(len(job.errors), PREVIEW_ERRORS_SHOWN),
        "spec": spec_for(job),
    }
    if job.is_working:
        template = "rosters/job_progress.html"
    elif job.status == ImportJob.Status.PREVIEW:
        template = "rosters/job_preview.html"
    else:
        template = "rosters/job_result.html"
    return render(request, template, context)


@login_required
@require_GET
def job_progress(request, pk):
    # Polled every 700 ms: only the columns the answer and fail_if_abandoned read, not the stored errors.
    progress_only = ImportJob.objects.only(
        "status",
        "progress",
        "phase",
        "province",
        "parsed_file",
        "finished_at",
        "created_at",
        "confirmed_at",
        "language",
    )
    job = recovery.fail_if_abandoned(scope.get_visible_or_404(progress_only, request.user, pk=pk))
    job = with_waiting_notice(requeue_if_lost(job))  # TASKS_BACKEND=rq: queued again once Redis answers
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": job.progress,
            "phase": job.phase,
            "working": job.is_working,
            "can_cancel": job.can_cancel,
            "url": reverse("rosters:job", args=[job.pk]),
        }
    )


@login_required
@require_POST
def job_confirm(request, pk):
    job = access.get_editable_job_or_404(request.user, pk)
    if not job.can_confirm:
        messages.error(request, _("การนำเข้านี้ยืนยันไม่ได้แล้ว"))
        return redirect("rosters:job", pk=job.pk)
    services.confirm_import(job=job, by=request.user, request=request)
    return redirect("rosters:job", pk=job.pk)


@login_required
@require_POST
def job_cancel(request, pk):
    job = services.cancel_import(job=access.get_editable_job_or_404(request.user, pk))
    if job.status == ImportJob.Status.CANCELLED:
        messages.info(request, _("ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลใดถูกบันทึก"))
        return redirect("rosters:list")
    if job.status == ImportJob.Status.CANCELLING:
        messages.info(request, _("กำลังยกเลิก… ระบบจะหยุดบันทึกและย้อนทุกแถวที่บันทึกไปแล้ว ไม่มีข้อมูลใดจะถูกบันทึก"))
    elif job.status == ImportJob.Status.DONE or (job.status == ImportJob.Status.IMPORTING and job.finished_at):
        messages.error(request, _("ยกเลิกไม่ได้ การนำเข้านี้บันทึกข้อมูลลงทะเบียนเรียบร้อยแล้ว"))
    else:
        messages.error(request, _("การนำเข้านี้ยกเลิกไม่ได้ในขั้นตอนนี้"))
    return redirect("rosters:job", pk=job.pk)


@login_required
@require_GET
def failed_rows(request, pk):
    job = access.get_visible_job_or_404(request.user, pk)
    if not scope.can_write_in(request.user, job.province_id):
        # The failed rows hold full national IDs as typed: only those who may import them get the file.
        raise PermissionDenied
    if not job.failed_file:
        raise Http404
    try:
        failed_file = job.failed_file.open("rb")
    except FileNotFoundError:
        # The record outlived its file (a restored database without the media folder, a storage cleared by hand).
        messages.error(
            request,
            _("ไม่พบไฟล์แถวที่ผิดของการนำเข้านี้ในที่เก็บไฟล์แล้ว กรุณาดูรายการแถวที่ผิดในหน้านี้ หรืออัปโหลดไฟล์อีกครั้งเพื่อตรวจใหม่"),
        )
        return redirect("rosters:job", pk=job.pk)
    stem = job.original_name.rsplit(".", 1)[0]
    file_name = _("%(name)s-แถวที่ผิด.xlsx") % {"name": stem}
    # The rows as typed, full national IDs with them: who took them is recorded, as for any export of them.
    services.record_export(
        request=request,
        kind=job.kind,
        file_format="xlsx",
        province=job.province,
        rows=job.error_count,
        file_name=file_name,
        filters={"failed_rows_of_import": job.pk},
        masked=False,
    )
    return FileResponse(failed_file, as_attachment=True, filename=file_name, content_type=XLSX_CONTENT_TYPE)


@login_required
@require_GET
def export_volunteers(request, fmt=None):
    return _export(request, fmt or request.GET.get("format", "xlsx"), exports.volunteer_export(request))


@login_required
@require_GET
def export_mentors(request, fmt=None):
    return _export(request, fmt or request.GET.get("format", "xlsx"), exports.mentor_export(request))


def _export(request, fmt, table):
    if fmt not in {"xlsx", "csv"}:
        raise Http404
    now = timezone.localtime()
    stamp = f"{date_in_name(now.date())}-{now:%H%M}"
    file_name = f"{table.kind}-{table.province.code if table.province else 'all'}-{stamp}.{fmt}"
    services.record_export(
        request=request,
        kind=table.kind,
        file_format=fmt,
        province=table.province,
        rows=table.count,
        file_name=file_name,
        filters=table.filters,
        masked=table.masked,
    )
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(table.xlsx(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
