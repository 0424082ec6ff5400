"""The appointment on a volunteer's record is their first term. Found by probe P8: on the edit page an officer moved
the appointment of someone appointed for two terms (the record then said "appointed 1 Dec 2567", the terms "since
18 Nov 2564", and past years' counts moved), and cleared the date of someone with a term on record. Both are refused
(volunteers.services.appointment_terms_error, asked by the edit page, the API and the admin); with one term the date
is still corrected, the term following it."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.english import field_errors
from volunteers import services
from volunteers.models import Term, Volunteer
from volunteers.tests.factories import VolunteerFactory
from volunteers.tests.test_edit_volunteer import edit_data

pytestmark = pytest.mark.django_db

FIRST = dt.date(2021, 11, 18)
SECOND = dt.date(2024, 11, 18)


@pytest.fixture
def two_terms(lampang, lampang_officer):
    volunteer = VolunteerFactory(province=lampang, appointed_on=FIRST, appointment_order="ลป 5/2564")
    services.sync_first_term(volunteer, by=lampang_officer)
    Term.objects.filter(volunteer=volunteer).update(ends_on=SECOND - dt.timedelta(days=1))
    Term.objects.create(volunteer=volunteer, order_no="ลป 7/2567", starts_on=SECOND, ends_on=dt.date(2027, 11, 17))
    volunteer.refresh_from_db()
    return volunteer


def edit(client, volunteer, **changes):
    return client.post(reverse("volunteers:edit", args=[volunteer.pk]), edit_data(volunteer, **changes))


def test_the_appointment_of_someone_appointed_again_is_not_moved(client_for, lampang_officer, two_terms):
    response = edit(client_for(lampang_officer), two_terms, appointed_on="01/12/2567", appointment_order="ลป 5/2564")

    assert response.status_code == 200
    assert field_errors(response)["appointed_on"] == [
        "อาสาสมัครรายนี้ได้รับแต่งตั้งมาแล้ว 2 วาระ วันที่แต่งตั้งและเลขที่คำสั่งเป็นของวาระแรก "
        "(เริ่ม 18 พ.ย. 2564 ตามคำสั่ง ลป 5/2564) จึงแก้ที่นี่ไม่ได้"
    ]
    assert Volunteer.objects.get(pk=two_terms.pk).appointed_on == FIRST


def test_other_details_of_someone_appointed_again_are_still_edited(client_for, lampang_officer, two_terms):
    response = edit(
        client_for(lampang_officer),
        two_terms,
        appointed_on="18/11/2564",
        appointment_order="ลป 5/2564",
        phone="0899999999",
    )

    assert response.status_code == 302
    assert Volunteer.objects.get(pk=two_terms.pk).phone == "0899999999"


def test_the_appointment_of_someone_with_a_term_is_not_cleared(client_for, lampang_officer, lampang):
    volunteer = VolunteerFactory(province=lampang, appointed_on=FIRST, appointment_order="ลป 5/2564")
    services.sync_first_term(volunteer, by=lampang_officer)

    response = edit(client_for(lampang_officer), volunteer, appointed_on="", appointment_order="ลป 5/2564")

    assert response.status_code == 200
    assert "วันที่แต่งตั้งเป็นวันเริ่มวาระแรก (18 พ.ย. 2564)" in field_errors(response)["appointed_on"][0]
    assert Volunteer.objects.get(pk=volunteer.pk).appointed_on == FIRST


def test_with_one_term_the_date_is_corrected_and_the_term_follows(client_for, lampang_officer, lampang):
    volunteer = VolunteerFactory(province=lampang, appointed_on=FIRST, appointment_order="ลป 5/2564")
    services.sync_first_term(volunteer, by=lampang_officer)

    response = edit(client_for(lampang_officer), volunteer, appointed_on="19/11/2564", appointment_order="ลป 5/2564")

    assert response.status_code == 302
    assert list(Term.objects.filter(volunteer=volunteer).values_list("starts_on", flat=True)) == [dt.date(2021, 11, 19)]
