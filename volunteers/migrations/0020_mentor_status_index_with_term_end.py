"""The mentor list counts each mentor's serving volunteers (active, term not ended: volunteers.rules) from the (mentor,
status) index alone: the term's end is carried in the index. Before, each count read the volunteers' rows for the
term's end, 26,485 heap blocks for the ten mentors of a page of Nakhon Ratchasima on the load benchmark's fill
(bench/HISTORY.md, 6 Dec 2026)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0009_release_volunteers_of_ended_mentors"),
        ("provinces", "0007_province_map_code_help_in_thai"),
        ("volunteers", "0019_absence_kept_for_the_reports"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="volunteer",
            name="volunteer_mentor_status",
        ),
        migrations.AddIndex(
            model_name="volunteer",
            index=models.Index(fields=["mentor", "status"], include=("term_ends_on",), name="volunteer_mentor_status"),
        ),
    ]
