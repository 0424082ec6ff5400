"""A returned volunteer's latest absence (suspended, resigned, or between terms) on their record, derived from their
status changes and terms (volunteers.absences), so that the reports count them as not serving at the ends of the fiscal
years in between (reports migration 0016 counts the tally by it)."""

from django.db import migrations, models


def record(apps, schema_editor):
    from volunteers.absences import record_absences

    record_absences()


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0018_constraint_messages_in_thai"),
    ]

    operations = [
        migrations.AddField(
            model_name="volunteer",
            name="absence_status",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                editable=False,
                max_length=12,
                verbose_name="สถานะระหว่างที่ไม่ได้ปฏิบัติหน้าที่",
            ),
        ),
        migrations.AddField(
            model_name="volunteer",
            name="absent_from",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="ไม่ได้ปฏิบัติหน้าที่ตั้งแต่"),
        ),
        migrations.AddField(
            model_name="volunteer",
            name="absent_until",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="กลับมาปฏิบัติหน้าที่เมื่อ"),
        ),
        migrations.RunPython(record, migrations.RunPython.noop),
    ]
