from django.contrib import admin

from awards import services
from awards.models import Nomination
from core.admin import CheckedByServiceForm
from core.scoped_admin import ProvinceScopedAdmin


class NominationAdminForm(CheckedByServiceForm):
    service_check = staticmethod(services.check_nomination)

    def _get_validation_exclusions(self):
        # The status is read-only here, and Django skips a constraint whose condition reads an excluded field: the
        # second nomination of a year reached the database's unique index as a 500 instead of its Thai message.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("status")
        return exclusions


@admin.register(Nomination)
class NominationAdmin(ProvinceScopedAdmin):
    form = NominationAdminForm
    list_display = ["volunteer", "fiscal_year", "province", "status", "nominated_at", "reviewed_at"]
    list_filter = ["fiscal_year", "status", "province__region", "province"]
    search_fields = ["volunteer__first_name", "volunteer__last_name", "citation", "=verification_code"]
    list_select_related = ["volunteer", "province"]
    raw_id_fields = ["volunteer"]
    # Decisions and withdrawals go through the portal's pages (awards.services), which keep their rules.
    readonly_fields = [
        "province",
        "status",
        "nominated_by",
        "nominated_at",
        "reviewed_by",
        "reviewed_at",
        "withdrawn_by",
        "withdrawn_at",
        "verification_code",
    ]

    def save_model(self, request, obj, form, change):
        # Who put the person forward, as the portal's nominate page records its officer (services.nominate).
        if not change:
            obj.nominated_by = request.user
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        # The award is this person's for this year: HQ's decision and the certificate's check are about them.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "volunteer", "fiscal_year"] if obj is not None else fields
