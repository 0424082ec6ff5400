import sys
from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_POST

from accounts.scope import home_province_id, is_national
from core import search
from core.http import safe_next
from core.middleware import DATABASE_ERRORS
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


def _standalone_page(template_name: str, status: int) -> HttpResponse:
    # Rendered without the request: no session, user or context processors, so it needs no database.
    response = HttpResponse(loader.get_template(template_name).render({"status": status}), status=status)
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable(request) -> HttpResponse:
    """HTTP 503 in Thai while the database cannot be reached; the next request after it returns works again."""
    response = _standalone_page("core/database_unavailable.html", status=503)
    response["Retry-After"] = "30"
    return response


def server_error(request) -> HttpResponse:
    """handler500: a database outage anywhere (also inside middleware) gets the 503 page; anything else the 500."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_ERRORS):
        return database_unavailable(request)
    return _standalone_page("500.html", status=500)
