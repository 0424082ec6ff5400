from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("ส่วนกลางของระบบ")

    def ready(self):
        # Not as a side effect of importing the admin: every app's models, with the rows Django makes to join two,
        # are loaded by now, and the names hold wherever a row is shown.
        from core.row_names import name_other_apps_rows_in_thai

        name_other_apps_rows_in_thai()
