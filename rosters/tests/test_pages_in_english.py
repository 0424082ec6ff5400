import pytest
from django.urls import reverse

from rosters.tests.factories import person, xlsx_bytes
from rosters.tests.helpers import confirm, upload

pytestmark = pytest.mark.django_db


def test_the_import_pages_switch_to_english(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    home = client.get(reverse("rosters:list")).content.decode()
    preview = client.get(reverse("rosters:job", args=[job.pk])).content.decode()

    assert "Import and export rosters" in home and "Upload and check" in home and "Import history" in home
    assert "File check" in preview and "Confirm import of 1 rows" in preview


def test_the_preview_of_records_to_update_heads_the_whole_name_name(client_for, lampang_officer):
    # The column holds the person's first and last name: in English "Name", not the "First name" of a first-name
    # column, with the Thai heading unchanged.
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))
    confirm(client, job)
    _, job = upload(client, xlsx_bytes([person(1, **{"นามสกุล": "ใหม่"})]))
    url = reverse("rosters:job", args=[job.pk])

    thai = client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode()

    assert "<th>ชื่อ</th>" in thai
    assert "<th>Name</th>" in english and "<td>ทดสอบ1 ใหม่</td>" in english
    assert "First name" not in english
