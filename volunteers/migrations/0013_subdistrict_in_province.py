"""A volunteer's subdistrict and province checked by one foreign key of both columns: the subdistrict exists and is in
the volunteer's province (the rule Volunteer.save() keeps), in one check per row where the two keys of one column each
made two and did not see the two disagree.

The key is added after the rows are there, so a database holding a volunteer whose province is not their
subdistrict's stops here with PostgreSQL's message naming the (province, subdistrict) pair that has no such
subdistrict, rather than moving anyone to another province.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("provinces", "0005_subdistrict_in_province"),
        ("volunteers", "0012_update_history_written_by_bulk_writers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="volunteer",
            name="province",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="volunteers",
                to="provinces.province",
                verbose_name="จังหวัด",
            ),
        ),
        migrations.AlterField(
            model_name="volunteer",
            name="subdistrict",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="volunteers",
                to="provinces.subdistrict",
                verbose_name="ตำบล/แขวง",
            ),
        ),
        migrations.RunSQL(
            sql=(
                "ALTER TABLE volunteers_volunteer ADD CONSTRAINT volunteer_subdistrict_in_province "
                "FOREIGN KEY (province_id, subdistrict_id) REFERENCES provinces_subdistrict (province_id, id) "
                "DEFERRABLE INITIALLY DEFERRED"
            ),
            reverse_sql="ALTER TABLE volunteers_volunteer DROP CONSTRAINT volunteer_subdistrict_in_province",
        ),
    ]
