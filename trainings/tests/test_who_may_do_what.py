"""Every trainings URL, GET and POST, for each persona: 404 for another province, 403 for read-only roles."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from trainings import services
from trainings.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["lampang_officer", "lampang_viewer", "chiangmai_officer", "hq_analyst", "admin"]


def expect(lo, lv, cm, hq, ad):
    return dict(zip(PERSONAS, [lo, lv, cm, hq, ad], strict=True))


READ = expect(200, 200, 404, 200, 200)
READ_POST = expect(405, 405, 404, 405, 405)
MANAGE = expect(200, 403, 404, 403, 200)
MANAGE_REDIRECT = expect(302, 403, 404, 403, 302)

# (url name, which object, GET expectation, POST expectation, POST data)
LAMPANG_EVENT_MATRIX = [
    ("trainings:list", "none", expect(200, 200, 200, 200, 200), expect(405, 405, 405, 405, 405), {}),
    ("trainings:create", "none", expect(200, 403, 200, 403, 200), expect(200, 403, 200, 403, 200), {}),
    ("trainings:detail", "event", READ, READ_POST, {}),
    ("trainings:edit", "event", MANAGE, MANAGE, {}),
    ("trainings:registrations", "event", READ, READ_POST, {}),
    ("trainings:register", "event", MANAGE, MANAGE_REDIRECT, {}),
    ("trainings:register_group", "event", expect(405, 403, 404, 403, 405), MANAGE_REDIRECT, {"mentor": "mentor"}),
    ("trainings:register_guest", "event", MANAGE, MANAGE, {}),
    ("trainings:slips", "event", READ, READ_POST, {}),
    # Anyone who sees the event makes their own batch of certificates: a POST queues it and answers in place.
    ("trainings:certificates", "event", READ, READ, {}),
    ("trainings:certificates_progress", "event", READ, READ_POST, {}),
    ("trainings:certificates_file", "event", expect(302, 302, 404, 302, 302), READ_POST, {}),
    ("trainings:checkin", "day", MANAGE, MANAGE_REDIRECT, {"code": "registration_code"}),
    ("trainings:tick", "day", MANAGE, MANAGE_REDIRECT, {"registration": "registration"}),
    ("trainings:mark_present", "day", MANAGE, MANAGE_REDIRECT, {"registration": "registration"}),
    ("trainings:sheet", "day", READ, READ_POST, {}),
    ("trainings:sheet_pdf", "day", READ, READ_POST, {}),
    ("trainings:cancel", "registration", MANAGE, MANAGE, {}),
    ("trainings:slip", "registration", READ, READ_POST, {}),
    ("trainings:certificate", "registration", READ, READ_POST, {}),
]


@pytest.fixture
def world(lampang_officer, lampang_event, lampang_registration, lampang_mentor):
    day = lampang_event.days.get()
    services.check_in(day=day, registration=lampang_registration, method="tick", by=lampang_officer)
    return {
        "event": lampang_event,
        "day": day,
        "registration": lampang_registration,
        "mentor": lampang_mentor,
    }


def url_for(name, target, world):
    if target == "none":
        return reverse(name)
    if target == "event":
        return reverse(name, args=[world["event"].pk])
    if target == "day":
        return reverse(name, args=[world["event"].pk, world["day"].pk])
    return reverse(name, args=[world["registration"].pk])


def post_data(data, world):
    values = {
        "mentor": world["mentor"].pk,
        "registration": world["registration"].pk,
        "registration_code": world["registration"].code,
    }
    return {key: values.get(value, value) for key, value in data.items()}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name, target, get_status, post_status, data", LAMPANG_EVENT_MATRIX)
def test_lampang_event_pages(client_for, personas, world, persona, name, target, get_status, post_status, data):
    client = client_for(personas[persona])
    url = url_for(name, target, world)
    assert client.get(url).status_code == get_status[persona], f"GET {url} as {persona}"
    assert client.post(url, post_data(data, world)).status_code == post_status[persona], f"POST {url} as {persona}"


@pytest.mark.parametrize("name, target, get_status, post_status, data", LAMPANG_EVENT_MATRIX)
def test_anonymous_visitors_are_sent_to_log_in(client, world, name, target, get_status, post_status, data):
    url = url_for(name, target, world)
    for response in (client.get(url), client.post(url, post_data(data, world))):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", PERSONAS + ["anonymous"])
def test_the_verification_page_is_public_and_read_only(client_for, client, personas, world, persona):
    client = client if persona == "anonymous" else client_for(personas[persona])
    url = reverse("trainings:verify", args=[world["registration"].certificate_token])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


# A national event: every province sees it and registers its own people; only administrators run it.
NATIONAL_MATRIX = [
    ("trainings:detail", "event", READ | {"chiangmai_officer": 200}),
    ("trainings:edit", "event", expect(403, 403, 403, 403, 200)),
    ("trainings:register", "event", expect(200, 403, 200, 403, 200)),
    ("trainings:register_guest", "event", expect(200, 403, 200, 403, 200)),
    ("trainings:registrations", "event", expect(200, 200, 200, 200, 200)),
    ("trainings:checkin", "day", expect(403, 403, 403, 403, 200)),
    ("trainings:tick", "day", expect(403, 403, 403, 403, 200)),
    ("trainings:mark_present", "day", expect(403, 403, 403, 403, 200)),
    ("trainings:sheet", "day", expect(200, 200, 200, 200, 200)),
    # A Lampang volunteer's registration in it: Chiang Mai has no business with it.
    ("trainings:slip", "registration", READ),
    ("trainings:certificate", "registration", READ),
    ("trainings:cancel", "registration", expect(200, 403, 404, 403, 200)),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name, target, get_status", NATIONAL_MATRIX)
def test_national_event_pages(
    client_for, personas, lampang_officer, national_event, lampang_volunteer, persona, name, target, get_status
):
    registration = RegistrationFactory(event=national_event, volunteer=lampang_volunteer)
    day = national_event.days.get()
    services.check_in(day=day, registration=registration, method="tick", by=personas["admin"])
    world = {"event": national_event, "day": day, "registration": registration}
    url = url_for(name, target, world)
    assert client_for(personas[persona]).get(url).status_code == get_status[persona], f"GET {url} as {persona}"


def test_another_provinces_people_are_not_registered_through_a_forged_post(
    client_for, chiangmai_officer, national_event, lampang_volunteer, lampang_mentor
):
    client = client_for(chiangmai_officer)
    client.post(reverse("trainings:register", args=[national_event.pk]), {"volunteer": [lampang_volunteer.pk]})
    response = client.post(reverse("trainings:register_group", args=[national_event.pk]), {"mentor": lampang_mentor.pk})
    assert response.status_code == 404
    assert not national_event.registrations.exists()


def test_the_host_province_of_a_national_event_sees_and_cancels_only_its_own_people(
    client_for, lampang_officer, chiangmai_officer, lampang, lampang_volunteer, chiangmai_volunteer
):
    from trainings.models import Event
    from trainings.tests.factories import EventFactory

    # HQ holds its national seminar in a Lampang hotel: Lampang hosts the hall, not the other provinces' people, who
    # are HQ's to list, check in and certify (a provincial office never sees another province's people).
    event = EventFactory(level=Event.Level.NATIONAL, host_province=lampang, title="สัมมนาระดับประเทศ ณ ลำปาง")
    day = event.days.get()
    theirs = services.register_people(event=event, volunteers=[chiangmai_volunteer], by=chiangmai_officer).created[0]
    ours = services.register_people(event=event, volunteers=[lampang_volunteer], by=lampang_officer).created[0]
    client = client_for(lampang_officer)

    for name in ("trainings:cancel", "trainings:slip", "trainings:certificate"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404, name
    response = client.post(reverse("trainings:cancel", args=[theirs.pk]), {"reason": "ไม่มาแน่นอน"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_cancelled
    page = strip_tags(client.get(reverse("trainings:registrations", args=[event.pk])).content.decode())
    sheet = strip_tags(client.get(reverse("trainings:sheet", args=[event.pk, day.pk])).content.decode())
    for shown in (page, sheet):
        assert "คำแปง ไชยวงศ์" not in shown
        assert lampang_volunteer.first_name in shown
    assert (
        reverse("trainings:cancel", args=[ours.pk])
        in client.get(reverse("trainings:registrations", args=[event.pk])).content.decode()
    )

    # Its own people it may cancel, as in any event.
    response = client.post(reverse("trainings:cancel", args=[ours.pk]), {"reason": "ติดภารกิจ"})
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.is_cancelled
