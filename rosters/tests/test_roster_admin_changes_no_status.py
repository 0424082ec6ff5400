"""The administrators' roster admin (import/export of volunteers) does not change a status by hand: that skips the
status step (no StatusChange on record). A status changes on the volunteer's status page, or by a file import, which
records each step (test_admin_import_follows_the_staff_rules)."""

import datetime as dt

import pytest
from django.urls import reverse

from core import thai
from tests.admin_forms import form_as_posted
from volunteers.models import StatusChange, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_the_roster_admin_shows_the_status_but_a_posted_status_changes_nothing(client_for, admin_user, lampang):
    volunteer = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7), status=Volunteer.Status.ACTIVE)
    client = client_for(admin_user)
    url = reverse("admin:rosters_volunteerroster_change", args=[volunteer.pk])
    data = form_as_posted(client, url)
    data.update(
        status=Volunteer.Status.RESIGNED,
        status_changed_on=thai.format_date_numeric_be(dt.date(2026, 5, 1)),
        first_name="แก้ชื่อ",
    )

    page = client.get(url).content.decode()
    response = client.post(url, data)

    assert 'name="status"' not in page and 'name="status_changed_on"' not in page
    assert "ปฏิบัติหน้าที่" in page  # shown, as on the registry's own admin page
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert (volunteer.status, volunteer.status_changed_on, volunteer.first_name) == ("active", None, "แก้ชื่อ")
    assert not StatusChange.objects.filter(volunteer=volunteer).exists()
