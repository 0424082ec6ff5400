"""/api/schema/ refuses as the rest of the API does, in JSON ({"detail": ...}), not as a YAML document; and agency
staff, who use the API for their agency's cases, read the schema too (it lists operations, not data): the operations
they may call, so the docs page offers them nothing that answers 403."""

import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.english import in_english

pytestmark = pytest.mark.django_db

SCHEMA = "/api/schema/"


def test_a_schema_refused_without_a_token_is_json_in_thai_or_english(token_for, lampang_officer):
    anonymous = APIClient().get(SCHEMA)
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"] == "application/json"
    assert anonymous.json()["detail"].startswith("กรุณาส่งโทเค็น API")

    token = token_for(lampang_officer)
    ApiToken.objects.update(revoked_at=timezone.now())
    revoked = in_english(APIClient())
    revoked.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    answer = revoked.get(SCHEMA, {"format": "json"})
    assert answer.status_code == 401 and answer["Content-Type"] == "application/json"
    name = f"ทดสอบ {lampang_officer.username}"
    assert answer.json() == {"detail": f"The API token “{name}” has been revoked. Please create a new token"}


def test_an_account_without_a_role_is_refused_in_json(token_for, django_user_model):
    nobody = django_user_model.objects.create_user(username="no.role", password="x" * 12)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(nobody)}")
    refused = client.get(SCHEMA)
    assert refused.status_code == 403 and refused["Content-Type"] == "application/json"
    assert "ยังไม่ได้กำหนดบทบาท" in refused.json()["detail"]


def test_agency_staff_read_the_operations_of_their_agencys_cases(api_as, lampang_agency_staff):
    answer = api_as(lampang_agency_staff).get(SCHEMA, {"format": "json"})

    assert answer.status_code == 200, answer.content
    paths = json.loads(answer.content)["paths"]
    operations = {(path, method) for path, methods in paths.items() for method in methods}
    assert operations == {
        ("/api/v1/cases/", "get"),
        ("/api/v1/cases/{id}/", "get"),
        ("/api/v1/cases/{id}/status/", "post"),
    }


def test_other_roles_read_the_whole_api(api_as, lampang_viewer):
    paths = json.loads(api_as(lampang_viewer).get(SCHEMA, {"format": "json"}).content)["paths"]
    assert {"/api/v1/volunteers/", "/api/v1/cases/", "/api/v1/figures/national/"} <= set(paths)
    assert "post" in paths["/api/v1/cases/"]


@pytest.mark.urls("api.tests.urls_with_json_refusals")
def test_a_refusal_before_any_view_is_json_under_api_and_the_page_elsewhere(client_for, lampang_agency_staff):
    client = client_for(lampang_agency_staff)

    refused = client.get("/api/v1/volunteers/")
    page = client.get("/volunteers/")

    assert refused.status_code == 403 and refused["Content-Type"] == "application/json"
    assert refused.json() == {"detail": "บัญชีเจ้าหน้าที่หน่วยงานใช้ได้เฉพาะรายการเรื่องที่ส่งต่อมายังหน่วยงานของท่าน"}
    assert page.status_code == 403 and page["Content-Type"].startswith("text/html")
