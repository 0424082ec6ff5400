from accounts.scope import get_visible_or_404
from provinces.models import Province


def get_province_for(user, code: str) -> Province:
    """A province the user may see, by DOPA code; 404 for missing and for another province alike."""
    return get_visible_or_404(Province.objects.select_related("region"), user, code=code)
