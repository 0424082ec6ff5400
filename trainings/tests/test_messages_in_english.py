"""An officer using the portal in English who plans an event with wrong dates or numbers, registers more people than
the seats, brings people of another province, cancels in a national event HQ has closed, ticks a day not yet come,
or finds a certificate batch failed, is told why in English, dates in English (7 Jan 2020); in Thai the same
refusals read as before, word for word."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from core.thai import current_fiscal_year
from tests.english import in_english
from trainings import certificate_batches, services
from trainings.models import Category, CertificateBatch, Event
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def event_post(**overrides):
    data = {
        "title": "Network workshop",
        "kind": "workshop",
        "topics": ["network"],
        "venue": "Lampang hall",
        "start_date": "07/01/2563",
        "end_date": "08/01/2563",
        "status": "open",
        "target_volunteer": "100",
    }
    return {**data, **overrides}


def form_errors(client, **overrides) -> dict:
    response = client.post(reverse("trainings:create"), event_post(**overrides))
    assert response.status_code == 200
    return {field: " ".join(errors) for field, errors in response.context["form"].errors.items()}


def test_an_event_with_wrong_dates_and_numbers_is_refused_in_english(client_for, lampang_officer):
    client = in_english(client_for(lampang_officer))

    dates = form_errors(client, end_date="06/01/2563")
    numbers = form_errors(client, capacity_volunteer="50", target_mentor="-1", capacity_speaker="3000000000")

    assert (
        dates["end_date"] == "The end date (6 Jan 2020) is before the start date (7 Jan 2020). Please check the dates."
    )
    assert numbers["capacity_volunteer"] == "Volunteers: the capacity (50) is below the target (100)."
    assert numbers["target_mentor"] == "Cannot be negative (0 or more)."
    assert numbers["capacity_speaker"] == "At most 100,000 people."
    assert not Event.objects.exists()


def test_the_same_event_in_thai_is_refused_with_the_thai_words_as_before(client_for, lampang_officer):
    client = client_for(lampang_officer)

    dates = form_errors(client, end_date="06/01/2563")
    numbers = form_errors(client, capacity_volunteer="50", capacity_speaker="3000000000")

    assert dates["end_date"] == "วันสิ้นสุด (6 ม.ค. 2563) อยู่ก่อนวันเริ่ม (7 ม.ค. 2563) กรุณาตรวจสอบวันที่"
    assert numbers["capacity_volunteer"] == "อาสาสมัครแรงงาน: จำนวนรับสูงสุด (50) น้อยกว่าเป้าหมาย (100)"
    assert numbers["capacity_speaker"] == "ไม่เกิน 100,000 คน"


def test_the_services_own_date_checks_speak_english(lampang_officer, lampang):
    fields = {"title": "Test", "kind": "workshop", "host_province": lampang, "venue": "Hall", "status": "done"}
    coming = timezone.localdate() + dt.timedelta(days=30)

    with translation.override("en"), pytest.raises(ValidationError) as long:
        services.create_event(
            by=lampang_officer, start_date=dt.date(2020, 1, 1), end_date=dt.date(2020, 3, 1), **fields
        )
    with translation.override("en"), pytest.raises(ValidationError) as not_held:
        services.create_event(by=lampang_officer, start_date=coming, end_date=coming, **fields)

    assert long.value.message_dict["end_date"] == [
        "The event is longer than 31 days. Check that the years were typed in the right era (BE or CE)."
    ]
    shown = f"{coming.day} {coming:%b} {coming.year}"
    assert not_held.value.message_dict["status"] == [
        f"An event that has not started yet (it starts on {shown}) cannot be marked “Done”."
    ]


def test_more_people_than_the_seats_are_refused_in_english(client_for, lampang_officer, lampang):
    event = EventFactory(host_province=lampang, targets={Category.VOLUNTEER: (1, 1)})
    people = VolunteerFactory.create_batch(2, province=lampang)

    page = (
        in_english(client_for(lampang_officer))
        .post(reverse("trainings:register", args=[event.pk]), {"volunteer": [p.pk for p in people]}, follow=True)
        .content.decode()
    )

    assert "Over capacity for Volunteers: at most 1, 0 already registered, 1 places left, but 2 chosen." in page
    assert not event.registrations.exists()


def test_people_of_another_province_are_refused_in_english_naming_their_province_in_english(
    lampang_officer, lampang_event, chiangmai_volunteer
):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.register_people(event=lampang_event, volunteers=[chiangmai_volunteer], by=lampang_officer)
    with translation.override("en"):
        name = chiangmai_volunteer.full_name

    assert refused.value.messages == [
        f"You can register only participants of your own province: {name} (Chiang Mai) belong to another province."
    ]
    with translation.override("th"), pytest.raises(ValidationError) as in_thai:
        services.register_people(event=lampang_event, volunteers=[chiangmai_volunteer], by=lampang_officer)
    assert in_thai.value.messages == [
        f"ลงทะเบียนได้เฉพาะผู้เข้าร่วมในจังหวัดที่ท่านดูแล: {chiangmai_volunteer.full_name} (เชียงใหม่) อยู่ต่างจังหวัด"
    ]


def test_a_province_cancelling_in_a_national_event_hq_closed_is_told_in_english(
    client_for, lampang_officer, national_event, lampang_volunteer
):
    registration = services.register_people(
        event=national_event, volunteers=[lampang_volunteer], by=lampang_officer
    ).created[0]
    Event.objects.filter(pk=national_event.pk).update(status=Event.Status.CLOSED)
    client = in_english(client_for(lampang_officer))
    cancel = reverse("trainings:cancel", args=[registration.pk])

    opened = client.get(cancel).content.decode()
    refused = client.post(cancel, {"reason": "busy"}).content.decode()

    closed = (
        "HQ has closed registration for this event, so registrations cannot be cancelled. If needed, please contact "
        "the HQ organisers."
    )
    assert closed in opened and closed in refused
    registration.refresh_from_db()
    assert not registration.is_cancelled


def test_a_cancel_without_a_reason_is_refused_in_english(
    client_for, lampang_officer, national_event, lampang_volunteer
):
    registration = services.register_people(
        event=national_event, volunteers=[lampang_volunteer], by=lampang_officer
    ).created[0]
    cancel = reverse("trainings:cancel", args=[registration.pk])

    no_reason = in_english(client_for(lampang_officer)).post(cancel, {"reason": ""}).content.decode()

    assert "Please give the reason for cancelling the registration." in no_reason
    registration.refresh_from_db()
    assert not registration.is_cancelled


def test_a_day_not_yet_come_is_refused_in_english(client_for, lampang_officer, lampang, lampang_volunteer):
    today = timezone.localdate()
    event = EventFactory(host_province=lampang, start_date=today, end_date=today + dt.timedelta(days=1))
    registration = RegistrationFactory(event=event, volunteer=lampang_volunteer)
    tomorrow = event.days.get(date=today + dt.timedelta(days=1))

    answer = in_english(client_for(lampang_officer)).post(
        reverse("trainings:tick", args=[event.pk, tomorrow.pk]),
        {"registration": registration.pk},
        HTTP_ACCEPT="application/json",
    )

    shown = f"{tomorrow.date.day} {tomorrow.date:%b} {tomorrow.date.year}"
    assert answer.status_code == 400
    assert answer.json()["message"] == (
        f"{shown} has not come yet, so attendance for that day cannot be recorded yet. It can be recorded from that "
        "day on."
    )


def test_a_certificate_batch_that_failed_says_why_in_the_readers_language(
    client_for, lampang_officer, lampang_event, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, made below
    day = lampang_event.days.get()
    person = RegistrationFactory(event=lampang_event, name="นายผ่าน อบรม")
    services.mark_present_bulk(day=day, registrations=[person], by=lampang_officer)
    batch = services.start_certificate_batch(
        event=lampang_event, registrations=[person], by=lampang_officer, verify_url="https://portal.example/v/{token}/"
    )
    services.cancel_registration(registration=person, reason="wrong person", by=lampang_officer)
    certificate_batches.make_certificate_batch(batch.pk)
    assert CertificateBatch.objects.get(pk=batch.pk).status == CertificateBatch.Status.FAILED
    page = reverse("trainings:certificates", args=[lampang_event.pk])
    client = client_for(lampang_officer)

    thai = client.get(page).content.decode()
    english = in_english(client).get(page).content.decode()

    assert "ไม่มีผู้มีสิทธิ์รับเกียรติบัตรแล้ว" in thai
    assert "Nobody is entitled to a certificate any more." in english
    assert "ไม่มีผู้มีสิทธิ์รับเกียรติบัตรแล้ว" not in english


def test_a_start_far_ahead_a_cancelled_slip_and_a_cancelled_events_certificates_read_in_english(
    client_for, lampang_officer, lampang_event, lampang_registration
):
    client = in_english(client_for(lampang_officer))
    last_year_ce = current_fiscal_year() + services.MAX_FISCAL_YEARS_AHEAD - 543

    far = form_errors(client, start_date="10/12/2600", end_date="10/12/2600")
    client.post(reverse("trainings:cancel", args=[lampang_registration.pk]), {"reason": "Registered by mistake"})
    slip = client.get(reverse("trainings:slip", args=[lampang_registration.pk])).content.decode()
    services.update_event(event=lampang_event, by=lampang_officer, status=Event.Status.CANCELLED)
    certificates = client.get(reverse("trainings:certificates", args=[lampang_event.pk])).content.decode()

    assert far["start_date"] == (
        "The start date 10 Dec 2057 is in fiscal year 2058, more than 2 fiscal years ahead "
        f"(accepted up to 30 Sep {last_year_ce}). Please check the year."
    )
    assert "This registration was cancelled on " in slip and "Reason: Registered by mistake." in slip
    assert "This event was cancelled, so it has no certificates" in certificates
