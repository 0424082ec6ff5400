from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("ชี้เป้า คัดกรอง ส่งต่อ")

    def ready(self):
        from cases.services import cases_spotted_while_out
        from volunteers import recorded_work

        recorded_work.register(cases_spotted_while_out)
