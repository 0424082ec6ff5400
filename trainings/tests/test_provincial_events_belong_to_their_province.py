"""A provincial event belongs to its host province: a guest the host invites from another province is the host's to
list and cancel, and the guest's home province gets 404 on the pages and the API, as for the event itself. Only a
national event lets each province see and cancel its own people in it (and not another's)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient

from api import tokens
from trainings import services
from trainings.models import Category, Registration

pytestmark = pytest.mark.django_db

REASON = "ลงผิดคน"


def api_client(user) -> APIClient:
    api = APIClient()
    token = tokens.create_token(user=user, name=f"ทดสอบ {user.username}", days=30, read_only=False)[1]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


def api_rows(response) -> list[dict]:
    assert response.status_code == 200
    body = response.json()
    return body["results"] if isinstance(body, dict) else body


@pytest.fixture
def chiang_mai_speaker(client_for, lampang_officer, lampang_event, chiang_mai):
    """Lampang invites a speaker from Chiang Mai to its own workshop, through the guest page."""
    response = client_for(lampang_officer).post(
        reverse("trainings:register_guest", args=[lampang_event.pk]),
        {"category": Category.SPEAKER, "name": "ดร.วิทยากร เชียงใหม่", "home_province": chiang_mai.pk},
    )
    assert response.status_code == 302
    registration = Registration.objects.across_provinces("test").get(event=lampang_event)
    assert registration.home_province == chiang_mai
    return registration


def is_cancelled(registration) -> bool:
    return Registration.objects.across_provinces("test").get(pk=registration.pk).is_cancelled


def test_chiang_mai_gets_404_on_every_page_of_lampangs_guest_from_chiang_mai(
    client_for, chiangmai_officer, lampang_event, chiang_mai_speaker
):
    client = client_for(chiangmai_officer)

    assert client.get(reverse("trainings:detail", args=[lampang_event.pk])).status_code == 404
    for name in ("trainings:slip", "trainings:cancel", "trainings:certificate"):
        assert client.get(reverse(name, args=[chiang_mai_speaker.pk])).status_code == 404, name
    response = client.post(reverse("trainings:cancel", args=[chiang_mai_speaker.pk]), {"reason": REASON})

    assert response.status_code == 404
    assert not is_cancelled(chiang_mai_speaker)


def test_chiang_mai_neither_lists_nor_cancels_lampangs_guest_through_the_api(
    chiangmai_officer, lampang_event, chiang_mai_speaker
):
    api = api_client(chiangmai_officer)

    assert api_rows(api.get("/api/v1/registrations/", {"event": lampang_event.pk})) == []
    assert api.get(f"/api/v1/registrations/{chiang_mai_speaker.pk}/").status_code == 404
    response = api.post(f"/api/v1/registrations/{chiang_mai_speaker.pk}/cancel/", {"reason": REASON}, format="json")

    assert response.status_code == 404
    assert not is_cancelled(chiang_mai_speaker)


def test_the_service_refuses_another_province_cancelling_in_a_provincial_event(chiangmai_officer, chiang_mai_speaker):
    with pytest.raises(PermissionDenied):
        services.cancel_registration(registration=chiang_mai_speaker, reason=REASON, by=chiangmai_officer)
    assert not is_cancelled(chiang_mai_speaker)


def test_lampang_still_lists_and_cancels_its_guest_from_chiang_mai(
    client_for, lampang_officer, lampang_event, chiang_mai_speaker
):
    client = client_for(lampang_officer)
    listed = client.get(reverse("trainings:registrations", args=[lampang_event.pk])).content.decode()
    assert "ดร.วิทยากร เชียงใหม่" in listed
    assert reverse("trainings:cancel", args=[chiang_mai_speaker.pk]) in listed
    assert client.get(reverse("trainings:slip", args=[chiang_mai_speaker.pk])).status_code == 200
    rows = api_rows(api_client(lampang_officer).get("/api/v1/registrations/", {"event": lampang_event.pk}))
    assert [row["id"] for row in rows] == [chiang_mai_speaker.pk]

    response = client.post(reverse("trainings:cancel", args=[chiang_mai_speaker.pk]), {"reason": REASON})

    assert response.status_code == 302
    assert is_cancelled(chiang_mai_speaker)


def test_lampangs_guest_cancelled_through_the_api_by_lampang(lampang_officer, chiang_mai_speaker):
    response = api_client(lampang_officer).post(
        f"/api/v1/registrations/{chiang_mai_speaker.pk}/cancel/", {"reason": REASON}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["cancel_reason"] == REASON
    assert is_cancelled(chiang_mai_speaker)


def test_in_a_national_event_each_province_still_sees_and_cancels_its_own_people_only(
    client_for, lampang_officer, chiangmai_officer, national_event, lampang_volunteer, chiangmai_volunteer
):
    ours = services.register_people(event=national_event, volunteers=[chiangmai_volunteer], by=chiangmai_officer)
    ours = ours.created[0]
    lampangs = services.register_people(event=national_event, volunteers=[lampang_volunteer], by=lampang_officer)
    lampangs = lampangs.created[0]
    client, api = client_for(chiangmai_officer), api_client(chiangmai_officer)

    listed = client.get(reverse("trainings:registrations", args=[national_event.pk])).content.decode()
    assert chiangmai_volunteer.first_name in listed and lampang_volunteer.first_name not in listed
    assert [row["id"] for row in api_rows(api.get("/api/v1/registrations/", {"event": national_event.pk}))] == [ours.pk]
    assert client.get(reverse("trainings:slip", args=[lampangs.pk])).status_code == 404
    assert client.post(reverse("trainings:cancel", args=[lampangs.pk]), {"reason": REASON}).status_code == 404
    response = api.post(f"/api/v1/registrations/{lampangs.pk}/cancel/", {"reason": REASON}, format="json")
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.cancel_registration(registration=lampangs, reason=REASON, by=chiangmai_officer)
    assert not is_cancelled(lampangs)

    assert client.post(reverse("trainings:cancel", args=[ours.pk]), {"reason": REASON}).status_code == 302
    assert is_cancelled(ours)
