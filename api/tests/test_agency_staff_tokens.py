"""Agency staff make their own API tokens on the token page, as every other role does, and a token of theirs reaches
what their role reaches on the pages: the cases referred to their agency (list, a case, its next step with a
read-write token), nothing else."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from cases.models import Status
from cases.tests.factories import CaseFactory
from provinces.models import Agency
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"


@pytest.fixture
def worker(lampang):
    return VolunteerFactory(province=lampang)


@pytest.fixture
def their_case(worker, lampang):
    return CaseFactory(volunteer=worker, agency=Agency.objects.get(province=lampang, kind=Agency.Kind.EMPLOYMENT))


@pytest.fixture
def labour_office_case(worker, lampang):
    return CaseFactory(volunteer=worker, agency=Agency.objects.get(province=lampang, kind=Agency.Kind.LABOUR))


@pytest.fixture
def chiangmai_case(chiang_mai):
    volunteer = VolunteerFactory(province=chiang_mai)
    return CaseFactory(volunteer=volunteer, agency=Agency.objects.get(province=chiang_mai, kind=Agency.Kind.EMPLOYMENT))


def made_on_the_page(client, access: str) -> str:
    response = client.post(
        reverse("api_tokens:list"), {"name": f"ระบบจัดหางาน {access}", "days": "90", "access": access}
    )
    assert response.status_code == 200, response.content.decode()
    secret = response.context["created"]["secret"]
    assert secret in response.content.decode()
    return secret


def api_with(secret: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return api


def moved_on(api, case):
    return api.post(
        f"{CASES}{case.pk}/status/", {"to_status": "accepted", "changed_on": str(timezone.localdate())}, format="json"
    )


def test_agency_staff_open_the_token_page_from_their_account_page(client_for, lampang_agency_staff):
    client = client_for(lampang_agency_staff)

    security = client.get(reverse("accounts:security"))
    page = client.get(reverse("api_tokens:list"))

    assert reverse("api_tokens:list") in security.content.decode()
    assert page.status_code == 200
    assert "สร้างโทเค็นใหม่" in page.content.decode()


def test_a_read_write_token_of_agency_staff_lists_and_moves_on_only_their_agencys_cases(
    client_for, lampang_agency_staff, their_case, labour_office_case, chiangmai_case
):
    api = api_with(made_on_the_page(client_for(lampang_agency_staff), "write"))

    listed = api.get(CASES)
    moved = moved_on(api, their_case)

    assert listed.status_code == 200, listed.content
    assert [row["id"] for row in listed.json()["results"]] == [their_case.pk]
    assert moved.status_code == 200, moved.content
    assert moved.json()["status"] == Status.ACCEPTED
    for other in (labour_office_case, chiangmai_case):
        assert api.get(f"{CASES}{other.pk}/").status_code == 404
        assert moved_on(api, other).status_code == 404
        other.refresh_from_db()
        assert other.status == Status.REFERRED
    for elsewhere in ("/api/v1/volunteers/", "/api/v1/monthly-reports/", "/api/v1/provinces/"):
        refused = api.get(elsewhere)
        assert refused.status_code == 403, elsewhere
        assert "เฉพาะเรื่องส่งต่อของหน่วยงานของท่าน" in refused.json()["detail"]


def test_a_read_only_token_of_agency_staff_reads_their_cases_but_cannot_move_them_on(
    client_for, lampang_agency_staff, their_case
):
    api = api_with(made_on_the_page(client_for(lampang_agency_staff), "read"))

    read = api.get(f"{CASES}{their_case.pk}/")
    refused = moved_on(api, their_case)

    assert read.status_code == 200 and read.json()["id"] == their_case.pk
    assert refused.status_code == 403
    assert "อ่านข้อมูลได้อย่างเดียว" in refused.json()["detail"]
    their_case.refresh_from_db()
    assert their_case.status == Status.REFERRED


def test_agency_staff_revoke_their_token_and_it_stops_working(client_for, lampang_agency_staff, their_case):
    client = client_for(lampang_agency_staff)
    secret = made_on_the_page(client, "read")
    token = ApiToken.objects.get(user=lampang_agency_staff)

    revoked = client.post(reverse("api_tokens:revoke"), {"token": token.pk}, follow=True)

    assert "เพิกถอนโทเค็น" in revoked.content.decode()
    assert api_with(secret).get(CASES).status_code == 401
