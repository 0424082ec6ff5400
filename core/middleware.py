"""Cross-cutting request handling: refusals go into the audit record; a lost database gets a Thai 503 page."""

import logging

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from core.audit import record
from core.models import AuditEvent
from core.outage import DATABASE_ERRORS, database_unavailable

log = logging.getLogger(__name__)

REFUSED_STATUSES = {403, 404}


def _unscoped_prefixes() -> tuple[str, ...]:
    prefixes = ["/" + settings.STATIC_URL.lstrip("/"), "/" + settings.MEDIA_URL.lstrip("/"), "/favicon.ico"]
    return tuple(p for p in prefixes if p != "/")


class RefusalAuditMiddleware:
    """Records every 403 and 404 that a signed-in user gets, with the path they asked for."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.skip_prefixes = _unscoped_prefixes()

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in REFUSED_STATUSES and not request.path.startswith(self.skip_prefixes):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                record(
                    AuditEvent.Action.REFUSED,
                    request=request,
                    status=response.status_code,
                    method=request.method,
                )
        return response


class NoStoreMiddleware:
    """Every page and download the portal builds is `Cache-Control: no-store`: nearly all of them carry people's
    names, national IDs or addresses, which must not stay in a browser's or proxy's cache on a shared office
    computer. A view that sets its own Cache-Control keeps it. Static files never reach this (WhiteNoise answers
    them first) and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers with the Thai 'try again shortly' page, not a traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            log.error("Database unavailable during %s %s: %s", request.method, request.path, exception)
            return database_unavailable(request)
        return None


class RefuseNulCharactersMiddleware:
    """A URL or query string with a NUL character is a bad request (400): PostgreSQL cannot store or even search
    for NUL in text, so it would otherwise end as a server error in whichever view passed it to a query.
    Forms refuse NUL in posted fields themselves, with a Thai message on the field."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            from django.core.exceptions import SuspiciousOperation

            raise SuspiciousOperation("NUL character in the URL or query string")
        return self.get_response(request)


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """Thai unless the user chose English (the language cookie set by the switch in the top bar).

    The browser's Accept-Language is not asked: many offices' computers run an English Windows, and the officers
    using them still read Thai first.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
