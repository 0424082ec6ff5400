"""An officer suspends, ends or restores a volunteer with a date and a reason, kept in the status history."""

import datetime as dt

import pytest
from django.urls import reverse

from volunteers.models import StatusChange, Volunteer

pytestmark = pytest.mark.django_db


def test_officer_records_a_resignation(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    url = reverse("volunteers:status", args=[lampang_volunteer.pk])
    response = client.post(url, {"to_status": "resigned", "changed_on": "30/09/2567", "reason": "ย้ายไปทำงานกรุงเทพฯ"})
    assert response.status_code == 302
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.status == "resigned"
    assert lampang_volunteer.status_changed_on == dt.date(2024, 9, 30)
    change = StatusChange.objects.get(volunteer=lampang_volunteer)
    assert change.from_status == "active" and change.changed_by == lampang_officer
    page = client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    assert "30 ก.ย. 2567" in page and "ย้ายไปทำงานกรุงเทพฯ" in page


def test_reason_is_required(client_for, lampang_officer, lampang_volunteer):
    response = client_for(lampang_officer).post(
        reverse("volunteers:status", args=[lampang_volunteer.pk]),
        {"to_status": "suspended", "changed_on": "01/01/2567"},
    )
    assert "กรุณาระบุเหตุผลของการเปลี่ยนสถานะ" in response.content.decode()
    assert not StatusChange.objects.exists()


def test_deceased_cannot_come_back(client_for, lampang_officer, lampang_volunteer):
    lampang_volunteer.status = "deceased"
    lampang_volunteer.save()
    response = client_for(lampang_officer).post(
        reverse("volunteers:status", args=[lampang_volunteer.pk]),
        {"to_status": "active", "changed_on": "01/01/2567", "reason": "ผิดพลาด"},
    )
    assert "เปลี่ยนจากสถานะ “เสียชีวิต”" in response.content.decode()
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.status == "deceased"


def test_effective_date_before_appointment_is_refused(client_for, lampang_officer, lampang_volunteer):
    lampang_volunteer.appointed_on = dt.date(2022, 1, 1)
    lampang_volunteer.save()
    response = client_for(lampang_officer).post(
        reverse("volunteers:status", args=[lampang_volunteer.pk]),
        {"to_status": "suspended", "changed_on": "01/01/2563", "reason": "ทดสอบ"},
    )
    assert "วันที่มีผลต้องไม่ก่อนวันที่แต่งตั้ง (1 ม.ค. 2565)" in response.content.decode()


def test_a_status_change_dated_before_the_last_one_is_refused_so_the_history_runs_forward(
    client_for, lampang_officer, lampang_volunteer
):
    lampang_volunteer.appointed_on = dt.date(2020, 1, 7)
    lampang_volunteer.save()
    client = client_for(lampang_officer)
    url = reverse("volunteers:status", args=[lampang_volunteer.pk])
    client.post(url, {"to_status": "resigned", "changed_on": "01/06/2569", "reason": "ลาออก"})

    response = client.post(url, {"to_status": "active", "changed_on": "01/12/2568", "reason": "กลับมา"})

    assert "วันที่มีผลต้องไม่ก่อนการเปลี่ยนสถานะครั้งล่าสุด (1 มิ.ย. 2569) ซึ่งเป็น “ลาออก/พ้นสภาพ”" in response.content.decode()
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.status == "resigned" and lampang_volunteer.status_changed_on == dt.date(2026, 6, 1)
    assert StatusChange.objects.filter(volunteer=lampang_volunteer).count() == 1


def test_an_import_cannot_record_a_deceased_volunteer_coming_back(lampang_volunteer, lampang_officer):
    from django.core.exceptions import ValidationError

    from volunteers.services import apply_imported_status_changes

    with pytest.raises(ValidationError) as refused:
        apply_imported_status_changes(
            changes=[(lampang_volunteer.pk, "deceased", "active")],
            changed_on=dt.date(2025, 1, 1),
            reason="นำเข้าจากไฟล์ ทะเบียน.xlsx",
            by=lampang_officer,
        )

    assert "เปลี่ยนสถานะจาก “เสียชีวิต” เป็น “ปฏิบัติหน้าที่” ไม่ได้" in refused.value.message_dict["status"][0]
    assert not StatusChange.objects.exists()


def test_an_import_applies_its_status_changes_through_the_volunteers_app(lampang_volunteer, lampang_officer):
    from volunteers.services import apply_imported_status_changes

    version = lampang_volunteer.version
    changed = apply_imported_status_changes(
        changes=[(lampang_volunteer.pk, "active", "resigned")],
        changed_on=dt.date(2025, 1, 1),
        reason="นำเข้าจากไฟล์ ทะเบียน.xlsx",
        by=lampang_officer,
    )

    assert changed == 1
    lampang_volunteer.refresh_from_db()
    assert (lampang_volunteer.status, lampang_volunteer.status_changed_on) == ("resigned", dt.date(2025, 1, 1))
    assert lampang_volunteer.version == version + 1  # an edit form opened before the import refuses to save
    step = StatusChange.objects.get(volunteer=lampang_volunteer)
    assert (step.from_status, step.to_status, step.reason, step.changed_by) == (
        "active",
        "resigned",
        "นำเข้าจากไฟล์ ทะเบียน.xlsx",
        lampang_officer,
    )


def test_an_import_gives_each_volunteer_their_own_new_status(lampang, lampang_officer):
    from volunteers.services import apply_imported_status_changes
    from volunteers.tests.factories import VolunteerFactory

    leaving, passed_away, back = (VolunteerFactory(province=lampang) for _ in range(3))
    Volunteer.objects.filter(pk=back.pk).update(status="resigned")

    changed = apply_imported_status_changes(
        changes=[
            (leaving.pk, "active", "resigned"),
            (passed_away.pk, "active", "deceased"),
            (back.pk, "resigned", "active"),
        ],
        changed_on=dt.date(2025, 1, 1),
        reason="นำเข้าจากไฟล์ ทะเบียน.xlsx",
        by=lampang_officer,
    )

    assert changed == 3
    statuses = dict(Volunteer.objects.filter(pk__in=[leaving.pk, passed_away.pk, back.pk]).values_list("pk", "status"))
    assert statuses == {leaving.pk: "resigned", passed_away.pk: "deceased", back.pk: "active"}
    assert StatusChange.objects.filter(changed_on=dt.date(2025, 1, 1)).count() == 3
