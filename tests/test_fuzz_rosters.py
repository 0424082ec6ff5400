"""Random files into the roster upload, and random stored text out through the exports.

An upload of any bytes or any CSV text ends as a job with a Thai reason or a preview, never a server error;
an export of whatever the registry holds opens in Excel without a formula and without a broken file.
"""

import csv
import io
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.tests.national_ids import valid_national_id
from mentors.tests.factories import MentorFactory
from rosters.models import ImportJob
from tests.fuzz import FUZZ, assert_no_raw_markup, formula_unsafe_cells, has_thai_message, nasty_text
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

serials = itertools.count(700_000)
HEADERS = ["เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำบล/แขวง", "อำเภอ/เขต", "หมายเหตุ"]


def upload(client, content: bytes, name: str):
    return client.post(reverse("rosters:upload"), {"kind": "volunteers", "file": SimpleUploadedFile(name, content)})


def check_upload_answer(client, response) -> None:
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        html = response.content.decode()
        assert has_thai_message(html)
        assert_no_raw_markup(html)
        return
    job = ImportJob.objects.order_by("-pk").first()
    assert job.status in {ImportJob.Status.PREVIEW, ImportJob.Status.REJECTED}, job.status
    if job.status == ImportJob.Status.REJECTED:
        assert has_thai_message(job.message)
    page = client.get(response.url)
    assert page.status_code == 200
    assert_no_raw_markup(page.content.decode())


@FUZZ
@given(
    content=st.binary(max_size=4096),
    name=st.sampled_from(["roster.xlsx", "roster.xls", "roster.csv", "roster.txt", "รายชื่อ.xlsx", "a" * 300 + ".csv"]),
    head=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf"]),
)
def test_random_bytes_are_refused_with_a_reason(client_for, lampang_officer, content, name, head):
    client = client_for(lampang_officer)
    before = Volunteer.objects.count()
    check_upload_answer(client, upload(client, head + content, name))
    assert Volunteer.objects.count() == before


@FUZZ
@given(
    rows=st.lists(st.lists(nasty_text(), min_size=1, max_size=8), min_size=0, max_size=6), with_headers=st.booleans()
)
def test_random_csv_text_is_checked_row_by_row(client_for, lampang_officer, rows, with_headers):
    client = client_for(lampang_officer)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if with_headers:
        writer.writerow(HEADERS)
    writer.writerows(rows)
    before = Volunteer.objects.count()
    check_upload_answer(client, upload(client, buffer.getvalue().encode("utf-8-sig"), "roster.csv"))
    assert Volunteer.objects.count() == before  # nothing is written before the officer confirms


@FUZZ
@given(
    note=nasty_text(),
    first_name=nasty_text(),
    row=st.lists(nasty_text(), min_size=0, max_size=1),
)
def test_a_csv_with_hostile_cells_can_be_confirmed_and_stores_no_control_characters(
    client_for, lampang_officer, lampang, note, first_name, row
):
    client = client_for(lampang_officer)
    serial = next(serials)
    national_id = valid_national_id(serial)
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADERS, [national_id, "นาย", first_name, "นำเข้า", "สบตุ๋ย", "เมืองลำปาง", note, *row]])
    response = upload(client, buffer.getvalue().encode("utf-8"), "roster.csv")
    check_upload_answer(client, response)
    job = ImportJob.objects.order_by("-pk").first()
    if job.can_confirm:
        confirmed = client.post(reverse("rosters:confirm", args=[job.pk]))
        assert confirmed.status_code == 302
        job.refresh_from_db()
        assert job.status == ImportJob.Status.DONE, (job.status, job.message)
        volunteer = Volunteer.objects.get(national_id=national_id)
        for value in (volunteer.first_name, volunteer.notes):
            assert "\x00" not in value
        assert_no_raw_markup(client.get(reverse("volunteers:detail", args=[volunteer.pk])).content.decode())


def exported_cells(response, fmt) -> list[list]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@FUZZ
@given(
    first_name=nasty_text(),
    notes=nasty_text(),
    line_id=nasty_text(),
    position=nasty_text(),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
def test_exports_of_any_stored_text_are_formula_safe(
    client_for, lampang_officer, lampang, first_name, notes, line_id, position, fmt
):
    # Stored past the forms on purpose: older data, the admin site or an import may hold such text.
    clean = [v.replace("\x00", "") for v in (first_name, notes, line_id, position)]
    Volunteer.objects.all().delete()
    VolunteerFactory(
        province=lampang,
        national_id=valid_national_id(next(serials)),
        first_name=clean[0][:100] or "ก",
        notes=clean[1],
        line_id=clean[2][:50],
    )
    MentorFactory(province=lampang, position=clean[3][:200])
    client = client_for(lampang_officer)
    for url in (reverse("rosters:export_volunteers", args=[fmt]), reverse("rosters:export_mentors", args=[fmt])):
        response = client.get(url)
        assert response.status_code == 200, url
        cells = [value for row in exported_cells(response, fmt)[1:] for value in row]
        assert formula_unsafe_cells(cells) == [], url


def test_a_nul_in_a_csv_cell_is_refused_with_the_row(client_for, lampang_officer):
    client = client_for(lampang_officer)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [HEADERS[:6], [valid_national_id(next(serials)), "นาย", "สม\x00ชาย", "ดี", "สบตุ๋ย", "เมืองลำปาง"]]
    )
    response = upload(client, ("x" * 5000 + "\n").encode() + buffer.getvalue().encode("utf-8"), "roster.csv")
    job = ImportJob.objects.order_by("-pk").first()
    assert response.status_code == 302 and job.status == ImportJob.Status.REJECTED
    assert "แถวที่ 3 ของไฟล์มีอักขระควบคุม" in job.message
    assert "อักขระควบคุม" in client.get(response.url).content.decode()


def test_control_characters_stored_earlier_do_not_break_the_excel_export(client_for, lampang_officer, lampang):
    VolunteerFactory(
        province=lampang, national_id=valid_national_id(next(serials)), notes="ก\x01ข\x1b=1+1", first_name="=SUM(1)"
    )
    response = client_for(lampang_officer).get(reverse("rosters:export_volunteers", args=["xlsx"]))
    assert response.status_code == 200
    cells = [value for row in exported_cells(response, "xlsx")[1:] for value in row]
    assert "กข=1+1" in cells and "'=SUM(1)" in cells
