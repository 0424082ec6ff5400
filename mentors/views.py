"""Pages of the mentor registry, scoped to the province like the volunteers'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.scope import can_write_in, is_national
from core import reveal, search
from core.forms import add_service_errors
from core.provinces import province_to_write_in
from mentors import selectors, services
from mentors.access import get_editable_mentor_for, get_mentor_for
from mentors.filters import MentorFilterForm
from mentors.forms import MentorForm
from mentors.models import Mentor
from provinces.models import Province


@login_required
def mentor_list(request):
    """The province's mentors; the search form goes through core:search, so a national ID searched for is in no URL."""
    if search.needs_redirect(request):
        return search.search_redirect(request, reverse("mentors:list"))
    filters = MentorFilterForm(search.search_params(request), user=request.user)
    rows = filters.filter(
        Mentor.objects.visible_to(request.user).select_related("agency", "province").with_volunteer_counts()
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    province = filters.selected_province
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mentors/mentor_list.html",
        {
            "filters": filters,
            "page_obj": page,
            "mentors": page.object_list,
            "province": province,
            "can_write": province is not None and can_write_in(request.user, province.pk),
            "districts_without_mentor": selectors.districts_without_mentor(province) if province else None,
            "querystring": query.urlencode(),
            "national": is_national(request.user),
        },
    )


@login_required
def mentor_detail(request, pk):
    return _detail_page(request, get_mentor_for(request.user, pk))


@login_required
def mentor_national_id(request, pk):
    """The mentor page with the full national ID, once the purpose is given (POST); the view is recorded with it."""
    mentor = get_editable_mentor_for(request.user, pk)
    if request.method != "POST" or not mentor.national_id:
        return redirect("mentors:detail", pk=mentor.pk)
    form, shown = reveal.reveal(request, mentor)
    return _detail_page(request, mentor, reveal_form=form, show_full_id=shown)


def _detail_page(request, mentor, *, reveal_form=None, show_full_id=False):
    volunteers = (
        mentor.volunteers.visible_to(request.user)
        .select_related("subdistrict__district")
        .order_by("status", "first_name_sort", "last_name_sort", "id")
    )
    page = Paginator(volunteers, 50).get_page(request.GET.get("page"))
    can_write = can_write_in(request.user, mentor.province_id)
    unassigned = None
    if can_write and mentor.is_active:
        unassigned = (
            mentor.province.volunteers.editable_by(request.user)
            .active()
            .without_mentor()
            .select_related("subdistrict__district")
            .order_by("subdistrict__district__code", "first_name_sort", "last_name_sort")[:200]
        )
    return render(
        request,
        "mentors/mentor_detail.html",
        {
            "mentor": mentor,
            "page_obj": page,
            "volunteers": page.object_list,
            "can_write": can_write,
            "unassigned": unassigned,
            "show_full_id": show_full_id,
            "reveal_form": reveal_form or (reveal.RevealForm() if can_write else None),
        },
    )


@login_required
def mentor_create(request):
    province = province_to_write_in(request)
    if province is None:
        return render(
            request,
            "core/choose_province.html",
            {"provinces": Province.objects.in_reading_order(), "action": reverse("mentors:create")},
        )
    form = MentorForm(request.POST or None, province=province)
    if request.method == "POST" and form.is_valid():
        try:
            mentor = services.register_mentor(data=form.service_data(), by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("ลงทะเบียนพี่เลี้ยง %(name)s เรียบร้อยแล้ว") % {"name": mentor.full_name})
            return redirect("mentors:detail", pk=mentor.pk)
    return render(request, "mentors/mentor_form.html", {"form": form, "province": province, "mentor": None})


@login_required
def mentor_edit(request, pk):
    mentor = get_editable_mentor_for(request.user, pk)
    form = MentorForm(request.POST or None, instance=mentor, province=mentor.province)
    reveal.record_edit_form(request, mentor)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_mentor(
                mentor=mentor, data=form.service_data(), expected_version=form.cleaned_data["version"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _saved_message(request, mentor))
            return redirect("mentors:detail", pk=mentor.pk)
    return render(request, "mentors/mentor_form.html", {"form": form, "province": mentor.province, "mentor": mentor})


def _saved_message(request, mentor):
    """The edit saved; when it left active volunteers without a mentor (the mentor ended), how many, and a link to the
    volunteer list showing those without a mentor, where the officer picks them and assigns a new one."""
    released = mentor.released
    if not released.active:
        return _("บันทึกการแก้ไขข้อมูลพี่เลี้ยง %(name)s แล้ว") % {"name": mentor.full_name}
    saved = ngettext(
        "บันทึกการแก้ไขข้อมูลพี่เลี้ยง %(name)s แล้ว อาสาสมัครที่ปฏิบัติหน้าที่ %(count)s คนซึ่งเคยอยู่ในความดูแลของพี่เลี้ยงรายนี้ยังไม่มีพี่เลี้ยง",
        "บันทึกการแก้ไขข้อมูลพี่เลี้ยง %(name)s แล้ว อาสาสมัครที่ปฏิบัติหน้าที่ %(count)s คนซึ่งเคยอยู่ในความดูแลของพี่เลี้ยงรายนี้ยังไม่มีพี่เลี้ยง",
        released.active,
    ) % {"name": mentor.full_name, "count": f"{released.active:,}"}
    query = {"province": mentor.province.code} if is_national(request.user) else {}
    if len(released.districts) == 1:
        query["district"] = next(iter(released.districts))
    query |= {"mentor": "none", "status": "active"}
    return format_html(
        '{} <a class="alert-link" href="{}?{}" data-testid="assign-released">{}</a>',
        saved,
        reverse("volunteers:list"),
        urlencode(query),
        _("มอบหมายพี่เลี้ยงคนใหม่"),
    )
