"""A volunteer's national ID stays unique through a named constraint instead of unique=True, which on PostgreSQL
also built a varchar_pattern_ops index for LIKE: IDs are looked up whole (search, import, API), never by prefix,
and that index was one of the costliest of the 19 each new volunteer writes (random keys, like the unique one)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0008_history_indexed_by_row_and_write_only"),
        ("provinces", "0006_history_indexed_by_row_and_write_only"),
        ("volunteers", "0015_term_overlap_checked_by_trigger"),
    ]

    operations = [
        migrations.AlterField(
            model_name="volunteer",
            name="national_id",
            field=models.CharField(max_length=13, verbose_name="เลขประจำตัวประชาชน"),
        ),
        migrations.AddConstraint(
            model_name="volunteer",
            constraint=models.UniqueConstraint(
                fields=("national_id",),
                name="volunteer_national_id_unique",
                violation_error_code="unique",
                violation_error_message="เลขประจำตัวประชาชนนี้ลงทะเบียนแล้ว",
            ),
        ),
    ]
