"""The admin site's import accepts and refuses the same files as the staff pages, with the same Thai messages."""

import datetime as dt

import pytest
import tablib

from rosters.resources import VolunteerResource
from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import check_file_content
from volunteers.models import StatusChange, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def admin_messages(result) -> dict[int, list[str]]:
    """{file row: messages} as the admin's preview lists them (its rows count from 1 below the header)."""
    return {row.number + 1: sorted(row.error.messages) for row in result.invalid_rows}


def staff_messages(checked) -> dict[int, list[str]]:
    messages: dict[int, list[str]] = {}
    for problem in checked.problems:
        messages.setdefault(problem.row, []).append(f"{problem.column}: {problem.message}")
    return {row: sorted(found) for row, found in messages.items()}


def test_a_file_the_staff_pages_refuse_is_refused_by_the_admin_with_the_same_messages(admin_user, lampang):
    VolunteerFactory(province=lampang, national_id=nid(1), status=Volunteer.Status.DECEASED)
    content = xlsx_bytes(
        [
            person(1, **{"สถานะ": "ปฏิบัติหน้าที่"}),  # a deceased volunteer brought back
            person(2, **{"ตำบล/แขวง": "ไม่มีตำบลนี้"}),
            person(3, **{"วันเกิด": "01/01/2444"}),
            person(4, **{"อำเภอ/เขต": "แม่ริม"}),  # a district of Chiang Mai
            person(5, **{"เลขประจำตัวประชาชน": nid(6)}),
            person(6),  # the same ID as the row above
        ]
    )
    _table, checked = check_file_content(content, lampang)

    result = VolunteerResource().import_data(tablib.Dataset().load(content, format="xlsx"), dry_run=True)

    expected = staff_messages(checked)
    assert set(expected) == {2, 3, 4, 5, 6, 7}
    assert "ไม่พบตำบล “ไม่มีตำบลนี้” ในจังหวัดลำปาง" in expected[3][0]
    assert admin_messages(result) == expected
    assert Volunteer.objects.get(national_id=nid(1)).status == Volunteer.Status.DECEASED


def test_a_file_the_staff_pages_accept_is_written_by_the_admin_with_the_same_values(admin_user, lampang):
    # Headers as officers type them, a full name, a subdistrict by its code, a Thai date with a month name.
    row = {
        "เลขบัตรประชาชน": f"{nid(7)[0]}-{nid(7)[1:5]}-{nid(7)[5:10]}-{nid(7)[10:12]}-{nid(7)[12]}",
        "ชื่อ-สกุล": "นางสาวมาลี ศรีสุข",
        "ตำบล": "520101",
        "วันเดือนปีเกิด": "15 มี.ค. 2518",
        "เบอร์โทร": "081-234-5678",
        "สถานะการปฏิบัติหน้าที่": "",
    }
    content = xlsx_bytes([row])
    _table, checked = check_file_content(content, lampang)
    assert not checked.problems
    staff_values = dict(zip(checked.fields, checked.new[0], strict=True))

    result = VolunteerResource().import_data(
        tablib.Dataset().load(content, format="xlsx"), dry_run=False, user=admin_user, file_name="admin.xlsx"
    )

    assert not result.has_errors() and not result.has_validation_errors(), admin_messages(result)
    volunteer = Volunteer.objects.get(national_id=nid(7))
    assert {name: getattr(volunteer, name) for name in staff_values} == staff_values
    assert (volunteer.first_name, volunteer.birth_date, volunteer.status) == ("มาลี", dt.date(1975, 3, 15), "active")


def test_a_file_whose_places_are_in_no_province_is_refused_in_thai(admin_user, lampang):
    rows = [person(10, **{"ตำบล/แขวง": "ไม่มีตำบลนี้", "อำเภอ/เขต": ""})]

    result = VolunteerResource().import_data(tablib.Dataset().load(xlsx_bytes(rows), format="xlsx"), dry_run=True)

    assert [str(error.error) for error in result.base_errors] == [
        "ระบุจังหวัดของแถวใดในไฟล์ไม่ได้ ตรวจสอบชื่อหรือรหัสตำบล/หน่วยงาน หรือเพิ่มคอลัมน์จังหวัด"
    ]
    assert admin_messages(result) == {2: [str(result.base_errors[0].error)]}


def test_a_status_change_through_the_admin_is_a_step_of_the_volunteer_lifecycle(admin_user, lampang):
    VolunteerFactory(province=lampang, national_id=nid(11), status=Volunteer.Status.ACTIVE)
    content = xlsx_bytes([person(11, **{"สถานะ": "ลาออก/พ้นสภาพ"})])

    result = VolunteerResource().import_data(
        tablib.Dataset().load(content, format="xlsx"), dry_run=False, user=admin_user, file_name="admin.xlsx"
    )

    assert not result.has_errors() and not result.has_validation_errors(), admin_messages(result)
    volunteer = Volunteer.objects.get(national_id=nid(11))
    assert volunteer.status == Volunteer.Status.RESIGNED
    step = StatusChange.objects.get(volunteer=volunteer)
    assert (step.from_status, step.to_status, step.changed_by) == ("active", "resigned", admin_user)
    assert "admin.xlsx" in step.reason
