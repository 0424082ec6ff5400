from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("ระบบเครือข่ายอาสาสมัครแรงงาน (อสร.)")
admin.site.site_title = _("ผู้ดูแลระบบ อสร.")
admin.site.index_title = _("การจัดการข้อมูล")

# A lost database anywhere in the request gets the Thai 503 page; anything else the Thai 500 page.
handler500 = "core.views.server_error"
# Under /api/ a request refused before any view (a NUL character, a page agency staff may not open, a URL of no
# route) is answered in JSON.
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.not_found"

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("provinces/", include("provinces.urls")),
    path("volunteers/", include("volunteers.urls")),
    path("mentors/", include("mentors.urls")),
    path("trainings/", include("trainings.urls")),
    path("rosters/", include("rosters.urls")),
    path("reports/", include("reports.urls")),
    path("open-data/", include("reports.open_data_urls")),
    path("activity/", include("activity.urls")),
    path("cases/", include("cases.urls")),
    path("coverage/", include("coverage.urls")),
    path("awards/", include("awards.urls")),
    path("api/", include("api.urls")),
    path("accounts/api-tokens/", include("api.token_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
