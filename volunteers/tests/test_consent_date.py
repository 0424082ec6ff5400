"""A volunteer's PDPA consent is dated when it was given: not ahead of today and not before the programme (a year
typed in the other era), on the registration page, through the import (and the API, api/tests), by one rule
(volunteers.rules.consent_date_error). Found by probe P8: 01/01/2500 was saved."""

import pytest
from django.urls import reverse

from rosters.tests.factories import person, xlsx_bytes
from rosters.tests.helpers import upload
from volunteers.models import Volunteer
from volunteers.tests.test_register_volunteer import fix_check_digit, form_data  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_the_registration_page_refuses_a_consent_before_the_programme(client_for, lampang_officer, form_data):  # noqa: F811
    response = client_for(lampang_officer).post(
        reverse("volunteers:create"), {**fix_check_digit(form_data), "consent_recorded_on": "01/01/2500"}
    )

    assert response.status_code == 200
    assert "วันที่บันทึกความยินยอม 1 ม.ค. 2500 อยู่ก่อนมีโครงการอาสาสมัครแรงงาน (พ.ศ. 2548)" in response.content.decode()
    assert not Volunteer.objects.filter(first_name="ดวงพร").exists()


def test_the_import_refuses_it_with_its_row_and_column(client_for, lampang_officer, tasks_at_once):
    row = person(1, **{"วันที่บันทึกความยินยอม (PDPA)": "01/01/2500"})

    _, job = upload(client_for(lampang_officer), xlsx_bytes([row]))

    assert job.error_count == 1
    [error] = job.errors
    assert error["row"] == 2 and error["column"] == "วันที่บันทึกความยินยอม (PDPA)"
    assert "อยู่ก่อนมีโครงการอาสาสมัครแรงงาน" in error["message"]
