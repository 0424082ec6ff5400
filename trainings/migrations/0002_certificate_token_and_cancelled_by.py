import secrets

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import trainings.models


def give_every_registration_a_token(apps, schema_editor):
    Registration = apps.get_model("trainings", "Registration")
    for registration in Registration.objects.filter(certificate_token__isnull=True).only("pk"):
        registration.certificate_token = secrets.token_urlsafe(16)
        registration.save(update_fields=["certificate_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="cancelled_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        # Added empty, filled row by row, then made unique: one default for all existing rows would collide.
        migrations.AddField(
            model_name="registration",
            name="certificate_token",
            field=models.CharField(max_length=32, null=True, editable=False),
        ),
        migrations.RunPython(give_every_registration_a_token, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="certificate_token",
            field=models.CharField(
                default=trainings.models._new_certificate_token, editable=False, max_length=32, unique=True
            ),
        ),
    ]
