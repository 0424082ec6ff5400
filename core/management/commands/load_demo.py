from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from provinces.models import Province


class Command(BaseCommand):
    help = (
        "Create demo accounts and made-up volunteers, mentors and events (each app's demo.py, in INSTALLED_APPS order)."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "load_demo refuses to run with PRODUCTION=true: demo accounts have a published password."
            )
        if Province.objects.count() != 77:
            raise CommandError("Geography is not loaded: run `python manage.py load_geography` first.")
        for app in apps.get_app_configs():
            module_name = f"{app.name}.demo"
            if app.path.startswith(str(settings.BASE_DIR)) and find_spec(module_name):
                with transaction.atomic():
                    import_module(module_name).load(stdout=self.stdout)
        # The pages opened next are planned from what was just written, not from the statistics of empty tables
        # (autovacuum gets to it within a minute; a transaction still open, as in the tests, is never analysed).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
