from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffProfile
from core.admin import PortalStackedInline, ThaiDatesMixin, ThaiPermissionsMixin


class StaffProfileInline(PortalStackedInline):
    model = StaffProfile
    can_delete = False
    autocomplete_fields = ["province", "agency"]
    # Agency staff only; the profile's clean() checks the agency is in the chosen province.
    fields = ["role", "province", "agency", "position", "phone"]


class PortalUserAdmin(ThaiPermissionsMixin, ThaiDatesMixin, UserAdmin):
    inlines = [StaffProfileInline]
    list_display = ["username", "first_name", "last_name", "role", "province", "is_active", "last_login"]
    list_filter = ["staff_profile__role", "staff_profile__province__region", "is_active"]
    list_select_related = ["staff_profile__province"]

    @admin.display(description=_("บทบาท"))
    def role(self, obj):
        profile = getattr(obj, "staff_profile", None)
        return profile.get_role_display() if profile else "-"

    @admin.display(description=_("จังหวัด"))
    def province(self, obj):
        profile = getattr(obj, "staff_profile", None)
        return profile.province if profile and profile.province_id else "-"


class PortalGroupAdmin(ThaiPermissionsMixin, GroupAdmin):
    pass


admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, PortalGroupAdmin)
