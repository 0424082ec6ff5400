from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views
from accounts.forms import ThaiLoginForm

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=ThaiLoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("2fa/", views.two_factor_verify, name="two_factor_verify"),
    path("2fa/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("security/", views.security, name="security"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
]
