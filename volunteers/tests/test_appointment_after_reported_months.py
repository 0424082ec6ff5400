"""An appointment date moved after months the volunteer has already reported for (or back so far that the only term
ends before them) is refused, on the edit page and through the API, naming the months: otherwise those reports
would stand for months the volunteer did not serve, as a leaving date before them is refused on the status page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from activity import services as activity_services
from activity.kinds import seed_work_kinds
from api import tokens
from volunteers import services
from volunteers.models import Term
from volunteers.tests.factories import VolunteerFactory
from volunteers.tests.test_edit_volunteer import edit_data

pytestmark = pytest.mark.django_db

JUNE = dt.date(2026, 6, 1)
MONTHS = [dt.date(2026, m, 1) for m in range(6, 12)]  # June to November 2569


@pytest.fixture
def reported(lampang, lampang_officer):
    """Appointed on 1 June 2569 (one term), reports for June to November 2569."""
    seed_work_kinds()
    volunteer = VolunteerFactory(
        province=lampang, first_name="รายงานครบ", appointed_on=JUNE, appointment_order="1/2569"
    )
    services.sync_first_term(volunteer, by=lampang_officer)
    for month in MONTHS:
        activity_services.save_report(
            volunteer=volunteer, month=month, counts={}, by=lampang_officer, today=month + dt.timedelta(33)
        )
    volunteer.refresh_from_db()
    return volunteer


def edit(client, volunteer, appointed_on):
    return client.post(
        reverse("volunteers:edit", args=[volunteer.pk]),
        edit_data(volunteer, appointed_on=appointed_on, appointment_order=volunteer.appointment_order),
    )


def test_the_officer_cannot_move_the_appointment_after_months_reported(client_for, lampang_officer, reported):
    response = edit(client_for(lampang_officer), reported, "15/11/2569")

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "มีรายงานประจำเดือนของ มิ.ย. 2569, ก.ค. 2569, ส.ค. 2569, ก.ย. 2569, ต.ค. 2569 ก่อนวันที่แต่งตั้ง 15 พ.ย. 2569"
    ) in page
    reported.refresh_from_db()
    assert reported.appointed_on == JUNE
    assert list(Term.objects.filter(volunteer=reported).values_list("starts_on", flat=True)) == [JUNE]


def test_a_date_within_the_first_month_reported_is_accepted(client_for, lampang_officer, reported):
    response = edit(client_for(lampang_officer), reported, "20/06/2569")

    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.appointed_on == dt.date(2026, 6, 20)


def test_a_date_whose_only_term_would_end_before_months_reported_is_refused(client_for, lampang_officer, reported):
    # A term from 1 June 2562 (2019) ends in 2565, years before the reports of 2569.
    response = edit(client_for(lampang_officer), reported, "01/06/2562")

    page = response.content.decode()
    assert response.status_code == 200
    assert "หลังวันสิ้นสุดวาระ 31 พ.ค. 2565 ซึ่งนับจากวันที่แต่งตั้ง 1 มิ.ย. 2562" in page
    reported.refresh_from_db()
    assert reported.appointed_on == JUNE


def test_the_api_refuses_it_with_the_same_message(lampang_officer, reported):
    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION=f"Bearer {tokens.create_token(user=lampang_officer, name='ทดสอบ', days=30, read_only=False)[1]}"
    )
    url = f"/api/v1/volunteers/{reported.pk}/"

    response = api.patch(url, {"appointed_on": "2026-11-15"}, format="json", HTTP_IF_MATCH=f'"{reported.version}"')

    assert response.status_code == 400
    assert "ก่อนวันที่แต่งตั้ง 15 พ.ย. 2569" in str(response.json())
    reported.refresh_from_db()
    assert reported.appointed_on == JUNE


def test_the_rule_speaks_english_on_an_english_page(reported):
    reported.appointed_on = dt.date(2026, 11, 15)
    with translation.override("en"):
        message = services.appointment_reports_error(reported)
    assert message.startswith(
        "There are monthly reports for Jun 2026, Jul 2026, Aug 2026, Sep 2026, Oct 2026, before the appointment date "
        "15 Nov 2026."
    )


def test_an_edit_that_leaves_the_appointment_alone_is_not_held_up(client_for, lampang_officer, reported):
    # Data an older door left: the appointment already after the months reported.
    type(reported).objects.across_provinces("test").filter(pk=reported.pk).update(appointed_on=dt.date(2026, 11, 15))
    reported.refresh_from_db()

    response = client_for(lampang_officer).post(
        reverse("volunteers:edit", args=[reported.pk]),
        edit_data(
            reported,
            phone="0899999999",
            appointed_on="15/11/2569",
            appointment_order=reported.appointment_order,
        ),
    )

    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.phone == "0899999999"


@pytest.mark.parametrize("change_page", ["admin:volunteers_volunteer_change", "admin:rosters_volunteerroster_change"])
def test_the_admin_cannot_either(client_for, admin_user, reported, change_page):
    from tests.admin_forms import form_as_posted

    client = client_for(admin_user)
    url = reverse(change_page, args=[reported.pk])

    response = client.post(url, {**form_as_posted(client, url), "appointed_on": "15/11/2569"})

    assert response.status_code == 200
    assert "มีรายงานประจำเดือนของ มิ.ย. 2569" in response.content.decode()
    reported.refresh_from_db()
    assert reported.appointed_on == JUNE
