"""The monthly activity report's pages: a province's month per district, the keyboard entry grid of one district,
and closing and reopening a month."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.scope import can_write_in, home_province_id, is_national, require_national
from activity import board, board_exports, rules, selectors, services
from activity.models import WorkKind
from core import thai
from core.history import object_history
from provinces.access import get_province_for
from provinces.models import Province
from reports.fiscal_years import fiscal_year_asked, refused_download, unusable_year_message
from volunteers.models import Volunteer

# How far back the month picker goes: two fiscal years, as the reporting-rate board will.
MONTHS_SHOWN = 24


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _months(today: dt.date) -> list[tuple[str, str]]:
    month, found = rules.month_start(today), []
    for _i in range(MONTHS_SHOWN):
        found.append((month.strftime("%Y-%m"), rules.month_shown(month)))
        month = rules.previous_month(month)
    return found


def _month_of(request, today: dt.date) -> dt.date:
    """The month asked for, or the one just ended (the paper forms of the previous month arrive in this one)."""
    asked = rules.parse_month(request.POST.get("month") or request.GET.get("month"))
    if asked is None or asked > rules.month_start(today):
        return rules.previous_month(today)
    return asked


def _month_refused(request, month: dt.date, today: dt.date) -> str | None:
    """Why a write's month is refused. _month_of reads a month missing, unreadable or not yet come as the month just
    ended, which a page may show but a write must not save to, close or reopen."""
    asked = rules.parse_month(request.POST.get("month"))
    if asked is None:
        return _("ไม่ทราบว่าจะบันทึกเดือนใด กรุณาเปิดหน้านี้ใหม่แล้วลองอีกครั้ง")
    if asked != month:
        return rules.month_error(asked, today=today)
    return None


def _summary_url(province, month: dt.date) -> str:
    return f"{reverse('activity:summary', args=[province.code])}?{urlencode({'month': month.strftime('%Y-%m')})}"


def _grid_url(province, district, month: dt.date, **more) -> str:
    """The grid's address; `more` (a subdistrict, a page) is added when given."""
    query = {"district": district.code, "month": month.strftime("%Y-%m")}
    query.update({key: value for key, value in more.items() if value})
    return f"{reverse('activity:grid', args=[province.code])}?{urlencode(query)}"


def _grid_subdistrict(request, district):
    """The district's subdistricts for the filter, and the one asked for (an unknown code shows them all)."""
    subdistricts = list(district.subdistricts.order_by("name_sort"))
    wanted = request.POST.get("subdistrict") or request.GET.get("subdistrict") or ""
    return subdistricts, next((s for s in subdistricts if s.code == wanted), None)


@login_required
def home(request):
    """Province staff go to their province's month; HQ picks a province."""
    if not is_national(request.user):
        province_id = home_province_id(request.user)
        if province_id is None:
            raise Http404
        return redirect("activity:summary", code=Province.objects.get(pk=province_id).code)
    provinces = (
        Province.objects.visible_to(request.user).select_related("region").in_reading_order("region__sort_order")
    )
    return render(request, "activity/home.html", {"provinces": provinces})


@login_required
def summary(request, code):
    """The province's month per district: reports expected, received, on time, late, missing."""
    province = get_province_for(request.user, code)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    today = timezone.localdate()
    month = _month_of(request, today)
    rates, total = selectors.district_rates(request.user, province, month)
    districts = {d.pk: d for d in province.districts.all()}
    for rate in rates:
        rate.url = _grid_url(province, districts[rate.key], month)
    closure = selectors.closure_of(request.user, province, month)
    return render(
        request,
        "activity/summary.html",
        {
            "province": province,
            "month": month,
            "month_value": month.strftime("%Y-%m"),
            "month_label": rules.month_shown(month),
            "months": _months(today),
            "rates": rates,
            "total": total,
            "due_date": rules.due_date(month),
            "closure": closure,
            "is_closed": bool(closure and closure.is_closed),
            "history": object_history(closure) if closure else [],
            "can_write": can_write_in(request.user, province.pk),
        },
    )


@login_required
def grid(request, code):
    """One district's volunteers, one row each, a number per kind of work: typed from the paper forms by keyboard,
    each row saved on leaving it (static/activity/grid.js), or row by row with the button without JavaScript."""
    province = get_province_for(request.user, code)
    today = timezone.localdate()
    month = _month_of(request, today)
    districts = list(province.districts.order_by("name_sort"))
    wanted = request.POST.get("district") or request.GET.get("district")
    if wanted:
        # Another province's district is missing here, like any object of another province.
        district = get_object_or_404(province.districts.all(), code=wanted)
    elif districts:
        district = districts[0]
    else:
        raise Http404
    can_write = can_write_in(request.user, province.pk)
    kinds = list(WorkKind.objects.active())
    # The grid's columns: the information topics under one heading, then the services.
    information = [k for k in kinds if k.group == WorkKind.Group.INFORMATION]
    kinds = information + [k for k in kinds if k.group != WorkKind.Group.INFORMATION]
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied(_("ท่านดูรายงานได้อย่างเดียว บันทึกหรือแก้ไขไม่ได้"))
        return _save_row(request, province, district, month, kinds)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    is_closed = services.is_month_closed(province.pk, month)
    subdistricts, subdistrict = _grid_subdistrict(request, district)
    found = selectors.grid_page(
        request.user,
        district,
        month,
        kinds,
        subdistricts=[subdistrict] if subdistrict else subdistricts,
        page=request.GET.get("page"),
    )
    # The page links keep the district, the month and the subdistrict; the page number is added by the template.
    keep = {"district": district.code, "month": month.strftime("%Y-%m")}
    if subdistrict:
        keep["subdistrict"] = subdistrict.code
    return render(
        request,
        "activity/grid.html",
        {
            "province": province,
            "district": district,
            "districts": districts,
            "month": month,
            "month_value": month.strftime("%Y-%m"),
            "month_label": rules.month_shown(month),
            "months": _months(today),
            "kinds": kinds,
            "information_kinds": information,
            "service_kinds": kinds[len(information) :],
            "rows": found.rows,
            "page_obj": found.page,
            "reported_on_page": found.reported,
            "subdistricts": subdistricts,
            "subdistrict": subdistrict,
            "page_query": urlencode(keep),
            "is_closed": is_closed,
            "editable": can_write and not is_closed,
            "due_date": rules.due_date(month),
            "summary_url": _summary_url(province, month),
        },
    )


def _posted_time(text):
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _save_row(request, province, district, month, kinds):
    # Back to the page and subdistrict the row was typed on, not to the district's first page.
    _subdistricts, subdistrict = _grid_subdistrict(request, district)
    page = request.POST.get("page") or ""
    back = _grid_url(
        province,
        district,
        month,
        subdistrict=subdistrict.code if subdistrict else "",
        page=page if page.isdigit() and page != "1" else "",
    )
    volunteer_pk = request.POST.get("volunteer") or ""
    refused = _month_refused(request, month, timezone.localdate())
    if refused or not volunteer_pk.isdigit():
        message = refused or _("ไม่พบอาสาสมัครของแถวที่บันทึก กรุณาเปิดหน้านี้ใหม่แล้วลองอีกครั้ง")
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": message, "errors": {services.ROW: message}}, status=400)
        messages.error(request, message)
        return redirect(back)
    volunteer = get_object_or_404(
        Volunteer.objects.editable_by(request.user).select_related("province", "subdistrict"),
        pk=volunteer_pk,
        subdistrict__district=district,
    )
    report_pk = request.POST.get("report") or ""
    try:
        report = services.save_report(
            volunteer=volunteer,
            month=month,
            counts={k.code: request.POST.get(f"k_{k.code}", "") for k in kinds},
            problems=request.POST.get("problems", ""),
            report_pk=int(report_pk) if report_pk.isdigit() else None,
            saved_at=_posted_time(request.POST.get("saved_at")),
            by=request.user,
        )
    except ValidationError as error:
        errors = {field: " ".join(texts) for field, texts in error.message_dict.items()}
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": " ".join(errors.values()), "errors": errors}, status=400)
        for text in errors.values():
            messages.error(request, text)
        return redirect(back)
    saved = _("บันทึกแล้ว")
    if not report.on_time:
        saved = _("บันทึกแล้ว (ส่งช้า: ได้รับหลังวันที่ %(due)s)") % {"due": rules.due_date(month).day}
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "message": saved,
                "report": report.pk,
                "saved_at": report.entered_at.isoformat(),
                "on_time": report.on_time,
                "counts": {k.code: report.count_of(k.code) for k in kinds},
            }
        )
    messages.success(request, _("%(name)s: %(saved)s") % {"name": volunteer.full_name, "saved": saved})
    return redirect(back)


@login_required
def close_month(request, code):
    """The officer closes the month: the grid refuses entries until it is reopened."""
    province = get_province_for(request.user, code)
    if not can_write_in(request.user, province.pk):
        raise PermissionDenied(_("ปิดรับรายงานได้เฉพาะเจ้าหน้าที่ของจังหวัด"))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    today = timezone.localdate()
    month = _month_of(request, today)
    if refused := _month_refused(request, month, today):
        messages.error(request, refused)
        return redirect(_summary_url(province, month))
    try:
        services.close_month(province=province, month=month, by=request.user)
        messages.success(request, _("ปิดรับรายงานเดือน%(month)s แล้ว") % {"month": rules.month_shown(month)})
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect(_summary_url(province, month))


@login_required
def reopen_month(request, code):
    """The officer opens a closed month again, with the reason, which the month's history keeps."""
    province = get_province_for(request.user, code)
    if not can_write_in(request.user, province.pk):
        raise PermissionDenied(_("เปิดรับรายงานได้เฉพาะเจ้าหน้าที่ของจังหวัด"))
    today = timezone.localdate()
    month = _month_of(request, today)
    reason, error_text = "", ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            if refused := _month_refused(request, month, today):
                raise ValidationError(refused)
            services.reopen_month(province=province, month=month, reason=reason, by=request.user)
        except ValidationError as error:
            error_text = " ".join(error.messages)
        else:
            messages.success(request, _("เปิดรับรายงานเดือน%(month)s อีกครั้งแล้ว") % {"month": rules.month_shown(month)})
            return redirect(_summary_url(province, month))
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "activity/reopen.html",
        {
            "province": province,
            "month": month,
            "month_value": month.strftime("%Y-%m"),
            "month_label": rules.month_shown(month),
            "is_closed": services.is_month_closed(province.pk, month),
            "reason": reason,
            "error": error_text,
            "summary_url": _summary_url(province, month),
            "max_length": rules.REOPEN_REASON_MAX_LENGTH,
        },
        status=400 if error_text else 200,
    )


# -- the reporting-rate board (อัตราการส่งรายงาน) -----------------------------------------------------------------------

# The fiscal years the board offers: the current one and the two before it, as the month picker's 24 months.
BOARD_YEARS = 3


def _board_years(current: int) -> list[int]:
    """The fiscal years the board offers, latest first."""
    return list(range(current, current - BOARD_YEARS, -1))


def _board_period(request, today: dt.date) -> tuple[int, dt.date | None]:
    """The fiscal year (BE) asked for (the current one otherwise, with a message) and the month of it asked for (None:
    the year). A download asks _refused_download() first."""
    current = thai.fiscal_year(today)
    offered = _board_years(current)
    asked = request.GET.get("fy", "")
    fiscal_year = fiscal_year_asked(asked, christian_era_too=True, offered=offered)
    if fiscal_year is None:
        messages.warning(request, unusable_year_message(asked, offered))
        fiscal_year = current
    month = rules.parse_month(request.GET.get("month"))
    if month not in board.year_months(fiscal_year):
        month = None
    return fiscal_year, month


def _refused_download(request, today: dt.date, page_url: str):
    """A workbook of a fiscal year the board does not offer is not made: the board says why instead (as the reports'
    downloads do, reports.fiscal_years.refused_download); None when the year is offered."""
    return refused_download(request, page_url, _board_years(thai.fiscal_year(today)))


def _board_query(fiscal_year: int, month: dt.date | None) -> str:
    query = {"fy": fiscal_year}
    if month:
        query["month"] = month.strftime("%Y-%m")
    return urlencode(query)


def _board_context(request, data, today, *, province=None) -> dict:
    query = _board_query(data.fiscal_year, data.months[0] if len(data.months) == 1 else None)
    current = thai.fiscal_year(today)
    return {
        "board": data,
        "province": province,
        "query": query,
        "fiscal_year": data.fiscal_year,
        "fiscal_years": _board_years(current),
        "month_value": data.months[0].strftime("%Y-%m") if len(data.months) == 1 else "",
        "year_months": [(m.strftime("%Y-%m"), rules.month_shown(m)) for m in board.year_months(data.fiscal_year)],
        "last_due_label": rules.month_shown(data.last_due) if data.last_due else "",
        "due_day": rules.due_day(),
    }


@login_required
def rates(request):
    """The nation's reporting rate per region and province (HQ); province staff go to their province's board."""
    if not is_national(request.user):
        province_id = home_province_id(request.user)
        if province_id is None:
            raise Http404
        code = Province.objects.get(pk=province_id).code
        return redirect(f"{reverse('activity:province_rates', args=[code])}?{request.GET.urlencode()}")
    today = timezone.localdate()
    fiscal_year, month = _board_period(request, today)
    data = board.national_board(request.user, fiscal_year=fiscal_year, month=month, today=today)
    query = _board_query(fiscal_year, month)
    for row in data.rows:
        if row.level == "province":
            row.url = f"{reverse('activity:province_rates', args=[row.code])}?{query}"
    return render(request, "activity/rates.html", _board_context(request, data, today))


@login_required
def province_rates(request, code):
    """One province's reporting rate per district, and its volunteers missing two or more months."""
    province = get_province_for(request.user, code)
    today = timezone.localdate()
    fiscal_year, month = _board_period(request, today)
    data = board.province_board(request.user, province, fiscal_year=fiscal_year, month=month, today=today)
    # A district's row opens its grid at the month shown, or the last month due, where the missing forms go.
    grid_month = month or data.last_due
    if grid_month:
        for row in data.rows:
            query = urlencode({"district": row.code, "month": grid_month.strftime("%Y-%m")})
            row.url = f"{reverse('activity:grid', args=[province.code])}?{query}"
    return render(request, "activity/rates.html", _board_context(request, data, today, province=province))


@login_required
def rates_xlsx(request):
    require_national(request.user)
    today = timezone.localdate()
    if refused := _refused_download(request, today, reverse("activity:rates")):
        return refused
    fiscal_year, month = _board_period(request, today)
    data = board.national_board(request.user, fiscal_year=fiscal_year, month=month, today=today)
    return board_exports.board_workbook(data, scope=_("ทั้งประเทศ"))


@login_required
def province_rates_xlsx(request, code):
    province = get_province_for(request.user, code)
    today = timezone.localdate()
    if refused := _refused_download(request, today, reverse("activity:province_rates", args=[province.code])):
        return refused
    fiscal_year, month = _board_period(request, today)
    data = board.province_board(request.user, province, fiscal_year=fiscal_year, month=month, today=today)
    scope = province.shown_name
    return board_exports.board_workbook(data, scope=scope, province=province)
