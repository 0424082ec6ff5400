"""Open data pages: public, no login, the same files for everyone (reports/open_data.py builds them)."""

import hashlib

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from reports import open_data

# The files name nobody and are the same for every reader, so browsers and proxies may keep them as long as the
# server does (the portal's other pages are no-store: core.middleware.NoStoreMiddleware).
CACHE_CONTROL = f"public, max-age={open_data.KEEP_SECONDS}"


def links(request) -> dict:
    """The absolute URLs the metadata lists."""
    names = {"page": "index", "csv": "csv", "json": "json", "metadata": "metadata"}
    return {key: request.build_absolute_uri(reverse(f"open_data:{name}")) for key, name in names.items()}


@require_safe
def index(request):
    doc = open_data.document()
    # The page carries the signed-in user's menu, so it keeps the portal's no-store; only the files are public.
    return render(
        request,
        "reports/open_data.html",
        {"meta": open_data.metadata(doc, links(request)), "columns": open_data.COLUMNS, "doc": doc},
    )


@require_safe
def csv_file(request):
    doc = open_data.document()
    return published(request, open_data.csv_bytes(doc), "text/csv; charset=utf-8", doc, f"{open_data.DATASET}.csv")


@require_safe
def json_file(request):
    doc = open_data.document()
    return published(request, open_data.json_bytes(doc, links(request)), "application/json; charset=utf-8", doc)


@require_safe
def metadata(request):
    doc = open_data.document()
    body = open_data.dumps(open_data.metadata(doc, links(request)))
    return published(request, body, "application/json; charset=utf-8", doc)


def published(request, body: bytes, content_type: str, doc: dict, filename: str = "") -> HttpResponse:
    """The file with its validators (ETag of the bytes, Last-Modified of the figures), 304 when the client has it."""
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response["Last-Modified"] = http_date(doc["generated_at"].timestamp())
    response["Cache-Control"] = CACHE_CONTROL
    # Anyone's web page may read public data (no credentials are involved).
    response["Access-Control-Allow-Origin"] = "*"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=int(doc["generated_at"].timestamp()), response=response
    )
