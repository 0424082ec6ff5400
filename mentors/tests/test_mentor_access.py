"""Who may open and change which mentor page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_chiang_mai_officer_gets_404_on_lampang_mentor_urls(client_for, chiangmai_officer, lampang_mentor):
    client = client_for(chiangmai_officer)
    for url in [reverse("mentors:detail", args=[lampang_mentor.pk]), reverse("mentors:edit", args=[lampang_mentor.pk])]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"first_name": "แก้"}).status_code == 404, url
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.first_name == "วิไล"
    assert "พี่เลี้ยงดี" not in client.get(reverse("mentors:list"), {"province": "52"}).content.decode()


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst"])
def test_read_only_personas_read_but_cannot_write(persona, personas, client_for, lampang_mentor):
    client = client_for(personas[persona])
    html = client.get(reverse("mentors:detail", args=[lampang_mentor.pk])).content.decode()
    assert "วิไล พี่เลี้ยงดี" in html
    assert reverse("mentors:edit", args=[lampang_mentor.pk]) not in html
    assert client.get(reverse("mentors:edit", args=[lampang_mentor.pk])).status_code == 403
    assert client.post(reverse("mentors:edit", args=[lampang_mentor.pk]), {"first_name": "แก้"}).status_code == 403
    assert client.get(reverse("mentors:create")).status_code == 403
    assert client.post(reverse("mentors:create"), {"first_name": "ใหม่"}).status_code == 403
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.first_name == "วิไล"
