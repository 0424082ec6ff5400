"""One way to fetch a nomination for a user: 404 for "missing" and "another province's" alike, 403 when read-only."""

from accounts.scope import get_editable_or_404, get_visible_or_404
from awards.models import Nomination


def _nominations():
    return Nomination.objects.select_related("volunteer__subdistrict__district", "province__region")


def get_nomination_for(user, pk) -> Nomination:
    """A nomination the user may see: their province's, or any for HQ."""
    return get_visible_or_404(_nominations(), user, pk=pk)


def get_editable_nomination_for(user, pk) -> Nomination:
    """A nomination the user may change (withdraw): officers their province's, administrators any."""
    return get_editable_or_404(_nominations(), user, pk=pk)
