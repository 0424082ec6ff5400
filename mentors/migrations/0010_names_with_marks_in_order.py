"""Names stored before core.thai.clean_text put a tone mark typed before its vowel after it, and joined a sara am
typed in two halves around a tone mark: written again as the forms, the import and the search boxes now take them,
so that a search finds them."""

from django.db import migrations

from core.people import clean_stored_names_operation

NAME_COLUMNS = ("title", "first_name", "last_name", "position")


class Migration(migrations.Migration):
    dependencies = [("mentors", "0009_release_volunteers_of_ended_mentors")]

    operations = [clean_stored_names_operation("mentors_mentor", NAME_COLUMNS)]
