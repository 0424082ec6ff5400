"""Who may use the API at all; what they see and change is decided by the same querysets and services as the pages."""

from django.utils.translation import gettext as _
from rest_framework import permissions

from accounts.scope import is_agency_staff, may_open_page, role_of
from api.models import ApiToken


class SignedInWithRole(permissions.BasePermission):
    """Signed in with a portal role, whichever: the schema (api.schema.SchemaView), which lists operations, not data."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if role_of(user) is None:
            self.message = _("บัญชีนี้ยังไม่ได้กำหนดบทบาท จึงใช้ API ไม่ได้ กรุณาติดต่อผู้ดูแลระบบ")
            return False
        return True


class PortalApiAccess(SignedInWithRole):
    """Signed in with a portal role; agency staff only on the operations whose page they may open (a view's `pages`
    names the page of each action; accounts.scope.AGENCY_STAFF_PAGES decides), that is their agency's cases; a
    read-only token only reads."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        user = request.user
        if is_agency_staff(user) and not may_open_page(
            user, getattr(view, "pages", {}).get(getattr(view, "action", None), "")
        ):
            self.message = _(
                "บัญชีเจ้าหน้าที่หน่วยงานใช้ API ได้เฉพาะเรื่องส่งต่อของหน่วยงานของท่าน (/api/v1/cases/): "
                "ดูรายการ ดูรายละเอียด และบันทึกสถานะ"
            )
            return False
        token = request.auth if isinstance(request.auth, ApiToken) else None
        reads = request.method in permissions.SAFE_METHODS or getattr(view, "action", None) in getattr(
            view, "read_actions", ()
        )
        if token is not None and token.read_only and not reads:
            self.message = _("โทเค็น API “%(name)s” อ่านข้อมูลได้อย่างเดียว บันทึกหรือแก้ไขข้อมูลไม่ได้") % {"name": token.name}
            return False
        return True
