"""Mentors are imported and exported the same way as volunteers."""

import io

import openpyxl
import pytest
from django.urls import reverse

from mentors.models import Mentor, MentorEvent
from mentors.tests.factories import MentorFactory
from rosters.tests.factories import nid, xlsx_bytes
from rosters.tests.helpers import confirm, upload
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def mentor_row(serial, **overrides):
    row = {
        "เลขประจำตัวประชาชน": nid(serial, prefix="152"),
        "คำนำหน้า": "น.ส.",
        "ชื่อ": f"พี่เลี้ยง{serial}",
        "นามสกุล": "ใจดี",
        "ตำแหน่ง": "นักวิชาการแรงงานชำนาญการ",
        "หน่วยงาน": "สำนักงานจัดหางานจังหวัด",
        "โทรศัพท์": "054-265-050",
        "สถานะ": "ปฏิบัติหน้าที่",
    }
    row.update(overrides)
    return row


def test_an_officer_imports_mentors_into_their_provinces_agencies(client_for, lampang_officer, lampang):
    client = client_for(lampang_officer)
    rows = [
        mentor_row(1),
        mentor_row(2, **{"หน่วยงาน": "สำนักงานประกันสังคมจังหวัดลำปาง", "สถานะ": "พ้นหน้าที่"}),
        mentor_row(3, **{"หน่วยงาน": "กรมอุตุนิยมวิทยา"}),
    ]

    _, job = upload(client, xlsx_bytes(rows), kind="mentors")
    assert (job.kind, job.new_count, job.error_count) == ("mentors", 2, 1)
    assert "ไม่พบหน่วยงาน “กรมอุตุนิยมวิทยา” ในจังหวัดลำปาง" in job.errors[0]["message"]
    _, job = confirm(client, job)

    first = Mentor.objects.get(national_id=nid(1, prefix="152"))
    assert (first.title, first.agency.kind, first.province, first.phone, first.is_active) == (
        "นางสาว",
        "employment",
        lampang,
        "054265050",
        True,
    )
    assert Mentor.objects.get(national_id=nid(2, prefix="152")).is_active is False
    event = MentorEvent.objects.filter(pgh_obj=first).get()
    assert event.pgh_context.metadata["import_job"] == job.pk


def test_an_agency_of_another_province_is_refused_not_taken_for_this_provinces(client_for, lampang_officer):
    rows = [
        mentor_row(1, **{"หน่วยงาน": "สำนักงานแรงงานจังหวัดเชียงใหม่"}),
        mentor_row(2, **{"หน่วยงาน": "สำนักงานแรงงาน จังหวัดลำปาง"}),
    ]

    _, job = upload(client_for(lampang_officer), xlsx_bytes(rows), kind="mentors")

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "หน่วยงาน")]
    assert job.errors[0]["message"] == (
        "หน่วยงาน “สำนักงานแรงงานจังหวัดเชียงใหม่” อยู่ในจังหวัดเชียงใหม่ ไม่ใช่จังหวัดลำปาง ซึ่งเป็นจังหวัดที่กำลังนำเข้า"
    )
    assert job.new_count == 1


def test_a_title_past_40_characters_is_refused_as_the_volunteers_is(client_for, lampang_officer):
    client = client_for(lampang_officer)
    long_title = "ผู้ช่วยศาสตราจารย์ ดร. พันตำรวจเอกหญิง ว่าที่ร้อยตรี"
    assert len(long_title) > 40
    rows = [mentor_row(1, **{"คำนำหน้า": long_title}), mentor_row(2, **{"คำนำหน้า": "ผศ.ดร."})]

    _, job = upload(client, xlsx_bytes(rows), kind="mentors")

    assert (job.new_count, job.error_count) == (1, 1)
    assert "คำนำหน้ายาวเกิน 40 ตัวอักษร" in job.errors[0]["message"]
    confirm(client, job)
    assert not Mentor.objects.filter(national_id=nid(1, prefix="152")).exists()
    assert Mentor.objects.get(national_id=nid(2, prefix="152")).title == "ผศ.ดร."


def test_reimporting_mentors_updates_what_changed(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([mentor_row(1), mentor_row(2)]), kind="mentors")
    confirm(client, job)

    _, job = upload(client, xlsx_bytes([mentor_row(1), mentor_row(2, **{"ตำแหน่ง": "ผู้อำนวยการ"})]), kind="mentors")

    assert (job.new_count, job.updated_count, job.unchanged_count) == (0, 1, 1)
    confirm(client, job)
    assert Mentor.objects.get(national_id=nid(2, prefix="152")).position == "ผู้อำนวยการ"


def test_a_mentor_ended_by_the_import_leaves_their_volunteers_to_be_assigned_again(
    client_for, lampang_officer, lampang
):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([mentor_row(1), mentor_row(2)]), kind="mentors")
    confirm(client, job)
    ended, kept = (Mentor.objects.get(national_id=nid(n, prefix="152")) for n in (1, 2))
    theirs = [VolunteerFactory(province=lampang, mentor=ended) for _ in range(2)]
    VolunteerFactory(province=lampang, mentor=kept)

    _, job = upload(client, xlsx_bytes([mentor_row(1, **{"สถานะ": "พ้นหน้าที่"}), mentor_row(2)]), kind="mentors")
    confirm(client, job)

    assert not Mentor.objects.get(pk=ended.pk).is_active
    assert not Volunteer.objects.filter(mentor=ended).exists()
    assert Volunteer.objects.filter(pk__in=[v.pk for v in theirs], mentor=None).count() == 2
    assert Volunteer.objects.filter(mentor=kept).count() == 1
    page = client.get(reverse("mentors:detail", args=[ended.pk])).content.decode()
    assert theirs[0].first_name not in page


def test_mentor_export_masks_ids_for_viewers(client_for, lampang_officer, lampang_viewer, lampang, chiang_mai):
    MentorFactory(province=lampang, national_id=nid(1, prefix="152"), first_name="วิไล")
    MentorFactory(province=chiang_mai, national_id=nid(2, prefix="150"), first_name="ดอย")

    def table(user):
        response = client_for(user).get(reverse("rosters:export_mentors", args=["xlsx"]))
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return [[cell.value for cell in row] for row in sheet.iter_rows()]

    officer_rows = table(lampang_officer)
    assert officer_rows[0][:6] == ["เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำแหน่ง", "หน่วยงาน"]
    assert [(row[0], row[2]) for row in officer_rows[1:]] == [(nid(1, prefix="152"), "วิไล")]
    viewer_rows = table(lampang_viewer)
    assert viewer_rows[1][0] == "1-5200-xxxxx-xx-" + nid(1, prefix="152")[-1]


def test_an_exported_mentor_list_imports_back_unchanged(client_for, lampang_officer, lampang):
    MentorFactory(province=lampang, national_id=nid(1, prefix="152"), title="นาย", phone="0812345678")
    client = client_for(lampang_officer)
    content = client.get(reverse("rosters:export_mentors", args=["xlsx"])).content

    _, job = upload(client, content, kind="mentors")

    assert job.unknown_columns == []
    assert (job.new_count, job.updated_count, job.unchanged_count) == (0, 0, 1), job.errors
