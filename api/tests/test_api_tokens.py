"""Personal API tokens: made on the account page and shown once, stored hashed, refused when malformed, unknown,
expired or revoked (401, Thai), read-only ones refused on writes (403), revoked by their owner or an administrator."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from core.models import AuditEvent

pytestmark = pytest.mark.django_db

VOLUNTEERS = "/api/v1/volunteers/"


def get(token: str | None, url=VOLUNTEERS, scheme="Bearer"):
    client = APIClient()
    if token is not None:
        client.credentials(HTTP_AUTHORIZATION=f"{scheme} {token}")
    return client.get(url)


def test_an_officer_makes_a_token_on_the_account_page_sees_it_once_and_it_is_stored_hashed(client_for, lampang_officer):
    client = client_for(lampang_officer)
    security = client.get(reverse("accounts:security"))
    assert reverse("api_tokens:list") in security.content.decode()
    response = client.post(reverse("api_tokens:list"), {"name": "ระบบของจัดหางาน", "days": "90", "access": "read"})
    assert response.status_code == 200
    page = response.content.decode()
    row = ApiToken.objects.get(user=lampang_officer)
    secret = response.context["created"]["secret"]
    assert secret.startswith(f"asr_{row.prefix}_") and secret in page
    assert secret not in row.secret_hash and row.secret_hash != secret and len(row.secret_hash) == 64
    assert row.read_only and (row.expires_at - timezone.now()).days in (89, 90)
    # Opened again, the page lists the token by its prefix but never shows it again.
    again = client.get(reverse("api_tokens:list")).content.decode()
    assert "ระบบของจัดหางาน" in again and row.shown_prefix in again and secret not in again
    assert get(secret).status_code == 200


def test_a_token_without_a_name_is_refused_in_thai_and_nothing_is_made(client_for, lampang_officer):
    response = client_for(lampang_officer).post(
        reverse("api_tokens:list"), {"name": " ", "days": "90", "access": "read"}
    )
    assert response.status_code == 400
    assert "กรุณาตั้งชื่อโทเค็น" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_list_shows_when_each_token_was_last_used(client_for, lampang_officer, token_for):
    secret = token_for(lampang_officer)
    client = client_for(lampang_officer)
    assert "ยังไม่เคยใช้" in client.get(reverse("api_tokens:list")).content.decode()
    get(secret)
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    assert "ยังไม่เคยใช้" not in client.get(reverse("api_tokens:list")).content.decode()


@pytest.mark.parametrize(
    ("header", "words"),
    [
        (None, "Authorization: Bearer"),
        ("Bearer", "รูปแบบส่วนหัว Authorization ไม่ถูกต้อง"),
        ("Bearer not-a-token", "ไม่อยู่ในรูปแบบที่ถูกต้อง"),
        ("Bearer asr_0123abcd_" + "x" * 43, "ไม่พบโทเค็น API นี้"),
    ],
)
def test_a_missing_malformed_or_unknown_token_gets_401_with_a_thai_detail(geography, header, words):
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(VOLUNTEERS)
    assert response.status_code == 401
    assert words in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_gets_401(lampang_officer, token_for):
    secret = token_for(lampang_officer)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = get(secret)
    assert response.status_code == 401
    assert "หมดอายุแล้ว" in response.json()["detail"]


def test_a_token_with_a_forged_secret_after_a_real_prefix_gets_401(lampang_officer, token_for):
    secret = token_for(lampang_officer)
    forged = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")
    assert get(forged).status_code == 401
    assert get(secret, scheme="Token").status_code == 200


def test_the_owner_revokes_a_token_on_the_page_and_it_stops_working_at_once(client_for, lampang_officer, token_for):
    secret = token_for(lampang_officer)
    token = ApiToken.objects.get()
    response = client_for(lampang_officer).post(reverse("api_tokens:revoke"), {"token": token.pk}, follow=True)
    assert "เพิกถอนโทเค็น" in response.content.decode()
    refused = get(secret)
    assert refused.status_code == 401
    assert "ถูกเพิกถอนแล้ว" in refused.json()["detail"]
    assert AuditEvent.objects.filter(action="api_token_revoked").exists()


def test_nobody_revokes_another_persons_token_on_the_page(client_for, lampang_officer, chiangmai_officer, token_for):
    secret = token_for(lampang_officer)
    token = ApiToken.objects.get()
    response = client_for(chiangmai_officer).post(reverse("api_tokens:revoke"), {"token": token.pk}, follow=True)
    assert "ไม่พบโทเค็นที่เลือกในบัญชีของท่าน" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    assert get(secret).status_code == 200


def test_an_administrator_sees_and_revokes_every_token_in_the_admin_site(
    client_for, admin_user, lampang_officer, token_for
):
    secret = token_for(lampang_officer)
    token = ApiToken.objects.get()
    client = client_for(admin_user)
    listing = client.get(reverse("admin:api_apitoken_changelist")).content.decode()
    assert token.name in listing and token.shown_prefix in listing
    client.post(
        reverse("admin:api_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    token.refresh_from_db()
    assert token.revoked_by == admin_user
    assert get(secret).status_code == 401


def test_a_read_only_token_reads_but_gets_403_on_a_write(lampang_officer, lampang_volunteer, token_for):
    secret = token_for(lampang_officer, read_only=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(f"{VOLUNTEERS}{lampang_volunteer.pk}/").status_code == 200
    response = client.patch(
        f"{VOLUNTEERS}{lampang_volunteer.pk}/",
        {"first_name": "ไม่ควรเปลี่ยน"},
        format="json",
        HTTP_IF_MATCH=str(lampang_volunteer.version),
    )
    assert response.status_code == 403
    assert "อ่านข้อมูลได้อย่างเดียว" in response.json()["detail"]
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.first_name == "สมหมาย"


def test_agency_staff_get_403_from_the_api(lampang_agency_staff, token_for):
    response = get(token_for(lampang_agency_staff))
    assert response.status_code == 403
    assert "เจ้าหน้าที่หน่วยงาน" in response.json()["detail"]


def test_requests_beyond_the_tokens_budget_get_429_in_thai(settings, lampang_officer, token_for):
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "token": "2/min"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        secret, other = token_for(lampang_officer), token_for(lampang_officer)
        assert [get(secret).status_code for _ in range(2)] == [200, 200]
        refused = get(secret)
        assert refused.status_code == 429
        assert "ส่งคำขอถี่เกินกำหนด" in refused.json()["detail"]
        # Per token: another token of the same person still has its own budget.
        assert get(other).status_code == 200
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
