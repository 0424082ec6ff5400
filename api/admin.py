from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from api import tokens
from api.models import ApiToken
from core.admin import PortalModelAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(PortalModelAdmin):
    """Every account's tokens, for administrators: who has one, when it was last used, and revoking it."""

    list_display = [
        "name",
        "user",
        "shown_prefix",
        "read_only",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["read_only", ("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = [
        "user",
        "name",
        "shown_prefix",
        "read_only",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    fields = readonly_fields
    actions = ["revoke"]

    # The model's property has no Thai name: the column and the field would read "Shown prefix" in the Thai admin.
    @admin.display(description=_("ขึ้นต้นด้วย"))
    def shown_prefix(self, token):
        return token.shown_prefix

    def has_add_permission(self, request):
        # A token is made by its owner on their account page, the only place it is ever shown.
        return False

    @admin.action(description=_("เพิกถอนโทเค็นที่เลือก"))
    def revoke(self, request, queryset):
        count = sum(
            tokens.revoke_token(token=token, by=request.user, request=request)
            for token in queryset.filter(revoked_at__isnull=True)
        )
        messages.success(request, _("เพิกถอนโทเค็นแล้ว %(count)s รายการ") % {"count": count})
