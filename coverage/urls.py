from django.urls import path

from coverage import views

app_name = "coverage"

urlpatterns = [
    path("", views.home, name="home"),
    path("province/<str:code>/quotas/", views.province_quotas, name="quotas"),
    path("province/<str:code>/quotas/province/", views.set_province_quota, name="set_province_quota"),
    path("province/<str:code>/quotas/subdistrict/", views.set_subdistrict_quota, name="set_subdistrict_quota"),
    path("province/<str:code>/vacancies/", views.vacancies, name="vacancies"),
    path("province/<str:code>/vacancies.xlsx", views.vacancies_xlsx, name="vacancies_xlsx"),
    path("province/<str:code>/vacancies.pdf", views.vacancies_pdf, name="vacancies_pdf"),
]
