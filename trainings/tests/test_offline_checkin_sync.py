"""The queue a phone sends after a day without signal (issue 17): each item once by its UUID, in the order tapped,
refused one by one with the reason in Thai while the rest is applied; and the list a phone may keep."""

import datetime as dt
import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import CheckInKey
from trainings.models import Attendance
from trainings.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(lampang_event):
    return lampang_event.days.get()


@pytest.fixture
def people(lampang_event):
    return [RegistrationFactory(event=lampang_event, name=f"นายผู้เข้าร่วม คนที่{n}") for n in range(3)]


def tap(registration, action="present", at=None, **extra):
    when = at or timezone.now() - dt.timedelta(minutes=5)
    return {
        "uuid": str(uuid.uuid4()),
        "registration": registration.pk,
        "action": action,
        "method": "tick",
        "tapped_at": when.isoformat(),
        **extra,
    }


def send(client, event, day, items):
    response = client.post(
        reverse("trainings:offline_sync", args=[event.pk, day.pk]),
        json.dumps({"items": items}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def present(day):
    return set(Attendance.objects.filter(day=day).values_list("registration_id", flat=True))


def test_the_queue_is_applied_once_however_often_it_is_sent(client_for, lampang_officer, lampang_event, day, people):
    client = client_for(lampang_officer)
    items = [tap(p) for p in people]
    first = send(client, lampang_event, day, items)
    again = send(client, lampang_event, day, items)
    assert [a["ok"] for a in first["results"]] == [True, True, True]
    assert [a["message"] for a in again["results"]] == [a["message"] for a in first["results"]]
    assert all(a["repeat"] for a in again["results"])
    assert Attendance.objects.filter(day=day).count() == 3
    assert again["present_count"] == 3


def test_ticked_then_unticked_offline_ends_unticked_whatever_order_it_arrives_in(
    client_for, lampang_officer, lampang_event, day, people
):
    start = timezone.now() - dt.timedelta(minutes=10)
    ticked = tap(people[0], at=start)
    unticked = tap(people[0], "absent", at=start + dt.timedelta(seconds=3))
    answers = send(client_for(lampang_officer), lampang_event, day, [unticked, ticked])
    assert [a["ok"] for a in answers["results"]] == [True, True]
    assert present(day) == set()


def test_an_untick_does_not_undo_another_desks_later_tick(
    client_for, lampang_officer, lampang_event, day, people, admin_user
):
    start = timezone.now() - dt.timedelta(minutes=30)
    offline_phone = [tap(people[0], at=start), tap(people[0], "absent", at=start + dt.timedelta(minutes=1))]
    send(client_for(admin_user), lampang_event, day, [tap(people[0], at=start + dt.timedelta(minutes=10))])
    answers = send(client_for(lampang_officer), lampang_event, day, offline_phone)["results"]
    assert all(a["ok"] for a in answers)
    assert "ถูกบันทึกว่ามาแล้วอีกครั้งเมื่อ" in answers[1]["message"] and "จึงคงการบันทึกไว้" in answers[1]["message"]
    assert present(day) == {people[0].pk}


def test_an_untick_from_a_phone_whose_clock_is_behind_the_day_is_taken_as_the_last_tap(
    client_for, lampang_officer, lampang_event, day, people, admin_user
):
    send(client_for(admin_user), lampang_event, day, [tap(people[0], at=timezone.now() - dt.timedelta(minutes=1))])
    a_year_behind = timezone.make_aware(dt.datetime.combine(day.date - dt.timedelta(days=365), dt.time(9)))
    untick = tap(people[0], "absent", at=a_year_behind)
    [answer] = send(client_for(lampang_officer), lampang_event, day, [untick])["results"]
    assert answer["ok"] and answer["message"].startswith("ยกเลิกการบันทึกของ ")
    assert present(day) == set()


def test_a_tap_whose_method_the_page_never_sends_counts_as_a_tick_and_the_queue_goes_on(
    client_for, lampang_officer, lampang_event, day, people
):
    items = [tap(people[0]), tap(people[1], method=["qr"]), tap(people[2], method={"qr": 1})]
    answers = send(client_for(lampang_officer), lampang_event, day, items)["results"]
    assert [a["ok"] for a in answers] == [True, True, True]
    assert present(day) == {p.pk for p in people}
    assert set(Attendance.objects.values_list("method", flat=True)) == {Attendance.Method.TICK}


def test_a_body_nested_past_any_queue_is_refused_in_thai(client_for, lampang_officer, lampang_event, day):
    body = "[" * 100_000 + "]" * 100_000
    response = client_for(lampang_officer).post(
        reverse("trainings:offline_sync", args=[lampang_event.pk, day.pk]), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "ข้อมูลที่ส่งมาไม่ใช่รายการที่รอส่งของหน้าเช็คอิน"


def test_the_arrival_keeps_the_time_of_the_tap(client_for, lampang_officer, lampang_event, day, people):
    at = timezone.now() - dt.timedelta(hours=2)
    send(client_for(lampang_officer), lampang_event, day, [tap(people[0], at=at)])
    assert Attendance.objects.get().checked_in_at == at.replace(microsecond=at.microsecond)


def test_two_phones_ticking_the_same_people_count_them_once(
    client_for, lampang_officer, lampang_event, day, people, admin_user
):
    send(client_for(lampang_officer), lampang_event, day, [tap(p) for p in people])
    answers = send(client_for(admin_user), lampang_event, day, [tap(p) for p in people])
    assert all(a["ok"] for a in answers["results"])
    assert "ไปแล้ว" in answers["results"][0]["message"]
    assert Attendance.objects.filter(day=day).count() == 3


def test_a_tampered_queue_is_refused_item_by_item_and_the_rest_is_applied(
    client_for, lampang_officer, lampang, lampang_event, day, people, chiang_mai
):
    client = client_for(lampang_officer)
    first = tap(people[0])
    send(client, lampang_event, day, [first])
    cancelled = people[2]
    cancelled.cancelled_at = timezone.now()
    cancelled.save()
    other_event = RegistrationFactory(event=EventFactory(host_province=lampang, title="อบรมอีกรุ่นหนึ่ง"))
    chiang_mai_day = EventFactory(host_province=chiang_mai).days.get()
    items = [
        tap(other_event),  # another event's registration
        {**tap(people[1]), "uuid": first["uuid"]},  # a UUID already used, now for someone else
        tap(cancelled),  # cancelled while the phone was offline
        tap(people[1], day=chiang_mai_day.pk),  # a day of another province
        {**tap(people[1]), "uuid": "not-a-uuid"},
        "not an item",
        {**tap(people[1]), "tapped_at": "2026-13-40T25:00:00+07:00"},  # the one good item, its time garbled
    ]
    answers = send(client, lampang_event, day, items)["results"]
    assert [a["ok"] for a in answers] == [False, False, False, False, False, False, True]
    assert answers[0]["message"] == "ผู้ลงทะเบียนรายการนี้ไม่ใช่ผู้เข้าร่วมของกิจกรรมนี้ จึงไม่ได้บันทึก"
    assert "ใช้กับการบันทึกของคนอื่นหรือวันอื่นไปแล้ว" in answers[1]["message"]
    assert answers[2]["message"] == "การลงทะเบียนของ นายผู้เข้าร่วม คนที่2 ถูกยกเลิกแล้ว"
    assert answers[3]["message"] == "ไม่พบวันกิจกรรมนี้ในกิจกรรมที่ท่านดูแล จึงไม่ได้บันทึก"
    assert answers[4]["message"] == "รายการนี้ไม่มีรหัสรายการ (uuid) ที่ถูกต้อง"
    assert present(day) == {people[0].pk, people[1].pk}
    assert not Attendance.objects.exclude(day=day).exists()
    # Nothing half-written: a refused item leaves no key behind that would answer a later honest retry.
    assert CheckInKey.objects.count() == 2


def test_a_day_not_yet_come_is_refused_at_sync(client_for, lampang_officer, lampang):
    event = EventFactory(host_province=lampang, start_date=timezone.localdate() + dt.timedelta(days=1))
    day = event.days.get()
    registration = RegistrationFactory(event=event)
    answers = send(client_for(lampang_officer), event, day, [tap(registration, at=timezone.now())])["results"]
    assert not answers[0]["ok"] and answers[0]["message"].startswith("ยังไม่ถึงวันที่")
    assert not Attendance.objects.exists()


def test_a_scanned_code_is_checked_in_by_code(client_for, lampang_officer, lampang_event, day, people):
    client = client_for(lampang_officer)
    item = {**tap(people[0]), "registration": None, "code": people[0].code.lower(), "method": "qr"}
    answers = send(client, lampang_event, day, [item])["results"]
    assert answers[0]["ok"] and answers[0]["registration"] == people[0].pk
    assert Attendance.objects.get().method == Attendance.Method.QR
    forged = {**item, "code": people[1].code}
    answers = send(client, lampang_event, day, [item, forged])["results"]
    assert answers[0]["repeat"] and not answers[1]["ok"]
    assert Attendance.objects.count() == 1


def test_a_body_that_is_not_a_queue_is_refused_in_thai(client_for, lampang_officer, lampang_event, day):
    response = client_for(lampang_officer).post(
        reverse("trainings:offline_sync", args=[lampang_event.pk, day.pk]), "{}", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "ข้อมูลที่ส่งมาไม่ใช่รายการที่รอส่งของหน้าเช็คอิน"


def test_the_phone_keeps_only_what_the_page_shows(
    client_for, lampang_officer, lampang_event, day, lampang_registration, chiangmai_officer
):
    url = reverse("trainings:offline_list", args=[lampang_event.pk, day.pk])
    data = client_for(lampang_officer).get(url).json()
    assert data["people"] == [
        {
            "id": lampang_registration.pk,
            "name": "นายสมหมาย ขยันยิ่ง",
            "province": "ลำปาง",
            "category": "อาสาสมัครแรงงาน",
            "code": lampang_registration.code,
            "present": False,
            "out_of_office": {},
        }
    ]
    assert lampang_registration.volunteer.national_id not in json.dumps(data)
    assert data["wipe_after"] == (lampang_event.end_date + dt.timedelta(days=7)).isoformat()
    assert client_for(chiangmai_officer).get(url).status_code == 404


def test_the_service_worker_and_manifest_belong_to_the_day(client_for, lampang_officer, lampang_event, day):
    client = client_for(lampang_officer)
    worker = client.get(reverse("trainings:offline_worker", args=[lampang_event.pk, day.pk]))
    assert worker["Content-Type"].startswith("text/javascript") and b"checkin-day-" in worker.content
    manifest = client.get(reverse("trainings:offline_manifest", args=[lampang_event.pk, day.pk])).json()
    assert manifest["scope"] == f"/trainings/{lampang_event.pk}/days/{day.pk}/"
    assert manifest["name"].startswith("เช็คอินผู้เข้าร่วม") and manifest["icons"]


def test_the_copy_kept_for_offline_the_day_before_carries_the_desk(client_for, lampang_officer, lampang):
    event = EventFactory(host_province=lampang, start_date=timezone.localdate() + dt.timedelta(days=1))
    day = event.days.get()
    client = client_for(lampang_officer)
    for name, desk in (("trainings:tick", 'id="tick-table"'), ("trainings:checkin", 'id="code-form"')):
        url = reverse(name, args=[event.pk, day.pk])
        assert desk not in client.get(url).content.decode()
        copy = client.get(url, {"for": "offline"}).content.decode()
        assert desk in copy and 'id="offline-panel"' in copy
    # What the phone keeps says why ticking waits, so the page can refuse a tap before the day comes.
    data = client.get(reverse("trainings:offline_list", args=[event.pk, day.pk])).json()
    assert data["day"]["not_open"].startswith("ยังไม่ถึงวันที่")


def test_a_tick_that_arrives_after_a_later_untick_from_another_phone_is_not_recorded(
    client_for, lampang_officer, lampang_event, day, people
):
    # One officer, two phones: the untick (02:20) reaches the server before the tick it takes back (02:15).
    client = client_for(lampang_officer)
    start = timezone.now() - dt.timedelta(minutes=20)
    send(client, lampang_event, day, [tap(people[0], at=start)])
    send(client, lampang_event, day, [tap(people[0], "absent", at=start + dt.timedelta(minutes=5))])
    [late_tick] = send(client, lampang_event, day, [tap(people[0], at=start + dt.timedelta(minutes=2))])["results"]
    assert late_tick["ok"] and "ถูกยกเลิกการบันทึกเมื่อ" in late_tick["message"]
    assert present(day) == set()
    # A tick tapped after the untick is the last tap: it is recorded.
    send(client, lampang_event, day, [tap(people[0], at=start + dt.timedelta(minutes=8))])
    assert present(day) == {people[0].pk}


def test_a_queued_untick_does_not_undo_the_same_officers_later_check_in_on_another_device(
    client_for, lampang_officer, lampang_event, day, people
):
    client = client_for(lampang_officer)
    start = timezone.now() - dt.timedelta(minutes=30)
    send(client, lampang_event, day, [tap(people[0], at=start + dt.timedelta(minutes=20))])  # the desk, online
    [answer] = send(client, lampang_event, day, [tap(people[0], "absent", at=start)])["results"]  # a phone, later
    assert "จึงคงการบันทึกไว้" in answer["message"]
    assert present(day) == {people[0].pk}


def test_an_untick_of_someone_not_recorded_says_there_was_nothing_to_take_back(
    client_for, lampang_officer, lampang_event, day, people
):
    [answer] = send(client_for(lampang_officer), lampang_event, day, [tap(people[1], "absent")])["results"]
    assert answer["ok"] and "ยังไม่ได้บันทึกว่ามา" in answer["message"]
    assert "ยกเลิกการบันทึกของ" not in answer["message"]


def test_an_id_that_is_not_a_whole_number_is_refused_not_rounded(
    client_for, lampang_officer, lampang_event, day, people
):
    items = [
        {**tap(people[0]), "registration": people[0].pk + 0.9},
        {**tap(people[1]), "day": float(day.pk)},
        {**tap(people[2]), "registration": True},
    ]
    answers = send(client_for(lampang_officer), lampang_event, day, items)["results"]
    assert [a["ok"] for a in answers] == [False, False, False]
    assert present(day) == set()
