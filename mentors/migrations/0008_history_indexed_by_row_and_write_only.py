"""The history tables keep an index on the row (pgh_obj) and the write (pgh_context) they are read by, and drop
pghistory's index on each key they copy (config/settings.py, PGHISTORY_FOREIGN_KEY_FIELD)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0007_update_history_written_by_bulk_writers"),
        ("provinces", "0006_history_indexed_by_row_and_write_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="mentorevent",
            name="agency",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="provinces.agency",
                verbose_name="หน่วยงาน",
            ),
        ),
        migrations.AlterField(
            model_name="mentorevent",
            name="province",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="provinces.province",
                verbose_name="จังหวัด",
            ),
        ),
        migrations.AlterField(
            model_name="mentorevent",
            name="user",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="บัญชีผู้ใช้",
            ),
        ),
    ]
