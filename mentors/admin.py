from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import CheckedByServiceForm
from core.scoped_admin import ProvinceScopedAdmin
from mentors import services
from mentors.models import Mentor


class MentorAdminForm(CheckedByServiceForm):
    service_check = staticmethod(services.clean_mentor)


@admin.register(Mentor)
class MentorAdmin(ProvinceScopedAdmin):
    """Saved under the mentor pages' rules (mentors.services.clean_mentor): names and phone in their one form, one
    mentor per national ID, an account only of the province's staff; an admin save moves the version, so a mentor
    page opened before it is refused as out of date. A move to another province's agency stays allowed here (the
    pages keep a mentor in their province), and Mentor.save leaves their volunteers behind; a mentor ended here leaves
    theirs without a mentor, as on the pages (MentorQuerySet.release_volunteers)."""

    form = MentorAdminForm
    list_display = ["full_name", "position", "agency", "province", "phone", "is_active"]
    list_filter = ["is_active", "agency__kind", "province__region", "province"]
    search_fields = ["first_name", "last_name", "position", "=phone"]
    list_select_related = ["agency", "province"]
    autocomplete_fields = ["agency", "user"]
    readonly_fields = ["province", "created_at", "updated_at"]

    @admin.display(description=_("ชื่อ-สกุล"), ordering="first_name")
    def full_name(self, obj):
        return obj.full_name
