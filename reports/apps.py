from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("รายงาน")

    def ready(self):
        from reports import caching, tallies
        from volunteers import selectors, signals

        # The volunteer list's total comes from the tallies this app keeps, not from a COUNT(*) over the registry.
        selectors.count_registry_with(tallies.volunteer_count)
        # The province a volunteer left has no row to show the change in its stamp.
        signals.volunteer_moved.connect(
            caching.forget_moved_volunteers_provinces, dispatch_uid="reports.forget_moved_volunteers_provinces"
        )
