"""/api/: the resources (v1), the OpenAPI schema and its browsable page."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from api import figures, views, work_views
from api.docs import ApiDocsView
from api.schema import SchemaView

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.register("regions", views.RegionViewSet, basename="region")
router.register("provinces", views.ProvinceViewSet, basename="province")
router.register("districts", views.DistrictViewSet, basename="district")
router.register("subdistricts", views.SubdistrictViewSet, basename="subdistrict")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("volunteers", views.VolunteerViewSet, basename="volunteer")
router.register("mentors", views.MentorViewSet, basename="mentor")
router.register("events", views.EventViewSet, basename="event")
router.register("registrations", views.RegistrationViewSet, basename="registration")
router.register("import-jobs", views.ImportJobViewSet, basename="import-job")
router.register("work-kinds", work_views.WorkKindViewSet, basename="work-kind")
router.register("monthly-reports", work_views.MonthlyReportViewSet, basename="monthly-report")
router.register("cases", work_views.CaseViewSet, basename="case")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/figures/national/", figures.NationalFiguresView.as_view(), name="figures-national"),
    path("v1/figures/provinces/<str:code>/", figures.ProvinceFiguresView.as_view(), name="figures-province"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(), name="docs"),
]
