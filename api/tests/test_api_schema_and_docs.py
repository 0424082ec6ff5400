"""The OpenAPI 3 document validates with no warning and documents every refusal; /api/docs/ is Swagger UI from our
own static files, working under the portal's Content-Security-Policy, and "Try it out" runs with the session."""

import json

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings_and_every_operation_documents_its_refusals(tmp_path):
    out = tmp_path / "schema.json"
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(out))
    schema = json.loads(out.read_text())
    operations = [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]
    assert len(operations) >= 25
    for path, method, op in operations:
        assert {"400", "401", "403", "429"} <= set(op["responses"]), f"{method} {path}"
        assert op["security"] == [{"apiToken": []}, {"portalSession": []}], f"{method} {path}"
    patch = schema["paths"]["/api/v1/volunteers/{id}/"]["patch"]
    assert {"412", "428"} <= set(patch["responses"])
    assert any(p["name"] == "If-Match" and p["required"] for p in patch["parameters"])
    # A volunteer's status change takes an optional If-Match (412 when stale, never 428); a case's status steps none.
    volunteer_status = schema["paths"]["/api/v1/volunteers/{id}/status/"]["post"]["responses"]
    assert "412" in volunteer_status and "428" not in volunteer_status
    case_status = schema["paths"]["/api/v1/cases/{id}/status/"]["post"]["responses"]
    assert not {"412", "428"} & set(case_status)
    listing = {p["name"] for p in schema["paths"]["/api/v1/volunteers/"]["get"]["parameters"]}
    assert {"q", "province", "district", "subdistrict", "status", "tier", "mentor", "cursor"} <= listing


def test_the_schema_is_for_signed_in_roles(client, client_for, lampang_viewer):
    assert client.get("/api/schema/").status_code == 401
    response = client_for(lampang_viewer).get("/api/schema/?format=json")
    assert response.status_code == 200
    assert "/api/v1/volunteers/" in json.loads(response.content)["paths"]


def test_the_docs_page_loads_nothing_from_elsewhere(client, client_for, lampang_officer):
    assert client.get("/api/docs/").status_code == 302
    page = client_for(lampang_officer).get("/api/docs/").content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "api/docs.js" in page
    assert "https://" not in page and "http://" not in page.replace('xmlns="http://', "")
    assert "<script>" not in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_swagger_ui_runs_under_the_csp_and_tries_the_api_with_the_session(browser_login, live_server, lampang_officer):
    from volunteers.tests.factories import VolunteerFactory

    VolunteerFactory(province=lampang_officer.staff_profile.province, first_name="ลองเรียก")
    page = browser_login(lampang_officer)
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.goto(f"{live_server.url}/api/docs/")
    operation = page.locator("#operations-volunteers-volunteers_list")
    expect(operation).to_be_visible(timeout=20_000)
    operation.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_contain_text("200")
    expect(page.locator(".live-responses-table")).to_contain_text("ลองเรียก")
    assert not refused, refused
