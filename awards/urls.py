from django.urls import path

from awards import views

app_name = "awards"

urlpatterns = [
    path("", views.nomination_list, name="list"),
    path("nominate/", views.nominate, name="nominate"),
    path("review/", views.review, name="review"),
    path("outstanding/", views.outstanding, name="outstanding"),
    path("outstanding.xlsx", views.outstanding_xlsx, name="outstanding_xlsx"),
    path("nominations/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("nominations/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("check/<str:code>/", views.verify, name="verify"),
]
