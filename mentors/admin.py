from django.contrib import admin

from core.scoped_admin import ProvinceScopedAdmin
from mentors.models import Mentor


@admin.register(Mentor)
class MentorAdmin(ProvinceScopedAdmin):
    list_display = ["full_name", "position", "agency", "province", "phone", "is_active"]
    list_filter = ["is_active", "agency__kind", "province__region", "province"]
    search_fields = ["first_name", "last_name", "position", "=phone"]
    list_select_related = ["agency", "province"]
    autocomplete_fields = ["agency", "user"]
    readonly_fields = ["province", "created_at", "updated_at"]

    @admin.display(description="ชื่อ-สกุล", ordering="first_name")
    def full_name(self, obj):
        return obj.full_name
