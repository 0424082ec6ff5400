"""The portal's URLs plus views that fail on purpose, for the error-page and database-outage tests."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns
from provinces.models import Province


def crash(request):
    raise RuntimeError("a bug with a secret detail: 1-2345-67890-12-1")


def lose_database_midway(request):
    """Reads, then the server ends this connection (as a restart would), then reads again."""
    Province.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    return HttpResponse(str(Province.objects.count()))


def count_provinces(request):
    return HttpResponse(str(Province.objects.count()))


urlpatterns = [
    path("_test/crash/", crash),
    path("_test/lose-database/", lose_database_midway),
    path("_test/count/", count_provinces),
    *portal_urlpatterns,
]
handler500 = "core.views.server_error"
