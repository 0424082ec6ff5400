"""A status in a roster comes with the day it took effect (วันที่เปลี่ยนสถานะ), as on the status page. A new person
who has left needs the date, and is then counted among the leavers of that fiscal year and as resigned from it, the
two figures agreeing; a known person's step takes the row's date; the status page's rules refuse the same days."""

import datetime as dt
import re

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activity import services as activity_services
from activity.kinds import seed_work_kinds
from core import thai
from reports import selectors
from rosters.resources import VolunteerResource
from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, messages_of, upload
from tests.english import in_english
from volunteers import services
from volunteers.models import StatusChange, Volunteer

pytestmark = pytest.mark.django_db

LEFT = "ลาออก/พ้นสภาพ"
DATE = "วันที่เปลี่ยนสถานะ"
APPOINTED = "วันที่แต่งตั้ง"
STATUS = "สถานะ"
NEEDS_A_DATE = "สถานะ “ลาออก/พ้นสภาพ” ต้องมีวันที่ที่สถานะนี้มีผล"


def be(value: dt.date) -> str:
    return thai.format_date_numeric_be(value)


def leaver(serial: int, **cells) -> dict:
    """A row of someone appointed on 10 Mar 2566 who has left, as an old roster lists them."""
    return person(serial, **{APPOINTED: "10/03/2566", STATUS: LEFT, **cells})


def registered(client, serial: int, appointed: str = "07/01/2563") -> Volunteer:
    """A volunteer the officer's roster registered, appointed on `appointed` (their first term from it)."""
    _, job = upload(client, xlsx_bytes([person(serial, **{APPOINTED: appointed})]))
    _, job = confirm(client, job)
    assert job.status == "done" and job.error_count == 0, job.errors
    return Volunteer.objects.get(national_id=nid(serial))


def stat(page: str, name: str) -> int:
    return int(re.search(rf'data-testid="stat-{name}">([\d,]+)<', page).group(1).replace(",", ""))


def resigned_at_year_end(lampang, fy: int) -> int:
    rows = selectors.province_report(lampang, fy)["status_rows"]
    return sum(row["count"] for row in rows if row["status"] == "resigned")


# ---------------------------------------------------------------- new people


def test_a_new_person_who_left_without_a_date_is_refused_naming_the_row_and_the_column(client_for, lampang_officer):
    client = client_for(lampang_officer)

    _, job = upload(client, xlsx_bytes([leaver(1), person(2)]))

    assert job.status == "preview", job.message
    assert messages_of(job) == [f"แถว 2 {DATE}: {NEEDS_A_DATE} กรุณาเพิ่มคอลัมน์ “{DATE}” แล้วกรอกวันที่ (วว/ดด/ปปปป)"]
    assert (job.new_count, job.error_count) == (1, 1)
    assert NEEDS_A_DATE in client.get(reverse("rosters:job", args=[job.pk])).content.decode()

    _, job = upload(client, xlsx_bytes([leaver(1, **{DATE: ""}), person(2, **{DATE: ""})]))

    assert messages_of(job) == [f"แถว 2 {DATE}: {NEEDS_A_DATE} กรุณากรอก{DATE} (วว/ดด/ปปปป)"]
    _, job = confirm(client, job)
    assert not Volunteer.objects.filter(national_id=nid(1)).exists()
    assert Volunteer.objects.get(national_id=nid(2)).status == Volunteer.Status.ACTIVE


def test_a_new_person_who_left_is_among_that_years_leavers_and_resigned_from_that_year_on(
    client_for, lampang_officer, lampang
):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([leaver(1, **{DATE: "15/06/2567"})]), name="ทะเบียนเดิม.xlsx")
    assert (job.new_count, job.error_count) == (1, 0), job.errors

    _, job = confirm(client, job)

    assert job.status == "done", job.message
    volunteer = Volunteer.objects.get(national_id=nid(1))
    assert (volunteer.status, volunteer.status_changed_on) == ("resigned", dt.date(2024, 6, 15))
    step = StatusChange.objects.get(volunteer=volunteer)
    assert (step.from_status, step.to_status, step.changed_on, step.changed_by) == (
        "",
        "resigned",
        dt.date(2024, 6, 15),
        lampang_officer,
    )
    assert step.reason == f"นำเข้าจากไฟล์ ทะเบียนเดิม.xlsx (การนำเข้าครั้งที่ {job.pk})"
    report = reverse("reports:province", args=["52"])
    serving_then = client.get(report + "?fy=2566").content.decode()
    left_then = client.get(report + "?fy=2567").content.decode()
    later = client.get(report + "?fy=2568").content.decode()
    assert (stat(serving_then, "active"), stat(serving_then, "leavers")) == (1, 0)
    assert (stat(left_then, "active"), stat(left_then, "leavers")) == (0, 1)
    assert volunteer.first_name in left_then and "ทะเบียนเดิม.xlsx" in left_then
    assert stat(later, "leavers") == 0
    # The figures by status say the same: resigned from the year of the date, not from the appointment's.
    assert [resigned_at_year_end(lampang, fy) for fy in (2566, 2567, 2568)] == [0, 1, 1]


def test_a_status_date_the_status_page_refuses_is_refused_with_its_reason(client_for, lampang_officer, lampang):
    coming = timezone.localdate() + dt.timedelta(days=10)
    rows = [
        leaver(1, **{DATE: "01/03/2566"}),
        leaver(2, **{DATE: be(coming)}),
        person(3, **{STATUS: "เสียชีวิต", DATE: "01/01/2540"}),
        leaver(4, **{DATE: "31/02/2567"}),
        leaver(5, **{DATE: "10/03/2566"}),
    ]
    client = client_for(lampang_officer)

    _, job = upload(client, xlsx_bytes(rows))

    assert messages_of(job) == [
        f"แถว 2 {DATE}: วันที่มีผลต้องไม่ก่อนวันที่แต่งตั้ง (10 มี.ค. 2566)",
        f"แถว 3 {DATE}: วันที่มีผลต้องไม่เป็นวันในอนาคต",
        f"แถว 4 {DATE}: วันที่มีผล 1 ม.ค. 2540 อยู่ก่อนมีโครงการอาสาสมัครแรงงาน (พ.ศ. 2548) ตรวจสอบปี พ.ศ. หรือ ค.ศ. อีกครั้ง",
        f"แถว 5 {DATE}: ไม่มีวันที่ “31/02/2567” ในปฏิทิน",
    ]
    assert job.new_count == 1  # the date may be the appointment's own
    # The status page says the same of the same day.
    volunteer = registered(client, 9, appointed="10/03/2566")
    with pytest.raises(ValidationError) as refused:
        services.change_status(
            volunteer=volunteer, to_status="resigned", changed_on=dt.date(2023, 3, 1), reason="ย้าย", by=lampang_officer
        )
    assert refused.value.message_dict["changed_on"] == ["วันที่มีผลต้องไม่ก่อนวันที่แต่งตั้ง (10 มี.ค. 2566)"]


def test_a_new_person_in_office_may_carry_the_date_and_needs_none(client_for, lampang_officer):
    client = client_for(lampang_officer)
    rows = [person(1, **{APPOINTED: "10/03/2566", DATE: "10/03/2566"}), person(2, **{APPOINTED: "10/03/2566"})]

    _, job = upload(client, xlsx_bytes(rows))
    _, job = confirm(client, job)

    assert job.status == "done" and job.error_count == 0, job.errors
    assert Volunteer.objects.get(national_id=nid(1)).status_changed_on == dt.date(2023, 3, 10)
    assert not StatusChange.objects.exists()


def test_the_reasons_read_in_english_for_an_english_upload(client_for, lampang_officer):
    client = in_english(client_for(lampang_officer))

    _, job = upload(client, xlsx_bytes([leaver(1), leaver(2, **{DATE: "01/03/2566"})]))

    assert messages_of(job) == [
        f"แถว 2 {DATE}: The status “Resigned” needs the day it took effect: fill in {DATE} (dd/mm/yyyy)",
        f"แถว 3 {DATE}: The effective date must not be before the appointment date (10 Mar 2023)",
    ]


# ---------------------------------------------------------------- known people


def test_a_known_volunteers_step_takes_the_rows_date_and_without_one_the_day_of_the_import(
    client_for, lampang_officer, lampang
):
    client = client_for(lampang_officer)
    leaving, pausing = registered(client, 1), registered(client, 2)
    rows = [person(1, **{STATUS: LEFT, DATE: "15/06/2567"}), person(2, **{STATUS: "พักการปฏิบัติหน้าที่"})]

    _, job = upload(client, xlsx_bytes(rows))
    assert (job.updated_count, job.error_count) == (2, 0), job.errors
    assert job.update_sample[0]["changed"] == [DATE, STATUS]
    _, job = confirm(client, job)

    assert job.status == "done", job.message
    steps = {s.volunteer_id: (s.from_status, s.to_status, s.changed_on) for s in StatusChange.objects.all()}
    assert steps == {
        leaving.pk: ("active", "resigned", dt.date(2024, 6, 15)),
        pausing.pk: ("active", "suspended", timezone.localdate()),
    }
    leaving.refresh_from_db()
    assert (leaving.status, leaving.status_changed_on) == ("resigned", dt.date(2024, 6, 15))
    assert stat(client.get(reverse("reports:province", args=["52"]) + "?fy=2567").content.decode(), "leavers") == 1


def test_a_step_dated_before_the_latest_change_or_before_months_reported_is_refused_as_on_the_status_page(
    client_for, lampang_officer, lampang
):
    client = client_for(lampang_officer)
    suspended = registered(client, 1)
    services.change_status(
        volunteer=suspended, to_status="suspended", changed_on=dt.date(2024, 1, 1), reason="ตรวจสอบ", by=lampang_officer
    )
    seed_work_kinds()
    reporting = registered(client, 2, appointed="01/06/2569")
    for month in (dt.date(2026, 8, 1), dt.date(2026, 9, 1), dt.date(2026, 10, 1)):
        activity_services.save_report(
            volunteer=reporting, month=month, counts={}, by=lampang_officer, today=month + dt.timedelta(33)
        )
    rows = [person(1, **{STATUS: LEFT, DATE: "01/06/2566"}), person(2, **{STATUS: LEFT, DATE: "15/08/2569"})]

    _, job = upload(client, xlsx_bytes(rows))

    reported = (
        "มีรายงานประจำเดือนของ ก.ย. 2569, ต.ค. 2569 หลังวันที่มีผล 15 ส.ค. 2569 "
        "วันที่มีผลต้องอยู่ในหรือหลังเดือนที่รายงานล่าสุด กรุณาตรวจสอบวันที่ หรือแก้รายงานที่บันทึกผิดก่อน"
    )
    assert messages_of(job) == [
        f"แถว 2 {DATE}: วันที่มีผลต้องไม่ก่อนการเปลี่ยนสถานะครั้งล่าสุด (1 ม.ค. 2567) ซึ่งเป็น “พักการปฏิบัติหน้าที่”",
        f"แถว 3 {DATE}: {reported}",
    ]
    assert job.updated_count == 0
    with pytest.raises(ValidationError) as refused:
        services.change_status(
            volunteer=reporting, to_status="resigned", changed_on=dt.date(2026, 8, 15), reason="ย้าย", by=lampang_officer
        )
    assert refused.value.message_dict["changed_on"] == [reported]


def test_a_status_that_stays_keeps_its_date_and_another_date_is_refused(client_for, lampang_officer, lampang):
    client = client_for(lampang_officer)
    volunteer = registered(client, 1)
    services.change_status(
        volunteer=volunteer, to_status="resigned", changed_on=dt.date(2024, 6, 15), reason="ย้าย", by=lampang_officer
    )

    _, same = upload(client, xlsx_bytes([person(1, **{STATUS: LEFT, DATE: "15/06/2567"})]))
    _, other = upload(client, xlsx_bytes([person(1, **{STATUS: "", DATE: "20/06/2567"})]))

    assert (same.unchanged_count, same.error_count) == (1, 0), same.errors
    assert messages_of(other) == [
        f"แถว 2 {DATE}: สถานะยังเป็น “ลาออก/พ้นสภาพ” ตามที่บันทึกไว้ตั้งแต่ 15 มิ.ย. 2567 แต่ไฟล์ระบุวันที่ 20 มิ.ย. 2567 "
        "การนำเข้าไม่แก้วันที่ของการเปลี่ยนสถานะที่บันทึกแล้ว กรุณาเว้นว่างหรือใส่วันเดียวกับที่บันทึกไว้"
    ]
    assert StatusChange.objects.filter(volunteer=volunteer).count() == 1


def test_a_status_on_record_without_its_date_is_dated_by_the_file(client_for, lampang_officer, lampang):
    # As an import before the date was asked for left a new leaver: resigned, no date, no step on record.
    client = client_for(lampang_officer)
    volunteer = registered(client, 1, appointed="10/03/2566")
    Volunteer.objects.filter(pk=volunteer.pk).update(status="resigned", status_changed_on=None)

    _, job = upload(client, xlsx_bytes([person(1, **{STATUS: LEFT, DATE: "15/06/2567"})]))
    assert (job.updated_count, job.error_count) == (1, 0), job.errors
    _, job = confirm(client, job)

    volunteer.refresh_from_db()
    assert (volunteer.status, volunteer.status_changed_on) == ("resigned", dt.date(2024, 6, 15))
    step = StatusChange.objects.get(volunteer=volunteer)
    assert (step.from_status, step.to_status, step.changed_on) == ("", "resigned", dt.date(2024, 6, 15))
    assert stat(client.get(reverse("reports:province", args=["52"]) + "?fy=2567").content.decode(), "leavers") == 1


def test_a_resigned_volunteer_appointed_again_returns_on_the_new_terms_first_day(client_for, lampang_officer, lampang):
    client = client_for(lampang_officer)
    volunteer = registered(client, 1, appointed="07/01/2562")  # the term ended on 6 Jan 2565
    services.change_status(
        volunteer=volunteer, to_status="resigned", changed_on=dt.date(2021, 5, 1), reason="ย้าย", by=lampang_officer
    )

    _, job = upload(client, xlsx_bytes([person(1, **{APPOINTED: "01/10/2567", STATUS: ""})]))
    _, job = confirm(client, job)

    assert job.status == "done" and job.error_count == 0, job.errors
    volunteer.refresh_from_db()
    assert (volunteer.status, volunteer.status_changed_on) == ("active", dt.date(2024, 10, 1))
    back = StatusChange.objects.get(volunteer=volunteer, to_status="active")
    assert back.changed_on == dt.date(2024, 10, 1)


# ---------------------------------------------------------------- the admin site's import


def test_the_admin_import_records_a_new_leavers_step_on_its_date_and_refuses_one_without(admin_user, lampang):
    def admin_import(rows, dry_run):
        return VolunteerResource().import_data(
            tablib.Dataset().load(xlsx_bytes(rows), format="xlsx"),
            dry_run=dry_run,
            user=admin_user,
            file_name="admin.xlsx",
        )

    refused = admin_import([leaver(1, **{DATE: ""})], dry_run=True)
    result = admin_import([leaver(1, **{DATE: "15/06/2567"})], dry_run=False)

    assert [message for row in refused.invalid_rows for message in row.error.messages] == [
        f"{DATE}: {NEEDS_A_DATE} กรุณากรอก{DATE} (วว/ดด/ปปปป)"
    ]
    assert not result.has_errors() and not result.has_validation_errors()
    volunteer = Volunteer.objects.get(national_id=nid(1))
    assert (volunteer.status, volunteer.status_changed_on) == ("resigned", dt.date(2024, 6, 15))
    step = StatusChange.objects.get(volunteer=volunteer)
    assert (step.from_status, step.to_status, step.changed_on, step.changed_by) == (
        "",
        "resigned",
        dt.date(2024, 6, 15),
        admin_user,
    )
    assert "admin.xlsx" in step.reason
