"""The admin site answers only to administrators who passed the second factor in this session."""

import functools

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.scope import is_admin


class PortalAdminSite(admin.AdminSite):
    def has_permission(self, request):
        """Administrators only, by their role (README: "Administrators have the Django admin site"), whatever flags an
        account carries: a province officer marked as staff does not get a national view of every province's rows."""
        user = request.user
        return (
            super().has_permission(request) and is_admin(user) and bool(getattr(user, "is_verified", lambda: False)())
        )

    def login(self, request, extra_context=None):
        # One way in: the portal's login page, which throttles failures and asks for the second factor.
        if request.user.is_authenticated:
            if is_admin(request.user):
                # Not yet past the second factor (the middleware normally sends them to it first).
                raise PermissionDenied
            return render(
                request,
                "accounts/admin_site_refused.html",
                {
                    "error_title": _("ส่วนจัดการระบบใช้ได้เฉพาะผู้ดูแลระบบ"),
                    "error_message": _(
                        "บัญชีของท่านไม่ได้อยู่ในบทบาทผู้ดูแลระบบ จึงเปิดส่วนจัดการระบบ (/admin/) ไม่ได้ "
                        "ข้อมูลตามบทบาทของท่านอยู่ในหน้าต่าง ๆ ของระบบ เริ่มจากหน้าหลัก"
                    ),
                    "error_hint": _("หากจำเป็นต้องใช้ส่วนนี้ กรุณาติดต่อผู้ดูแลระบบ"),
                },
                status=403,
            )
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
