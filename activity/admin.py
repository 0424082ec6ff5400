from django.contrib import admin

from activity.imports import check_kind
from activity.models import MonthClosure, MonthlyReport, WorkKind
from activity.services import is_month_closed
from core.admin import CheckedByServiceForm, PortalModelAdmin
from core.scoped_admin import ProvinceScopedAdmin


class WorkKindForm(CheckedByServiceForm):
    service_check = staticmethod(check_kind)


@admin.register(WorkKind)
class WorkKindAdmin(PortalModelAdmin):
    """Kinds are checked against the monthly-report file's and the grid's names (activity.imports.check_kind), in the
    list's editable columns too: a retired kind brought back there must not take another column's header."""

    form = WorkKindForm
    list_display = ["name_th", "name_en", "group", "need_th", "sort_order", "is_active", "code"]
    list_filter = ["group", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name_th", "name_en", "code"]

    def get_readonly_fields(self, request, obj=None):
        # Reports keep their counts under the code: once a kind exists its code stays (retire it instead).
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=WorkKindForm, **kwargs)


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ProvinceScopedAdmin):
    """Reports are entered on the grid, where the rules apply; here they are looked up."""

    list_display = ["volunteer", "month", "province", "district", "received_on", "on_time", "entered_by"]
    list_filter = ["on_time", "month", "province__region", "province"]
    list_select_related = ["volunteer", "province", "district", "entered_by"]
    search_fields = ["volunteer__first_name", "volunteer__last_name"]
    date_hierarchy = "month"
    show_full_result_count = False
    readonly_fields = [f.name for f in MonthlyReport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A closed month's reports stay as they were closed: the province reopens the month, with a reason, first.
        if obj is not None and is_month_closed(obj.province_id, obj.month):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Deleted one at a time, where the month's closure is checked, never as a selection of any months.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(MonthClosure)
class MonthClosureAdmin(ProvinceScopedAdmin):
    list_display = ["province", "month", "is_closed", "changed_by", "changed_at", "reason"]
    list_filter = ["is_closed", "province"]
    list_select_related = ["province", "changed_by"]
    readonly_fields = [f.name for f in MonthClosure._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting the row would reopen the month with no reason and no audit: reopening is the portal's page.
        return False
