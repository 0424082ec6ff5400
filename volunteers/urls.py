from django.urls import path

from volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("", views.volunteer_list, name="list"),
    path("new/", views.volunteer_create, name="create"),
    path("assign-mentor/", views.assign_mentor, name="assign_mentor"),
    path("reappoint/", views.reappoint_many, name="reappoint_many"),
    path("terms-ending/", views.terms_ending, name="terms_ending"),
    path("terms-ending/xlsx/", views.terms_ending_xlsx, name="terms_ending_xlsx"),
    path("<int:pk>/", views.volunteer_detail, name="detail"),
    path("<int:pk>/national-id/", views.volunteer_national_id, name="national_id"),
    path("<int:pk>/edit/", views.volunteer_edit, name="edit"),
    path("<int:pk>/status/", views.volunteer_status, name="status"),
    path("<int:pk>/reappoint/", views.volunteer_reappoint, name="reappoint"),
    path("<int:pk>/move/", views.volunteer_move, name="move"),
]
