from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.scope import home_province_id, is_national
from core import thai
from core.admin import CheckedByServiceForm, PortalTabularInline, ReadOnlyModelAdmin
from core.scoped_admin import ProvinceScopedAdmin
from volunteers import services
from volunteers.models import StatusChange, Term, Volunteer
from volunteers.selectors import volunteer_history


class StatusChangeInline(PortalTabularInline):
    model = StatusChange
    extra = 0
    fields = ["changed_on", "from_status", "to_status", "reason", "changed_by", "recorded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TermInline(PortalTabularInline):
    """Terms are written by the registration and the re-appointment pages (volunteers.services), which keep the
    volunteer's current term end and check overlaps in Thai; here they are only read."""

    model = Term
    extra = 0
    fields = ["order_no", "starts_on", "ends_on", "recorded_by", "recorded_at"]
    readonly_fields = fields
    can_delete = False
    ordering = ["-starts_on"]

    def has_add_permission(self, request, obj=None):
        return False


class VolunteerAdminForm(CheckedByServiceForm):
    # The edit page's refusal of an appointment date that would leave months already reported outside the service.
    service_check = staticmethod(services.check_appointment)


class SavedByTheRegistrysSteps(admin.ModelAdmin):
    """The save of every admin page that edits a volunteer (the registry's, and the administrators' roster
    import/export), under the edit page's rules (VolunteerAdminForm)."""

    form = VolunteerAdminForm

    def save_model(self, request, obj, form, change):
        """Saved as the portal's pages save: the appointment kept as the first term (made with a new volunteer,
        corrected with the date while it is the only term), and a subdistrict of another province applied by the
        move step (its audit record, the dashboards of both provinces told, the mentor left behind)."""
        moved_to = None
        # The province is read-only here, so the row still holds the one it had when the form was opened.
        if change and obj.subdistrict.province_id != obj.province_id:
            moved_to, obj.subdistrict_id = obj.subdistrict, form.initial["subdistrict"]
        super().save_model(request, obj, form, change)
        services.sync_first_term(obj, by=request.user)
        if moved_to is not None:
            services.move_volunteer_to_province(
                volunteer=obj, subdistrict=moved_to, by=request.user, reason="ย้ายจังหวัดในหน้าผู้ดูแลระบบ"
            )


@admin.register(Volunteer)
class VolunteerAdmin(SavedByTheRegistrysSteps, ProvinceScopedAdmin):
    list_display = [
        "full_name",
        "masked_national_id",
        "province",
        "district",
        "subdistrict",
        "phone",
        "mentor",
        "status",
        "tier",
        "appointed_on",
        "term_ends_on",
    ]
    list_filter = ["status", "tier", "province__region", "province", "gender"]
    search_fields = ["first_name", "last_name", "=national_id", "=phone"]
    list_select_related = ["province", "subdistrict__district", "mentor"]
    autocomplete_fields = ["subdistrict", "mentor"]
    readonly_fields = ["province", "status", "status_changed_on", "term_ends_on", "created_at", "updated_at"]
    date_hierarchy = "appointed_on"
    list_per_page = 50
    show_full_result_count = False
    inlines = [TermInline, StatusChangeInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "national_id",
                    ("title", "title_other"),
                    ("first_name", "last_name"),
                    ("first_name_en", "last_name_en"),
                    ("gender", "birth_date"),
                ]
            },
        ),
        (_("ติดต่อ"), {"fields": [("phone", "line_id", "email")]}),
        (_("ที่อยู่"), {"fields": [("house_no", "village_no", "village_name"), "subdistrict", "province"]}),
        (
            _("การแต่งตั้ง"),
            {
                "fields": [
                    ("appointed_on", "appointment_order"),
                    ("tier", "term_ends_on"),
                    "mentor",
                    ("status", "status_changed_on"),
                    "education",
                    "occupation",
                    "skills",
                    "notes",
                    "consent_recorded_on",
                ]
            },
        ),
        (pgettext_lazy("fieldset", "บันทึก"), {"fields": [("created_at", "updated_at")]}),
    ]

    def field_history(self, obj):
        return volunteer_history(obj)

    @admin.display(description=_("ชื่อ-สกุล"), ordering="first_name")
    def full_name(self, obj):
        return obj.full_name

    @admin.display(description=_("เลขประจำตัวประชาชน"))
    def masked_national_id(self, obj):
        return thai.mask_national_id(obj.national_id)

    @admin.display(description=_("อำเภอ/เขต"), ordering="subdistrict__district__code")
    def district(self, obj):
        return obj.subdistrict.district


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyModelAdmin):
    """A step of the lifecycle is taken on the volunteer's page (volunteers.services.change_status), which moves the
    volunteer's status with it; a step added or edited here would contradict the record."""

    list_display = ["volunteer", "from_status", "to_status", "changed_on", "changed_by", "recorded_at"]
    list_filter = ["to_status"]
    list_select_related = ["volunteer", "changed_by"]
    search_fields = ["volunteer__first_name", "volunteer__last_name", "=volunteer__national_id"]
    autocomplete_fields = ["volunteer"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if is_national(request.user):
            return qs
        return qs.filter(volunteer__province_id=home_province_id(request.user))
