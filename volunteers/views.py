"""Pages of the volunteer registry: check access, validate, call a service, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.scope import (
    OFFICER,
    VIEWER,
    can_write_in,
    is_admin,
    is_national,
    role_of,
)
from core import audit, reveal, search
from core.downloads import date_in_name
from core.forms import add_service_errors
from core.http import safe_next
from core.provinces import province_to_write_in, requested_province
from core.templatetags.thai import be_date
from provinces.models import Province
from rosters.access import may_see_full_ids
from rosters.writers import XLSX_CONTENT_TYPE
from volunteers import rules, selectors, services, terms
from volunteers.access import get_editable_volunteer_for, get_volunteer_for
from volunteers.filters import VolunteerFilterForm
from volunteers.forms import AssignMentorForm, MoveProvinceForm, ReappointForm, StatusChangeForm, VolunteerForm
from volunteers.models import Volunteer


@login_required
def volunteer_list(request):
    """The province's volunteers: search, filters, 50 a page, bulk mentor assignment for those who may write.
    The search form goes through core:search, so a national ID searched for is in no URL."""
    if search.needs_redirect(request):
        return search.search_redirect(request, reverse("volunteers:list"))
    filters = VolunteerFilterForm(search.search_params(request), user=request.user)
    rows = filters.filter(Volunteer.objects.visible_to(request.user).for_list())
    paginator = Paginator(rows, filters.page_size)
    province = filters.selected_province
    if not filters.active_filters() and (is_national(request.user) or role_of(request.user) in (OFFICER, VIEWER)):
        # Nothing narrows the list but the province: a running total (the reports' tallies) knows it without a
        # COUNT(*).
        total = selectors.registry_total(province.pk if province else None) if province or filters.national else 0
        if total is not None:
            paginator.count = total
    page = paginator.get_page(request.GET.get("page"))
    can_write = province is not None and can_write_in(request.user, province.pk)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "volunteers/volunteer_list.html",
        {
            "filters": filters,
            "page_obj": page,
            "volunteers": page.object_list,
            "province": province,
            "show_province": province is None,
            "can_write": can_write,
            "assign_form": AssignMentorForm(user=request.user, province=province) if can_write else None,
            "querystring": query.urlencode(),
            "national": is_national(request.user),
        },
    )


@login_required
def volunteer_detail(request, pk):
    return _detail_page(request, get_volunteer_for(request.user, pk))


@login_required
def volunteer_national_id(request, pk):
    """The volunteer page with the full national ID, for officers of the province and administrators who give the
    purpose (POST); the view is recorded with it."""
    volunteer = get_editable_volunteer_for(request.user, pk)
    if request.method != "POST":
        return redirect("volunteers:detail", pk=volunteer.pk)
    form, shown = reveal.reveal(request, volunteer)
    return _detail_page(request, volunteer, reveal_form=form, show_full_id=shown)


def _detail_page(request, volunteer, *, reveal_form=None, show_full_id=False):
    can_write = can_write_in(request.user, volunteer.province_id)
    terms = selectors.terms_of(volunteer)
    return render(
        request,
        "volunteers/volunteer_detail.html",
        {
            "volunteer": volunteer,
            "can_write": can_write,
            "can_move": is_admin(request.user),
            # Masked for everyone; those who may write in the province open the full ID by saying why.
            "show_full_id": show_full_id,
            "reveal_form": reveal_form or (reveal.RevealForm() if can_write else None),
            "status_changes": selectors.status_changes(volunteer),
            "terms": terms,
            "can_reappoint": can_write and not rules.reappointment_error(volunteer.status),
            "history": selectors.volunteer_history(volunteer, show_full_id=show_full_id, terms=terms),
            "assign_form": AssignMentorForm(
                user=request.user, province=volunteer.province, initial={"mentor": volunteer.mentor_id}
            )
            if can_write and volunteer.is_active
            else None,
        },
    )


@login_required
def volunteer_create(request):
    province = province_to_write_in(request)
    if province is None:
        return render(
            request,
            "core/choose_province.html",
            {"provinces": Province.objects.in_reading_order(), "action": reverse("volunteers:create")},
        )
    form = VolunteerForm(request.POST or None, province=province)
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = services.register_volunteer(
                data=form.service_data(), by=request.user, term_ends_on=form.cleaned_data.get("term_ends_on")
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("ลงทะเบียน %(name)s เรียบร้อยแล้ว") % {"name": volunteer.full_name})
            return redirect("volunteers:detail", pk=volunteer.pk)
    return render(request, "volunteers/volunteer_form.html", {"form": form, "province": province, "volunteer": None})


@login_required
def volunteer_edit(request, pk):
    volunteer = get_editable_volunteer_for(request.user, pk)
    form = VolunteerForm(request.POST or None, instance=volunteer, province=volunteer.province)
    reveal.record_edit_form(request, volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_volunteer(
                volunteer=volunteer,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการแก้ไขข้อมูล %(name)s แล้ว") % {"name": volunteer.full_name})
            return redirect("volunteers:detail", pk=volunteer.pk)
    return render(
        request,
        "volunteers/volunteer_form.html",
        {"form": form, "province": volunteer.province, "volunteer": volunteer},
    )


@login_required
def volunteer_status(request, pk):
    volunteer = get_editable_volunteer_for(request.user, pk)
    form = StatusChangeForm(request.POST or None, volunteer=volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(volunteer=volunteer, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("เปลี่ยนสถานะของ %(name)s เป็น “%(status)s” แล้ว")
                % {"name": volunteer.full_name, "status": volunteer.get_status_display()},
            )
            return redirect("volunteers:detail", pk=volunteer.pk)
    return render(request, "volunteers/volunteer_status.html", {"form": form, "volunteer": volunteer})


@login_required
@require_POST
def assign_mentor(request):
    """One or many volunteers get a mentor; 404 if any is out of sight, 403 if any is read-only."""
    pks = [pk for pk in request.POST.getlist("volunteers") if pk.isascii() and pk.isdigit()]
    visible = Volunteer.objects.visible_to(request.user).filter(pk__in=pks)
    if len(set(pks)) != visible.count():
        raise Http404
    if visible.editable_by(request.user).count() != len(set(pks)):
        raise PermissionDenied(_("ไม่มีสิทธิ์แก้ไขข้อมูลอาสาสมัครที่เลือก"))
    form = AssignMentorForm(request.POST, user=request.user)
    default = reverse("volunteers:list")
    if form.is_valid():
        try:
            count = services.assign_mentor(
                volunteers=form.cleaned_data["volunteers"], mentor=form.cleaned_data["mentor"], by=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("มอบหมายพี่เลี้ยง %(mentor)s ให้อาสาสมัคร %(count)s คนแล้ว")
                % {"mentor": form.cleaned_data["mentor"].full_name, "count": count},
            )
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(safe_next(request, default))


@login_required
def volunteer_move(request, pk):
    """Administrators move a volunteer to another province; the move is kept in history and the audit record."""
    volunteer = get_volunteer_for(request.user, pk)
    if not is_admin(request.user):
        raise PermissionDenied(_("การย้ายจังหวัดทำได้โดยผู้ดูแลระบบเท่านั้น"))
    form = MoveProvinceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.move_volunteer_to_province(
                volunteer=volunteer,
                subdistrict=form.cleaned_data["subdistrict"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("ย้าย %(name)s ไปที่ %(province)s แล้ว")
                % {"name": volunteer.full_name, "province": volunteer.province.shown_name},
            )
            return redirect("volunteers:detail", pk=volunteer.pk)
    return render(request, "volunteers/volunteer_move.html", {"form": form, "volunteer": volunteer})


@login_required
def volunteer_reappoint(request, pk):
    """A new term for one volunteer by a new order; the old terms stay on the page as the record."""
    volunteer = get_editable_volunteer_for(request.user, pk)
    form = ReappointForm(request.POST or None, default_start=terms.default_start([volunteer]))
    if request.method == "POST" and form.is_valid():
        try:
            services.reappoint(volunteers=[volunteer], by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            volunteer.refresh_from_db()
            messages.success(
                request,
                _("แต่งตั้ง %(name)s อีกวาระแล้ว วาระใหม่สิ้นสุด %(end)s")
                % {"name": volunteer.full_name, "end": be_date(volunteer.term_ends_on)},
            )
            return redirect("volunteers:detail", pk=volunteer.pk)
    return render(
        request,
        "volunteers/volunteer_reappoint.html",
        {
            "form": form,
            "volunteer": volunteer,
            "terms": selectors.terms_of(volunteer),
            "refused": rules.reappointment_error(volunteer.status),
        },
    )


@login_required
@require_POST
def reappoint_many(request):
    """Many volunteers picked on the list or the board, one order: the first POST (no order number yet) shows whom and
    asks for the order; the second re-appoints them all or none, naming who was refused and why.
    404 if any is out of sight, 403 if any is read-only."""
    pks = {int(pk) for pk in request.POST.getlist("volunteers") if pk.isascii() and pk.isdigit()}
    chosen = list(Volunteer.objects.visible_to(request.user).filter(pk__in=pks).for_list())
    if len(chosen) != len(pks):
        raise Http404
    if Volunteer.objects.editable_by(request.user).filter(pk__in=pks).count() != len(pks):
        raise PermissionDenied(_("ไม่มีสิทธิ์แต่งตั้งอาสาสมัครที่เลือก"))
    next_url = safe_next(request, reverse("volunteers:list"))
    asked = "order_no" in request.POST
    form = ReappointForm(request.POST if asked else None, default_start=terms.default_start(chosen))
    refused = []
    if not chosen:
        messages.warning(request, _("กรุณาเลือกอาสาสมัครอย่างน้อยหนึ่งคน"))
        return redirect(next_url)
    if asked and form.is_valid():
        try:
            done = services.reappoint(volunteers=chosen, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            refused = [message for messages_ in exc.message_dict.values() for message in messages_]
        else:
            messages.success(
                request,
                _("แต่งตั้งอาสาสมัคร %(count)s คนอีกวาระ ตามคำสั่ง %(order)s แล้ว")
                % {"count": len(done), "order": form.cleaned_data["order_no"]},
            )
            if gap := terms.gap_before(chosen, form.cleaned_data["starts_on"]):
                messages.info(request, gap)
            return redirect(next_url)
    return render(
        request,
        "volunteers/reappoint_many.html",
        {"form": form, "volunteers": chosen, "refused": refused, "next": next_url},
    )


def _board_province(request):
    """The province the board is about: staff see their own (naming another is 404); national users pick any, or
    none for every province."""
    code = request.GET.get("province") or None
    province = requested_province(request.user, code)
    if code and not is_national(request.user) and (province is None or province.code != code):
        raise Http404
    if code and is_national(request.user) and province is None:
        raise Http404
    return province


def _board(request, province):
    rows = Volunteer.objects.visible_to(request.user)
    if province is not None:
        rows = rows.filter(province=province)
    today = timezone.localdate()
    return terms.ending_soon(rows, today), terms.ended_recently(rows, today), today


@login_required
@require_GET
def terms_ending(request):
    """วาระจะสิ้นสุดใน 90 วัน: whose term ends soon and whose ended in the last year without re-appointment, with the
    mentor and the place, per province; officers pick people here for one re-appointment order."""
    province = _board_province(request)
    soon, ended, today = _board(request, province)
    soon, ended = list(soon), list(ended)
    for volunteer in (*soon, *ended):
        # Days left on the soon tab, days since the end on the ended tab.
        volunteer.days_shown = abs(terms.days_left(volunteer, today))
        volunteer.can_reappoint = can_write_in(request.user, volunteer.province_id)
    national = is_national(request.user)
    return render(
        request,
        "volunteers/terms_ending.html",
        {
            "province": province,
            "national": national,
            "provinces": Province.objects.in_reading_order().only("code", "name_th", "name_en") if national else [],
            "soon": soon,
            "ended": ended,
            "days": terms.ending_soon_days(),
            "lookback": terms.ENDED_LOOKBACK_DAYS,
            "can_reappoint": any(v.can_reappoint for v in (*soon, *ended)),
        },
    )


@login_required
@require_GET
def terms_ending_xlsx(request):
    """The board as a workbook; national IDs masked unless the user may see them in full, as every export."""
    province = _board_province(request)
    soon, ended, today = _board(request, province)
    soon, ended = list(soon), list(ended)
    masked = not may_see_full_ids(request.user)
    file_name = f"terms-ending-{province.code if province else 'all'}-{date_in_name(today)}.xlsx"
    audit.record(
        "export",
        request=request,
        province=province,
        rows=len(soon) + len(ended),
        file=file_name,
        kind="terms_ending",
        format="xlsx",
        masked=masked,
        filters={"province": province.code} if province else {},
    )
    response = HttpResponse(
        terms.board_workbook(soon=soon, ended=ended, masked=masked, today=today), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
