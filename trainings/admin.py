from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext

from core.admin import (
    CheckedByServiceForm,
    PortalInlineFormSet,
    PortalModelAdmin,
    PortalTabularInline,
    RefusesSomeDeletes,
)
from core.templatetags.thai import year_shown
from trainings import services
from trainings.models import Attendance, CertificateBatch, Event, EventDay, EventTarget, Registration


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
class EventAdmin(RefusesSomeDeletes, PortalModelAdmin):
    """Saved under the event pages' rules (trainings.services): the dates and status checked by validate_event, a
    capacity not below the people registered, the days following the dates, and a portal form opened before this
    save refused as out of date. Deleted only while nobody's attendance is recorded (services.deletion_refused)."""

    form = EventAdminForm
    list_display = ["title", "start_date", "fiscal_year", "host_province", "level", "kind", "status"]
    list_filter = ["fiscal_year", "level", "kind", "status"]
    search_fields = ["title", "project", "venue"]
    autocomplete_fields = ["host_province"]
    inlines = [EventDayInline, EventTargetInline]
    date_hierarchy = "start_date"
    refused_template = "admin/trainings/event_delete_refused.html"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.sync_days(form.instance)

    def has_delete_permission(self, request, obj=None):
        # An event people attended is cancelled, not deleted, by a superuser too (services.deletion_refused).
        if obj is not None and services.attended(obj):
            return False
        return super().has_delete_permission(request, obj)

    def deletion_refused(self, event: Event) -> dict | None:
        # Its page says why, what refers to the event and where to cancel it: Django's 403 page told a superuser to
        # ask an administrator for a permission. Each event goes through it, never a selection at once.
        reasons = services.deletion_refused(event)
        if not reasons:
            return None
        return {
            "relations": EVENT_ROWS,
            "why": gettext(
                "กิจกรรมที่บันทึกการเข้าร่วมแล้วเป็นประวัติการฝึกอบรม การลบกิจกรรมจะลบวันของกิจกรรม การลงทะเบียน "
                "และการลงชื่อเข้าร่วมทั้งหมดไปด้วย ประวัติว่าใครได้รับการอบรมในวันใดจะหายไป "
                "จึงไม่มีบัญชีใดลบได้ รวมทั้งบัญชีที่มีสถานะผู้ใช้พิเศษ"
            ),
            "reasons": reasons,
            "instead": instead_of_deleting(event),
            "cancel_url": None
            if event.status == Event.Status.CANCELLED
            else reverse("trainings:edit", args=[event.pk]),
            "cancel_label": gettext("ยกเลิกกิจกรรมนี้ที่หน้าแก้ไขกิจกรรม"),
        }


# What deleting an event would delete with it, as its delete page lists it.
EVENT_ROWS = [
    (EventDay, "event"),
    (EventTarget, "event"),
    (Registration, "event"),
    (Attendance, "day__event"),
    (CertificateBatch, "event"),
]


def instead_of_deleting(event: Event) -> str:
    """What to do instead of deleting an event people attended: cancel it on the portal's event page."""
    if event.status == Event.Status.CANCELLED:
        return gettext("กิจกรรมนี้ยกเลิกแล้ว รายงานไม่นับกิจกรรมนี้ และระบบเก็บรายชื่อผู้ที่มาไว้ตามที่เป็นเมื่อยกเลิก จึงไม่ต้องลบ")
    return gettext(
        "หากกิจกรรมนี้ไม่ได้จัดขึ้นตามที่บันทึกไว้ ให้ยกเลิกกิจกรรมแทน โดยแก้ไขกิจกรรมที่หน้ากิจกรรมแล้วเลือกสถานะ “%(status)s” "
        "ระบบจะเก็บรายชื่อผู้ที่มาไว้ และรายงานของปีงบประมาณ %(year)s จะไม่นับกิจกรรมนี้อีก "
        "หากบันทึกการเข้าร่วมของบางคนผิด ให้ยกเลิกการลงชื่อนั้นที่หน้าลงชื่อเข้าร่วมของวันนั้น"
    ) % {"status": Event.Status.CANCELLED.label, "year": year_shown(event.fiscal_year)}


class GuestDetailsForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if "name" in cleaned:
            cleaned["name"] = services.clean_guest_name(
                event=self.instance.event, name=cleaned["name"], registration=self.instance
            )
        return cleaned


@admin.register(Registration)
class RegistrationAdmin(RefusesSomeDeletes, PortalModelAdmin):
    """Registrations are made and cancelled on the event's pages (trainings.services), which check the seats left,
    that the person still serves and comes from the province registered, and one registration per person; here a
    guest's own details are corrected (the name under the same rules) and a mistaken registration deleted, only while
    none of its attendance is recorded (services.registration_deletion_refused)."""

    GUEST_DETAILS = ["name", "position", "agency_name", "phone"]

    form = GuestDetailsForm
    list_display = ["code", "__str__", "category", "home_province", "registered_at", "cancelled_at"]
    list_filter = ["category", "event__fiscal_year"]
    search_fields = ["code", "name", "volunteer__first_name", "volunteer__last_name", "mentor__first_name"]
    list_select_related = ["event", "home_province", "volunteer", "mentor"]
    refused_template = "admin/trainings/event_delete_refused.html"
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

    def has_delete_permission(self, request, obj=None):
        # A registration with attendance recorded is cancelled, not deleted, by a superuser too.
        if obj is not None and obj.attendances.exists():
            return False
        return super().has_delete_permission(request, obj)

    def deletion_refused(self, registration: Registration) -> dict | None:
        # As the event's: why, what refers to it and what to do instead; each one through its page.
        reasons = services.registration_deletion_refused(registration)
        if not reasons:
            return None
        return {
            "relations": [(Attendance, "registration")],
            "why": gettext(
                "การลงทะเบียนที่บันทึกการเข้าร่วมแล้วเป็นประวัติการฝึกอบรมของผู้เข้าร่วม การลบการลงทะเบียนจะลบการลงชื่อเข้าร่วม"
                "ทั้งหมดไปด้วย ประวัติว่าผู้นี้ได้รับการอบรมในวันใดจะหายไป จึงไม่มีบัญชีใดลบได้ รวมทั้งบัญชีที่มีสถานะผู้ใช้พิเศษ"
            ),
            "reasons": reasons,
            "instead": instead_of_deleting_registration(registration),
            "cancel_url": None if registration.is_cancelled else reverse("trainings:cancel", args=[registration.pk]),
            "cancel_label": gettext("ยกเลิกการลงทะเบียนนี้ที่หน้ากิจกรรม"),
        }


def instead_of_deleting_registration(registration: Registration) -> str:
    """What to do instead of deleting a registration with attendance: cancel it, or take back a mistaken tick."""
    if registration.is_cancelled:
        return gettext(
            "การลงทะเบียนนี้ยกเลิกแล้ว การลงชื่อเข้าร่วมที่บันทึกไว้ไม่นับในรายงานและไม่ได้รับเกียรติบัตร "
            "ระบบเก็บไว้เป็นประวัติตามที่เป็นเมื่อยกเลิก จึงไม่ต้องลบ"
        )
    return gettext(
        "หากลงทะเบียนผิดคนหรือผู้นี้ไม่ได้เข้าร่วม ให้ยกเลิกการลงทะเบียนแทนที่หน้ารายชื่อผู้ลงทะเบียนของกิจกรรม "
        "ระบบจะเก็บประวัติไว้ และรายงานกับเกียรติบัตรจะไม่นับการลงทะเบียนนี้อีก "
        "หากบันทึกการเข้าร่วมบางวันผิด ให้ยกเลิกการลงชื่อนั้นที่หน้าติ๊กรายชื่อของวันนั้น (แตะชื่ออีกครั้ง)"
    )


@admin.register(Attendance)
class AttendanceAdmin(PortalModelAdmin):
    """Attendance is recorded on the event's check-in pages (trainings.services), which take it only on a day of the
    person's own event that has come, for a registration not cancelled; here it is read, and a mistaken one deleted
    as the desk takes one back (services.undo_check_in): not a cancelled event's, whose record of who came stays as
    it was when it was called off."""

    list_display = ["registration", "day", "method", "checked_in_at"]
    list_filter = ["method"]
    raw_id_fields = ["registration", "day"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Asked of each row the list's delete action or a registration's deletion would take with it, too.
        if obj is not None and services.attendance_not_open(obj.day):
            return False
        return super().has_delete_permission(request, obj)
