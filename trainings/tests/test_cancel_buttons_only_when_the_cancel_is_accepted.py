"""The registration list offers ยกเลิก only where the cancel would be accepted: once HQ closes a national event's
registration, a province's officer no longer sees the buttons the service would refuse; HQ, who runs it, still does."""

import pytest
from django.urls import reverse

from trainings import services
from trainings.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def lampangs_person(lampang_officer, national_event, lampang_volunteer):
    return services.register_people(event=national_event, volunteers=[lampang_volunteer], by=lampang_officer).created[0]


def cancel_shown(client, event, registration) -> bool:
    page = client.get(reverse("trainings:registrations", args=[event.pk])).content.decode()
    return reverse("trainings:cancel", args=[registration.pk]) in page


def test_the_province_loses_its_cancel_buttons_when_hq_closes_registration(
    client_for, lampang_officer, hq_officer, national_event, lampangs_person
):
    assert cancel_shown(client_for(lampang_officer), national_event, lampangs_person)
    services.update_event(event=national_event, by=hq_officer, status=Event.Status.CLOSED)

    client = client_for(lampang_officer)
    assert not cancel_shown(client, national_event, lampangs_person)
    # The service's own rule, which the buttons now follow.
    response = client.post(reverse("trainings:cancel", args=[lampangs_person.pk]), {"reason": "ติดภารกิจ"})
    assert "ส่วนกลางปิดรับลงทะเบียนกิจกรรมนี้แล้ว" in response.content.decode()

    assert cancel_shown(client_for(hq_officer), national_event, lampangs_person)


def test_the_cancel_page_opened_from_a_kept_link_says_so_before_a_reason_is_typed(
    client_for, lampang_officer, hq_officer, national_event, lampangs_person
):
    services.update_event(event=national_event, by=hq_officer, status=Event.Status.CLOSED)

    page = client_for(lampang_officer).get(reverse("trainings:cancel", args=[lampangs_person.pk])).content.decode()

    assert "ส่วนกลางปิดรับลงทะเบียนกิจกรรมนี้แล้ว จึงยกเลิกการลงทะเบียนไม่ได้" in page
    assert 'name="reason"' not in page
    lampangs_person.refresh_from_db()
    assert not lampangs_person.is_cancelled
