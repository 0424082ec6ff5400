from django.contrib import admin

from core.models import AuditEvent


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Rows written by the portal itself (the audit record, geography): shown, never added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    list_display = ["at", "username", "action", "object_type", "object_id", "province", "ip_address"]
    list_filter = ["action", "province__region", "province"]
    search_fields = ["username", "object_id", "path", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["province"]
