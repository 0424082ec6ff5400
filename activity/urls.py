from django.urls import path

from activity import views

app_name = "activity"

urlpatterns = [
    path("", views.home, name="home"),
    path("rates/", views.rates, name="rates"),
    path("rates.xlsx", views.rates_xlsx, name="rates_xlsx"),
    path("province/<str:code>/", views.summary, name="summary"),
    path("province/<str:code>/rates/", views.province_rates, name="province_rates"),
    path("province/<str:code>/rates.xlsx", views.province_rates_xlsx, name="province_rates_xlsx"),
    path("province/<str:code>/grid/", views.grid, name="grid"),
    path("province/<str:code>/close/", views.close_month, name="close_month"),
    path("province/<str:code>/reopen/", views.reopen_month, name="reopen_month"),
]
