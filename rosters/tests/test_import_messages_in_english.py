"""An officer who uploads in English reads the check's reasons in English, on the preview and in the failed-rows
file, although the check runs in a background worker with no request: the job keeps the uploader's language and the
worker checks in it. In Thai the reasons are word for word as before."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core import thai
from rosters import pipeline
from rosters.models import ImportJob
from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import upload
from rosters.tests.test_read_large_xlsx_in_a_child import spied, with_remark_bytes  # noqa: F401
from tests.english import THAI, in_english

pytestmark = pytest.mark.django_db

HEADERS = ["เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำบล/แขวง", "อำเภอ/เขต", "วันเกิด", "วันที่แต่งตั้ง"]


def wrong_check_digit(national_id: str) -> str:
    return national_id[:12] + str((int(national_id[12]) + 1) % 10)


def bad_rows() -> bytes:
    """Row 2 is good; row 3 has a wrong ID check digit, row 4 a birth year of พ.ศ. 2400 (1857, before 1900), row 5
    a subdistrict Lampang does not have, row 6 an appointment still to come."""
    coming = thai.format_date_numeric_be(timezone.localdate() + dt.timedelta(days=30))
    rows = [
        person(1),
        person(2, **{"เลขประจำตัวประชาชน": wrong_check_digit(nid(2))}),
        person(3, **{"วันเกิด": "15/03/2400"}),
        person(4, **{"ตำบล/แขวง": "ไม่มีจริง"}),
        person(5, **{"วันที่แต่งตั้ง": coming}),
    ]
    return xlsx_bytes(rows, headers=HEADERS)


def messages_by_row(job) -> dict[int, str]:
    return {error["row"]: error["message"] for error in job.errors}


def failed_rows_reasons(client, job) -> dict[int, str]:
    """{row in the upload: the reasons cell} of the failed-rows file the job's page offers."""
    response = client.get(reverse("rosters:failed_rows", args=[job.pk]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    return {int(row[1]): row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}


OWN_REASONS_EN = {
    4: "The year 1857 is too far back; check that the year is typed correctly in the Buddhist (BE) or Christian (CE) era",
    5: "Subdistrict “ไม่มีจริง” not found in Lampang",
}
OWN_REASONS_TH = {
    4: "ปี 2400 (พ.ศ.) เก่าเกินไป ตรวจสอบว่ากรอกปี พ.ศ. หรือ ค.ศ. ถูกต้อง",
    5: "ไม่พบตำบล “ไม่มีจริง” ในจังหวัดลำปาง",
}


def test_an_english_upload_shows_the_imports_own_reasons_in_english_on_the_preview_and_in_the_failed_rows(
    client_for, lampang_officer
):
    client = in_english(client_for(lampang_officer))
    _, job = upload(client, bad_rows())

    assert job.language == "en" and job.status == ImportJob.Status.PREVIEW
    messages = messages_by_row(job)
    assert {row: messages[row] for row in OWN_REASONS_EN} == OWN_REASONS_EN
    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert all(reason in page for reason in OWN_REASONS_EN.values())
    assert "Check finished" in job.phase
    reasons = failed_rows_reasons(client, job)
    assert reasons[4] == "วันเกิด: " + OWN_REASONS_EN[4]  # the file's own header names the column
    assert reasons[5] == "ตำบล/แขวง: " + OWN_REASONS_EN[5]


def test_an_english_upload_shows_the_shared_rules_reasons_in_english_too(client_for, lampang_officer):
    # The wrong check digit (core.thai) and the appointment to come (volunteers.rules) are the shared rules'
    # messages, made in the worker under the job's language.
    client = in_english(client_for(lampang_officer))
    _, job = upload(client, bad_rows())

    messages = messages_by_row(job)
    assert set(messages) == {3, 4, 5, 6}
    shared = {3: messages[3], 6: messages[6]}
    assert {row: message for row, message in shared.items() if THAI.search(message)} == {}
    reasons = failed_rows_reasons(client, job)
    assert set(reasons) == {3, 4, 5, 6}
    assert all(messages[row] in reasons[row] for row in reasons)


def test_the_worker_checks_in_the_uploaders_language_whatever_language_it_runs_under(client_for, lampang_officer):
    client = in_english(client_for(lampang_officer))
    _, job = upload(client, bad_rows())
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED_CHECK, errors=[], phase="")

    # A worker has no request: whatever language its process is in, the job's is used.
    with translation.override("th"):
        assert pipeline.check_import_job(job.pk) == ImportJob.Status.PREVIEW

    job.refresh_from_db()
    assert {row: messages_by_row(job)[row] for row in OWN_REASONS_EN} == OWN_REASONS_EN
    assert not THAI.search(job.phase)


def test_a_thai_upload_keeps_the_thai_reasons_word_for_word(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, bad_rows())

    assert job.language == "th"
    messages = messages_by_row(job)
    assert {row: messages[row] for row in OWN_REASONS_TH} == OWN_REASONS_TH
    assert messages[3] == "เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง)"
    assert messages[6].startswith("วันที่แต่งตั้ง ") and "เป็นวันในอนาคต" in messages[6]
    assert job.phase == "ตรวจสอบเสร็จ รอยืนยัน"
    reasons = failed_rows_reasons(client, job)
    assert reasons[5] == "ตำบล/แขวง: " + OWN_REASONS_TH[5]


def test_a_file_refused_whole_says_why_in_english(client_for, lampang_officer):
    client = in_english(client_for(lampang_officer))
    _, job = upload(client, xlsx_bytes([{"คอลัมน์อื่น": "x", "อีกคอลัมน์": "y"}]))

    assert job.status == ImportJob.Status.REJECTED
    assert job.message.startswith("No header row was found in the first 15 rows of the sheet")
    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "No header row was found" in page


def test_a_job_waiting_long_says_so_in_the_language_of_whoever_looks(client_for, lampang_officer, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = in_english(client_for(lampang_officer))
    _, job = upload(client, xlsx_bytes([person(1)]))
    assert job.language == "en" and job.phase == "Waiting in the queue to be checked"
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=6))

    english = client.get(reverse("rosters:progress", args=[job.pk])).json()["phase"]
    client.cookies["django_language"] = "th"
    thai_phase = client.get(reverse("rosters:progress", args=[job.pk])).json()["phase"]

    assert english.startswith("This job has been waiting in the queue for more than 5 minutes")
    assert thai_phase.startswith("งานนี้รออยู่ในคิวนานกว่า 5 นาทีแล้ว")


def test_what_the_child_reader_refuses_is_said_in_english(client_for, lampang_officer, settings, spied):  # noqa: F811
    # The child process that reads a large .xlsx loads no Django: it sends the untranslated message, worded here.
    settings.ROSTER_READ_IN_CHILD_FROM_MB = 0
    client = in_english(client_for(lampang_officer))

    _, job = upload(client, with_remark_bytes("สม\x00ชาย".encode()))

    assert len(spied) == 1 and job.status == ImportJob.Status.REJECTED
    assert job.message.startswith("Row 4 of the file holds an invisible control character (NUL)"), job.message
