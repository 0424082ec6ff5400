"""An administrator cannot date a volunteer's appointment or PDPA consent ahead of today in the admin, as the edit
form and the import cannot (found by probing the admin, p7 D2): the rule is the volunteer's own (Volunteer.clean), so
every door that saves a volunteer keeps it; today itself is fine."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from core import thai
from provinces.models import Subdistrict
from rosters.tests.factories import nid
from tests.admin_forms import form_as_posted
from tests.english import in_english
from volunteers.models import Term, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

ADD = "admin:volunteers_volunteer_add"


def be(day: dt.date) -> str:
    return thai.format_date_numeric_be(day)


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def new_volunteer(client, province, appointed_on: dt.date) -> dict:
    data = form_as_posted(client, reverse(ADD))
    data.update(
        national_id=nid(4242),
        title="mr",
        first_name="อนาคต",
        last_name="ยังไม่มา",
        gender="male",
        birth_date="01/01/2520",
        subdistrict=Subdistrict.objects.filter(province=province).order_by("code").first().pk,
        appointed_on=be(appointed_on),
        appointment_order="ที่ 9/2570",
    )
    return data


def test_an_appointment_ahead_of_today_is_refused_and_no_volunteer_or_term_is_made(admin_client, lampang):
    ahead = timezone.localdate() + dt.timedelta(days=200)

    response = admin_client.post(reverse(ADD), new_volunteer(admin_client, lampang, ahead))

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert f"วันที่แต่งตั้ง {thai.format_date_be(ahead)} เป็นวันในอนาคต" in page
    assert not Volunteer.objects.across_provinces("test").filter(national_id=nid(4242)).exists()
    assert not Term.objects.filter(starts_on=ahead).exists()


def test_an_appointment_today_is_recorded_with_its_first_term(admin_client, lampang):
    today = timezone.localdate()

    response = admin_client.post(reverse(ADD), new_volunteer(admin_client, lampang, today))

    assert response.status_code == 302, response.context["adminform"].form.errors
    volunteer = Volunteer.objects.across_provinces("test").get(national_id=nid(4242))
    assert volunteer.terms.get().starts_on == today


def test_a_consent_dated_ahead_is_refused_and_the_record_keeps_its_date(admin_client, lampang):
    volunteer = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7))
    url = reverse("admin:volunteers_volunteer_change", args=[volunteer.pk])
    data = {**form_as_posted(admin_client, url), "consent_recorded_on": be(timezone.localdate() + dt.timedelta(days=1))}

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "วันที่ต้องไม่เป็นวันในอนาคต" in html.unescape(response.content.decode())
    volunteer.refresh_from_db()
    assert volunteer.consent_recorded_on is None


def test_in_english_both_reasons_are_in_english(admin_client, lampang):
    volunteer = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7))
    url = reverse("admin:volunteers_volunteer_change", args=[volunteer.pk])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = {**form_as_posted(admin_client, url), "appointed_on": be(tomorrow), "consent_recorded_on": be(tomorrow)}

    page = html.unescape(in_english(admin_client).post(url, data).content.decode())

    assert f"The appointment date {thai.format_date_en(tomorrow)} is in the future" in page
    assert "The date must not be in the future" in page
    assert "เป็นวันในอนาคต" not in page and "ต้องไม่เป็นวันในอนาคต" not in page
    volunteer.refresh_from_db()
    assert volunteer.appointed_on == dt.date(2020, 1, 7)
