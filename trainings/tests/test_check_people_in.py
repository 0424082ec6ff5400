import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from trainings import services
from trainings.models import Attendance, Event
from trainings.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def day(lampang_event):
    return lampang_event.days.get()


def test_typing_a_code_checks_the_person_in(client_for, lampang_officer, lampang_event, lampang_registration, day):
    response = client_for(lampang_officer).post(
        reverse("trainings:checkin", args=[lampang_event.pk, day.pk]),
        {"code": f" {lampang_registration.code.lower()} "},
        **JSON,
    )
    data = response.json()
    assert data["ok"] and data["created"] and data["present_count"] == 1
    assert data["message"] == "บันทึกการเข้าร่วมของ นายสมหมาย ขยันยิ่ง แล้ว"
    assert Attendance.objects.get().method == Attendance.Method.CODE


def test_checking_in_twice_is_harmless_and_says_so(
    client_for, lampang_officer, lampang_event, lampang_registration, day
):
    client = client_for(lampang_officer)
    url = reverse("trainings:checkin", args=[lampang_event.pk, day.pk])
    client.post(url, {"code": lampang_registration.code, "method": "qr"}, **JSON)
    data = client.post(url, {"code": lampang_registration.code, "method": "qr"}, **JSON).json()
    assert data["ok"] and not data["created"]
    assert "ลงทะเบียนเข้างานวันนี้ไปแล้วเมื่อ" in data["message"]
    assert Attendance.objects.count() == 1
    assert Attendance.objects.get().method == Attendance.Method.QR


def test_without_javascript_the_typed_code_form_still_works(
    client_for, lampang_officer, lampang_event, lampang_registration, day
):
    response = client_for(lampang_officer).post(
        reverse("trainings:checkin", args=[lampang_event.pk, day.pk]), {"code": lampang_registration.code}, follow=True
    )
    assert "บันทึกการเข้าร่วมของ นายสมหมาย ขยันยิ่ง แล้ว" in response.content.decode()


def test_a_code_of_another_event_is_refused(client_for, lampang_officer, lampang, lampang_event, day):
    other = RegistrationFactory(event=EventFactory(host_province=lampang, title="อบรมอีกรุ่นหนึ่ง"))
    response = client_for(lampang_officer).post(
        reverse("trainings:checkin", args=[lampang_event.pk, day.pk]), {"code": other.code}, **JSON
    )
    assert response.status_code == 400
    assert response.json()["message"] == f"รหัส {other.code} เป็นของกิจกรรมอื่น ไม่ใช่กิจกรรมนี้"
    assert not Attendance.objects.exists()


def test_an_unknown_code_is_refused(client_for, lampang_officer, lampang_event, day):
    response = client_for(lampang_officer).post(
        reverse("trainings:checkin", args=[lampang_event.pk, day.pk]), {"code": "ZZZZ999999"}, **JSON
    )
    assert response.status_code == 400
    assert "ไม่พบรหัสลงทะเบียน “ZZZZ999999”" in response.json()["message"]


def test_the_desk_in_english_is_told_in_english(client_for, lampang_officer, lampang_event, lampang_registration, day):
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"
    url = reverse("trainings:checkin", args=[lampang_event.pk, day.pk])

    first = client.post(url, {"code": lampang_registration.code}, **JSON).json()
    again = client.post(url, {"code": lampang_registration.code}, **JSON).json()
    unknown = client.post(url, {"code": "ZZZZ999999"}, **JSON).json()

    assert first["message"].endswith("is checked in")
    assert "already checked in today at" in again["message"]
    assert unknown["message"] == "No registration has the code “ZZZZ999999”. Please check the code."


def test_a_cancelled_registration_cannot_check_in(lampang_officer, lampang_registration, day):
    services.cancel_registration(registration=lampang_registration, reason="ป่วย", by=lampang_officer)
    with pytest.raises(ValidationError, match="ถูกยกเลิกแล้ว"):
        services.check_in(day=day, code=lampang_registration.code, method="code", by=lampang_officer)


def test_the_tick_list_marks_present_with_one_tap_and_takes_it_back(
    client_for, lampang_officer, lampang_event, lampang_registration, day
):
    client = client_for(lampang_officer)
    url = reverse("trainings:tick", args=[lampang_event.pk, day.pk])
    page = client.get(url).content.decode()
    assert "นายสมหมาย ขยันยิ่ง" in page and 'id="tick-search"' in page
    data = client.post(url, {"registration": lampang_registration.pk}, **JSON).json()
    assert data == {"ok": True, "present": True, "message": "บันทึกการเข้าร่วมของ นายสมหมาย ขยันยิ่ง แล้ว", "present_count": 1}
    data = client.post(url, {"registration": lampang_registration.pk, "action": "undo"}, **JSON).json()
    assert data["present"] is False and data["present_count"] == 0


def test_taking_back_a_tick_that_was_never_made_says_so(
    client_for, lampang_officer, lampang_event, lampang_registration, day
):
    url = reverse("trainings:tick", args=[lampang_event.pk, day.pk])

    data = client_for(lampang_officer).post(url, {"registration": lampang_registration.pk, "action": "undo"}, **JSON)

    assert data.json()["message"] == "นายสมหมาย ขยันยิ่ง ยังไม่ได้บันทึกการเข้าร่วมของวันนี้ ไม่มีอะไรต้องยกเลิก"


@pytest.mark.parametrize("posted", ["abc", "²", "1" * 30])
def test_a_tick_for_a_row_that_is_not_a_number_is_not_found_not_a_server_error(
    client_for, lampang_officer, lampang_event, day, posted
):
    response = client_for(lampang_officer).post(
        reverse("trainings:tick", args=[lampang_event.pk, day.pk]), {"registration": posted}, **JSON
    )
    assert response.status_code == 404


def test_a_cancelled_event_takes_no_attendance_from_the_paper_sheet_either(
    client_for, lampang_officer, lampang_event, day
):
    people = RegistrationFactory.create_batch(3, event=lampang_event)
    Event.objects.filter(pk=lampang_event.pk).update(status=Event.Status.CANCELLED)

    response = client_for(lampang_officer).post(
        reverse("trainings:mark_present", args=[lampang_event.pk, day.pk]),
        {"registration": [p.pk for p in people]},
        follow=True,
    )

    assert "กิจกรรมนี้ถูกยกเลิกแล้ว จึงบันทึกการเข้าร่วมไม่ได้" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_cancelled_events_attendance_cannot_be_taken_back_either(
    client_for, lampang_officer, lampang_event, lampang_registration, day
):
    services.check_in(day=day, registration=lampang_registration, method="tick", by=lampang_officer)
    Event.objects.filter(pk=lampang_event.pk).update(status=Event.Status.CANCELLED)
    url = reverse("trainings:tick", args=[lampang_event.pk, day.pk])

    data = client_for(lampang_officer).post(url, {"registration": lampang_registration.pk, "action": "undo"}, **JSON)

    assert data.status_code == 400
    assert data.json()["message"] == "กิจกรรมนี้ถูกยกเลิกแล้ว จึงบันทึกการเข้าร่วมไม่ได้"
    assert Attendance.objects.filter(registration=lampang_registration, day=day).exists()


def test_a_multi_day_events_days_are_listed_in_date_order(client_for, lampang_officer, lampang):
    event = EventFactory(host_province=lampang, start_date=dt.date(2020, 1, 7), end_date=dt.date(2020, 1, 9))
    # Made out of order, as days added when an event's dates are moved are.
    event.days.all().delete()
    for day in (dt.date(2020, 1, 9), dt.date(2020, 1, 7), dt.date(2020, 1, 8)):
        event.days.create(date=day)

    page = client_for(lampang_officer).get(reverse("trainings:detail", args=[event.pk])).content.decode()

    days = page.split('data-testid="days"')[1].split("</table>")[0]
    assert re.findall(r"วันที่ (\d) · (\d) มกราคม 2563", days) == [("1", "7"), ("2", "8"), ("3", "9")]


def test_the_tick_list_only_ticks_this_events_people(client_for, lampang_officer, lampang, lampang_event, day):
    other = RegistrationFactory(event=EventFactory(host_province=lampang))
    response = client_for(lampang_officer).post(
        reverse("trainings:tick", args=[lampang_event.pk, day.pk]), {"registration": other.pk}, **JSON
    )
    assert response.status_code == 404


def test_marking_many_present_from_the_paper_sheet(client_for, lampang_officer, lampang_event, day):
    people = RegistrationFactory.create_batch(4, event=lampang_event)
    services.check_in(day=day, registration=people[0], method="tick", by=lampang_officer)
    response = client_for(lampang_officer).post(
        reverse("trainings:mark_present", args=[lampang_event.pk, day.pk]),
        {"registration": [p.pk for p in people[:3]]},
        follow=True,
    )
    assert "เพิ่ม 2 คน" in response.content.decode()
    assert set(day.attendances.values_list("registration_id", flat=True)) == {p.pk for p in people[:3]}
    assert day.attendances.get(registration=people[1]).method == Attendance.Method.SHEET


def test_marking_present_refuses_people_of_another_event_and_saves_nothing(
    client_for, lampang_officer, lampang, lampang_event, day
):
    mine = RegistrationFactory(event=lampang_event)
    other = RegistrationFactory(event=EventFactory(host_province=lampang))
    response = client_for(lampang_officer).post(
        reverse("trainings:mark_present", args=[lampang_event.pk, day.pk]),
        {"registration": [mine.pk, other.pk]},
        follow=True,
    )
    assert "ไม่อยู่ในกิจกรรมนี้" in response.content.decode()
    assert not Attendance.objects.exists()


def test_event_figures_count_target_registered_and_attended_per_category(
    client_for, lampang_officer, lampang, lampang_mentor
):
    event = EventFactory(host_province=lampang, targets={"volunteer": (3, None), "mentor": (1, None)})
    day = event.days.get()
    from volunteers.tests.factories import VolunteerFactory

    volunteers = VolunteerFactory.create_batch(2, province=lampang)
    result = services.register_people(event=event, volunteers=volunteers, mentors=[lampang_mentor], by=lampang_officer)
    services.check_in(day=day, registration=result.created[0], method="tick", by=lampang_officer)
    services.check_in(day=day, registration=result.created[2], method="tick", by=lampang_officer)
    response = client_for(lampang_officer).get(reverse("trainings:detail", args=[event.pk]))
    rows = {r.category: (r.target, r.registered, r.attended) for r in response.context["rows"]}
    assert rows == {"volunteer": (3, 2, 1), "mentor": (1, 1, 1)}
    page = response.content.decode()
    assert 'data-testid="total-target">4<' in page
    assert 'data-testid="total-attended">2<' in page


def test_the_event_pages_attendance_percent_counts_people_present_not_people_registered(
    client_for, lampang_officer, lampang
):
    from volunteers.tests.factories import VolunteerFactory

    event = EventFactory(
        host_province=lampang,
        start_date=dt.date(2020, 1, 7),
        end_date=dt.date(2020, 1, 8),
        targets={"volunteer": (10, None), "mentor": (2, None)},
    )
    first, second = event.days.all()
    volunteers = VolunteerFactory.create_batch(8, province=lampang)
    registered = services.register_people(event=event, volunteers=volunteers, by=lampang_officer).created
    # Four present on day one; one of them and one more on day two: six ticks, five people, eight registered.
    services.mark_present_bulk(day=first, registrations=registered[:4], by=lampang_officer)
    services.mark_present_bulk(day=second, registrations=registered[3:5], by=lampang_officer)
    response = client_for(lampang_officer).get(reverse("trainings:detail", args=[event.pk]))
    rows = {r.category: (r.target, r.registered, r.attended, r.attended_percent) for r in response.context["rows"]}
    assert rows == {"volunteer": (10, 8, 5, 50), "mentor": (2, 0, 0, 0)}
    page = response.content.decode()
    assert 'figure-attended">5 <span class="small text-muted">(50%)</span>' in page
    assert "(80%)" not in page and "(60%)" not in page  # registered / target, attendance rows / target
