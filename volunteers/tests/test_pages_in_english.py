"""The registry's titles, headings, buttons and table headers switch to English."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_volunteer_and_mentor_pages_in_english(client_for, lampang_officer, lampang_volunteer, lampang_mentor):
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("volunteers:list")).content.decode()
    assert "Labour volunteers" in html and "Register a volunteer" in html and "Subdistrict" in html
    html = client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    assert "Change history" in html and "Status history" in html and "Assign mentor" in html
    html = client.get(reverse("mentors:list")).content.decode()
    assert "Mentor officers" in html and "Volunteers without a mentor, by district" in html
    html = client.get(reverse("volunteers:create")).content.decode()
    assert "Register a labour volunteer" in html and "Save" in html
