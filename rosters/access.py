"""Who may see and act on an import."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts import scope
from rosters.models import ImportJob


def get_visible_job_or_404(user, pk) -> ImportJob:
    """An import the user may see: 404 alike for a missing one and another province's."""
    return scope.get_visible_or_404(ImportJob.objects.select_related("province", "created_by"), user, pk=pk)


def get_editable_job_or_404(user, pk) -> ImportJob:
    """An import the user may confirm or cancel: 404 when not visible, 403 when visible but read-only."""
    job = get_visible_job_or_404(user, pk)
    if not scope.can_write_in(user, job.province_id):
        raise PermissionDenied(_("ไม่มีสิทธิ์นำเข้าข้อมูลของจังหวัดนี้"))
    return job


def require_import_rights(user) -> None:
    """The import pages are for those who write: province officers and administrators."""
    if not scope.can_write_anywhere(user):
        raise PermissionDenied(_("ไม่มีสิทธิ์นำเข้าข้อมูล"))


def may_see_full_ids(user) -> bool:
    """Officers (only ever of their own province's rows) and administrators export full national IDs."""
    return scope.role_of(user) in {scope.OFFICER, scope.ADMIN}
