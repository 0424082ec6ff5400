import pytest
from django.urls import reverse

from rosters.tests.factories import person, xlsx_bytes
from rosters.tests.helpers import upload

pytestmark = pytest.mark.django_db


def test_the_import_pages_switch_to_english(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    home = client.get(reverse("rosters:list")).content.decode()
    preview = client.get(reverse("rosters:job", args=[job.pk])).content.decode()

    assert "Import and export rosters" in home and "Upload and check" in home and "Import history" in home
    assert "File check" in preview and "Confirm import of 1 rows" in preview
