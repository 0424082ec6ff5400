from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, StaffProfile
from accounts.roles import apply_role
from accounts.scope import role_of
from core.admin import PortalStackedInline, ThaiDatesMixin, ThaiPermissionsMixin
from core.phone import normalize_thai_phone


class StaffProfileForm(forms.ModelForm):
    """The phone in its one form, as for mentors and volunteers; and no move to another province while the account
    is linked to a mentor, whom the mentor rules let be linked only to staff of the mentor's province
    (mentors.services.clean_mentor)."""

    def clean_phone(self):
        return normalize_thai_phone(self.cleaned_data.get("phone"))

    def _post_clean(self):
        super()._post_clean()  # type: ignore[misc]  # Django's, not in its stubs
        # After the profile's own clean(), which sets the province an agency or a national role implies.
        if not self.errors:
            self._check_linked_mentor()

    def _check_linked_mentor(self) -> None:
        profile = self.instance
        if not profile.user_id:
            return
        before = StaffProfile.objects.filter(pk=profile.pk).values_list("province_id", flat=True).first()
        if profile.pk is not None and before == profile.province_id:
            return
        # The mentors app depends on this one (a mentor has an account), not the other way: the model comes from the
        # relation. Its base manager: the registry's own manager asks for a province scope, and this mentor is any.
        mentor_model = User._meta.get_field("mentor").related_model
        mentor: Any = mentor_model._base_manager.select_related("province").filter(user_id=profile.user_id).first()
        if mentor is not None and mentor.province_id != profile.province_id:
            self.add_error(
                "province",
                gettext(
                    "บัญชีนี้ผูกกับพี่เลี้ยง %(mentor)s ของ%(province)s จึงย้ายไปจังหวัดอื่นไม่ได้ "
                    "ยกเลิกการผูกบัญชีที่ข้อมูลพี่เลี้ยงก่อน แล้วจึงย้ายจังหวัด"
                )
                % {"mentor": mentor.full_name, "province": mentor.province.shown_name},
            )


class StaffProfileInline(PortalStackedInline):
    model = StaffProfile
    form = StaffProfileForm
    can_delete = False
    autocomplete_fields = ["province", "agency"]
    # Agency staff only; the profile's clean() checks the agency is in the chosen province.
    fields = ["role", "province", "agency", "position", "phone"]


def _without_the_admin_flags(fieldsets):
    """Django's user form less is_staff and is_superuser, which follow the role (accounts.roles.apply_role): no one is
    made an administrator, or kept one, beside the role the list shows. The section that had them says so."""
    flags = {"is_staff", "is_superuser"}
    shown = []
    for name, options in fieldsets:
        fields = tuple(field for field in options["fields"] if field not in flags)
        if fields != tuple(options["fields"]):
            options = {
                **options,
                "fields": fields,
                "description": _("สิทธิ์ผู้ดูแลระบบ (ส่วนจัดการระบบนี้) มาจากบทบาท “ผู้ดูแลระบบ” ในข้อมูลเจ้าหน้าที่ด้านล่างเท่านั้น"),
            }
        shown.append((name, options))
    return tuple(shown)


class PortalUserAdmin(ThaiPermissionsMixin, ThaiDatesMixin, UserAdmin):
    inlines = [StaffProfileInline]
    list_display = ["username", "first_name", "last_name", "role", "province", "is_active", "last_login"]
    list_filter = ["staff_profile__role", "staff_profile__province__region", "is_active"]
    list_select_related = ["staff_profile__province"]
    fieldsets = _without_the_admin_flags(UserAdmin.fieldsets)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The profile saved above applied its role if it changed; an unchanged one is applied again, so that flags
        # ticked before the role was the one source (or in a shell) follow the role the list shows.
        role = StaffProfile.objects.filter(user=form.instance).values_list("role", flat=True).first()
        if role:
            apply_role(form.instance, role)

    @admin.display(description=_("บทบาท"))
    def role(self, obj):
        role = role_of(obj)
        return Role(role).label if role else "-"

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
