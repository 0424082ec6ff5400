from django.urls import path

from mentors import views

app_name = "mentors"

urlpatterns = [
    path("", views.mentor_list, name="list"),
    path("new/", views.mentor_create, name="create"),
    path("<int:pk>/", views.mentor_detail, name="detail"),
    path("<int:pk>/national-id/", views.mentor_national_id, name="national_id"),
    path("<int:pk>/edit/", views.mentor_edit, name="edit"),
]
