"""Someone ticked present and then cancelled (registered by mistake) is no longer counted at the desk: the tick and
check-in pages, their JSON answers and the offline sync count the present among the active registrations, as the
event page does."""

import json
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from trainings.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def desk(client_for, lampang_officer, lampang_event):
    """Three people at the desk of the one-day event: the first two ticked present, then the first cancelled."""
    day = lampang_event.days.get()
    people = [RegistrationFactory(event=lampang_event, name=f"นายผู้เข้าร่วม คนที่{n}") for n in range(3)]
    client = client_for(lampang_officer)
    tick_url = reverse("trainings:tick", args=[lampang_event.pk, day.pk])
    for person in people[:2]:
        assert client.post(tick_url, {"registration": person.pk}).status_code == 302
    response = client.post(reverse("trainings:cancel", args=[people[0].pk]), {"reason": "ลงผิดคน"})
    assert response.status_code == 302
    return {"client": client, "event": lampang_event, "day": day, "people": people, "tick_url": tick_url}


def shown_count(response) -> str:
    return re.search(r'data-testid="present-count">(\d+)<', response.content.decode()).group(1)


def test_the_tick_and_check_in_pages_count_one_present(desk):
    client, event, day = desk["client"], desk["event"], desk["day"]

    assert shown_count(client.get(desk["tick_url"])) == "1"
    assert shown_count(client.get(reverse("trainings:checkin", args=[event.pk, day.pk]))) == "1"
    detail = client.get(reverse("trainings:detail", args=[event.pk]))
    assert [d.present_count for d in detail.context["days"]] == [1]


def test_the_desks_json_answers_count_the_active_only(desk):
    client, event, day, people = desk["client"], desk["event"], desk["day"], desk["people"]

    ticked = client.post(desk["tick_url"], {"registration": people[2].pk}, **JSON).json()
    undone = client.post(desk["tick_url"], {"registration": people[2].pk, "action": "undo"}, **JSON).json()
    checked_in = client.post(
        reverse("trainings:checkin", args=[event.pk, day.pk]), {"code": people[2].code, "method": "qr"}, **JSON
    ).json()

    assert (ticked["present_count"], undone["present_count"], checked_in["present_count"]) == (2, 1, 2)


def test_the_offline_sync_counts_the_active_only(desk):
    client, event, day, people = desk["client"], desk["event"], desk["day"], desk["people"]
    item = {
        "uuid": str(uuid.uuid4()),
        "registration": people[2].pk,
        "action": "present",
        "method": "tick",
        "tapped_at": timezone.now().isoformat(),
    }

    response = client.post(
        reverse("trainings:offline_sync", args=[event.pk, day.pk]),
        json.dumps({"items": [item]}),
        content_type="application/json",
    )

    answer = response.json()
    assert answer["present_count"] == 2
    assert sorted(answer["present"]) == sorted([people[1].pk, people[2].pk])
