"""/api/docs/: Swagger UI over /api/schema/, from the files vendored by drf-spectacular-sidecar (no CDN), so it runs
under the portal's Content-Security-Policy as it is: no inline script, nothing from elsewhere."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView


class ApiDocsView(LoginRequiredMixin, TemplateView):
    """Signed-in staff try the API with their session (the CSRF token is on the page for writes)."""

    template_name = "api/docs.html"
    http_method_names = ["get", "head"]
