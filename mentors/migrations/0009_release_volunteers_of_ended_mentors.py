"""Volunteers still attached to a mentor who had ended (before Mentor.save released them) or to a mentor of another
province: left without a mentor, so that they are counted and offered for assignment as the volunteers of a mentor
ended from now on are. pghistory's trigger records each one's former mentor."""

from django.db import migrations
from django.db.models import F, Q
from django.utils import timezone


def release(apps, schema_editor):
    Volunteer = apps.get_model("volunteers", "Volunteer")
    Volunteer.objects.filter(mentor__isnull=False).filter(
        Q(mentor__is_active=False) | ~Q(province_id=F("mentor__province_id"))
    ).update(mentor=None, updated_at=timezone.now(), version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0008_history_indexed_by_row_and_write_only"),
        ("volunteers", "0018_constraint_messages_in_thai"),
    ]

    operations = [migrations.RunPython(release, migrations.RunPython.noop)]
