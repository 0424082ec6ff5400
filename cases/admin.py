from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from core.admin import PortalModelAdmin


@admin.register(Case)
class CaseAdmin(PortalModelAdmin):
    """Administrators see every case (flagged ones too); the personal fields stay masked out of the list."""

    list_display = ["number", "province", "agency", "status", "referred_on", "flagged"]
    list_filter = ["status", "flagged", "province__region"]
    list_select_related = ["province", "agency"]
    raw_id_fields = ["volunteer", "subdistrict", "agency", "created_by"]
    readonly_fields = ["created_at", "updated_at", "personal_data_erased_on"]

    @admin.display(description=_("เรื่องที่"), ordering="pk")
    def number(self, case):
        return case.pk
