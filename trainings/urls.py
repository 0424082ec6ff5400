from django.urls import path

from trainings import offline, views

app_name = "trainings"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/registrations/", views.registration_list, name="registrations"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/register/group/", views.register_group, name="register_group"),
    path("<int:pk>/register/guest/", views.register_guest, name="register_guest"),
    path("<int:pk>/slips/", views.slips, name="slips"),
    path("<int:pk>/certificates/", views.certificates, name="certificates"),
    path("<int:pk>/certificates/progress.json", views.certificates_progress, name="certificates_progress"),
    path("<int:pk>/certificates/certificates.pdf", views.certificates_file, name="certificates_file"),
    path("<int:pk>/days/<int:day_pk>/checkin/", views.checkin, name="checkin"),
    path("<int:pk>/days/<int:day_pk>/tick/", views.tick, name="tick"),
    path("<int:pk>/days/<int:day_pk>/offline/list.json", offline.day_list, name="offline_list"),
    path("<int:pk>/days/<int:day_pk>/offline/sync/", offline.sync, name="offline_sync"),
    path("<int:pk>/days/<int:day_pk>/offline-sw.js", offline.worker, name="offline_worker"),
    path("<int:pk>/days/<int:day_pk>/manifest.webmanifest", offline.manifest, name="offline_manifest"),
    path("<int:pk>/days/<int:day_pk>/present/", views.mark_present, name="mark_present"),
    path("<int:pk>/days/<int:day_pk>/sheet/", views.sign_in_sheet, name="sheet"),
    path("<int:pk>/days/<int:day_pk>/sheet.pdf", views.sign_in_sheet_pdf, name="sheet_pdf"),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="cancel"),
    path("registrations/<int:pk>/slip/", views.registration_slip, name="slip"),
    path("registrations/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("verify/<str:token>/", views.verify, name="verify"),
]
