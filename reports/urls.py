from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<slug:table>.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("completeness/", views.completeness, name="completeness"),
    path("completeness/<slug:table>.xlsx", views.completeness_xlsx, name="completeness_xlsx"),
    path("province/<str:code>/", views.province_report, name="province"),
    path("province/<str:code>/report.xlsx", views.province_xlsx, name="province_xlsx"),
]
