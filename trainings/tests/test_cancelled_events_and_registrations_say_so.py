"""A cancelled event's certificates page says the event was cancelled and offers no certificate (not an earlier
batch's file, not one per person on the list); a cancelled registration's slip says when and why it was cancelled
and carries no QR code to show at the desk."""

import pytest
from django.urls import reverse

from trainings import services
from trainings.models import Event
from trainings.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

NO_ONE_YET = "ยังไม่มีผู้เข้าร่วมครบทุกวัน"
CANCELLED_EVENT = "กิจกรรมนี้ถูกยกเลิกแล้ว จึงไม่มีเกียรติบัตร"


@pytest.fixture
def attended(settings, tmp_path, lampang_officer, lampang_event):
    settings.MEDIA_ROOT = tmp_path / "media"
    people = [RegistrationFactory(event=lampang_event, name=f"นายผ่าน อบรม{n}") for n in range(2)]
    services.mark_present_bulk(day=lampang_event.days.get(), registrations=people, by=lampang_officer)
    return people


def test_a_cancelled_events_certificates_page_says_so_and_offers_no_file(
    client_for, lampang_officer, lampang_event, attended
):
    client = client_for(lampang_officer)
    page_url = reverse("trainings:certificates", args=[lampang_event.pk])
    file_url = reverse("trainings:certificates_file", args=[lampang_event.pk])
    assert file_url in client.post(page_url).content.decode()  # a batch made while the event stood
    services.update_event(event=lampang_event, by=lampang_officer, status=Event.Status.CANCELLED)

    page = client.get(page_url).content.decode()

    assert CANCELLED_EVENT in page
    assert NO_ONE_YET not in page
    assert file_url not in page and 'data-testid="start-certificates"' not in page
    state = client.get(reverse("trainings:certificates_progress", args=[lampang_event.pk])).json()
    assert (state["ready"], state["working"]) == (False, False)


def test_a_cancelled_events_registration_list_has_no_certificate_buttons(
    client_for, lampang_officer, lampang_event, attended
):
    client = client_for(lampang_officer)
    list_url = reverse("trainings:registrations", args=[lampang_event.pk])
    certificate_url = reverse("trainings:certificate", args=[attended[0].pk])
    assert certificate_url in client.get(list_url).content.decode()
    services.update_event(event=lampang_event, by=lampang_officer, status=Event.Status.CANCELLED)

    page = client.get(list_url).content.decode()

    assert f'data-code="{attended[0].code}"' in page
    assert certificate_url not in page


def test_a_cancelled_registrations_slip_says_when_and_why_and_has_no_qr_code(
    client_for, lampang_officer, lampang_registration
):
    client = client_for(lampang_officer)
    slip_url = reverse("trainings:slip", args=[lampang_registration.pk])
    assert "<svg" in client.get(slip_url).content.decode()
    client.post(reverse("trainings:cancel", args=[lampang_registration.pk]), {"reason": "ติดภารกิจราชการ"})

    page = client.get(slip_url).content.decode()

    assert "ยกเลิกการลงทะเบียนนี้แล้วเมื่อ" in page and "เหตุผล: ติดภารกิจราชการ" in page
    assert "<svg" not in page
    assert "แสดง QR code นี้ที่โต๊ะลงทะเบียนหน้างาน" not in page
