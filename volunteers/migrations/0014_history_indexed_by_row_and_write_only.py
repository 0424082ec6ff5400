"""The history tables keep an index on the row (pgh_obj) and the write (pgh_context) they are read by, and drop
pghistory's index on each key they copy (config/settings.py, PGHISTORY_FOREIGN_KEY_FIELD)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0008_history_indexed_by_row_and_write_only"),
        ("provinces", "0006_history_indexed_by_row_and_write_only"),
        ("volunteers", "0013_subdistrict_in_province"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="termevent",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ผู้บันทึก",
            ),
        ),
        migrations.AlterField(
            model_name="termevent",
            name="volunteer",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="volunteers.volunteer",
                verbose_name="อาสาสมัคร",
            ),
        ),
        migrations.AlterField(
            model_name="volunteerevent",
            name="mentor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="mentors.mentor",
                verbose_name="พี่เลี้ยง",
            ),
        ),
        migrations.AlterField(
            model_name="volunteerevent",
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
            model_name="volunteerevent",
            name="subdistrict",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="provinces.subdistrict",
                verbose_name="ตำบล/แขวง",
            ),
        ),
    ]
