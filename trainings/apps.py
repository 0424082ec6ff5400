from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("การฝึกอบรม")

    def ready(self):
        from trainings.status_checks import attended_while_out
        from volunteers import recorded_work

        recorded_work.register(attended_while_out)
