from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "รายงาน"

    def ready(self):
        from reports import tallies
        from volunteers import selectors

        # The volunteer list's total comes from the tallies this app keeps, not from a COUNT(*) over the registry.
        selectors.count_registry_with(tallies.volunteer_count)
