"""The monthly-report import in English: an officer who uploads the month's form in English reads why a row or the
file is refused in English (the check runs in the worker, in the uploader's language); in Thai, word for word as
before."""

import pytest
from django.urls import reverse

from activity import rules
from activity.models import WorkKind
from activity.tests.test_import_monthly_reports import MONTH, filled, send, team, template  # noqa: F401
from core import thai
from rosters.models import ImportJob
from rosters.tests.helpers import upload
from tests.english import THAI, in_english

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_at_once")]

UNKNOWN_ID = thai.national_id_with_check_digit("352999999001")


def month_in_english(month) -> str:
    return f"{thai.MONTHS_EN[month.month - 1]} {month.year}"


def test_an_unknown_national_id_is_refused_in_english(client_for, lampang_officer, team):  # noqa: F811
    client = in_english(client_for(lampang_officer))
    first_kind = WorkKind.objects.active().first().name_th
    content = filled(
        template(client),
        {team["a"].national_id: {first_kind: 1}},
        extra_rows=[{"เลขประจำตัวประชาชน": UNKNOWN_ID, first_kind: 1}],
    )

    _, job = send(client, content)

    assert job.language == "en" and job.status == ImportJob.Status.PREVIEW
    assert [e["message"] for e in job.errors] == ["This national ID is not in the volunteer registry of Lampang"]
    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "This national ID is not in the volunteer registry of Lampang" in page
    assert not THAI.search(job.phase)


def test_a_form_of_another_month_is_refused_in_english_naming_both_months(
    client_for,
    lampang_officer,
    team,  # noqa: F811
):
    client = in_english(client_for(lampang_officer))
    earlier = rules.previous_month(MONTH)
    content = filled(
        template(client, month=earlier), {team["a"].national_id: {WorkKind.objects.active().first().name_th: 1}}
    )

    _, job = send(client, content, month=MONTH)

    assert job.status == ImportJob.Status.REJECTED
    assert job.message == (
        f"This file is the report form for {month_in_english(earlier)}, but {month_in_english(MONTH)} was chosen "
        "for the import. Choose the month of the file, or use the form of the month you want."
    )


def test_the_form_uploaded_as_a_roster_is_told_in_english_which_kind_to_choose(
    client_for,
    lampang_officer,
    team,  # noqa: F811
):
    client = in_english(client_for(lampang_officer))
    kind = WorkKind.objects.get(code="info_jobs").name_th
    content = filled(template(client), {team["a"].national_id: {kind: 4}})

    _, job = upload(client, content, name="report.xlsx", kind="volunteers")

    assert job.status == ImportJob.Status.REJECTED
    assert job.message == (
        "This file is a Monthly activity report form, not a roster of Volunteers. "
        "Choose the data type “Monthly activity report” and upload it again."
    )


def test_in_thai_the_same_refusals_are_word_for_word_as_before(client_for, lampang_officer, team):  # noqa: F811
    client = client_for(lampang_officer)
    first_kind = WorkKind.objects.active().first().name_th
    content = filled(
        template(client),
        {team["a"].national_id: {first_kind: 1}},
        extra_rows=[{"เลขประจำตัวประชาชน": UNKNOWN_ID, first_kind: 1}],
    )

    _, job = send(client, content)

    assert job.language == "th"
    assert [e["message"] for e in job.errors] == ["ไม่พบเลขประจำตัวประชาชนนี้ในทะเบียนอาสาสมัครของจังหวัดลำปาง"]
    earlier = rules.previous_month(MONTH)
    _, job = send(client, filled(template(client, month=earlier), {}), month=MONTH)
    assert job.message == (
        f"ไฟล์นี้เป็นแบบฟอร์มรายงานเดือน{rules.month_label(earlier)} แต่เลือกนำเข้าเป็นเดือน{rules.month_label(MONTH)} "
        "กรุณาเลือกเดือนให้ตรงกับไฟล์ หรือใช้แบบฟอร์มของเดือนที่ต้องการ"
    )
