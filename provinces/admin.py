from django.contrib import admin
from django.utils.translation import gettext

from accounts.scope import is_national
from core.admin import PortalModelAdmin, ReadOnlyModelAdmin, RefusesSomeDeletes
from provinces.models import Agency, District, Province, Region, Subdistrict


class ReadOnlyGeographyAdmin(RefusesSomeDeletes, ReadOnlyModelAdmin):
    """Geography comes from geothai through load_geography; nobody edits it by hand. Deleting stays refused, for
    superusers too, but the page says why and what to do instead."""

    refused_template = "admin/provinces/delete_refused.html"

    def deletion_refused(self, obj) -> dict:
        return {"relations": [(relation.related_model, relation.field.name) for relation in self.opts.related_objects]}


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
    # Chosen freely until rows are attached, then fixed. Mentors take the agency's province, cases are referred within
    # their province, agency staff are of their agency's province: moved, they would be left in another province.
    LOCKED_ONCE_USED = ["province", "kind"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if is_national(request.user) else qs.visible_to(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, *self.LOCKED_ONCE_USED] if obj is not None and attached_rows(obj) else fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        attached = attached_rows(obj) if obj is not None else []
        if attached:
            why = gettext(
                "เปลี่ยนไม่ได้ เพราะมีข้อมูลผูกกับหน่วยงานนี้แล้ว (%(rows)s) "
                "การย้ายจังหวัดหรือเปลี่ยนประเภทจะทำให้ข้อมูลเหล่านั้นอยู่คนละจังหวัดกับหน่วยงาน"
            ) % {"rows": ", ".join(attached)}
            kwargs["help_texts"] = {**kwargs.get("help_texts", {}), **dict.fromkeys(self.LOCKED_ONCE_USED, why)}
        return super().get_form(request, obj, change=change, **kwargs)


def attached_rows(agency: Agency) -> list[str]:
    """The names of the kinds of rows attached to the agency (its mentors, cases referred to it, its staff), read once
    per agency object."""
    if not hasattr(agency, "_attached_rows"):
        agency._attached_rows = [  # type: ignore[attr-defined]
            str(relation.related_model._meta.verbose_name_plural)
            for relation in Agency._meta.related_objects
            # The base manager: the registries' own managers ask for a province scope, and these rows are any.
            if relation.related_model._base_manager.filter(**{relation.field.name: agency}).exists()
        ]
    return agency._attached_rows  # type: ignore[attr-defined]
