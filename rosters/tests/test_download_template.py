import io

import openpyxl
import pytest
from django.urls import reverse

from rosters.tests.helpers import upload

pytestmark = pytest.mark.django_db


def download(client, kind="volunteers"):
    response = client.get(reverse("rosters:template", args=[kind]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_officer_gets_a_template_with_thai_headers_an_example_row_and_instructions(client_for, lampang_officer):
    workbook = download(client_for(lampang_officer))

    assert workbook.sheetnames == ["รายชื่อ", "คำอธิบาย"]
    sheet = workbook["รายชื่อ"]
    headers = [cell.value for cell in sheet[1] if cell.value]
    assert headers[:4] == ["เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล"]
    assert {"วันเกิด", "ตำบล/แขวง", "อำเภอ/เขต", "สถานะ"} <= set(headers)
    example = {header: sheet.cell(row=2, column=index + 1).value for index, header in enumerate(headers)}
    assert example["เลขประจำตัวประชาชน"] == "1234567890121"
    assert example["ตำบล/แขวง"] == "เวียงเหนือ"  # a subdistrict of the officer's own province
    guide = "\n".join(str(c.value) for row in workbook["คำอธิบาย"].iter_rows() for c in row if c.value)
    assert "วิธีใช้" in guide and "พ.ศ." in guide and "ลบแถวตัวอย่าง" in guide


def test_the_id_and_date_columns_are_text_and_fixed_choices_are_drop_downs(client_for, lampang_officer):
    sheet = download(client_for(lampang_officer))["รายชื่อ"]

    assert sheet["A2"].number_format == "@"
    assert sheet["A100"].number_format == "@"  # also where the officer types
    lists = {
        str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1 for dv in sheet.data_validations.dataValidation
    }
    assert "นาย,นาง,นางสาว" in lists["B"]
    assert any("ปฏิบัติหน้าที่" in formula and "ลาออก/พ้นสภาพ" in formula for formula in lists.values())


def test_the_unchanged_template_is_refused_because_of_its_example_row(client_for, lampang_officer):
    client = client_for(lampang_officer)
    content = client.get(reverse("rosters:template", args=["volunteers"])).content

    _, job = upload(client, content, name="แม่แบบ.xlsx")

    assert job.new_count == 0
    assert job.errors[0]["row"] == 2
    assert "แถวตัวอย่าง" in job.errors[0]["message"]


def test_mentor_template_lists_the_agencies(client_for, lampang_officer):
    sheet = download(client_for(lampang_officer), "mentors")["รายชื่อ"]

    headers = [cell.value for cell in sheet[1] if cell.value]
    assert "หน่วยงาน" in headers
    assert any("สำนักงานจัดหางานจังหวัด" in dv.formula1 for dv in sheet.data_validations.dataValidation)


def test_an_unknown_kind_of_template_is_404(client_for, lampang_officer):
    assert client_for(lampang_officer).get("/rosters/template/trainings.xlsx").status_code == 404
