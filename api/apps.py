from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "การเชื่อมต่อระบบอื่น (API)"

    def ready(self):
        # drf-spectacular finds the token authentication's description here when it builds the schema.
        from api import schema  # noqa: F401
