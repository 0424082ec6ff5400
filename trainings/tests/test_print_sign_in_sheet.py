import pytest
from django.urls import reverse

from trainings.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_the_sign_in_sheet_lists_everyone_with_a_signature_column(
    client_for, lampang_viewer, lampang_event, lampang_registration
):
    RegistrationFactory(
        event=lampang_event,
        name="นายวิทยากร เก่งมาก",
        category="speaker",
        position="วิทยากร",
        agency_name="มหาวิทยาลัยราชภัฏลำปาง",
    )
    cancelled = RegistrationFactory(event=lampang_event, name="นายยกเลิก แล้ว")
    cancelled.cancelled_at = cancelled.registered_at
    cancelled.save()
    day = lampang_event.days.get()
    page = client_for(lampang_viewer).get(reverse("trainings:sheet", args=[lampang_event.pk, day.pk])).content.decode()
    assert "ใบลงทะเบียน" in page
    assert lampang_event.title in page
    assert "วันที่ 7 มกราคม 2563" in page
    assert lampang_event.venue in page
    for header in ["ลำดับ", "ชื่อ-นามสกุล", "ตำแหน่ง/หน่วยงาน", "ลายมือชื่อ"]:
        assert f">{header}</th>" in page
    assert "นายบุญมี ศรีสุข" in page
    assert "วิทยากร มหาวิทยาลัยราชภัฏลำปาง" in page
    assert "นายยกเลิก" not in page
    assert page.count('class="sign"') == 2 + 5  # two people and five blank rows for walk-ins


def test_the_sheet_prints_on_a4_without_the_portal_around_it(client_for, lampang_officer, lampang_event):
    day = lampang_event.days.get()
    page = client_for(lampang_officer).get(reverse("trainings:sheet", args=[lampang_event.pk, day.pk])).content.decode()
    assert "trainings/trainings.css" in page
    assert 'class="d-flex flex-wrap justify-content-between align-items-end gap-2 mb-3 no-print"' in page


def test_a_national_events_sheet_shows_a_province_only_its_own_people(
    client_for, lampang_officer, chiangmai_officer, national_event, lampang_volunteer, chiangmai_volunteer
):
    from trainings import services

    services.register_people(event=national_event, volunteers=[lampang_volunteer], by=lampang_officer)
    services.register_people(event=national_event, volunteers=[chiangmai_volunteer], by=chiangmai_officer)
    day = national_event.days.get()
    page = (
        client_for(lampang_officer).get(reverse("trainings:sheet", args=[national_event.pk, day.pk])).content.decode()
    )
    assert "บุญมี ศรีสุข" in page and "คำแปง" not in page
