"""Agency staff signed in to the portal use the API's doors to their agency's cases and its docs page, as they use the
case pages: the list, a case, its next step, the schema of those operations and Swagger UI over it; every other API
route refuses them in JSON."""

import json

import pytest
from django.utils import timezone

from cases.tests.factories import CaseFactory
from provinces.models import Agency
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(lampang):
    volunteer = VolunteerFactory(province=lampang)
    return CaseFactory(volunteer=volunteer, agency=Agency.objects.get(province=lampang, kind=Agency.Kind.EMPLOYMENT))


def test_agency_staff_signed_in_read_their_cases_and_the_docs_through_the_api(client_for, lampang_agency_staff, case):
    client = client_for(lampang_agency_staff)

    listed = client.get("/api/v1/cases/")
    moved = client.post(
        f"/api/v1/cases/{case.pk}/status/",
        {"to_status": "accepted", "changed_on": str(timezone.localdate())},
        content_type="application/json",
    )
    schema = json.loads(client.get("/api/schema/?format=json").content)
    docs = client.get("/api/docs/")
    refused = client.get("/api/v1/volunteers/")

    assert [row["id"] for row in listed.json()["results"]] == [case.pk]
    assert moved.status_code == 200 and moved.json()["status"] == "accepted"
    assert set(schema["paths"]) == {"/api/v1/cases/", "/api/v1/cases/{id}/", "/api/v1/cases/{id}/status/"}
    assert docs.status_code == 200 and b"swagger-ui" in docs.content
    assert refused.status_code == 403 and refused["Content-Type"] == "application/json"
    assert "หน่วยงาน" in refused.json()["detail"]
