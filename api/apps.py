from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("การเชื่อมต่อระบบอื่น (API)")

    def ready(self):
        # drf-spectacular finds the token authentication's description here when it builds the schema.
        from api import schema  # noqa: F401
