import sys
from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.scope import home_province_id, is_national
from core import search
from core.http import safe_next
from core.outage import DATABASE_ERRORS, database_unavailable, standalone_page
from provinces.models import Province


@login_required
def home(request):
    """Province staff land on their province; HQ and administrators on the national dashboard."""
    if is_national(request.user):
        return redirect("reports:dashboard")
    province_id = home_province_id(request.user)
    if province_id:
        return redirect("provinces:detail", code=Province.objects.get(pk=province_id).code)
    return render(request, "core/no_role.html", status=403)


@login_required
@require_POST
def search_form(request):
    """A list page's search form, posted here: back to the page (`next`) as a GET, any national ID searched for kept
    out of the URL (core.search). Reads nothing and shows nothing, so it needs no scope."""
    return search.search_redirect(request, urlsplit(safe_next(request, "/", from_query=False)).path)


def server_error(request) -> HttpResponse:
    """handler500: a database outage anywhere (also inside middleware) gets the 503 page; anything else the 500."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_ERRORS):
        return database_unavailable(request)
    return standalone_page("500.html", status=500)
