"""Which province a request is about: the one answer every page, filter, upload and export asks for.

Province staff are always about their own province, whatever the request names; national users (HQ and
administrators) name one by its DOPA code, and name none to mean every province."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.scope import can_write_anywhere, home_province_id, is_national
from provinces.models import Province


def province_from_code(code) -> Province | None:
    """The province of a DOPA code taken from a URL or a form; anything but two digits is no province."""
    if isinstance(code, str) and len(code) == 2 and code.isascii() and code.isdigit():
        return Province.objects.filter(code=code).first()
    return None


def requested_province(user, code=None) -> Province | None:
    """The user's own province, or for a national user the one `code` names (a DOPA code, or a Province a form
    already chose); None for a national user who names none, or staff without a province."""
    if is_national(user):
        return code if isinstance(code, Province) else province_from_code(code)
    province_id = home_province_id(user)
    return Province.objects.filter(pk=province_id).first() if province_id else None


def province_to_write_in(request) -> Province | None:
    """Officers write in their own province; an administrator says which with ?province=<DOPA code> (None until
    they do). Refused for accounts that only read."""
    if not can_write_anywhere(request.user):
        raise PermissionDenied(_("บัญชีของท่านดูข้อมูลได้อย่างเดียว"))
    return requested_province(request.user, request.POST.get("province") or request.GET.get("province"))
