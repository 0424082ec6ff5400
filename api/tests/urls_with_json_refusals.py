"""The project's URLs with api.errors.permission_denied as Django's 403 handler, as config/urls.py is to wire it: for
the tests of a refusal made before any view (accounts.middleware) under /api/."""

from config.urls import handler400, handler404, handler500, urlpatterns  # noqa: F401

handler403 = "api.errors.permission_denied"
