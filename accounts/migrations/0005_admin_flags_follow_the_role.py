"""The admin site's flags follow each account's role (accounts.roles.apply_role): accounts demoted from administrator
before that rule kept is_staff and is_superuser, which this takes away. Accounts without a profile are left as they are
(a superuser made with `manage.py createsuperuser` is the first administrator)."""

from django.conf import settings
from django.db import migrations

ADMIN = "admin"


def flags_follow_the_role(apps, schema_editor):
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    users = apps.get_model(app_label, model_name).objects
    users.filter(staff_profile__role=ADMIN).update(is_staff=True, is_superuser=True)
    users.filter(staff_profile__isnull=False).exclude(staff_profile__role=ADMIN).update(
        is_staff=False, is_superuser=False
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_constraint_messages_in_thai"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(flags_follow_the_role, migrations.RunPython.noop)]
