"""The database is unreachable: which errors mean that, and the Thai page that answers instead of a traceback.

Shared by the middleware (an outage inside a view) and handler500 (an outage anywhere else)."""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

DATABASE_ERRORS = (OperationalError, InterfaceError)


def standalone_page(template_name: str, status: int) -> HttpResponse:
    # Rendered without the request: no session, user or context processors, so it needs no database.
    response = HttpResponse(loader.get_template(template_name).render({"status": status}), status=status)
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable(request) -> HttpResponse:
    """HTTP 503 in Thai while the database cannot be reached; the next request after it returns works again."""
    response = standalone_page("core/database_unavailable.html", status=503)
    response["Retry-After"] = "30"
    return response
