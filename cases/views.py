"""Pages of cases: the province's list, a new case, a case with its steps, the next step, and an agency's inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import (
    CASE_WRITING_ROLES,
    FLAGGED_CASE_READERS,
    get_editable_or_404,
    get_visible_or_404,
    home_agency_id,
    is_agency_staff,
    is_national,
    role_of,
)
from cases import services
from cases.forms import CaseFilterForm, CaseForm, StatusForm
from cases.models import Case
from core import reveal
from core.forms import add_service_errors
from core.provinces import requested_province
from provinces.models import Agency, Province
from volunteers.models import Volunteer

PAGE_SIZE = 50


def _page(request, cases):
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@login_required
def case_list(request):
    """The province's cases (national users: one province with ?province=, or every province)."""
    user = request.user
    province = requested_province(user, request.GET.get("province"))
    today = timezone.localdate()
    show_flagged = role_of(user) in FLAGGED_CASE_READERS
    filters = CaseFilterForm(request.GET or None, province=province, show_flagged=show_flagged)
    cases = Case.objects.visible_to(user).for_list()
    if province is not None:
        cases = cases.in_province(province.pk)
    page, querystring = _page(request, filters.filter(cases, today))
    return render(
        request,
        "cases/case_list.html",
        {
            "filters": filters,
            "province": province,
            "page_obj": page,
            "cases": page.object_list,
            "querystring": querystring,
            "today": today,
            "national": is_national(user),
            "provinces": Province.objects.in_reading_order() if is_national(user) else None,
            "can_open": role_of(user) in CASE_WRITING_ROLES and (province is not None or not is_national(user)),
        },
    )


@login_required
def case_create(request):
    """A new case, from the list or from a volunteer's page (?volunteer=<pk> chooses the volunteer and province)."""
    user = request.user
    if role_of(user) not in CASE_WRITING_ROLES:
        raise PermissionDenied(_("บัญชีของท่านบันทึกเรื่องส่งต่อไม่ได้"))
    volunteer = None
    volunteer_pk = request.GET.get("volunteer")
    if volunteer_pk and volunteer_pk.isdigit():
        volunteer = get_visible_or_404(Volunteer.objects.select_related("province"), user, pk=int(volunteer_pk))
        province = volunteer.province
    else:
        province = requested_province(user, request.POST.get("province") or request.GET.get("province"))
    if province is None:
        return render(
            request,
            "core/choose_province.html",
            {"provinces": Province.objects.in_reading_order(), "action": reverse("cases:create")},
        )
    if not services.may_open_cases_in(user, province.pk):
        raise PermissionDenied(_("ไม่มีสิทธิ์บันทึกเรื่องส่งต่อของจังหวัดนี้"))
    initial = {"volunteer": volunteer, "subdistrict": volunteer.subdistrict_id} if volunteer else {}
    form = CaseForm(request.POST or None, province=province, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(by=user, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกเรื่องส่งต่อ #%(pk)s แล้ว") % {"pk": case.pk})
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "province": province, "volunteer": volunteer})


@login_required
def case_detail(request, pk):
    return _detail_page(request, get_visible_or_404(Case.objects.for_list(), request.user, pk=pk))


@login_required
def case_national_id(request, pk):
    """The case with the person's full national ID, for those who record its steps (the agency it was referred to
    needs it), once the purpose is given (POST); the view is recorded with it."""
    case = get_editable_or_404(Case.objects.for_list(), request.user, pk=pk)
    if request.method != "POST" or not case.national_id:
        return redirect("cases:detail", pk=case.pk)
    form, shown = reveal.reveal(request, case)
    return _detail_page(request, case, reveal_form=form, show_full_id=shown)


def _detail_page(request, case, *, reveal_form=None, show_full_id=False):
    editable = Case.objects.editable_by(request.user).filter(pk=case.pk).exists()
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "today": timezone.localdate(),
            "can_update": editable and case.is_open,
            "show_full_id": show_full_id,
            "reveal_form": reveal_form or (reveal.RevealForm() if editable else None),
        },
    )


@login_required
def case_status(request, pk):
    """The case's next step (รับเรื่องแล้ว, ดำเนินการเสร็จ, ส่งต่อไม่ได้ with its reason), with its date."""
    user = request.user
    case = get_editable_or_404(Case.objects.for_list(), user, pk=pk)
    form = StatusForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_status(
                case=case, to_status=data["to_status"], on=data["changed_on"], reason=data["reason"], by=user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกสถานะเรื่องส่งต่อ #%(pk)s แล้ว") % {"pk": case.pk})
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_status.html", {"case": case, "form": form, "today": timezone.localdate()})


@login_required
def agency_inbox(request):
    """The cases referred to the agency staff's own agency (others: 403; they have the province's list)."""
    user = request.user
    if not is_agency_staff(user):
        raise PermissionDenied(_("หน้านี้สำหรับเจ้าหน้าที่หน่วยงานที่รับส่งต่อ"))
    agency = Agency.objects.select_related("province").get(pk=home_agency_id(user))
    today = timezone.localdate()
    filters = CaseFilterForm(request.GET or None, province=agency.province, show_flagged=False)
    del filters.fields["agency_kind"]
    cases = Case.objects.visible_to(user).for_list()
    page, querystring = _page(request, filters.filter(cases, today))
    return render(
        request,
        "cases/agency_inbox.html",
        {
            "agency": agency,
            "filters": filters,
            "page_obj": page,
            "cases": page.object_list,
            "querystring": querystring,
            "today": today,
        },
    )
