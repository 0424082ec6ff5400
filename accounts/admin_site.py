"""The admin site answers only to administrators who passed the second factor in this session."""

import functools

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _


class PortalAdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        return super().has_permission(request) and bool(getattr(user, "is_verified", lambda: False)())

    def login(self, request, extra_context=None):
        # One way in: the portal's login page, which throttles failures and asks for the second factor.
        if request.user.is_authenticated:
            # Signed in but not an administrator (or not yet past the second factor, which the middleware handles).
            raise PermissionDenied
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url)

    def admin_view(self, view, cacheable=False):
        return super().admin_view(_selected_rows_checked(view), cacheable)


def _selected_rows_checked(view):
    """A list's action on rows that cannot be rows (only an altered form sends "abc" as a row's key) is refused with a
    message, as an action on no rows is: Django would look the keys up as they are and answer 500. Every admin list,
    the portal's and the libraries', is behind this one check."""
    model_admin = getattr(view, "__self__", None)
    if not isinstance(model_admin, admin.ModelAdmin) or view.__name__ != "changelist_view":
        return view
    key = model_admin.model._meta.pk

    @functools.wraps(view)
    def changelist_view(request, *args, **kwargs):
        if request.method == "POST" and "action" in request.POST:
            try:
                for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                    key.to_python(value)
            except ValidationError:
                messages.warning(request, _("รายการที่เลือกไม่ถูกต้อง ไม่มีรายการใดถูกเปลี่ยนแปลง กรุณาเลือกจากรายการอีกครั้ง"))
                return HttpResponseRedirect(request.get_full_path())
        return view(request, *args, **kwargs)

    return changelist_view
