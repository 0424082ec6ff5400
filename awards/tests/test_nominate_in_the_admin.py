"""An administrator adding a nomination in the admin is refused what the portal refuses, with the portal's reasons: a
fiscal year before the programme began (not "the year must be BE", which 2547 is), a volunteer not serving, a second
nomination of the year (at once, beside any other mistake); and a nomination added there records the administrator
who put the person forward."""

import datetime as dt
import html

import pytest
from django.urls import reverse

from awards.models import Nomination
from awards.tests.factories import NominationFactory
from core.thai import current_fiscal_year
from tests.english import in_english
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

ADD = "admin:awards_nomination_add"
CITATION = "พาผู้ว่างงาน 35 คนไปสมัครงานกับสำนักงานจัดหางานจังหวัด"


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def serving(lampang):
    return VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7))


def add(client, volunteer, fiscal_year):
    response = client.post(reverse(ADD), {"volunteer": volunteer.pk, "fiscal_year": fiscal_year, "citation": CITATION})
    return response, html.unescape(response.content.decode())


def test_a_fiscal_year_before_the_programme_is_refused_for_that_reason(admin_client, serving):
    response, page = add(admin_client, serving, 2547)

    assert response.status_code == 200
    assert (
        "ปีงบประมาณ พ.ศ. 2547 ซึ่งสิ้นสุดวันที่ 30 ก.ย. 2547 อยู่ก่อนมีโครงการอาสาสมัครแรงงาน (พ.ศ. 2548) "
        "ตรวจสอบปี พ.ศ. หรือ ค.ศ. อีกครั้ง"
    ) in page
    assert "ปีงบประมาณต้องเป็นปี พ.ศ." not in page
    assert not Nomination.objects.exists()


def test_a_year_typed_in_the_christian_era_is_refused_with_a_hint_to_check_the_era(admin_client, serving):
    _response, page = add(admin_client, serving, 2025)

    assert "ปีงบประมาณ พ.ศ. 2025 ซึ่งสิ้นสุดวันที่" in page and "ตรวจสอบปี พ.ศ. หรือ ค.ศ. อีกครั้ง" in page
    assert not Nomination.objects.exists()


def test_a_number_that_is_no_year_is_refused_in_thai_not_with_a_server_error(admin_client, serving):
    response, page = add(admin_client, serving, 12)

    assert response.status_code == 200
    assert "ปีงบประมาณต้องเป็นปี พ.ศ." in page
    assert not Nomination.objects.exists()


def test_in_english_the_reason_is_in_english(admin_client, serving):
    _response, page = add(in_english(admin_client), serving, 2547)

    assert (
        "Fiscal year 2547 BE, ending 30 Sep 2004 is before the labour volunteer programme began (2005). "
        "Check the year and its era (BE or CE)."
    ) in page


def test_the_first_fiscal_year_of_the_programme_is_accepted_and_the_admin_is_recorded_as_nominator(
    admin_client, admin_user, serving
):
    response, _page = add(admin_client, serving, 2548)

    assert response.status_code == 302
    nomination = Nomination.objects.get(volunteer=serving)
    assert nomination.fiscal_year == 2548
    assert nomination.nominated_by == admin_user


def test_a_nomination_added_in_the_admin_names_the_administrator_who_added_it(admin_client, admin_user, serving):
    response, _page = add(admin_client, serving, current_fiscal_year())

    assert response.status_code == 302
    assert Nomination.objects.get(volunteer=serving).nominated_by == admin_user


def test_someone_not_serving_is_refused_with_the_portals_reason(admin_client, lampang):
    resigned = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7), status=Volunteer.Status.RESIGNED)

    _response, page = add(admin_client, resigned, current_fiscal_year())

    assert f"เสนอชื่อ {resigned.full_name} ไม่ได้: สถานะ “ลาออก/พ้นสภาพ”" in page
    assert not Nomination.objects.exists()


def test_a_second_nomination_of_the_year_is_refused_at_once_beside_another_mistake(admin_client, serving):
    NominationFactory(volunteer=serving)

    response = admin_client.post(
        reverse(ADD), {"volunteer": serving.pk, "fiscal_year": current_fiscal_year(), "citation": ""}
    )
    page = html.unescape(response.content.decode())

    assert response.status_code == 200
    assert "อาสาสมัครคนนี้ได้รับการเสนอชื่อในปีงบประมาณนี้แล้ว" in page
    assert "ฟิลด์นี้จำเป็น" in page
    assert Nomination.objects.count() == 1
