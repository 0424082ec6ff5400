"""Names stored before core.thai.clean_text put a tone mark typed before its vowel after it, and joined a sara am
typed in two halves around a tone mark: written again as the forms, the import and the search boxes now take them,
so that a search finds them."""

from django.db import migrations

from core.people import clean_stored_names_operation

NAME_COLUMNS = ("title_other", "first_name", "last_name", "first_name_en", "last_name_en", "village_name")


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0020_mentor_status_index_with_term_end")]

    operations = [clean_stored_names_operation("volunteers_volunteer", NAME_COLUMNS)]
