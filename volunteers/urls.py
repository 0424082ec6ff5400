from django.urls import path

from volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("", views.volunteer_list, name="list"),
    path("new/", views.volunteer_create, name="create"),
    path("assign-mentor/", views.assign_mentor, name="assign_mentor"),
    path("<int:pk>/", views.volunteer_detail, name="detail"),
    path("<int:pk>/national-id/", views.volunteer_national_id, name="national_id"),
    path("<int:pk>/edit/", views.volunteer_edit, name="edit"),
    path("<int:pk>/status/", views.volunteer_status, name="status"),
    path("<int:pk>/move/", views.volunteer_move, name="move"),
]
