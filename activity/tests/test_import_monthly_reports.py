"""Monthly reports imported from Excel through the rosters' import engine: the month's template pre-filled with the
province's serving volunteers and a column per kind of work from the table; the preview's counts; Thai row errors
with row and column; any wrong row, or a wrong month, writes nothing; the write keeps the history and the tallies."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from activity import board, rules, services
from activity.models import MonthlyReport, MonthlyReportEvent, WorkKind
from activity.tests.test_report_tally import recount, tallied
from core import thai
from core.models import AuditEvent
from rosters.models import ExportRecord, ImportJob
from rosters.tests.helpers import confirm, messages_of, upload
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_at_once")]

TODAY = timezone.localdate()
MONTH = rules.previous_month(TODAY)
HEADER_ROW = 4


@pytest.fixture
def team(lampang, work_kinds):
    """Three volunteers of Lampang serving last month, one who resigned before it, one of Chiang Mai."""
    appointed = dt.date(2024, 1, 15)
    return {
        "a": VolunteerFactory(province=lampang, first_name="บุญมี", appointed_on=appointed),
        "b": VolunteerFactory(province=lampang, first_name="สมศรี", appointed_on=appointed),
        "c": VolunteerFactory(province=lampang, first_name="ประยูร", appointed_on=appointed),
        "gone": VolunteerFactory(
            province=lampang,
            first_name="ลาออกแล้ว",
            appointed_on=appointed,
            status=Volunteer.Status.RESIGNED,
            status_changed_on=dt.date(2024, 6, 1),
        ),
    }


def template(client, month=MONTH, **query):
    response = client.get(reverse("rosters:template", args=["reports"]), {"month": f"{month:%Y-%m}", **query})
    assert response.status_code == 200, response.content[:300]
    return response.content


def test_whoever_takes_the_months_form_with_its_full_ids_is_recorded(client_for, lampang_officer, team):
    content = template(client_for(lampang_officer))

    export = ExportRecord.objects.get()
    people = [row for row in sheet_of(content).iter_rows(min_row=HEADER_ROW + 1, values_only=True) if row[0]]
    assert (export.user, export.kind, export.ids_masked, export.rows) == (
        lampang_officer,
        "reports",
        False,
        len(people),
    )
    assert export.filters == {"month": f"{MONTH:%Y-%m}"} and len(people) >= 2
    assert AuditEvent.objects.filter(action="export", username=lampang_officer.username).exists()


def sheet_of(content):
    return openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]


def headers_of(sheet) -> list[str]:
    return [c.value for c in sheet[HEADER_ROW]]


def filled(content, rows: dict, *, extra_rows=(), month_label=None) -> bytes:
    """The template with cells filled: {national ID: {header: value}}; extra_rows appended as {header: value}."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    headers = headers_of(sheet)
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        for header, value in rows.get(row[0].value, {}).items():
            row[headers.index(header)].value = value
    for extra in extra_rows:
        sheet.append([extra.get(h) for h in headers])
    if month_label:
        sheet["B2"] = month_label
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def send(client, content, month=MONTH):
    return upload(client, content, name="รายงาน.xlsx", kind="reports", month=f"{month:%Y-%m}")


def reports():
    return MonthlyReport.objects.across_provinces("test").order_by("volunteer__first_name")


def test_the_template_lists_the_serving_volunteers_and_a_column_per_kind(client_for, lampang_officer, team, chiang_mai):
    VolunteerFactory(province=chiang_mai, first_name="เชียงใหม่", appointed_on=dt.date(2024, 1, 15))
    sheet = sheet_of(template(client_for(lampang_officer)))

    kinds = list(WorkKind.objects.active())
    assert headers_of(sheet) == [
        "เลขประจำตัวประชาชน",
        "ชื่อ-นามสกุล",
        "อำเภอ/เขต",
        "ตำบล/แขวง",
        *[k.name_th for k in kinds],
        "ปัญหาแรงงานในพื้นที่",
        "วันที่ได้รับรายงาน",
    ]
    rows = [r for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0]]
    assert sorted(r[0] for r in rows) == sorted(team[k].national_id for k in "abc")
    assert all(isinstance(r[0], str) and len(r[0]) == 13 for r in rows)
    assert sheet["B2"].value == rules.month_label(MONTH)
    assert rules.month_label(MONTH) in sheet["A1"].value


def test_a_kind_hq_adds_is_a_new_column_and_is_read_on_import(client_for, lampang_officer, team):
    WorkKind.objects.create(
        code="fishing_boats", name_th="ตรวจเรือประมง", name_en="Fishing boats", group="service", sort_order=30000
    )
    client = client_for(lampang_officer)
    content = template(client)
    assert headers_of(sheet_of(content))[-3] == "ตรวจเรือประมง"

    _, job = send(client, filled(content, {team["a"].national_id: {"ตรวจเรือประมง": 4}}))
    confirm(client, job)

    assert reports().get().counts["fishing_boats"] == 4


def test_import_writes_the_reports_and_the_board_counts_them(client_for, lampang_officer, lampang, team):
    client = client_for(lampang_officer)
    kinds = list(WorkKind.objects.active())
    first, second = kinds[0].name_th, kinds[1].name_th
    content = filled(
        template(client),
        {
            team["a"].national_id: {first: 12, second: "๓", "ปัญหาแรงงานในพื้นที่": "นายจ้างค้างค่าจ้าง"},
            team["b"].national_id: {first: 0},
        },
    )
    _, job = send(client, content)
    assert (job.status, job.new_count, job.updated_count, job.no_report_count, job.error_count) == (
        "preview",
        2,
        0,
        1,
        0,
    )
    preview = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "แถวที่ไม่มีรายงาน" in preview and f"เดือน{rules.month_label(MONTH)}" in preview

    response, job = confirm(client, job)

    assert job.status == ImportJob.Status.DONE
    a, b = reports()[0], reports()[1]
    assert (a.volunteer, a.counts[kinds[0].code], a.counts[kinds[1].code], a.problems) == (
        team["a"],
        12,
        3,
        "นายจ้างค้างค่าจ้าง",
    )
    assert b.counts[kinds[0].code] == 0 and b.volunteer == team["b"]  # a zero typed is a zero report
    assert not MonthlyReport.objects.across_provinces("test").filter(volunteer=team["c"]).exists()
    assert (a.received_on, a.on_time, a.entered_by) == (TODAY, not rules.is_late(MONTH, TODAY), lampang_officer)
    history = MonthlyReportEvent.objects.filter(pgh_obj=a).get()
    assert history.pgh_context.metadata["user"] == lampang_officer.pk
    assert history.pgh_context.metadata["import_job"] == job.pk
    assert AuditEvent.objects.filter(action="import", object_id=str(job.pk)).exists()
    # The trigger-kept tallies, which the board reads, equal a recount of the reports.
    assert tallied() == recount()
    fiscal_year = MONTH.year + 1 if MONTH.month >= 10 else MONTH.year
    shown = board.province_board(lampang_officer, lampang, fiscal_year=fiscal_year, month=MONTH, today=TODAY)
    # The month's column: from the 1st to the due day of the next month the year's total leaves the month out.
    assert shown.total.months[0].received == 2


def test_reimporting_the_untouched_template_changes_nothing(client_for, lampang_officer, team):
    client = client_for(lampang_officer)
    services.save_report(
        volunteer=team["a"], month=MONTH, counts={"info_jobs": "7"}, problems="ค่าจ้างต่ำ", by=lampang_officer
    )
    events = MonthlyReportEvent.objects.count()

    _, job = send(client, template(client))

    assert (job.new_count, job.updated_count, job.unchanged_count, job.no_report_count) == (0, 0, 1, 2)
    assert not job.can_confirm
    assert MonthlyReportEvent.objects.count() == events
    history = client.get(reverse("rosters:list")).content.decode()
    assert f'รายงานผลการปฏิบัติงานประจำเดือน <span class="text-nowrap">เดือน{rules.month_label(MONTH)}</span>' in history


def test_a_report_import_is_cancelled_like_a_roster_and_writes_nothing(client_for, lampang_officer, team):
    client = client_for(lampang_officer)
    content = filled(template(client), {team["a"].national_id: {WorkKind.objects.active().first().name_th: 3}})
    _, job = send(client, content)
    assert job.can_confirm

    client.post(reverse("rosters:cancel", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    assert client.post(reverse("rosters:confirm", args=[job.pk])).status_code == 302
    assert not reports().exists()


def test_a_changed_figure_updates_the_report_and_keeps_the_day_received(client_for, lampang_officer, team):
    client = client_for(lampang_officer)
    report = services.save_report(
        volunteer=team["a"], month=MONTH, counts={"info_jobs": "7"}, problems="", by=lampang_officer
    )
    kind = WorkKind.objects.get(code="info_jobs").name_th

    _, job = send(client, filled(template(client), {team["a"].national_id: {kind: 9}}))
    assert (job.new_count, job.updated_count) == (0, 1)
    confirm(client, job)

    report.refresh_from_db()
    assert report.counts["info_jobs"] == 9
    assert report.received_on == TODAY


def test_a_report_saved_on_the_grid_after_the_preview_is_not_written_over(client_for, lampang_officer, team):
    client = client_for(lampang_officer)
    first = services.save_report(
        volunteer=team["a"], month=MONTH, counts={"info_jobs": "3"}, problems="", by=lampang_officer
    )
    kind = WorkKind.objects.get(code="info_jobs").name_th
    _, job = send(
        client, filled(template(client), {team["a"].national_id: {kind: 5}, team["b"].national_id: {kind: 2}})
    )
    assert (job.new_count, job.updated_count) == (1, 1)

    # Meanwhile the district's clerk corrects both on the grid: one report changed, one made.
    for volunteer, report_pk in ((team["a"], first.pk), (team["b"], None)):
        services.save_report(
            volunteer=volunteer, month=MONTH, counts={"info_jobs": "9"}, by=lampang_officer, report_pk=report_pk
        )
    _, job = confirm(client, job)

    # A month's file is written whole or not at all: the officer uploads it again and sees the reports as they are.
    assert job.status == ImportJob.Status.FAILED
    assert "ข้อมูลในระบบเปลี่ยนไปหลังตรวจสอบ" in job.message and "หลังการตรวจสอบไฟล์" in job.message
    assert [r.counts["info_jobs"] for r in reports().filter(volunteer__in=[team["a"], team["b"]])] == [9, 9]


def test_a_formula_whose_result_is_an_error_is_refused_not_imported_as_its_text(client_for, lampang_officer, team):
    client = client_for(lampang_officer)
    kind = WorkKind.objects.get(code="info_jobs").name_th
    # openpyxl writes an error code as the cell of type "e" a formula's error is in Excel.
    cells = {team["a"].national_id: {kind: "#DIV/0!"}, team["b"].national_id: {kind: 1, "ปัญหาแรงงานในพื้นที่": "#REF!"}}

    _, job = send(client, filled(template(client), cells))

    assert [e["message"] for e in job.errors] == [
        "สูตรในเซลล์นี้ให้ผลผิดพลาด (#DIV/0!) กรุณาแก้สูตรหรือพิมพ์ค่าแทน",
        "สูตรในเซลล์นี้ให้ผลผิดพลาด (#REF!) กรุณาแก้สูตรหรือพิมพ์ค่าแทน",
    ]
    assert not job.can_confirm


def test_the_months_form_uploaded_as_a_roster_of_volunteers_is_told_which_kind_to_choose(
    client_for, lampang_officer, team
):
    client = client_for(lampang_officer)
    kind = WorkKind.objects.get(code="info_jobs").name_th
    content = filled(template(client), {team["a"].national_id: {kind: 4}})

    _, job = upload(client, content, name="รายงาน.xlsx", kind="volunteers")

    assert job.status == ImportJob.Status.REJECTED
    assert job.message == (
        "ไฟล์นี้เป็นแบบฟอร์มรายงานผลการปฏิบัติงานประจำเดือน ไม่ใช่รายชื่ออาสาสมัครแรงงาน "
        "กรุณาเลือกชนิดข้อมูล “รายงานผลการปฏิบัติงานประจำเดือน” แล้วอัปโหลดใหม่"
    )
    assert not reports().exists()


def test_the_template_of_reports_received_before_the_last_day_of_the_month_imports_again(
    client_for, lampang_officer, team
):
    """Forms handed in at the month-end meeting a few days before the month is out (or typed on the grid while the
    month is under way) come back in the template with that day; the officer who adds the rest of the month's
    reports to it is not told to change days they never typed."""
    client = client_for(lampang_officer)
    meeting = rules.month_end(MONTH) - dt.timedelta(days=3)
    handed_in = services.save_report(
        volunteer=team["a"], month=MONTH, counts={"info_jobs": "7"}, by=lampang_officer, today=meeting
    )
    first_kind = WorkKind.objects.active().first().name_th

    _, job = send(client, filled(template(client), {team["b"].national_id: {first_kind: 4}}))

    assert (job.error_count, job.new_count) == (0, 1), messages_of(job)
    confirm(client, job)
    handed_in.refresh_from_db()
    assert (handed_in.received_on, handed_in.counts["info_jobs"]) == (meeting, 7)
    assert reports().get(volunteer=team["b"]).counts[WorkKind.objects.active().first().code] == 4


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({0: -3}, 0, "จำนวนติดลบ"),
        ({0: 2.5}, 0, "ไม่ใช่จำนวนเต็ม"),
        ({0: 10_001}, 0, "เกินกว่าที่เป็นไปได้"),
        ({0: "9" * 5000}, 0, "ตัวเลข 5,000 หลักเกินกว่าที่เป็นไปได้"),
        ({"ปัญหาแรงงานในพื้นที่": "ก" * 2001}, "ปัญหาแรงงานในพื้นที่", "ยาวได้ไม่เกิน 2,000 ตัวอักษร"),
        # Excel keeps a control character as _x0007_, which the reader turns back into it.
        ({0: 1, "ปัญหาแรงงานในพื้นที่": "x_x0007_bell"}, "ปัญหาแรงงานในพื้นที่", "อักขระควบคุมที่มองไม่เห็น (รหัส U+0007)"),
        ({0: 1, "วันที่ได้รับรายงาน": "01/01/2700"}, "วันที่ได้รับรายงาน", "เป็นวันในอนาคต"),
        ({0: 1, "วันที่ได้รับรายงาน": "DAY_BEFORE_MONTH"}, "วันที่ได้รับรายงาน", "อยู่ก่อนเดือน"),
    ],
)
def test_a_wrong_cell_is_named_by_row_and_column_and_nothing_is_written(
    client_for, lampang_officer, team, cells, column, message
):
    client = client_for(lampang_officer)
    first_kind = WorkKind.objects.active().first().name_th
    header = {0: first_kind}
    day_before = MONTH - dt.timedelta(days=1)
    values = {header.get(k, k): (f"{day_before:%d/%m/%Y}" if v == "DAY_BEFORE_MONTH" else v) for k, v in cells.items()}
    good = {first_kind: 5}
    _, job = send(client, filled(template(client), {team["a"].national_id: values, team["b"].national_id: good}))

    assert job.error_count == 1 and job.new_count == 1
    [line] = messages_of(job)
    assert line.startswith(f"แถว {HEADER_ROW + 1} ") or line.startswith("แถว ")
    assert f" {header.get(column, column)}: " in line and message in line
    assert not job.can_confirm
    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "ไฟล์นี้จะไม่ถูกบันทึกเลย" in page and message in page
    response, job = confirm(client, job)
    assert job.status == ImportJob.Status.PREVIEW
    assert not reports().exists()
    failed = client.get(reverse("rosters:failed_rows", args=[job.pk]))
    assert message in str(sheet_of(b"".join(failed.streaming_content))["A2"].value)


def test_unknown_not_serving_repeated_and_other_province_ids_are_refused(client_for, lampang_officer, team, chiang_mai):
    client = client_for(lampang_officer)
    stranger = VolunteerFactory(province=chiang_mai, appointed_on=dt.date(2024, 1, 15))
    first_kind = WorkKind.objects.active().first().name_th
    content = filled(
        template(client),
        {team["a"].national_id: {first_kind: 1}},
        extra_rows=[
            {"เลขประจำตัวประชาชน": stranger.national_id, first_kind: 1},
            {"เลขประจำตัวประชาชน": team["gone"].national_id, first_kind: 1},
            {"เลขประจำตัวประชาชน": team["b"].national_id, first_kind: 1},
            {"เลขประจำตัวประชาชน": team["b"].national_id, first_kind: 2},
        ],
    )
    _, job = send(client, content)

    text = "\n".join(messages_of(job))
    assert "ไม่พบเลขประจำตัวประชาชนนี้ในทะเบียนอาสาสมัครของจังหวัดลำปาง" in text
    assert "เชียงใหม่" not in text  # another province's person reads as unknown
    gone = team["gone"]
    assert rules.not_serving_error(volunteer=gone, month=MONTH) in text
    assert f"ตั้งแต่ 1 มิ.ย. 2567 ก่อนเดือน{rules.month_label(MONTH)}" in text  # why, with the date
    # b's row of the template and the two added: each names the others.
    assert text.count("เลขประจำตัวประชาชนซ้ำกับแถว") == 3
    assert job.error_count == 5 and not job.can_confirm
    assert not reports().exists()


def test_a_closed_month_is_refused_until_reopened(client_for, lampang_officer, lampang, team):
    client = client_for(lampang_officer)
    content = filled(template(client), {team["a"].national_id: {WorkKind.objects.active().first().name_th: 1}})
    services.close_month(province=lampang, month=MONTH, by=lampang_officer)

    _, job = send(client, content)

    assert job.status == ImportJob.Status.REJECTED
    assert job.message == rules.closed_error(province=lampang.display_name, month=MONTH)
    assert not reports().exists()


def test_a_file_of_another_month_is_refused_naming_both_months(client_for, lampang_officer, team):
    client = client_for(lampang_officer)
    earlier = rules.previous_month(MONTH)
    content = filled(
        template(client, month=earlier), {team["a"].national_id: {WorkKind.objects.active().first().name_th: 1}}
    )

    _, job = send(client, content, month=MONTH)

    assert job.status == ImportJob.Status.REJECTED
    assert rules.month_label(earlier) in job.message and rules.month_label(MONTH) in job.message
    assert not reports().exists()


@pytest.mark.parametrize("year", ["0", "0000", "99999", "²"])
def test_a_month_cell_that_is_no_month_is_named_and_the_file_refused(client_for, lampang_officer, team, year):
    client = client_for(lampang_officer)
    written = f"{rules.month_label(MONTH).split()[0]} {year}"
    first_kind = WorkKind.objects.active().first().name_th
    content = filled(template(client), {team["a"].national_id: {first_kind: 1}}, month_label=written)

    _, job = send(client, content)

    assert job.status == ImportJob.Status.REJECTED
    assert job.message.startswith(f"อ่านเดือนที่รายงาน “{written}” ในไฟล์ไม่ได้")
    assert not reports().exists()


@pytest.mark.parametrize("written", ["two-digit year", "short month name"])
def test_a_month_cell_is_read_as_a_date_is(client_for, lampang_officer, team, written):
    client = client_for(lampang_officer)
    name, year = rules.month_label(MONTH).split()
    label = f"{name} {year[-2:]}" if written == "two-digit year" else f"{thai.MONTHS_SHORT[MONTH.month - 1]} {year}"
    first_kind = WorkKind.objects.active().first().name_th
    content = filled(template(client), {team["a"].national_id: {first_kind: 1}}, month_label=label)

    _, job = send(client, content)

    assert (job.status, job.new_count) == (ImportJob.Status.PREVIEW, 1), job.message


def test_a_file_for_a_future_month_is_refused(client_for, lampang_officer, team):
    client = client_for(lampang_officer)
    future = rules.next_month(rules.month_start(TODAY))
    content = filled(
        template(client),
        {team["a"].national_id: {WorkKind.objects.active().first().name_th: 1}},
        month_label=rules.month_label(future),
    )
    _, job = send(client, content, month=future)
    # The form offers no month to come; a forged one is refused by the form or by the check, and nothing is written.
    assert job is None or job.status == ImportJob.Status.REJECTED
    assert not reports().exists()


def test_a_viewer_can_neither_download_the_form_nor_import(client_for, lampang_officer, lampang_viewer, team):
    content = template(client_for(lampang_officer))
    viewer = client_for(lampang_viewer)
    assert viewer.get(reverse("rosters:template", args=["reports"]), {"month": f"{MONTH:%Y-%m}"}).status_code == 403
    response, job = send(viewer, content)
    assert response.status_code == 403 and job is None


def test_the_report_pages_link_to_the_import_and_the_form(client_for, lampang_officer, lampang, team):
    client = client_for(lampang_officer)
    page = client.get(reverse("activity:summary", args=[lampang.code]), {"month": f"{MONTH:%Y-%m}"}).content.decode()
    assert "นำเข้าจาก Excel" in page and "ดาวน์โหลดแบบฟอร์ม" in page
    home = client.get(reverse("rosters:list"), {"kind": "reports", "month": f"{MONTH:%Y-%m}"}).content.decode()
    assert 'value="reports" selected' in home


def test_the_forms_instructions_give_the_received_date_rule_the_import_applies(client_for, lampang_officer, team):
    workbook = openpyxl.load_workbook(io.BytesIO(template(client_for(lampang_officer))))
    lines = [row[0] for row in workbook["คำอธิบาย"].iter_rows(values_only=True) if row[0]]

    rule = next(line for line in lines if line.startswith("4. วันที่ได้รับรายงาน"))
    first_day = thai.format_date_numeric_be(rules.earliest_received_on(MONTH))
    assert f"ตั้งแต่วันแรกของเดือน ({first_day})" in rule and "วันสุดท้าย" not in rule
    # What the line says is what the import takes: the first day is accepted, the day before it refused.
    assert rules.received_on_error(MONTH, rules.earliest_received_on(MONTH), today=TODAY) is None
    assert rules.received_on_error(MONTH, MONTH - dt.timedelta(days=1), today=TODAY)
