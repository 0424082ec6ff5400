"""Pages and downloads with people's details are never kept in a browser's or proxy's cache; static files are."""

import pytest
from django.urls import reverse

from mentors.tests.factories import MentorFactory
from trainings.tests.factories import EventFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def assert_not_stored(response):
    assert response.status_code == 200, response.status_code
    assert "no-store" in response["Cache-Control"]


def test_a_volunteer_page_is_not_stored(client_for, lampang_officer, lampang):
    volunteer = VolunteerFactory(province=lampang)
    response = client_for(lampang_officer).get(reverse("volunteers:detail", args=[volunteer.pk]))
    assert_not_stored(response)
    assert response["Pragma"] == "no-cache"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_volunteer_export_is_not_stored(client_for, lampang_officer, lampang, fmt):
    VolunteerFactory(province=lampang)
    response = client_for(lampang_officer).get(reverse("rosters:export_volunteers", args=[fmt]))
    assert_not_stored(response)
    assert "attachment" in response["Content-Disposition"]


def test_a_mentor_page_is_not_stored(client_for, lampang_officer, lampang):
    mentor = MentorFactory(province=lampang)
    assert_not_stored(client_for(lampang_officer).get(reverse("mentors:detail", args=[mentor.pk])))


def test_an_event_sign_in_sheet_is_not_stored(client_for, lampang_officer, lampang):
    event = EventFactory(host_province=lampang)
    day = event.days.get()
    assert_not_stored(client_for(lampang_officer).get(reverse("trainings:sheet", args=[event.pk, day.pk])))


def test_the_redirect_to_the_login_page_and_the_login_page_are_not_stored(client):
    response = client.get("/volunteers/")
    assert response.status_code == 302 and "no-store" in response["Cache-Control"]
    assert "no-store" in client.get(response["Location"])["Cache-Control"]


def test_static_files_stay_cacheable(client, settings):
    # As `make dev` serves them (from the source folders); `make run` serves the collected copies the same way.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert not response.has_header("Pragma")
