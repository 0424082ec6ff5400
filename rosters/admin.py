from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from import_export.admin import ImportExportModelAdmin

from core.admin import PortalModelAdmin, ThaiDatesMixin
from mentors.admin import MentorAdminForm
from rosters.models import ExportRecord, ImportJob, MentorRoster, VolunteerRoster
from rosters.resources import EXPORT_FORMATS, IMPORT_FORMATS, MentorResource, VolunteerResource
from rosters.xlsx_stream import RosterFileError
from volunteers.admin import SavedByTheRegistrysSteps


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


class RosterImportExportAdmin(SuperuserRosterMixin, ThaiDatesMixin, ImportExportModelAdmin):
    """django-import-export on the staff import's reader and formats, its refusals in Thai and without tracebacks."""

    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    # The library's page with a file refused as a whole shown by its message alone (no traceback).
    import_template_name = "admin/import_export/roster_import.html"

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, RosterFileError):
            form.add_error("import_file", str(e))
            return
        form.add_error(
            "import_file",
            gettext("อ่านไฟล์ไม่ได้ ตรวจสอบว่ารูปแบบไฟล์ที่เลือกตรงกับไฟล์ แล้วบันทึกเป็น .xlsx หรือ CSV UTF-8 แล้วอัปโหลดใหม่"),
        )

    def export_action(self, request):
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            # A filter in the link that is not one of the list's (an edited address): said, never a server error.
            messages.error(request, gettext("ตัวกรองในลิงก์ไม่ถูกต้อง กรุณาเลือกตัวกรองจากหน้ารายการแล้วส่งออกใหม่"))
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
            )


@admin.register(VolunteerRoster)
class VolunteerRosterAdmin(SavedByTheRegistrysSteps, RosterImportExportAdmin):
    """Administrators import and export volunteers of any province here, through django-import-export. A change
    saved here is saved as in the registry's own admin: the first term follows the appointment, another province's
    subdistrict is applied by the move step, and an appointment after months already reported is refused."""

    resource_classes = [VolunteerResource]
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
class MentorRosterAdmin(RosterImportExportAdmin):
    """Administrators import and export mentors of any province here; a change saved here is checked by the mentor
    pages' rules, as in the registry's own admin (mentors.admin.MentorAdmin)."""

    form = MentorAdminForm
    resource_classes = [MentorResource]
    list_display = ["national_id", "first_name", "last_name", "agency", "province", "is_active"]
    list_filter = ["province", "is_active"]
    search_fields = ["national_id", "first_name", "last_name"]
    list_select_related = ["province", "agency"]
    autocomplete_fields = ["agency", "user"]
