"""The registry's titles, headings, buttons and table headers switch to English."""

import pytest
from django.urls import reverse

from core.thai import format_date_en
from volunteers import rules
from volunteers.tests.term_factories import days, ending_in

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


def test_date_fields_in_english_say_what_to_type_and_why_a_date_is_refused(client_for, lampang_officer, lampang):
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"

    form = client.get(reverse("volunteers:create")).content.decode()
    refused = client.post(reverse("volunteers:create"), {"appointed_on": "01/01/2700", "birth_date": "01/01/3000"})

    assert 'placeholder="dd/mm/yyyy (Buddhist year)"' in form and "วว/ดด/ปปปป" not in form
    page = refused.content.decode()
    assert "The date must not be in the future" in page
    assert "The year 3000 (Buddhist era) is out of range" in page


def test_the_reappointment_and_the_vacancies_in_english_name_dates_and_places_in_english(
    client_for, lampang_officer, lampang_volunteer
):
    ending_in(lampang_volunteer, -5)
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"

    reappoint = client.get(reverse("volunteers:reappoint", args=[lampang_volunteer.pk])).content.decode()
    vacancies = client.get(reverse("coverage:vacancies", args=["52"])).content.decode()

    assert format_date_en(rules.default_term_end(days(0))) in reappoint
    summary = vacancies.split('data-testid="vacancy-summary">')[1].split("</p>")[0]
    assert "subdistrict(s)" in summary and "ตำบล" not in summary
