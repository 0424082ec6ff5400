"""One way to fetch a mentor for a user: 404 for "missing" and "another province's" alike, 403 when read-only."""

from accounts.scope import get_editable_or_404, get_visible_or_404
from mentors.models import Mentor


def _mentors():
    return Mentor.objects.select_related("agency", "province", "user")


def get_mentor_for(user, pk) -> Mentor:
    """A mentor the user may see."""
    return get_visible_or_404(_mentors(), user, pk=pk)


def get_editable_mentor_for(user, pk) -> Mentor:
    """A mentor the user may change: 404 when they cannot see it, 403 when they can only read it."""
    return get_editable_or_404(_mentors(), user, pk=pk)
