"""A training event whose attendance is recorded is cancelled, not deleted, in the admin too (the rule of
trainings.services.deletion_refused): its delete page tells a superuser in Thai why, what refers to it and where to
cancel it instead, and deletes nothing; the list offers no deletion of a selection; an event nobody attended is
deleted as before. A cancelled event's attendance is not deleted one row at a time either, as the desk keeps it."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from tests.english import in_english
from trainings import services
from trainings.models import Attendance, Event, Registration
from trainings.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

JAN_7, JAN_8 = dt.date(2020, 1, 7), dt.date(2020, 1, 8)


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def attended_event(lampang, admin_user):
    """A two-day workshop of fiscal year 2563: one person came both days (a certificate), another the first only."""
    event = EventFactory(
        title="อบรมเครือข่ายอาสาสมัครแรงงาน ลำปาง", host_province=lampang, start_date=JAN_7, end_date=JAN_8
    )
    both_days, first_day = RegistrationFactory(event=event), RegistrationFactory(event=event)
    for day in event.days.all():
        services.check_in(day=day, registration=both_days, method="tick", by=admin_user)
    services.check_in(day=event.days.get(date=JAN_7), registration=first_day, method="tick", by=admin_user)
    return event


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def rows_of(event) -> tuple[bool, int, int]:
    """Whether the event is still there, and its registrations and attendance."""
    return (
        Event.objects.across_provinces("the test").filter(pk=event.pk).exists(),
        Registration.objects.across_provinces("the test").filter(event_id=event.pk).count(),
        Attendance.objects.filter(day__event_id=event.pk).count(),
    )


def test_the_delete_page_of_an_attended_event_says_why_and_where_to_cancel_it_and_deletes_nothing(
    admin_client, admin_user, attended_event
):
    url = reverse("admin:trainings_event_delete", args=[attended_event.pk])

    response = admin_client.get(url)

    assert admin_user.is_superuser
    assert response.status_code == 403
    text = visible_text(response.text)
    assert "ลบกิจกรรมฝึกอบรม “อบรมเครือข่ายอาสาสมัครแรงงาน ลำปาง” ไม่ได้" in text
    assert "บันทึกการเข้าร่วมไว้แล้ว 2 วัน มีผู้เข้าร่วม 2 คน" in text
    assert "ผู้เข้าร่วมครบทุกวัน 1 คนมีเกียรติบัตรของกิจกรรมนี้แล้ว" in text
    assert "ประวัติว่าใครได้รับการอบรมในวันใดจะหายไป" in text
    assert "การลงทะเบียน: 2 รายการ" in text
    assert "การลงชื่อเข้าร่วม: 3 รายการ" in text
    assert "เลือกสถานะ “ยกเลิก”" in text
    assert "รายงานของปีงบประมาณ 2563 จะไม่นับกิจกรรมนี้อีก" in text
    assert f'href="{reverse("trainings:edit", args=[attended_event.pk])}"' in response.text
    assert "ยกเลิกกิจกรรมนี้ที่หน้าแก้ไขกิจกรรม" in text
    assert "ติดต่อผู้ดูแลระบบ" not in text

    posted = admin_client.post(url, {"post": "yes"})

    assert posted.status_code == 403
    assert rows_of(attended_event) == (True, 2, 3)


def test_the_refusal_reads_in_english_in_english_mode(admin_client, attended_event):
    response = in_english(admin_client).get(reverse("admin:trainings_event_delete", args=[attended_event.pk]))

    text = visible_text(response.text)
    assert "cannot be deleted" in text
    assert "Attendance is recorded on 2 days (people attending: 2)" in text
    assert "cancel it instead" in text


def test_the_list_deletes_no_selection_of_events(admin_client, attended_event, lampang):
    nobody_came = EventFactory(host_province=lampang)
    changelist = reverse("admin:trainings_event_changelist")

    assert 'value="delete_selected"' not in admin_client.get(changelist).text
    admin_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [attended_event.pk, nobody_came.pk], "post": "yes"},
    )

    assert rows_of(attended_event) == (True, 2, 3)
    assert rows_of(nobody_came) == (True, 0, 0)


def test_an_event_nobody_attended_is_deleted_as_before(admin_client, lampang):
    entered_by_mistake = EventFactory(host_province=lampang)
    RegistrationFactory(event=entered_by_mistake)
    url = reverse("admin:trainings_event_delete", args=[entered_by_mistake.pk])

    assert admin_client.get(url).status_code == 200
    deleted = admin_client.post(url, {"post": "yes"})

    assert deleted.status_code == 302
    assert rows_of(entered_by_mistake) == (False, 0, 0)


def test_a_cancelled_event_and_its_attendance_stay_as_they_were_called_off(admin_client, attended_event):
    Event.objects.across_provinces("the test").filter(pk=attended_event.pk).update(status=Event.Status.CANCELLED)
    attendance = Attendance.objects.filter(day__event=attended_event).first()

    page = admin_client.get(reverse("admin:trainings_event_delete", args=[attended_event.pk]))
    refused = admin_client.post(reverse("admin:trainings_attendance_delete", args=[attendance.pk]), {"post": "yes"})

    text = visible_text(page.text)
    assert "กิจกรรมนี้ยกเลิกแล้ว รายงานไม่นับกิจกรรมนี้" in text
    assert "ผู้เข้าร่วมครบทุกวัน" not in text  # a cancelled event gives no certificate
    assert reverse("trainings:edit", args=[attended_event.pk]) not in page.text
    assert refused.status_code == 403
    assert rows_of(attended_event) == (True, 2, 3)


def test_an_open_events_mistaken_attendance_is_still_deleted_in_the_admin(admin_client, attended_event):
    attendance = Attendance.objects.filter(day__event=attended_event).first()

    deleted = admin_client.post(reverse("admin:trainings_attendance_delete", args=[attendance.pk]), {"post": "yes"})

    assert deleted.status_code == 302
    assert rows_of(attended_event) == (True, 2, 2)
