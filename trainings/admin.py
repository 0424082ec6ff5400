from django import forms
from django.contrib import admin

from core.admin import CheckedByServiceForm, PortalInlineFormSet, PortalModelAdmin, PortalTabularInline
from trainings import services
from trainings.models import Attendance, Event, EventDay, EventTarget, Registration


class EventTargetFormSet(PortalInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = [form.cleaned_data for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]
        services.check_capacities(self.instance, {row["category"]: (row["target"], row["capacity"]) for row in rows})


class EventTargetInline(PortalTabularInline):
    model = EventTarget
    formset = EventTargetFormSet
    extra = 0


class EventDayInline(PortalTabularInline):
    """The days follow the event's start and end dates (trainings.services.sync_days), which keep a day that has
    attendance; a day added here could lie outside the dates, and one deleted took its attendance with it."""

    model = EventDay
    extra = 0
    fields = ["date"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EventAdminForm(CheckedByServiceForm):
    service_check = staticmethod(services.validate_event)


@admin.register(Event)
class EventAdmin(PortalModelAdmin):
    """Saved under the event pages' rules (trainings.services): the dates and status checked by validate_event, a
    capacity not below the people registered, the days following the dates, and a portal form opened before this
    save refused as out of date."""

    form = EventAdminForm
    list_display = ["title", "start_date", "fiscal_year", "host_province", "level", "kind", "status"]
    list_filter = ["fiscal_year", "level", "kind", "status"]
    search_fields = ["title", "project", "venue"]
    autocomplete_fields = ["host_province"]
    inlines = [EventDayInline, EventTargetInline]
    date_hierarchy = "start_date"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.sync_days(form.instance)


class GuestDetailsForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if "name" in cleaned:
            cleaned["name"] = services.clean_guest_name(
                event=self.instance.event, name=cleaned["name"], registration=self.instance
            )
        return cleaned


@admin.register(Registration)
class RegistrationAdmin(PortalModelAdmin):
    """Registrations are made and cancelled on the event's pages (trainings.services), which check the seats left,
    that the person still serves and comes from the province registered, and one registration per person; here a
    guest's own details are corrected (the name under the same rules) and a mistaken registration deleted."""

    GUEST_DETAILS = ["name", "position", "agency_name", "phone"]

    form = GuestDetailsForm
    list_display = ["code", "__str__", "category", "home_province", "registered_at", "cancelled_at"]
    list_filter = ["category", "event__fiscal_year"]
    search_fields = ["code", "name", "volunteer__first_name", "volunteer__last_name", "mentor__first_name"]
    list_select_related = ["event", "home_province", "volunteer", "mentor"]
    fields = [
        "code",
        "event",
        "category",
        "volunteer",
        "mentor",
        *GUEST_DETAILS,
        "home_province",
        "registered_by",
        "registered_at",
        "cancelled_at",
        "cancel_reason",
        "cancelled_by",
        "certificate_token",
    ]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        is_guest = obj is not None and not (obj.volunteer_id or obj.mentor_id)
        return [name for name in self.fields if not (is_guest and name in self.GUEST_DETAILS)]


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
