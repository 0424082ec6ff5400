"""An officer types the village number (หมู่ที่) on the registration and edit pages: 1 to 99, as the roster import
and the API take it. 0 or 100 is refused on the field in Thai (in English for an English reader), and nothing is saved."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from api.serializers import VolunteerWriteSerializer
from core.thai import national_id_with_check_digit
from rosters.validation import parsers
from rosters.validation.cells import CellError
from tests.english import field_errors, in_english
from volunteers.models import Volunteer
from volunteers.rules import VILLAGE_NO_MAX, VILLAGE_NO_MIN

pytestmark = pytest.mark.django_db

REFUSED = "หมู่ที่ต้องเป็นตัวเลข 1–99"


@pytest.fixture
def registration(lampang):
    subdistrict = lampang.subdistricts.order_by("code").first()
    return {
        "national_id": national_id_with_check_digit("152010007788"),
        "title": "miss",
        "first_name": "ดวงพร",
        "last_name": "ศรีนวลแก้ว",
        "gender": "female",
        "birth_date": "15/08/2530",
        "district": subdistrict.district_id,
        "subdistrict": subdistrict.pk,
        "appointed_on": "07/01/2563",
    }


@pytest.mark.parametrize("village_no", ["0", "100", "-1"])
def test_registration_refuses_a_village_number_outside_1_to_99(client_for, lampang_officer, registration, village_no):
    response = client_for(lampang_officer).post(reverse("volunteers:create"), registration | {"village_no": village_no})
    assert response.status_code == 200
    assert field_errors(response)["village_no"] == [REFUSED]
    assert not Volunteer.objects.filter(first_name="ดวงพร").exists()


@pytest.mark.parametrize("village_no", [1, 99])
def test_the_ends_of_the_range_are_taken(client_for, lampang_officer, registration, village_no):
    response = client_for(lampang_officer).post(reverse("volunteers:create"), registration | {"village_no": village_no})
    assert response.status_code == 302
    assert Volunteer.objects.get(first_name="ดวงพร").village_no == village_no


def test_the_edit_page_refuses_it_too(client_for, lampang_officer, lampang_volunteer):
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(village_no=4)
    data = {
        "national_id": lampang_volunteer.national_id,
        "title": lampang_volunteer.title,
        "first_name": lampang_volunteer.first_name,
        "last_name": lampang_volunteer.last_name,
        "subdistrict": lampang_volunteer.subdistrict_id,
        "mentor": lampang_volunteer.mentor_id,
        "village_no": "100",
        "version": lampang_volunteer.version,
    }
    response = client_for(lampang_officer).post(reverse("volunteers:edit", args=[lampang_volunteer.pk]), data)
    assert field_errors(response)["village_no"] == [REFUSED]
    assert Volunteer.objects.get(pk=lampang_volunteer.pk).village_no == 4


def test_an_english_reader_is_told_in_english(client_for, lampang_officer, registration):
    client = in_english(client_for(lampang_officer))
    response = client.post(reverse("volunteers:create"), registration | {"village_no": "0"})
    assert field_errors(response)["village_no"] == ["The village no. must be a number from 1 to 99"]


def test_the_page_the_api_and_the_import_take_the_same_range(client_for, lampang_officer):
    form = client_for(lampang_officer).get(reverse("volunteers:create")).content.decode()
    assert f'name="village_no" min="{VILLAGE_NO_MIN}" max="{VILLAGE_NO_MAX}"' in form
    api = VolunteerWriteSerializer().fields["village_no"]
    assert (api.min_value, api.max_value) == (VILLAGE_NO_MIN, VILLAGE_NO_MAX)
    cell = parsers.village_no(SimpleNamespace(header="หมู่ที่"), None)
    assert (cell(VILLAGE_NO_MIN), cell(VILLAGE_NO_MAX)) == (VILLAGE_NO_MIN, VILLAGE_NO_MAX)
    for outside in (VILLAGE_NO_MIN - 1, VILLAGE_NO_MAX + 1):
        with pytest.raises(CellError):
            cell(outside)


def test_the_admin_refuses_it_too(client_for, admin_user, lampang_volunteer):
    from tests.admin_forms import form_as_posted

    client = client_for(admin_user)
    url = reverse("admin:volunteers_volunteer_change", args=[lampang_volunteer.pk])

    response = client.post(url, {**form_as_posted(client, url), "village_no": "100"})

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert Volunteer.objects.get(pk=lampang_volunteer.pk).village_no != 100
