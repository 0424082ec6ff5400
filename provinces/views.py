from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render

from accounts.scope import can_write_in, require_national
from core.thai import current_fiscal_year
from provinces.access import get_province_for
from provinces.models import Province, Region
from reports.caching import dashboard_figures


@login_required
def province_list(request):
    """All 77 provinces grouped by region, each with its key figures of this fiscal year (HQ's drill-down)."""
    require_national(request.user)
    fy = current_fiscal_year()
    # The national dashboard's rows (a few queries over the tallies, cached), not one query per province.
    figures = {row["code"]: row for row in dashboard_figures(fy)["data"]["rows"]}
    provinces = (
        Province.objects.visible_to(request.user).select_related("region").annotate(district_count=Count("districts"))
    )
    regions = {region.pk: {"region": region, "provinces": []} for region in Region.objects.all()}
    for province in provinces:
        province.figures = figures.get(province.code)
        regions[province.region_id]["provinces"].append(province)
    return render(
        request,
        "provinces/province_list.html",
        {"regions": [r for r in regions.values() if r["provinces"]], "province_count": len(provinces), "fy": fy},
    )


@login_required
def province_detail(request, code):
    province = get_province_for(request.user, code)
    districts = province.districts.annotate(subdistrict_count=Count("subdistricts")).order_by("code")
    return render(
        request,
        "provinces/province_detail.html",
        {
            "province": province,
            "districts": districts,
            "agencies": province.agencies.all(),
            "can_write": can_write_in(request.user, province.pk),
        },
    )


@login_required
def subdistrict_options(request, code):
    """Districts and subdistricts of a province, for the cascading choices of forms."""
    province = get_province_for(request.user, code)
    rows = province.subdistricts.select_related("district").order_by("district__code", "code")
    return JsonResponse(
        {
            "province": province.code,
            "districts": [{"id": d.pk, "code": d.code, "name": d.name_th} for d in province.districts.order_by("code")],
            "subdistricts": [
                {"id": s.pk, "code": s.code, "name": s.name_th, "district": s.district_id, "postcodes": s.postcodes}
                for s in rows
            ],
        }
    )
