"""A client that chose English (the portal's language cookie) reads the API's refusals and its schema in English:
a token refused, a rule of the registry refused; without it, the same Thai as before."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.english import THAI, in_english
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

VOLUNTEERS = "/api/v1/volunteers/"


def with_token(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_refused_tokens_are_explained_in_english(token_for, lampang_officer):
    revoked, expired = token_for(lampang_officer), token_for(lampang_officer)
    ApiToken.objects.filter(pk=ApiToken.objects.order_by("pk").first().pk).update(revoked_at=timezone.now())
    ApiToken.objects.filter(pk=ApiToken.objects.order_by("pk").last().pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1)
    )
    name = f"ทดสอบ {lampang_officer.username}"

    answers = {
        "malformed": in_english(with_token("asr_nonsense")).get(VOLUNTEERS),
        "unknown": in_english(with_token(revoked[:-3] + "xyz")).get(VOLUNTEERS),
        "revoked": in_english(with_token(revoked)).get(VOLUNTEERS),
        "expired": in_english(with_token(expired)).get(VOLUNTEERS),
    }

    details = {kind: answer.json()["detail"] for kind, answer in answers.items()}
    assert {answer.status_code for answer in answers.values()} == {401}
    assert details == {
        "malformed": "The API token is not in the right format (it starts with asr_). Please copy the whole token "
        "from the API tokens page",
        "unknown": "This API token was not found. Please check the token or create a new one on the API tokens page",
        "revoked": f"The API token “{name}” has been revoked. Please create a new token",
        "expired": f"The API token “{name}” has expired. Please create a new token",
    }


def test_without_the_english_cookie_a_refused_token_is_explained_in_thai(token_for, lampang_officer):
    token = token_for(lampang_officer)
    ApiToken.objects.update(revoked_at=timezone.now())

    detail = with_token(token).get(VOLUNTEERS).json()["detail"]

    assert detail == f"โทเค็น API “ทดสอบ {lampang_officer.username}” ถูกเพิกถอนแล้ว กรุณาสร้างโทเค็นใหม่"


def test_a_status_change_the_registry_refuses_is_explained_in_english(api_as, lampang_officer, lampang_volunteer):
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(appointed_on=dt.date(2022, 1, 1))
    url = f"{VOLUNTEERS}{lampang_volunteer.pk}/status/"
    step = {"to_status": "suspended", "changed_on": "2020-01-01", "reason": "ทดสอบ"}

    english = in_english(api_as(lampang_officer)).post(url, step, format="json")
    thai = api_as(lampang_officer).post(url, step, format="json")

    assert english.status_code == 400
    assert english.json()["errors"]["changed_on"] == [
        "The effective date must not be before the appointment date (1 Jan 2022)"
    ]
    assert thai.json()["errors"]["changed_on"] == ["วันที่มีผลต้องไม่ก่อนวันที่แต่งตั้ง (1 ม.ค. 2565)"]


def test_the_schema_is_written_in_the_readers_language(client_for, lampang_viewer):
    client = client_for(lampang_viewer)
    thai = client.get("/api/schema/?format=json").json()
    english = in_english(client).get("/api/schema/?format=json").json()

    listing = english["paths"]["/api/v1/volunteers/"]["get"]
    assert listing["summary"] == "Volunteer list (the same filters as the list page)"
    assert listing["responses"]["400"]["description"] == "Invalid data or parameters"
    assert english["components"]["securitySchemes"]["apiToken"]["description"].startswith("A personal API token")
    assert thai["paths"]["/api/v1/volunteers/"]["get"]["summary"] == "รายชื่ออาสาสมัคร (ตัวกรองเดียวกับหน้ารายชื่อ)"
    # Every operation, the cases', monthly reports' and figures' included, and every parameter's description.
    operations = [op for ops in english["paths"].values() for op in ops.values()]
    summaries = [op.get("summary", "") for op in operations]
    summaries += [parameter.get("description", "") for op in operations for parameter in op.get("parameters", [])]
    assert len(summaries) > 20 and not [summary for summary in summaries if THAI.search(summary)]
