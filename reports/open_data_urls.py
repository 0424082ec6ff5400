from django.urls import path

from reports import open_data_views as views

app_name = "open_data"

# Stable public addresses: data.go.th and other catalogues link to them; do not rename.
urlpatterns = [
    path("", views.index, name="index"),
    path("volunteer-network.csv", views.csv_file, name="csv"),
    path("volunteer-network.json", views.json_file, name="json"),
    path("volunteer-network.metadata.json", views.metadata, name="metadata"),
]
