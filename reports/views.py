from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.scope import home_province_id, is_national, require_national
from core.audit import record
from core.people import page_in_thai
from core.thai import current_fiscal_year
from provinces.access import get_province_for
from provinces.models import Province
from reports import exports, selectors
from reports.caching import cached_figures, dashboard_figures, province_figures
from reports.fiscal_years import fiscal_year_asked, fiscal_year_choices, refused_download, unusable_year_message
from reports.templatetags.reports import named
from reports.thailand_map import map_layers

MAP_MEASURES = ["coverage", "quota_coverage", "vacancies", "active", "mentors", "attendance_rate", "reporting_rate"]
DASHBOARD_TABLES = [
    "provinces",
    "regions",
    "trend",
    "results_months",
    "results_provinces",
    "results_kinds",
    "results_agencies",
]
COMPLETENESS_TABLES = ["stale_provinces", "events_without_attendance", "empty_districts"]


def chart_labels() -> dict:
    return {
        "active": _("อสร. ปฏิบัติหน้าที่"),
        "others": _("พักการปฏิบัติหน้าที่/พ้นสภาพ"),
        "covered": _("แกนนำครบโควตา"),
        "uncovered": _("ยังไม่ครบโควตา"),
        "male": _("ชาย"),
        "female": _("หญิง"),
        "other": _("อื่น ๆ / ไม่ระบุ"),
        "appointed": _("แต่งตั้งใหม่"),
        "leavers": _("พ้นสภาพ"),
        "attended": _("ผู้เข้าร่วมกิจกรรม"),
        # axis titles; head counts get " (คน)" added by the script
        "people": _("คน"),
        "fiscal_year": _("ปีงบประมาณ"),
        "axis_fy": pgettext("chart axis", "ปีงบประมาณ (พ.ศ.)"),  # English counts the years in CE (reports.js)
        "axis_district": _("อำเภอ/เขต"),
        "axis_volunteers": _("อสร."),
        "axis_age": _("ช่วงอายุ (ปี)"),
        "reporting_rate": _("อัตราการส่งรายงาน"),
        "people_reached": _("ผู้รับบริการ"),
        "referred": pgettext("cases referred", "ส่งต่อหน่วยงาน"),
        "axis_month": _("เดือน"),
        "axis_percent": _("ร้อยละ"),
        "axis_count": _("คน-ครั้ง / เรื่อง"),
    }


def results_chart(results: dict) -> dict:
    """The month-by-month chart of the results section: the reporting rate (months due), people reached, referrals;
    its months headed in the page's language, as the table beneath (ต.ค. 69, or Oct 26 in English)."""
    column = "column" if page_in_thai() else "column_en"
    return {
        "labels": [m[column] for m in results["rates"]["months"]],
        "rate": [m["percent"] if m["due"] else None for m in results["rates"]["months"]],
        "people": results["people"]["people_months"],
        "referred": [m["referred"] for m in results["cases"]["months"]],
    }


def chosen_fiscal_year(request) -> int:
    """?fy=2567 (BE, or 2024 as English pages show it); the current fiscal year when absent, with a message when it
    cannot be used (a download asks refused_download() first)."""
    raw = request.GET.get("fy", "").strip()
    fy = fiscal_year_asked(raw, christian_era_too=True)
    if fy is not None:
        return fy
    messages.warning(request, unusable_year_message(raw))
    return current_fiscal_year()


@login_required
def home(request):
    """HQ lands on the national dashboard; province staff on their province's report."""
    if is_national(request.user):
        return redirect("reports:dashboard")
    province_id = home_province_id(request.user)
    if province_id is None:
        raise Http404
    return redirect("reports:province", code=Province.objects.values_list("code", flat=True).get(pk=province_id))


@login_required
def dashboard(request):
    require_national(request.user)
    fy = chosen_fiscal_year(request)
    entry = dashboard_figures(fy, refresh="refresh" in request.GET)
    data = entry["data"]
    return render(
        request,
        "reports/dashboard.html",
        {
            "fy": fy,
            "years": fiscal_year_choices(),
            "entry": entry,
            "data": data,
            # Only computed when the rendered map is not in the fragment cache already.
            "map": SimpleLazyObject(lambda: map_layers(data["rows"], MAP_MEASURES)),
            "charts": {"trend": data["trend"], "results": results_chart(data["results"])},
            "chart_labels": chart_labels(),
        },
    )


# The workbooks are in the language of the page they are downloaded from, as the page: their headings, labels and
# dates (reports.exports), and the figures' labels (genders, categories, statuses) from that language's cache entry.
@login_required
def dashboard_xlsx(request, table):
    require_national(request.user)
    if table not in DASHBOARD_TABLES:
        raise Http404
    if refused := refused_download(request, reverse("reports:dashboard")):
        return refused
    fy = chosen_fiscal_year(request)
    data = dashboard_figures(fy)["data"]
    region = request.GET.get("region", "")
    return exports.dashboard_workbook(data, table, region=region)


@login_required
def completeness(request):
    require_national(request.user)
    fy = chosen_fiscal_year(request)
    entry = cached_figures(
        "completeness",
        lambda _stamp: selectors.completeness(fy),
        fy=fy,
        refresh="refresh" in request.GET,
        in_language=True,  # an event's status and the leaving reasons are worded in the page's language
    )
    return render(
        request,
        "reports/completeness.html",
        {"fy": fy, "years": fiscal_year_choices(), "entry": entry, "data": entry["data"]},
    )


@login_required
def completeness_xlsx(request, table):
    require_national(request.user)
    if table not in COMPLETENESS_TABLES:
        raise Http404
    if refused := refused_download(request, reverse("reports:completeness")):
        return refused
    fy = chosen_fiscal_year(request)
    data = cached_figures(
        "completeness",
        lambda _stamp: selectors.completeness(fy),
        fy=fy,
        in_language=True,  # the events' statuses in the reader's language, as the page's
    )["data"]
    return exports.completeness_workbook(data, table)


@login_required
def province_report(request, code):
    province = get_province_for(request.user, code)
    fy = chosen_fiscal_year(request)
    entry = province_figures(province, fy, refresh="refresh" in request.GET)
    data = entry["data"]
    return render(
        request,
        "reports/province_report.html",
        {
            "province": province,
            "fy": fy,
            "years": fiscal_year_choices(),
            "entry": entry,
            "data": data,
            "charts": {
                "districts": [
                    {
                        "name": d["name"],
                        "name_en": named(d, english=True),
                        "active": d["active"],
                        "total": d["total"],
                        "coverage": d["coverage"],
                    }
                    for d in data["districts"]
                ],
                "coverage": data["headline"]["coverage"],
                "trend": data["trend"],
                # The bands are kept in Thai (their source text); the chart shows them as the table does.
                "age_gender": [{**r, "label": _(r["band"])} for r in data["age_gender"]["rows"]],
                "results": results_chart(data["results"]),
            },
            "chart_labels": chart_labels(),
        },
    )


@login_required
def province_xlsx(request, code):
    province = get_province_for(request.user, code)
    if refused := refused_download(request, reverse("reports:province", args=[province.code])):
        return refused
    fy = chosen_fiscal_year(request)
    data = province_figures(province, fy)["data"]
    # The workbook names the volunteers who left in the year, so who took it is recorded.
    record("export", request=request, province=province, report="province", fiscal_year=fy)
    return exports.province_workbook(province, data)
