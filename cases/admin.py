from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.models import Case
from core.admin import CheckedByServiceForm, PortalModelAdmin


class CaseAdminForm(CheckedByServiceForm):
    # The case pages' rules (services.check_case: case_errors with not_serving_error and spotted_out_of_office_error,
    # and the status page's steps), told beside the model's own refusals (a volunteer of another province), so that one
    # save lists every mistake; a referral before the spotting is told once, with the date, not again by the
    # model's constraint.
    service_check = staticmethod(services.check_case)
    check_beside_model_errors = True


@admin.register(Case)
class CaseAdmin(PortalModelAdmin):
    """Administrators see every case (flagged ones too); the personal fields stay masked out of the list. Saved under
    the case pages' rules (cases.services.check_case): the volunteer, places and needs of the case form, its dates,
    and a status moved only by the status page's steps, each with its date."""

    form = CaseAdminForm
    list_display = ["number", "province", "agency", "status", "referred_on", "flagged"]
    list_filter = ["status", "flagged", "province__region"]
    list_select_related = ["province", "agency"]
    raw_id_fields = ["volunteer", "subdistrict", "agency", "created_by"]
    readonly_fields = ["created_at", "updated_at", "personal_data_erased_on"]

    def save_model(self, request, obj, form, change):
        # Who recorded the case, as the case form records its officer (services.open_case).
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("เรื่องที่"), ordering="pk")
    def number(self, case):
        return case.pk
