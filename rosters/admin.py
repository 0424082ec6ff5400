from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from core.admin import PortalModelAdmin, ThaiDatesMixin
from rosters.models import ExportRecord, ImportJob, MentorRoster, VolunteerRoster
from rosters.resources import EXPORT_FORMATS, MentorResource, VolunteerResource


@admin.register(ImportJob)
class ImportJobAdmin(PortalModelAdmin):
    list_display = [
        "id",
        "created_at",
        "original_name",
        "kind",
        "province",
        "created_by",
        "status",
        "total_rows",
        "new_count",
        "updated_count",
        "error_count",
        "import_seconds",
    ]
    list_filter = ["status", "kind", "province"]
    search_fields = ["original_name", "created_by__username"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ExportRecord)
class ExportRecordAdmin(PortalModelAdmin):
    list_display = ["created_at", "file_name", "kind", "province", "user", "rows", "ids_masked"]
    list_filter = ["kind", "file_format", "ids_masked", "province"]
    readonly_fields = [f.name for f in ExportRecord._meta.fields]

    def has_add_permission(self, request):
        return False


class SuperuserRosterMixin:
    """Rosters come in through imports; only superusers import, export or edit them in the admin site."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_import_permission(self, request):
        return request.user.is_superuser

    def has_export_permission(self, request):
        return request.user.is_superuser


@admin.register(VolunteerRoster)
class VolunteerRosterAdmin(SuperuserRosterMixin, ThaiDatesMixin, ImportExportModelAdmin):
    """Administrators import and export volunteers of any province here, through django-import-export."""

    resource_classes = [VolunteerResource]
    export_formats = EXPORT_FORMATS
    list_display = ["national_id", "first_name", "last_name", "province", "status"]
    list_filter = ["province", "status"]
    search_fields = ["national_id", "first_name", "last_name"]
    list_select_related = ["province"]
    show_full_result_count = False
    # As in the registry's own admin: a select of every subdistrict was 7,436 options (470 kB) on each change page.
    autocomplete_fields = ["subdistrict", "mentor"]
    # As in the registry's own admin (volunteers.admin.VolunteerAdmin): a status is changed on the volunteer's status
    # page, which records the step (StatusChange), or by a file import, which applies its steps the same way
    # (RosterResource.after_import); the term's end follows the terms of office; the province follows the subdistrict.
    readonly_fields = ["province", "status", "status_changed_on", "term_ends_on", "created_at", "updated_at"]


@admin.register(MentorRoster)
class MentorRosterAdmin(SuperuserRosterMixin, ThaiDatesMixin, ImportExportModelAdmin):
    resource_classes = [MentorResource]
    export_formats = EXPORT_FORMATS
    list_display = ["national_id", "first_name", "last_name", "agency", "province", "is_active"]
    list_filter = ["province", "is_active"]
    search_fields = ["national_id", "first_name", "last_name"]
    list_select_related = ["province", "agency"]
    autocomplete_fields = ["agency", "user"]
