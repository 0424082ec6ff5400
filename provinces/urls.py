from django.urls import path

from provinces import views

app_name = "provinces"

urlpatterns = [
    path("", views.province_list, name="list"),
    path("<str:code>/", views.province_detail, name="detail"),
    path("<str:code>/subdistricts.json", views.subdistrict_options, name="subdistricts"),
]
