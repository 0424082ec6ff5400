"""A roster written by a program may hold a formula without its result, which every reader reads as empty: the file
is refused, naming the cell, rather than imported with a blank (rosters.xlsx_stream.formula_without_value). Saved by
a spreadsheet program, the same file holds the results and is imported with them."""

import io

import pytest

from rosters import xlsx_stream
from rosters.models import ImportJob
from rosters.tests.factories import person, xlsx_bytes
from rosters.tests.helpers import confirm, upload
from rosters.tests.libreoffice import convert
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

IN_A_CHILD, HERE = 0, 1_000_000


def roster_with_a_phone_formula() -> bytes:
    """Three people; the second one's phone (column G, row 3) a formula, as openpyxl writes it: no result kept."""
    return xlsx_bytes([person(1), person(2, เบอร์โทร='="081"&"2345678"'), person(3)])


@pytest.mark.parametrize("read_from_mb", [HERE, IN_A_CHILD], ids=["here", "in a child"])
def test_a_formula_with_no_result_in_the_file_is_refused_naming_its_cell(
    client_for, lampang_officer, settings, read_from_mb
):
    settings.ROSTER_READ_IN_CHILD_FROM_MB = read_from_mb

    _, job = upload(client_for(lampang_officer), roster_with_a_phone_formula())

    assert job.status == ImportJob.Status.REJECTED
    assert job.message.startswith("เซลล์ G3 เป็นสูตรที่ไม่มีผลลัพธ์บันทึกไว้ในไฟล์"), job.message
    assert "บันทึกอีกครั้งก่อนนำเข้า" in job.message
    assert not Volunteer.objects.exists()


def test_the_same_roster_saved_by_a_spreadsheet_program_is_imported_with_the_formulas_result(
    client_for, lampang_officer, profile, tmp_path
):
    saved_again = convert(roster_with_a_phone_formula(), "roster.xlsx", "xlsx", profile, tmp_path)
    client = client_for(lampang_officer)

    _, job = upload(client, saved_again)
    confirm(client, job)

    assert job.status == ImportJob.Status.DONE, job.message
    assert Volunteer.objects.get(national_id=person(2)["เลขประจำตัวประชาชน"]).phone == "0812345678"


def test_an_empty_text_result_is_a_result(tmp_path, profile):
    """LibreOffice and Excel keep a formula's empty text result as an empty value of type "str"."""
    written = xlsx_bytes([person(1, หมายเหตุ='=IF(1>2,"x","")')])
    saved_again = convert(written, "roster.xlsx", "xlsx", profile, tmp_path)

    def first_formula_without_result(content: bytes) -> str | None:
        sheet_name, _rows = xlsx_stream.stream_xlsx(io.BytesIO(content))
        return xlsx_stream.formula_without_value(io.BytesIO(content), sheet_name)

    assert first_formula_without_result(written) == "G2"
    assert first_formula_without_result(saved_again) is None
