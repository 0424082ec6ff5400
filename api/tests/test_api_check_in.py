"""Check-in through the API is idempotent by the client's UUID: the offline tick list may send a check-in again when
unsure it arrived, and a repeat gets 200 with the first answer and writes nothing. Attendance is still recorded only
by trainings.services.check_in, with its rules."""

import uuid

import pytest

from api.models import CheckInKey
from trainings.models import Attendance
from trainings.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(lampang, lampang_volunteer):
    event = EventFactory(host_province=lampang)
    return event, event.days.first(), RegistrationFactory(event=event, volunteer=lampang_volunteer)


def url(event, day):
    return f"/api/v1/events/{event.pk}/days/{day.pk}/check-in/"


def test_a_repeated_uuid_gets_the_same_answer_and_writes_nothing(api_as, lampang_officer, desk):
    event, day, registration = desk
    client = api_as(lampang_officer)
    key = str(uuid.uuid4())
    first = client.post(url(event, day), {"uuid": key, "registration": registration.pk}, format="json")
    assert first.status_code == 201
    assert first.json()["created"] is True and "บันทึกการเข้าร่วมของ" in first.json()["message"]
    attendance = Attendance.objects.get()
    assert attendance.recorded_by == lampang_officer and attendance.method == "tick"
    again = client.post(url(event, day), {"uuid": key, "registration": registration.pk}, format="json")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Attendance.objects.count() == 1 and CheckInKey.objects.count() == 1


def test_a_new_uuid_for_someone_already_present_says_so_without_a_second_row(api_as, lampang_officer, desk):
    event, day, registration = desk
    client = api_as(lampang_officer)
    client.post(url(event, day), {"uuid": str(uuid.uuid4()), "code": registration.code}, format="json")
    second = client.post(url(event, day), {"uuid": str(uuid.uuid4()), "code": registration.code.lower()}, format="json")
    assert second.status_code == 200
    assert second.json()["created"] is False and "ไปแล้ว" in second.json()["message"]
    assert Attendance.objects.count() == 1


def test_a_uuid_reused_for_another_person_gets_409(api_as, lampang_officer, desk, lampang):
    from volunteers.tests.factories import VolunteerFactory

    event, day, registration = desk
    other = RegistrationFactory(event=event, volunteer=VolunteerFactory(province=lampang))
    client = api_as(lampang_officer)
    key = str(uuid.uuid4())
    client.post(url(event, day), {"uuid": key, "registration": registration.pk}, format="json")
    reused = client.post(url(event, day), {"uuid": key, "registration": other.pk}, format="json")
    assert reused.status_code == 409
    assert "uuid" in reused.json()["detail"]
    assert not Attendance.objects.filter(registration=other).exists()


def test_the_services_rules_still_apply_and_a_refused_check_in_keeps_no_key(api_as, lampang_officer, desk):
    event, day, registration = desk
    client = api_as(lampang_officer)
    key = str(uuid.uuid4())
    wrong = client.post(url(event, day), {"uuid": key, "code": "NOSUCHCODE"}, format="json")
    assert wrong.status_code == 400
    assert "ไม่พบรหัสลงทะเบียน" in wrong.json()["detail"]
    assert not CheckInKey.objects.exists() and not Attendance.objects.exists()
    # The same UUID may be used once the code is right: the refused try was not kept.
    assert client.post(url(event, day), {"uuid": key, "code": registration.code}, format="json").status_code == 201


def test_neither_registration_nor_code_is_refused_in_thai(api_as, lampang_officer, desk):
    event, day, _registration = desk
    response = api_as(lampang_officer).post(url(event, day), {"uuid": str(uuid.uuid4())}, format="json")
    assert response.status_code == 400
    assert "กรุณาระบุการลงทะเบียน" in response.json()["detail"]


def test_a_uuid_that_is_no_uuid_is_refused_in_thai(api_as, lampang_officer, desk):
    event, day, registration = desk
    response = api_as(lampang_officer).post(
        url(event, day), {"uuid": "x", "registration": registration.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["uuid"][0].startswith("ต้องเป็นรหัส UUID ที่ถูกต้อง")


@pytest.mark.parametrize(
    ("persona", "status"), [("lampang_viewer", 403), ("hq_analyst", 403), ("chiangmai_officer", 404)]
)
def test_those_who_do_not_run_the_event_cannot_check_anyone_in(persona, status, request, api_as, desk):
    event, day, registration = desk
    response = api_as(request.getfixturevalue(persona)).post(
        url(event, day), {"uuid": str(uuid.uuid4()), "registration": registration.pk}, format="json"
    )
    assert response.status_code == status
    assert not Attendance.objects.exists()


def test_a_read_only_token_cannot_check_in(api_as, lampang_officer, desk):
    event, day, registration = desk
    response = api_as(lampang_officer, read_only=True).post(
        url(event, day), {"uuid": str(uuid.uuid4()), "registration": registration.pk}, format="json"
    )
    assert response.status_code == 403
    assert not Attendance.objects.exists()
