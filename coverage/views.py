"""Quotas and vacancies: HQ sees every province and HQ officers set quotas; province staff see their own province
(another province's pages answer 404, as everywhere)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.scope import home_province_id, is_national
from core.audit import record
from core.forms import add_service_errors
from coverage import exports, selectors, services
from coverage.forms import QuotaForm, SubdistrictQuotaForm
from provinces.access import get_province_for
from provinces.models import Province


@login_required
@require_GET
def home(request):
    """HQ: every province's quota, filled and vacancies; province staff go to their own province's vacancies."""
    if not is_national(request.user):
        province_id = home_province_id(request.user)
        if province_id is None:
            raise Http404
        return redirect("coverage:vacancies", code=Province.objects.values_list("code", flat=True).get(pk=province_id))
    figures = selectors.quota_coverage_by_province()
    provinces = list(Province.objects.visible_to(request.user).select_related("region").order_by("code"))
    rows = [(province, figures.get(province.code)) for province in provinces]
    totals = {
        key: sum(f[key] for _p, f in rows if f) for key in ("subdistricts", "covered", "quota", "filled", "vacancies")
    }
    return render(request, "coverage/home.html", {"rows": rows, "totals": totals, "on": timezone.localdate()})


def _quota_page(request, province, *, province_form=None, subdistrict_form=None, status=200):
    can_set = services.can_set_quotas(request.user)
    if can_set:
        province_form = province_form or QuotaForm(province=province, prefix="province")
        subdistrict_form = subdistrict_form or SubdistrictQuotaForm(province=province, prefix="subdistrict")
    return render(
        request,
        "coverage/quotas.html",
        {
            "province": province,
            "coverage": selectors.province_coverage(province),
            "history": selectors.quota_history(province),
            "can_set": can_set,
            "province_form": province_form,
            "subdistrict_form": subdistrict_form,
        },
        status=status,
    )


@login_required
@require_GET
def province_quotas(request, code):
    return _quota_page(request, get_province_for(request.user, code))


def _province_for_quota_change(request, code):
    province = get_province_for(request.user, code)
    if not services.can_set_quotas(request.user):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่ส่วนกลางและผู้ดูแลระบบเท่านั้นที่เปลี่ยนโควตาได้"))
    return province


@login_required
@require_POST
def set_province_quota(request, code):
    province = _province_for_quota_change(request, code)
    form = QuotaForm(request.POST, province=province, prefix="province")
    if form.is_valid():
        try:
            changed = services.set_province_quota(
                province=province, quota=form.cleaned_data["quota"], reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("ตั้งโควตา %(quota)s คนให้ทุก%(word)sของ%(province)sแล้ว (เปลี่ยน %(changed)s แห่ง)")
                % {
                    "quota": form.cleaned_data["quota"],
                    "word": province.subdistrict_label,
                    "province": province.shown_name,
                    "changed": changed,
                },
            )
            return redirect("coverage:quotas", code=province.code)
    return _quota_page(request, province, province_form=form)


@login_required
@require_POST
def set_subdistrict_quota(request, code):
    province = _province_for_quota_change(request, code)
    form = SubdistrictQuotaForm(request.POST, province=province, prefix="subdistrict")
    if form.is_valid():
        subdistrict = form.cleaned_data["subdistrict"]
        try:
            services.set_subdistrict_quota(
                subdistrict=subdistrict,
                quota=form.cleaned_data["quota"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("ตั้งโควตาของ%(place)s เป็น %(quota)s คนแล้ว")
                % {"place": subdistrict.shown_full_name, "quota": form.cleaned_data["quota"]},
            )
            return redirect("coverage:quotas", code=province.code)
    return _quota_page(request, province, subdistrict_form=form)


def _vacancy_list(request, province):
    district = request.GET.get("district", "").strip()
    if district and not province.districts.filter(code=district).exists():
        messages.warning(
            request,
            _("ไม่พบ%(word)sรหัส “%(code)s” ใน%(province)s จึงแสดงทุก%(word)s")
            % {"word": province.district_label, "code": district[:10], "province": province.shown_name},
        )
        district = ""
    return selectors.vacancy_list(province, district_code=district)


@login_required
@require_GET
def vacancies(request, code):
    province = get_province_for(request.user, code)
    found = _vacancy_list(request, province)
    return render(
        request,
        "coverage/vacancies.html",
        {
            "province": province,
            "found": found,
            "districts": found.coverage.districts,
            "query": request.GET.urlencode(),
            "neighbours": selectors.NEIGHBOURS,
        },
    )


@login_required
@require_GET
def vacancies_xlsx(request, code):
    province = get_province_for(request.user, code)
    # A Thai sheet, as its headings: the volunteers' titles and tiers too, whatever the page's language.
    with translation.override("th"):
        found = _vacancy_list(request, province)
        # The sheet names volunteers and their phones, so who took it is recorded.
        record("export", request=request, province=province, report="vacancies", district=found.district_code)
        return exports.vacancy_workbook(found)


@login_required
@require_GET
def vacancies_pdf(request, code):
    province = get_province_for(request.user, code)
    with translation.override("th"):  # a Thai sheet, as vacancies_xlsx
        found = _vacancy_list(request, province)
        record("export", request=request, province=province, report="vacancies_pdf", district=found.district_code)
        return exports.vacancy_pdf(found)
