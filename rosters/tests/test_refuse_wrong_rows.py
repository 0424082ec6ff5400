"""Each wrong row is reported with its row, column and a Thai reason, and is never written."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, messages_of, upload
from rosters.tests.libreoffice import convert
from volunteers.models import Volunteer, VolunteerEvent
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def import_with_one_good_row(client, bad_rows):
    """Upload a good row and the bad ones, confirm, and return the finished job."""
    _, job = upload(client, xlsx_bytes([person(100), *bad_rows]))
    assert job.status == "preview", job.message
    _, job = confirm(client, job)
    assert job.status == "done", job.message
    return job


@pytest.mark.parametrize(
    ("bad_row", "column", "message"),
    [
        (person(1, **{"เลขประจำตัวประชาชน": "3520000000010"}), "เลขประจำตัวประชาชน", "เลขตรวจสอบหลักสุดท้ายไม่ตรง"),
        (person(1, **{"เลขประจำตัวประชาชน": "35200000000"}), "เลขประจำตัวประชาชน", "ต้องมี 13 หลัก"),
        (person(1, **{"ตำบล/แขวง": "ไม่มีตำบลนี้"}), "ตำบล/แขวง", "ไม่พบตำบล “ไม่มีตำบลนี้” ในจังหวัดลำปาง"),
        (person(1, **{"ตำบล/แขวง": "500101", "อำเภอ/เขต": ""}), "ตำบล/แขวง", "อยู่ในจังหวัดเชียงใหม่ ไม่ใช่จังหวัดลำปาง"),
        (person(1, **{"ตำบล/แขวง": "ศรีภูมิ", "อำเภอ/เขต": ""}), "ตำบล/แขวง", "เป็นชื่อตำบลในจังหวัดเชียงใหม่, "),
        (person(1, **{"อำเภอ/เขต": "แม่ริม"}), "อำเภอ/เขต", "ไม่พบอำเภอ “แม่ริม” ในจังหวัดลำปาง"),
        (person(1, **{"วันเกิด": "01/01/2600"}), "วันเกิด", "เป็นวันในอนาคต"),
        (person(1, **{"วันเกิด": "31/02/2520"}), "วันเกิด", "ไม่มีวันที่"),
        (person(1, **{"คำนำหน้า": ""}), "คำนำหน้า", "กรุณากรอกคำนำหน้า"),
        (person(1, **{"ชื่อ": ""}), "ชื่อ", "กรุณากรอกชื่อ"),
        (person(1, **{"สถานะ": "ไม่แน่ใจ"}), "สถานะ", "สถานะ “ไม่แน่ใจ” ไม่ถูกต้อง"),
        (person(1, **{"โทรศัพท์มือถือ": "12345"}), "โทรศัพท์มือถือ", "ไม่ใช่หมายเลขโทรศัพท์"),
        (person(1, **{"อีเมล": "somchai@"}), "อีเมล", "อีเมล “somchai@” ไม่ถูกต้อง"),
        (person(1, **{"หมู่ที่": 120}), "หมู่ที่", "1–99"),
        (person(1, **{"หมู่ที่": "²"}), "หมู่ที่", "1–99"),  # a digit to isdigit() that int() refuses
        (person(1, **{"หมู่ที่": "1" * 5000}), "หมู่ที่", "1–99"),  # more digits than int() converts
        (person(1, **{"วันเกิด": "01/01/2444"}), "วันเกิด", "เก่ากว่า 120 ปี"),
        (person(1, **{"จังหวัด": "เชียงใหม่"}), "จังหวัด", "ไม่ใช่จังหวัดลำปาง"),
    ],
)
def test_a_wrong_row_is_reported_and_not_written(client_for, lampang_officer, chiang_mai, bad_row, column, message):
    job = import_with_one_good_row(client_for(lampang_officer), [bad_row])

    assert job.error_count == 1
    problem = job.errors[0]
    assert problem["row"] == 3
    assert problem["column"] == column
    assert message in problem["message"], messages_of(job)
    assert list(Volunteer.objects.values_list("national_id", flat=True)) == [nid(100)]


def test_an_id_held_by_another_province_is_an_error_not_a_move(client_for, lampang_officer, chiang_mai):
    held = VolunteerFactory(province=chiang_mai, national_id=nid(1), last_name="เชียงใหม่")

    job = import_with_one_good_row(client_for(lampang_officer), [person(1)])

    assert "เป็นข้อมูลของจังหวัดเชียงใหม่อยู่แล้ว" in job.errors[0]["message"]
    held.refresh_from_db()
    assert (held.province, held.last_name) == (chiang_mai, "เชียงใหม่")


def test_an_id_twice_in_one_file_is_an_error_on_both_rows(client_for, lampang_officer):
    job = import_with_one_good_row(client_for(lampang_officer), [person(1), person(2), person(1, **{"ชื่อ": "อีกคน"})])

    by_row = {e["row"]: e["message"] for e in job.errors}
    assert by_row == {
        3: "เลขประจำตัวประชาชนซ้ำกับแถว 5 ในไฟล์เดียวกัน",
        5: "เลขประจำตัวประชาชนซ้ำกับแถว 3 ในไฟล์เดียวกัน",
    }
    assert not Volunteer.objects.filter(national_id=nid(1)).exists()
    assert Volunteer.objects.filter(national_id=nid(2)).exists()


def test_a_name_two_subdistricts_share_is_an_error_naming_both(client_for, bangkok):
    officer = StaffFactory(username="bangkok.officer", role="officer", province=bangkok)
    row = person(1, **{"ตำบล/แขวง": "บางจาก", "อำเภอ/เขต": ""})

    _, job = upload(client_for(officer), xlsx_bytes([row]))

    message = job.errors[0]["message"]
    assert "ซ้ำกัน" in message
    assert message.count("แขวงบางจาก เขต") == 2  # both places, with their districts and codes
    assert "ระบุอำเภอหรือใช้รหัสตำบล" in message


def test_a_future_birth_date_says_so_in_thai_on_the_preview_page(client_for, lampang_officer):
    client = client_for(lampang_officer)
    next_year = dt.date.today().year + 544
    _, job = upload(client, xlsx_bytes([person(1, **{"วันเกิด": f"01/01/{next_year}"})]))

    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()

    assert "เป็นวันในอนาคต วันเกิดต้องไม่เกินวันนี้" in page
    assert "ไม่มีข้อมูลใหม่หรือข้อมูลที่เปลี่ยนแปลงให้นำเข้า" in page
    assert not VolunteerEvent.objects.exists()


def test_every_problem_of_a_row_is_listed_not_only_the_first(client_for, lampang_officer):
    row = person(1, **{"เลขประจำตัวประชาชน": "123", "ตำบล/แขวง": "ไม่มีตำบลนี้", "วันเกิด": "ปีที่แล้ว"})

    _, job = upload(client_for(lampang_officer), xlsx_bytes([row]))

    assert job.error_count == 1
    assert {e["column"] for e in job.errors} == {"เลขประจำตัวประชาชน", "ตำบล/แขวง", "วันเกิด"}


def test_ids_held_by_another_province_look_that_province_up_once(lampang, chiang_mai):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rosters.tests.helpers import check_file_content

    for n in (1, 2, 3):
        VolunteerFactory(province=chiang_mai, national_id=nid(n))
    with CaptureQueriesContext(connection) as queries:
        _, checked = check_file_content(xlsx_bytes([person(1), person(2), person(3)]), lampang)

    assert [p.message.split(" ")[0] for p in checked.problems] == ["เลขประจำตัวประชาชนนี้เป็นข้อมูลของจังหวัดเชียงใหม่อยู่แล้ว"] * 3
    label_lookups = [
        q["sql"] for q in queries.captured_queries if f'WHERE "provinces_province"."id" = {chiang_mai.pk} ' in q["sql"]
    ]
    assert len(label_lookups) == 1, label_lookups


def roster_with_formula_errors() -> bytes:
    """Three people; the second one's first name (C3) is =1/0 and the third one's surname (D4) =#REF!, each with the
    error Excel keeps as the formula's result (<c t="e"><f>1/0</f><v>#DIV/0!</v></c>)."""
    written = xlsx_bytes([person(1), person(2, **{"ชื่อ": "#DIV/0!"}), person(3, **{"นามสกุล": "#REF!"})])
    assert written_sheet(written).count(b't="e"') == 2  # openpyxl writes an error value as a cell of type "e"
    return with_sheet_xml_replaced(
        written, (b"<v>#DIV/0!</v>", b"<f>1/0</f><v>#DIV/0!</v>"), (b"<v>#REF!</v>", b"<f>#REF!</f><v>#REF!</v>")
    )


def written_sheet(content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as workbook:
        return workbook.read("xl/worksheets/sheet1.xml")


def with_sheet_xml_replaced(content: bytes, *replacements: tuple[bytes, bytes]) -> bytes:
    """The .xlsx with texts of its worksheets' XML replaced: what openpyxl cannot write (a formula with its result)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as workbook:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                for old, new in replacements:
                    data = data.replace(old, new)
            workbook.writestr(item, data)
    return buffer.getvalue()


@pytest.mark.parametrize("form", ["xlsx", "xlsx read in a child", "ods", "xls"])
def test_a_formula_whose_result_is_an_error_is_refused_naming_its_cell(
    client_for, lampang_officer, settings, profile, tmp_path, form
):
    settings.ROSTER_READ_IN_CHILD_FROM_MB = 0 if form == "xlsx read in a child" else 1_000_000
    extension = form.split()[0]
    content = roster_with_formula_errors()
    if extension != "xlsx":
        # Calc computes the formulas again and saves their errors the way its format keeps them.
        content = convert(content, "roster.xlsx", extension, profile, tmp_path)
    client = client_for(lampang_officer)

    _, job = upload(client, content, name=f"roster.{extension}")

    assert job.status == "preview", job.message
    assert [(e["row"], e["column"], e["message"]) for e in job.errors] == [
        (3, "ชื่อ", "สูตรในเซลล์นี้ให้ผลผิดพลาด (#DIV/0!) กรุณาแก้สูตรหรือพิมพ์ค่าแทน"),
        (4, "นามสกุล", "สูตรในเซลล์นี้ให้ผลผิดพลาด (#REF!) กรุณาแก้สูตรหรือพิมพ์ค่าแทน"),
    ]
    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "สูตรในเซลล์นี้ให้ผลผิดพลาด (#DIV/0!)" in page
    _, job = confirm(client, job)
    assert list(Volunteer.objects.values_list("national_id", flat=True)) == [nid(1)]
    assert not Volunteer.objects.filter(first_name__startswith="#").exists()


@pytest.mark.parametrize("read_from_mb", [1_000_000, 0], ids=["here", "in a child"])
def test_an_error_of_excel_365_that_the_reader_cannot_name_refuses_the_file_naming_its_cell(
    client_for, lampang_officer, settings, read_from_mb
):
    # #SPILL! (a dynamic array with no room) stops the reader of the sheet; it used to be told as a broken file.
    settings.ROSTER_READ_IN_CHILD_FROM_MB = read_from_mb
    written = xlsx_bytes([person(1), person(2), person(3, **{"ชื่อ": "#N/A"})])
    content = with_sheet_xml_replaced(written, (b"<v>#N/A</v>", b"<f>_xlfn.ANCHORARRAY(A1)</f><v>#SPILL!</v>"))

    _, job = upload(client_for(lampang_officer), content)

    assert job.status == "rejected"
    assert job.message.startswith("เซลล์ C4 มีสูตรที่ให้ผลผิดพลาด (#SPILL!)"), job.message
    assert "เสียหาย" not in job.message
    assert not Volunteer.objects.exists()
