"""An event's targets refused by the event form are named by the API's own field paths (`targets.1.capacity`, the
place of the row among the targets sent, as the README promises), not by the form's fields (`capacity_volunteer`)."""

import datetime as dt

import pytest
from django.utils import timezone

from trainings.models import Event

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"


@pytest.fixture
def event_url(api_as, lampang_officer):
    start = timezone.localdate() + dt.timedelta(days=10)
    created = api_as(lampang_officer).post(
        EVENTS,
        {
            "title": "อบรมเครือข่ายอาสาสมัครแรงงาน รุ่นที่ 2",
            "kind": "workshop",
            "topics": ["network"],
            "venue": "ห้องประชุมศาลากลางจังหวัดลำปาง",
            "start_date": str(start),
            "end_date": str(start),
            "targets": [{"category": "volunteer", "target": 40, "capacity": 50}],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    return f"{EVENTS}{created.json()['id']}/"


def test_negative_targets_in_an_edit_are_named_by_their_row_among_the_targets_sent(api_as, lampang_officer, event_url):
    client = api_as(lampang_officer)
    version = client.get(event_url)["ETag"]
    targets = [{"category": "mentor", "target": 5}, {"category": "volunteer", "target": -1, "capacity": -3}]

    refused = client.patch(event_url, {"targets": targets}, format="json", HTTP_IF_MATCH=version)

    assert refused.status_code == 400
    errors = refused.json()["errors"]
    assert set(errors) == {"targets.1.target", "targets.1.capacity"}
    assert errors["targets.1.target"] == ["ต้องไม่ติดลบ (0 ขึ้นไป)"]
    assert refused.json()["detail"] == "ข้อมูลไม่ถูกต้อง: ต้องไม่ติดลบ (0 ขึ้นไป)"
    assert client.get(event_url).json()["targets"] == [{"category": "volunteer", "target": 40, "capacity": 50}]


def test_a_capacity_below_its_target_in_a_new_event_names_that_rows_capacity(api_as, lampang_officer):
    start = timezone.localdate() + dt.timedelta(days=10)
    event = {
        "title": "อบรมพี่เลี้ยง รุ่นที่ 1",
        "kind": "workshop",
        "topics": ["network"],
        "venue": "ห้องประชุมศาลากลางจังหวัดลำปาง",
        "start_date": str(start),
        "end_date": str(start),
        "targets": [{"category": "volunteer", "target": 10}, {"category": "mentor", "target": 40, "capacity": 10}],
    }

    refused = api_as(lampang_officer).post(EVENTS, event, format="json")

    assert refused.status_code == 400
    errors = refused.json()["errors"]
    assert list(errors) == ["targets.1.capacity"]
    assert "จำนวนรับสูงสุด (10) น้อยกว่าเป้าหมาย (40)" in errors["targets.1.capacity"][0]
    assert not Event.objects.filter(title=event["title"]).exists()
