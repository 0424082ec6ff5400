from django.contrib import admin

from accounts.scope import is_national
from core.admin import PortalModelAdmin, ReadOnlyModelAdmin
from provinces.models import Agency, District, Province, Region, Subdistrict


class ReadOnlyGeographyAdmin(ReadOnlyModelAdmin):
    """Geography comes from geothai through load_geography; nobody edits it by hand."""


@admin.register(Region)
class RegionAdmin(ReadOnlyGeographyAdmin):
    list_display = ["name_th", "name_en", "code", "sort_order"]


@admin.register(Province)
class ProvinceAdmin(ReadOnlyGeographyAdmin):
    list_display = ["code", "name_th", "name_en", "region", "map_code"]
    list_filter = ["region"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(District)
class DistrictAdmin(ReadOnlyGeographyAdmin):
    list_display = ["code", "name_th", "name_en", "province"]
    list_filter = ["province__region", "province"]
    search_fields = ["code", "name_th", "name_en"]
    list_select_related = ["province"]


@admin.register(Subdistrict)
class SubdistrictAdmin(ReadOnlyGeographyAdmin):
    list_display = ["code", "name_th", "name_en", "district", "province", "postcodes"]
    list_filter = ["province__region", "province"]
    search_fields = ["code", "name_th", "name_en", "postcodes"]
    list_select_related = ["district", "province"]


@admin.register(Agency)
class AgencyAdmin(PortalModelAdmin):
    list_display = ["name_th", "kind", "province"]
    list_filter = ["kind", "province__region"]
    search_fields = ["name_th", "province__name_th"]
    list_select_related = ["province"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if is_national(request.user) else qs.visible_to(request.user)
