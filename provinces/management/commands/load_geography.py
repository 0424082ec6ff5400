from django.core.management.base import BaseCommand

from provinces.services import load_geography


class Command(BaseCommand):
    help = "Load regions, provinces, districts, subdistricts (geothai, DOPA codes) and provincial agencies. Safe to re-run."

    def handle(self, *args, **options):
        counts = load_geography()
        self.stdout.write(
            "Geography loaded (data: GeoThai, CC BY 4.0): "
            + ", ".join(f"{count:,} {name}" for name, count in counts.items())
        )
