from django.urls import path

from rosters import views

app_name = "rosters"

urlpatterns = [
    path("", views.roster_home, name="list"),
    path("upload/", views.upload, name="upload"),
    path("template/<slug:kind>.xlsx", views.template_download, name="template"),
    path("imports/<int:pk>/", views.job_detail, name="job"),
    path("imports/<int:pk>/progress.json", views.job_progress, name="progress"),
    path("imports/<int:pk>/confirm/", views.job_confirm, name="confirm"),
    path("imports/<int:pk>/cancel/", views.job_cancel, name="cancel"),
    path("imports/<int:pk>/failed-rows.xlsx", views.failed_rows, name="failed_rows"),
    # Without a format in the path (the registry list's export button), ?format=csv|xlsx picks it; xlsx by default.
    path("export/volunteers/", views.export_volunteers, name="export_volunteers"),
    path("export/volunteers.<str:fmt>", views.export_volunteers, name="export_volunteers"),
    path("export/mentors/", views.export_mentors, name="export_mentors"),
    path("export/mentors.<str:fmt>", views.export_mentors, name="export_mentors"),
]
