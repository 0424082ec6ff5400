"""A client not sure its new case arrived (a dropped connection in the field) sends it again with the same UUID and
gets the case the first request opened, not a second referral to the same agency; another account's UUID is refused
with 409 and shows nothing."""

import uuid

import pytest
from django.utils import timezone

from api.tests.test_api_reports_and_cases import CASES, kinds, worker  # noqa: F401 (fixtures)
from cases.models import Case
from provinces.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_case(lampang, worker):  # noqa: F811
    return {
        "volunteer": worker.pk,
        "spotted_on": str(timezone.localdate()),
        "subdistrict": worker.subdistrict_id,
        "needs": ["job_seekers"],
        "agency": Agency.objects.get(province=lampang, kind=Agency.Kind.EMPLOYMENT).pk,
        "person_name": "นายตกงาน ใหม่",
        "uuid": str(uuid.uuid4()),
    }


def test_the_same_case_sent_twice_is_one_case(api_as, lampang_officer, new_case):
    api = api_as(lampang_officer)

    first = api.post(CASES, new_case, format="json")
    again = api.post(CASES, new_case, format="json")

    assert first.status_code == 201, first.content
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Case.objects.across_provinces("test").count() == 1


def test_without_a_uuid_each_post_is_a_case_as_before(api_as, lampang_officer, new_case):
    api = api_as(lampang_officer)
    del new_case["uuid"]

    assert api.post(CASES, new_case, format="json").status_code == 201
    assert api.post(CASES, new_case, format="json").status_code == 201
    assert Case.objects.across_provinces("test").count() == 2


def test_another_accounts_uuid_is_refused_and_shows_nothing(
    api_as, lampang_officer, lampang_anti_trafficking, new_case
):
    assert api_as(lampang_officer).post(CASES, new_case, format="json").status_code == 201

    reused = api_as(lampang_anti_trafficking).post(CASES, new_case, format="json")

    assert reused.status_code == 409
    assert "uuid นี้ใช้บันทึกเรื่องอื่นไปแล้ว" in reused.json()["detail"]
    assert "ตกงาน" not in reused.content.decode()
    assert Case.objects.across_provinces("test").count() == 1


def test_a_refused_case_leaves_its_uuid_free_to_send_again(api_as, lampang_officer, new_case):
    api = api_as(lampang_officer)

    refused = api.post(CASES, {**new_case, "needs": []}, format="json")
    corrected = api.post(CASES, new_case, format="json")

    assert refused.status_code == 400
    assert corrected.status_code == 201
    assert Case.objects.across_provinces("test").count() == 1
