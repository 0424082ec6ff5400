from django.db import migrations


def seed(apps, schema_editor):
    from activity.kinds import seed_work_kinds

    seed_work_kinds(apps.get_model("activity", "WorkKind"))


class Migration(migrations.Migration):
    dependencies = [("activity", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
