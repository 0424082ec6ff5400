"""The admin base of every model whose rows belong to one province (volunteers, mentors, ...)."""

from accounts.scope import can_write_in, home_province_id, is_national
from core.admin import PortalModelAdmin


class ProvinceScopedAdmin(PortalModelAdmin):
    """Staff who are not national see and change only their own province's rows here too."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        # Every model registered with this admin has a province-scoped manager.
        return qs if is_national(request.user) else qs.visible_to(request.user)  # type: ignore[attr-defined]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_write_in(request.user, obj.province_id))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_write_in(request.user, obj.province_id))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is None or field.queryset is None:
            return field
        if not is_national(request.user) and db_field.name in {"subdistrict", "mentor", "agency"}:
            field.queryset = field.queryset.filter(province_id=home_province_id(request.user))
        return field
