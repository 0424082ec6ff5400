"""A volunteer is recorded present at a training event only on a day they were serving, and the registry never says
they were out of office on a day an event's roll shows them present. Every door that records attendance (the tick
list, the typed code or QR scan, the paper sheet, a phone's offline queue, the API) refuses a day the volunteer was
out of office (not yet appointed, resigned or suspended then) naming them and why, and writes nothing; mentors and
guests are not asked. The status page refuses a resignation or death dated on or before a day attended, or a return
from a suspension that would leave a day attended inside it, naming the event and the day in พ.ศ."""

import datetime as dt
import html
import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api import tokens
from api.models import CheckInKey
from trainings.models import Attendance, Registration
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.models import StatusChange, Term, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
RESIGNED_ON_THE_5TH = (
    "นายสมหมาย ขยันยิ่ง ไม่ได้ปฏิบัติหน้าที่ในวันที่ 5 มี.ค. 2568 เพราะมีสถานะ “ลาออก/พ้นสภาพ” ตั้งแต่ 5 มี.ค. 2568 "
    "จึงบันทึกการเข้าร่วมของวันนั้นไม่ได้"
)


@pytest.fixture
def volunteer(lampang_volunteer):
    lampang_volunteer.appointed_on = dt.date(2024, 1, 10)
    lampang_volunteer.save()
    return lampang_volunteer


@pytest.fixture
def workshop(lampang):
    """Three days, 4 to 6 March 2568."""
    return EventFactory(
        host_province=lampang,
        title="อบรมกฎหมายแรงงานสำหรับ อสร.",
        start_date=dt.date(2025, 3, 4),
        end_date=dt.date(2025, 3, 6),
    )


@pytest.fixture
def registration(workshop, volunteer):
    return RegistrationFactory(event=workshop, volunteer=volunteer)


@pytest.fixture
def guest(workshop):
    return RegistrationFactory(event=workshop, name="นางวิทยากร ภายนอก")


def day_of(event, day: int):
    return event.days.get(date=dt.date(2025, 3, day))


def post_status(client, volunteer, to_status: str, changed_on: str):
    return client.post(
        reverse("volunteers:status", args=[volunteer.pk]),
        {"to_status": to_status, "changed_on": changed_on, "reason": "แจ้งตามหนังสือของอำเภอ"},
    )


def tick(client, event, day, registration):
    return client.post(reverse("trainings:tick", args=[event.pk, day.pk]), {"registration": registration.pk}, **JSON)


def days_present(registration) -> list[int]:
    return sorted(registration.attendances.values_list("day__date__day", flat=True))


@pytest.fixture
def resigned_on_the_5th(client_for, lampang_officer, volunteer, registration):
    """Resigned from 5 March, registered for the workshop before that; the desk's client."""
    client = client_for(lampang_officer)
    assert post_status(client, volunteer, "resigned", "05/03/2568").status_code == 302
    return client


# The status page -------------------------------------------------------------------------------------------------


def test_a_resignation_dated_on_a_day_attended_is_refused_naming_the_event_and_the_day(
    client_for, lampang_officer, volunteer, workshop, registration
):
    client = client_for(lampang_officer)
    assert tick(client, workshop, day_of(workshop, 4), registration).json()["ok"]
    assert tick(client, workshop, day_of(workshop, 5), registration).json()["ok"]

    response = post_status(client, volunteer, "resigned", "05/03/2568")

    assert response.status_code == 200
    assert (
        "มีการบันทึกว่าอาสาสมัครเข้าร่วมกิจกรรมฝึกอบรม 1 วันในหรือหลังวันที่มีผล 5 มี.ค. 2568 "
        "ล่าสุดคือ “อบรมกฎหมายแรงงานสำหรับ อสร.” เมื่อ 5 มี.ค. 2568 วันที่มีผลต้องอยู่หลังวันนั้น"
    ) in html.unescape(response.content.decode())
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE
    assert not StatusChange.objects.filter(volunteer=volunteer).exists()
    # The day after the last day attended is accepted.
    assert post_status(client, volunteer, "deceased", "06/03/2568").status_code == 302
    volunteer.refresh_from_db()
    assert (volunteer.status, volunteer.status_changed_on) == ("deceased", dt.date(2025, 3, 6))


def test_a_return_that_leaves_a_day_attended_inside_the_suspension_is_refused_naming_the_first(
    client_for, lampang_officer, volunteer, workshop, registration
):
    client = client_for(lampang_officer)
    assert post_status(client, volunteer, "suspended", "01/03/2568").status_code == 302
    # Recorded before attendance asked the registry (or by a door that does not ask it).
    Attendance.objects.create(registration=registration, day=day_of(workshop, 5))

    response = post_status(client, volunteer, "active", "10/03/2568")

    assert (
        "มีการบันทึกว่าอาสาสมัครเข้าร่วมกิจกรรมฝึกอบรม 1 วันระหว่างพักการปฏิบัติหน้าที่ตั้งแต่ 1 มี.ค. 2568 "
        "วันแรกคือ “อบรมกฎหมายแรงงานสำหรับ อสร.” เมื่อ 5 มี.ค. 2568 วันที่กลับมาปฏิบัติหน้าที่ต้องไม่หลังวันนั้น"
    ) in html.unescape(response.content.decode())
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.SUSPENDED
    assert post_status(client, volunteer, "active", "05/03/2568").status_code == 302


def test_a_tick_of_a_cancelled_registration_does_not_stand_in_the_way(
    client_for, lampang_officer, volunteer, workshop, registration
):
    client = client_for(lampang_officer)
    assert tick(client, workshop, day_of(workshop, 5), registration).json()["ok"]
    Registration.objects.filter(pk=registration.pk).update(cancelled_at=timezone.now(), cancel_reason="ลงชื่อผิดคน")

    assert post_status(client, volunteer, "resigned", "05/03/2568").status_code == 302


# The doors that record attendance --------------------------------------------------------------------------------


def test_the_tick_list_refuses_a_day_after_the_resignation_and_takes_the_day_before(
    resigned_on_the_5th, workshop, registration
):
    refused = tick(resigned_on_the_5th, workshop, day_of(workshop, 5), registration)

    assert refused.status_code == 400
    assert refused.json()["message"] == RESIGNED_ON_THE_5TH
    assert tick(resigned_on_the_5th, workshop, day_of(workshop, 4), registration).json()["ok"]
    assert days_present(registration) == [4]


def test_without_javascript_the_tick_list_shows_the_refusal(resigned_on_the_5th, workshop, registration):
    day = day_of(workshop, 6)
    response = resigned_on_the_5th.post(
        reverse("trainings:tick", args=[workshop.pk, day.pk]), {"registration": registration.pk}, follow=True
    )

    assert ("ไม่ได้ปฏิบัติหน้าที่ในวันที่ 6 มี.ค. 2568 เพราะมีสถานะ “ลาออก/พ้นสภาพ” ตั้งแต่ 5 มี.ค. 2568") in html.unescape(
        response.content.decode()
    )
    assert days_present(registration) == []


def test_a_scanned_code_is_refused_with_the_reason(resigned_on_the_5th, workshop, registration):
    day = day_of(workshop, 5)
    response = resigned_on_the_5th.post(
        reverse("trainings:checkin", args=[workshop.pk, day.pk]), {"code": registration.code, "method": "qr"}, **JSON
    )

    assert response.status_code == 400
    assert response.json()["message"] == RESIGNED_ON_THE_5TH
    assert days_present(registration) == []


def test_the_paper_sheet_marks_nobody_and_names_the_volunteer_out_of_office(
    resigned_on_the_5th, workshop, registration, guest
):
    day = day_of(workshop, 5)
    response = resigned_on_the_5th.post(
        reverse("trainings:mark_present", args=[workshop.pk, day.pk]),
        {"registration": [guest.pk, registration.pk]},
        follow=True,
    )

    page = html.unescape(response.content.decode())
    assert RESIGNED_ON_THE_5TH in page
    assert "ยังไม่ได้บันทึกการเข้าร่วมของวันที่ 5 มี.ค. 2568 ให้ผู้ใด" in page
    assert not Attendance.objects.exists()


def sheet_of(workshop, lampang, count: int, first=1) -> list[Registration]:
    """`count` volunteers on the workshop's roll, each serving since 10 Jan 2567 in a term on record, with a return
    from a short suspension in 2567 in their history."""
    roll = []
    for n in range(first, first + count):
        volunteer = VolunteerFactory(
            province=lampang,
            first_name=f"อาสา{n}",
            last_name="ตั้งใจ",
            appointed_on=dt.date(2024, 1, 10),
            term_ends_on=dt.date(2026, 1, 9),
        )
        Term.objects.create(volunteer=volunteer, starts_on=dt.date(2024, 1, 10), ends_on=dt.date(2026, 1, 9))
        for from_status, to_status, changed_on in (
            ("active", "suspended", dt.date(2024, 6, 1)),
            ("suspended", "active", dt.date(2024, 7, 1)),
        ):
            StatusChange.objects.create(
                volunteer=volunteer, from_status=from_status, to_status=to_status, changed_on=changed_on, reason="-"
            )
        roll.append(RegistrationFactory(event=workshop, volunteer=volunteer))
    return roll


def mark_present(client, event, day, roll):
    return client.post(
        reverse("trainings:mark_present", args=[event.pk, day.pk]), {"registration": [r.pk for r in roll]}
    )


def test_a_long_paper_sheet_names_every_volunteer_out_of_office_and_marks_nobody(
    client_for, lampang_officer, lampang, workshop, guest
):
    roll = sheet_of(workshop, lampang, 30)
    resigned, suspended, term_ended, not_yet = (r.volunteer for r in (roll[3], roll[11], roll[20], roll[27]))
    Volunteer.objects.filter(pk=resigned.pk).update(status="resigned", status_changed_on=dt.date(2025, 3, 5))
    StatusChange.objects.create(
        volunteer=resigned, from_status="active", to_status="resigned", changed_on=dt.date(2025, 3, 5), reason="-"
    )
    for from_status, to_status, changed_on in (("active", "suspended", 1), ("suspended", "active", 6)):
        StatusChange.objects.create(
            volunteer=suspended,
            from_status=from_status,
            to_status=to_status,
            changed_on=dt.date(2025, 3, changed_on),
            reason="-",
        )
    Term.objects.filter(volunteer=term_ended).update(ends_on=dt.date(2025, 2, 28))
    Volunteer.objects.filter(pk=term_ended.pk).update(term_ends_on=dt.date(2025, 2, 28))
    Term.objects.filter(volunteer=not_yet).update(starts_on=dt.date(2025, 3, 10), ends_on=dt.date(2027, 3, 9))
    Volunteer.objects.filter(pk=not_yet.pk).update(appointed_on=dt.date(2025, 3, 10), term_ends_on=dt.date(2027, 3, 9))
    client = client_for(lampang_officer)

    response = mark_present(client, workshop, day_of(workshop, 5), [guest, *roll])

    page = html.unescape(client.get(response.url).content.decode())
    for message in (
        "นายอาสา4 ตั้งใจ ไม่ได้ปฏิบัติหน้าที่ในวันที่ 5 มี.ค. 2568 เพราะมีสถานะ “ลาออก/พ้นสภาพ” ตั้งแต่ 5 มี.ค. 2568 "
        "จึงบันทึกการเข้าร่วมของวันนั้นไม่ได้",
        "นายอาสา12 ตั้งใจ ไม่ได้ปฏิบัติหน้าที่ในวันที่ 5 มี.ค. 2568 เพราะมีสถานะ “พักการปฏิบัติหน้าที่” ตั้งแต่ 1 มี.ค. 2568 "
        "จนกลับมาปฏิบัติหน้าที่เมื่อ 6 มี.ค. 2568 จึงบันทึกการเข้าร่วมของวันนั้นไม่ได้",
        "นายอาสา21 ตั้งใจ ไม่ได้ปฏิบัติหน้าที่ในวันที่ 5 มี.ค. 2568 เพราะวาระสิ้นสุดวันที่ 28 ก.พ. 2568 จึงบันทึกการเข้าร่วมของวันนั้นไม่ได้",
        "นายอาสา28 ตั้งใจ ไม่ได้ปฏิบัติหน้าที่ในวันที่ 5 มี.ค. 2568 เพราะเพิ่งได้รับแต่งตั้งเป็นอาสาสมัครเมื่อ 10 มี.ค. 2568 "
        "จึงบันทึกการเข้าร่วมของวันนั้นไม่ได้",
        "ยังไม่ได้บันทึกการเข้าร่วมของวันที่ 5 มี.ค. 2568 ให้ผู้ใด",
    ):
        assert message in page
    # Nobody else is named: those serving that day, their suspension in 2567 long over.
    assert page.count("บันทึกการเข้าร่วมของวันนั้นไม่ได้") == 4
    assert not Attendance.objects.exists()


def test_a_paper_sheet_of_thirty_takes_no_more_queries_than_one_of_five(client_for, lampang_officer, lampang, workshop):
    client = client_for(lampang_officer)
    five, thirty = sheet_of(workshop, lampang, 5), sheet_of(workshop, lampang, 30, first=6)

    with CaptureQueriesContext(connection) as five_read:
        assert mark_present(client, workshop, day_of(workshop, 4), five).status_code == 302
    with CaptureQueriesContext(connection) as thirty_read:
        assert mark_present(client, workshop, day_of(workshop, 5), thirty).status_code == 302

    assert len(thirty_read) <= len(five_read)
    assert Attendance.objects.filter(day__date=dt.date(2025, 3, 5)).count() == 30


def test_an_offline_queue_refuses_the_volunteer_and_applies_the_guest(
    resigned_on_the_5th, workshop, registration, guest
):
    day = day_of(workshop, 5)
    taps = [
        {"uuid": str(uuid.uuid4()), "registration": person.pk, "action": "present", "method": "tick"}
        for person in (guest, registration)
    ]
    response = resigned_on_the_5th.post(
        reverse("trainings:offline_sync", args=[workshop.pk, day.pk]),
        json.dumps({"items": taps}),
        content_type="application/json",
    )

    guest_answer, volunteer_answer = response.json()["results"]
    assert guest_answer["ok"]
    assert (volunteer_answer["ok"], volunteer_answer["message"]) == (False, RESIGNED_ON_THE_5TH)
    assert response.json()["present"] == [guest.pk]
    assert not CheckInKey.objects.filter(registration=registration).exists()


def test_the_api_check_in_is_refused_and_keeps_no_key(lampang_officer, resigned_on_the_5th, workshop, registration):
    api = APIClient()
    token = tokens.create_token(user=lampang_officer, name="โต๊ะลงทะเบียน", days=30, read_only=False)[1]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    day = day_of(workshop, 5)

    response = api.post(
        f"/api/v1/events/{workshop.pk}/days/{day.pk}/check-in/",
        {"uuid": str(uuid.uuid4()), "registration": registration.pk},
        format="json",
    )

    assert response.status_code == 400
    assert RESIGNED_ON_THE_5TH in response.json()["detail"]
    assert days_present(registration) == [] and not CheckInKey.objects.exists()


def test_days_of_a_suspension_are_refused_and_the_day_back_is_taken(
    client_for, lampang_officer, volunteer, workshop, registration
):
    client = client_for(lampang_officer)
    assert post_status(client, volunteer, "suspended", "04/03/2568").status_code == 302
    assert post_status(client, volunteer, "active", "06/03/2568").status_code == 302

    refused = tick(client, workshop, day_of(workshop, 5), registration)

    assert refused.json()["message"] == (
        "นายสมหมาย ขยันยิ่ง ไม่ได้ปฏิบัติหน้าที่ในวันที่ 5 มี.ค. 2568 เพราะมีสถานะ “พักการปฏิบัติหน้าที่” ตั้งแต่ 4 มี.ค. 2568 "
        "จนกลับมาปฏิบัติหน้าที่เมื่อ 6 มี.ค. 2568 จึงบันทึกการเข้าร่วมของวันนั้นไม่ได้"
    )
    assert tick(client, workshop, day_of(workshop, 6), registration).json()["ok"]
    assert days_present(registration) == [6]


def test_a_day_before_the_appointment_is_refused(client_for, lampang_officer, volunteer, workshop, registration):
    Volunteer.objects.filter(pk=volunteer.pk).update(appointed_on=dt.date(2025, 3, 5))

    refused = tick(client_for(lampang_officer), workshop, day_of(workshop, 4), registration)

    assert refused.json()["message"] == (
        "นายสมหมาย ขยันยิ่ง ไม่ได้ปฏิบัติหน้าที่ในวันที่ 4 มี.ค. 2568 เพราะเพิ่งได้รับแต่งตั้งเป็นอาสาสมัครเมื่อ 5 มี.ค. 2568 "
        "จึงบันทึกการเข้าร่วมของวันนั้นไม่ได้"
    )
    assert days_present(registration) == []


def test_a_mentor_and_a_guest_are_checked_in_whatever_a_volunteers_record_says(
    resigned_on_the_5th, workshop, lampang_mentor, guest
):
    mentor = RegistrationFactory(event=workshop, mentor=lampang_mentor)
    day = day_of(workshop, 5)

    for person in (mentor, guest):
        assert tick(resigned_on_the_5th, workshop, day, person).json()["ok"]

    assert set(Attendance.objects.values_list("registration_id", flat=True)) == {mentor.pk, guest.pk}


def test_an_english_reader_is_told_in_english(client_for, lampang_officer, volunteer, workshop, registration):
    client = client_for(lampang_officer)
    assert tick(client, workshop, day_of(workshop, 5), registration).json()["ok"]
    client.cookies["django_language"] = "en"

    page = html.unescape(post_status(client, volunteer, "resigned", "01/03/2025").content.decode())

    assert "The volunteer is recorded present at a training event on 1 day on or after the effective date" in page
    assert "“อบรมกฎหมายแรงงานสำหรับ อสร.” on 5 Mar 2025" in page
