"""One way to fetch a volunteer for a user: 404 for "missing" and "another province's" alike, 403 when read-only."""

from accounts.scope import get_editable_or_404, get_visible_or_404
from volunteers.models import Volunteer


def _volunteers():
    return Volunteer.objects.select_related(
        "subdistrict__district", "subdistrict__province", "province", "mentor__agency"
    )


def get_volunteer_for(user, pk) -> Volunteer:
    """A volunteer the user may see."""
    return get_visible_or_404(_volunteers(), user, pk=pk)


def get_editable_volunteer_for(user, pk) -> Volunteer:
    """A volunteer the user may change: 404 when they cannot see it, 403 when they can only read it."""
    return get_editable_or_404(_volunteers(), user, pk=pk)
