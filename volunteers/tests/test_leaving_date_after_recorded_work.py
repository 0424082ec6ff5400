"""A volunteer cannot be recorded as having left office (resigned, deceased) before work recorded of them:
a case they spotted on or after that day, or a monthly report of a later month; nor as back from a suspension after
such work (a case spotted while suspended, a month reported that the suspension would cover whole). The status page and the roster
import refuse such a day, naming the work and its date, and write nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from activity.models import MonthlyReport
from cases.tests.factories import CaseFactory
from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, messages_of, upload
from volunteers.models import StatusChange, Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def appointed_volunteer(lampang_volunteer):
    lampang_volunteer.appointed_on = dt.date(2024, 1, 10)
    lampang_volunteer.save()
    return lampang_volunteer


def post_status(client, volunteer, to_status: str, changed_on: str):
    return client.post(
        reverse("volunteers:status", args=[volunteer.pk]),
        {"to_status": to_status, "changed_on": changed_on, "reason": "แจ้งตามหนังสือของอำเภอ"},
    )


def test_a_resignation_dated_before_a_case_the_volunteer_spotted_is_refused_naming_the_latest_case(
    client_for, lampang_officer, appointed_volunteer
):
    CaseFactory(volunteer=appointed_volunteer, spotted_on=dt.date(2025, 3, 5))
    CaseFactory(volunteer=appointed_volunteer, spotted_on=dt.date(2025, 3, 20))
    client = client_for(lampang_officer)

    response = post_status(client, appointed_volunteer, "resigned", "01/03/2568")

    assert response.status_code == 200
    assert (
        "มีเรื่องส่งต่อ 2 เรื่องที่อาสาสมัครพบในหรือหลังวันที่มีผล 1 มี.ค. 2568 ล่าสุดพบเมื่อ 20 มี.ค. 2568 "
        "วันที่มีผลต้องอยู่หลังวันที่พบเรื่องล่าสุด" in response.content.decode()
    )
    appointed_volunteer.refresh_from_db()
    assert appointed_volunteer.status == Volunteer.Status.ACTIVE
    assert not StatusChange.objects.filter(volunteer=appointed_volunteer).exists()


def test_the_day_of_the_latest_case_is_still_too_early_and_the_day_after_it_is_accepted(
    client_for, lampang_officer, appointed_volunteer
):
    # A case counts only when spotted while serving, and a volunteer who leaves on a day no longer serves on it.
    CaseFactory(volunteer=appointed_volunteer, spotted_on=dt.date(2025, 3, 20))
    client = client_for(lampang_officer)

    same_day = post_status(client, appointed_volunteer, "deceased", "20/03/2568")

    assert "มีเรื่องส่งต่อ 1 เรื่องที่อาสาสมัครพบในหรือหลังวันที่มีผล 20 มี.ค. 2568" in same_day.content.decode()
    assert post_status(client, appointed_volunteer, "deceased", "21/03/2568").status_code == 302
    appointed_volunteer.refresh_from_db()
    assert (appointed_volunteer.status, appointed_volunteer.status_changed_on) == ("deceased", dt.date(2025, 3, 21))


def report_june(volunteer):
    MonthlyReport.objects.create(
        volunteer=volunteer,
        province_id=volunteer.province_id,
        district_id=volunteer.subdistrict.district_id,
        month=dt.date(2025, 6, 1),
        received_on=dt.date(2025, 7, 3),
        on_time=True,
    )


def test_a_resignation_dated_before_a_month_already_reported_is_refused_naming_the_month(
    client_for, lampang_officer, appointed_volunteer
):
    report_june(appointed_volunteer)
    client = client_for(lampang_officer)

    response = post_status(client, appointed_volunteer, "resigned", "20/05/2568")

    assert "มีรายงานประจำเดือนของ มิ.ย. 2568 หลังวันที่มีผล 20 พ.ค. 2568" in response.content.decode()
    appointed_volunteer.refresh_from_db()
    assert appointed_volunteer.status == Volunteer.Status.ACTIVE
    assert not StatusChange.objects.filter(volunteer=appointed_volunteer).exists()


def test_a_suspension_recorded_late_may_come_before_months_reported_after_the_volunteer_came_back(
    client_for, lampang_officer, appointed_volunteer
):
    """Suspended in May, back in June (reported): the officer records the two steps one after the other."""
    report_june(appointed_volunteer)
    client = client_for(lampang_officer)

    assert post_status(client, appointed_volunteer, "suspended", "20/05/2568").status_code == 302
    assert post_status(client, appointed_volunteer, "active", "01/06/2568").status_code == 302

    appointed_volunteer.refresh_from_db()
    assert (appointed_volunteer.status, appointed_volunteer.absent_from) == ("active", dt.date(2025, 5, 20))


def test_a_roster_row_dating_a_resignation_before_a_spotted_case_is_refused_on_its_row(
    client_for, lampang_officer, tasks_at_once
):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1, **{"วันที่แต่งตั้ง": "07/01/2563"})]))
    _, job = confirm(client, job)
    volunteer = Volunteer.objects.get(national_id=nid(1))
    CaseFactory(volunteer=volunteer, spotted_on=dt.date(2025, 8, 1))

    _, job = upload(client, xlsx_bytes([person(1, **{"สถานะ": "ลาออก/พ้นสภาพ", "วันที่เปลี่ยนสถานะ": "15/07/2568"})]))

    assert messages_of(job) == [
        "แถว 2 วันที่เปลี่ยนสถานะ: มีเรื่องส่งต่อ 1 เรื่องที่อาสาสมัครพบในหรือหลังวันที่มีผล 15 ก.ค. 2568 "
        "ล่าสุดพบเมื่อ 1 ส.ค. 2568 วันที่มีผลต้องอยู่หลังวันที่พบเรื่องล่าสุด "
        "กรุณาตรวจสอบวันที่ หรือแก้วันที่พบของเรื่องที่บันทึกผิดก่อน"
    ]
    assert job.updated_count == 0
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE


def test_a_return_that_leaves_a_reported_month_inside_the_suspension_is_refused_naming_the_month(
    client_for, lampang_officer, appointed_volunteer
):
    """Suspended on 1 May, June reported: back on 1 July would leave June wholly away, its report to nobody."""
    report_june(appointed_volunteer)
    client = client_for(lampang_officer)
    assert post_status(client, appointed_volunteer, "suspended", "01/05/2568").status_code == 302

    response = post_status(client, appointed_volunteer, "active", "01/07/2568")

    assert response.status_code == 200
    assert (
        "มีรายงานประจำเดือนของ มิ.ย. 2568 ซึ่งอาสาสมัครพักการปฏิบัติหน้าที่ตลอดทั้งเดือน (ตั้งแต่ 1 พ.ค. 2568) "
        "วันที่กลับมาปฏิบัติหน้าที่ต้องไม่หลังวันสุดท้ายของเดือนแรกที่รายงาน (30 มิ.ย. 2568)" in response.content.decode()
    )
    appointed_volunteer.refresh_from_db()
    assert appointed_volunteer.status == Volunteer.Status.SUSPENDED
    assert post_status(client, appointed_volunteer, "active", "30/06/2568").status_code == 302


def test_a_return_after_a_case_spotted_while_suspended_is_refused_naming_the_first(
    client_for, lampang_officer, appointed_volunteer
):
    client = client_for(lampang_officer)
    assert post_status(client, appointed_volunteer, "suspended", "01/03/2568").status_code == 302
    # Recorded meanwhile by a door that does not ask the status (the admin, an import of cases).
    CaseFactory(volunteer=appointed_volunteer, spotted_on=dt.date(2025, 3, 20))

    response = post_status(client, appointed_volunteer, "active", "01/04/2568")

    assert (
        "มีเรื่องส่งต่อ 1 เรื่องที่อาสาสมัครพบระหว่างพักการปฏิบัติหน้าที่ตั้งแต่ 1 มี.ค. 2568 "
        "เรื่องแรกพบเมื่อ 20 มี.ค. 2568 วันที่กลับมาปฏิบัติหน้าที่ต้องไม่หลังวันนั้น" in response.content.decode()
    )
    assert post_status(client, appointed_volunteer, "active", "20/03/2568").status_code == 302


def test_a_roster_row_bringing_back_a_volunteer_after_a_reported_month_is_refused_on_its_row(
    client_for, lampang_officer, tasks_at_once
):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1, **{"วันที่แต่งตั้ง": "07/01/2563"})]))
    _, job = confirm(client, job)
    volunteer = Volunteer.objects.get(national_id=nid(1))
    report_june(volunteer)
    assert post_status(client, volunteer, "suspended", "01/05/2568").status_code == 302

    _, job = upload(client, xlsx_bytes([person(1, **{"สถานะ": "ปฏิบัติหน้าที่", "วันที่เปลี่ยนสถานะ": "01/07/2568"})]))

    assert len(messages_of(job)) == 1
    assert messages_of(job)[0].startswith("แถว 2 วันที่เปลี่ยนสถานะ: มีรายงานประจำเดือนของ มิ.ย. 2568")
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.SUSPENDED


def test_the_english_page_counts_one_case_as_one(client_for, lampang_officer, appointed_volunteer):
    CaseFactory(volunteer=appointed_volunteer, spotted_on=dt.date(2025, 3, 20))
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"

    page = post_status(client, appointed_volunteer, "resigned", "01/03/2025").content.decode()

    assert "The volunteer spotted 1 case on or after the effective date" in page
    assert "case(s)" not in page
