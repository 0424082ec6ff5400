"""A volunteer who moved to another district shows on the new district's grid with the reports they made before the
move, which count there (activity.tallies: where the volunteer is now). Found by helper F3: the row was empty, as if
the month had not been reported, and typing it in again was refused as a second report of the month."""

import datetime as dt

import pytest
from django.urls import reverse

from activity import services
from provinces.models import District
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

MONTH = dt.date(2026, 10, 1)
GRID = reverse("activity:grid", args=["52"])


def test_the_new_districts_grid_shows_the_month_reported_before_the_move(client_for, lampang_officer, work_kinds):
    before, after = District.objects.get(code="5201"), District.objects.get(code="5202")
    volunteer = VolunteerFactory(
        province=before.province,
        subdistrict=before.subdistricts.order_by("code").first(),
        appointed_on=dt.date(2024, 1, 1),
    )
    services.save_report(
        volunteer=volunteer, month=MONTH, counts={"info_jobs": "6"}, by=lampang_officer, today=dt.date(2026, 11, 3)
    )
    Volunteer.objects.filter(pk=volunteer.pk).update(subdistrict=after.subdistricts.order_by("code").first())

    page = client_for(lampang_officer).get(GRID, {"district": after.code, "month": "2026-10"}).content.decode()

    report = volunteer.monthly_reports.get()
    form = page.split(f'<form id="row-{volunteer.pk}"')[1].split("</form>")[0]
    assert f'name="report" value="{report.pk}"' in form  # a save corrects it, not a second report
    row = page.split(f'data-form="row-{volunteer.pk}"')[1].split("</tr>")[0]
    assert 'value="6"' in row
