"""The history tables keep an index on the row (pgh_obj) and the write (pgh_context) they are read by, and drop
pghistory's index on each key they copy (config/settings.py, PGHISTORY_FOREIGN_KEY_FIELD)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("provinces", "0005_subdistrict_in_province"),
    ]

    operations = [
        migrations.AlterField(
            model_name="subdistrictquotaevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="provinces.subdistrict",
            ),
        ),
    ]
