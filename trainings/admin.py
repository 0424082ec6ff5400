from django.contrib import admin

from core.admin import PortalModelAdmin, PortalTabularInline
from trainings.models import Attendance, Event, EventDay, EventTarget, Registration


class EventTargetInline(PortalTabularInline):
    model = EventTarget
    extra = 0


class EventDayInline(PortalTabularInline):
    model = EventDay
    extra = 0


@admin.register(Event)
class EventAdmin(PortalModelAdmin):
    list_display = ["title", "start_date", "fiscal_year", "host_province", "level", "kind", "status"]
    list_filter = ["fiscal_year", "level", "kind", "status"]
    search_fields = ["title", "project", "venue"]
    autocomplete_fields = ["host_province"]
    inlines = [EventDayInline, EventTargetInline]
    date_hierarchy = "start_date"


@admin.register(Registration)
class RegistrationAdmin(PortalModelAdmin):
    list_display = ["code", "__str__", "category", "home_province", "registered_at", "cancelled_at"]
    list_filter = ["category", "event__fiscal_year"]
    search_fields = ["code", "name", "volunteer__first_name", "volunteer__last_name", "mentor__first_name"]
    raw_id_fields = ["event", "volunteer", "mentor"]
    list_select_related = ["event", "home_province", "volunteer", "mentor"]
    readonly_fields = ["certificate_token"]


@admin.register(Attendance)
class AttendanceAdmin(PortalModelAdmin):
    """Attendance is recorded on the event's check-in pages (trainings.services), which take it only on a day of the
    person's own event that has come, for a registration not cancelled; here it is read, and a mistaken one deleted."""

    list_display = ["registration", "day", "method", "checked_in_at"]
    list_filter = ["method"]
    raw_id_fields = ["registration", "day"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
