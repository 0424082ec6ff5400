"""Every model of the project is named in English in English mode, one row in the singular and many in the plural:
Thai says both the same way (กิจกรรมฝึกอบรม), so a model names its plural with pgettext_lazy("plural", ...) and the
English catalogues translate each, and the admin says "Select training event to change", not "training events"."""

import re
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.tests.test_admin_polish import visible_text

BASE = Path(settings.BASE_DIR)


def project_models() -> list[type]:
    """The models defined in the project's own apps, not in the packages it installs."""
    found = []
    for model in apps.get_models():
        source = Path(sys.modules[model.__module__].__file__).resolve()
        if source.is_relative_to(BASE) and ".venv" not in source.relative_to(BASE).parts:
            found.append(model)
    return found


def is_english(name: str) -> bool:
    return name.isascii() and re.search("[A-Za-z]", name) is not None


def test_each_model_is_named_in_english_in_the_singular_and_the_plural():
    assert len(project_models()) > 40  # every app's models, not none by a wrong filter
    wrong = []
    for model in project_models():
        opts = model._meta
        with translation.override("th"):
            same_in_thai = str(opts.verbose_name) == str(opts.verbose_name_plural)
        with translation.override("en"):
            one, many = str(opts.verbose_name), str(opts.verbose_name_plural)
        if not (is_english(one) and is_english(many)):
            wrong.append(f"{opts.label}: not English: {one!r} / {many!r}")
        elif same_in_thai and one == many:
            wrong.append(f"{opts.label}: one name for one row and for many: {one!r}")
    assert wrong == []


@pytest.mark.django_db
def test_the_english_admin_names_one_training_event_in_the_singular(client_for, admin_user):
    client = client_for(admin_user)
    client.cookies["django_language"] = "en"

    listed = visible_text(client.get(reverse("admin:trainings_event_changelist")).text)
    index = visible_text(client.get(reverse("admin:index")).text)

    # The name lower case mid-sentence (core/tests/test_model_names_lower_case_mid_sentence.py).
    assert re.search(r"\bSelect training event to change\b", listed)
    assert not re.search(r"\bSelect training events to change\b", listed, re.IGNORECASE)
    assert "Training events" in index
