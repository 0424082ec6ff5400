"""The admin site answers only to administrators who passed the second factor in this session."""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse


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
