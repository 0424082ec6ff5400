"""A volunteer registered, edited or moved to another status through the API shows on their page's history where it
came from ("ผ่าน API"), as writes made on the pages show their form."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api import tokens
from core.thai import national_id_with_check_digit
from tests.english import in_english

pytestmark = pytest.mark.django_db


def history(client, pk) -> str:
    page = client.get(reverse("volunteers:detail", args=[pk])).content.decode()
    return page.split('data-testid="change-history"')[1]


def test_writes_through_the_api_are_named_in_the_history(client_for, lampang_officer, lampang):
    api = APIClient()
    token = tokens.create_token(user=lampang_officer, name="ระบบจังหวัด", days=30, read_only=False)[1]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    created = api.post(
        "/api/v1/volunteers/",
        {
            "national_id": national_id_with_check_digit("152010007788"),
            "title": "miss",
            "first_name": "ดวงพร",
            "last_name": "ศรีนวลแก้ว",
            "subdistrict": lampang.subdistricts.order_by("code").first().pk,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    url = f"/api/v1/volunteers/{pk}/"
    edited = api.patch(url, {"last_name": "ศรีนวล"}, format="json", HTTP_IF_MATCH=created["ETag"])
    assert edited.status_code == 200, edited.json()
    changed = api.post(
        f"{url}status/",
        {"to_status": "suspended", "changed_on": timezone.localdate().isoformat(), "reason": "ป่วย"},
        format="json",
    )
    assert changed.status_code == 200, changed.json()

    client = client_for(lampang_officer)
    lines = history(client, pk)
    for source in ("ลงทะเบียนผ่าน API", "แก้ไขผ่าน API", "เปลี่ยนสถานะผ่าน API"):
        assert source in lines
    assert "ผ่านแบบฟอร์ม" not in lines
    english = history(in_english(client), pk)
    for source in ("Registered through the API", "Edited through the API", "Status changed through the API"):
        assert source in english
