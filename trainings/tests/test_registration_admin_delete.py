"""A registration whose attendance is recorded is cancelled, not deleted, in the admin too (the rule of
trainings.services.registration_deletion_refused, as an attended event's): its delete page tells a superuser in Thai
the days recorded and the certificate issued, and to cancel the registration on the event's page or take back a tick
at the desk instead, and its POST deletes nothing; the list offers no deletion of a selection; a registration with
nothing recorded is deleted as before."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from trainings import services
from trainings.models import Attendance, Registration
from trainings.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

JAN_7, JAN_8 = dt.date(2020, 1, 7), dt.date(2020, 1, 8)


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def workshop(lampang):
    return EventFactory(
        title="อบรมเครือข่ายอาสาสมัครแรงงาน ลำปาง", host_province=lampang, start_date=JAN_7, end_date=JAN_8
    )


@pytest.fixture
def came_both_days(workshop, admin_user):
    registration = RegistrationFactory(event=workshop, name="นางสาวมาครบ ทั้งสองวัน")
    for day in workshop.days.all():
        services.check_in(day=day, registration=registration, method="tick", by=admin_user)
    return registration


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def still_there(registration) -> tuple[bool, int]:
    return (
        Registration.objects.across_provinces("the test").filter(pk=registration.pk).exists(),
        Attendance.objects.filter(registration_id=registration.pk).count(),
    )


def test_the_delete_page_says_the_days_the_certificate_and_what_to_do_instead_and_deletes_nothing(
    admin_client, came_both_days
):
    url = reverse("admin:trainings_registration_delete", args=[came_both_days.pk])

    response = admin_client.get(url)

    assert response.status_code == 403
    text = visible_text(response.text)
    assert "ลบการลงทะเบียน “นางสาวมาครบ ทั้งสองวัน (อบรมเครือข่ายอาสาสมัครแรงงาน ลำปาง)” ไม่ได้" in text
    assert "บันทึกการเข้าร่วมของ นางสาวมาครบ ทั้งสองวัน ไว้แล้ว 2 วัน (7 ม.ค. 2563, 8 ม.ค. 2563)" in text
    assert "เข้าร่วมครบทุกวันและมีเกียรติบัตรของกิจกรรมนี้แล้ว" in text
    assert "ประวัติว่าผู้นี้ได้รับการอบรมในวันใดจะหายไป" in text
    assert "การลงชื่อเข้าร่วม: 2 รายการ" in text
    assert "ให้ยกเลิกการลงทะเบียนแทนที่หน้ารายชื่อผู้ลงทะเบียนของกิจกรรม" in text
    assert "ให้ยกเลิกการลงชื่อนั้นที่หน้าติ๊กรายชื่อของวันนั้น" in text
    assert f'href="{reverse("trainings:cancel", args=[came_both_days.pk])}"' in response.text

    posted = admin_client.post(url, {"post": "yes"})

    assert posted.status_code == 403
    assert still_there(came_both_days) == (True, 2)


def test_one_day_recorded_names_the_day_and_no_certificate(admin_client, workshop, admin_user):
    first_day_only = RegistrationFactory(event=workshop, name="นายมาวันแรก เท่านั้น")
    services.check_in(day=workshop.days.get(date=JAN_7), registration=first_day_only, method="tick", by=admin_user)

    response = admin_client.get(reverse("admin:trainings_registration_delete", args=[first_day_only.pk]))

    text = visible_text(response.text)
    assert "บันทึกการเข้าร่วมของ นายมาวันแรก เท่านั้น ไว้แล้ว 1 วัน (7 ม.ค. 2563)" in text
    assert "เกียรติบัตร" not in text.split("ข้อมูลที่อ้างถึง")[0]


def test_the_list_deletes_no_selection_of_registrations(admin_client, workshop, came_both_days):
    nothing_recorded = RegistrationFactory(event=workshop)
    changelist = reverse("admin:trainings_registration_changelist")

    assert 'value="delete_selected"' not in admin_client.get(changelist).text
    admin_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [came_both_days.pk, nothing_recorded.pk], "post": "yes"},
    )

    assert still_there(came_both_days) == (True, 2)
    assert still_there(nothing_recorded) == (True, 0)


def test_a_registration_with_nothing_recorded_is_deleted_as_before(admin_client, workshop):
    by_mistake = RegistrationFactory(event=workshop)
    url = reverse("admin:trainings_registration_delete", args=[by_mistake.pk])

    assert admin_client.get(url).status_code == 200
    deleted = admin_client.post(url, {"post": "yes"})

    assert deleted.status_code == 302
    assert still_there(by_mistake) == (False, 0)
