"""Confirming an import: one transaction, all or nothing, every change in history tagged with the import."""

import io
import os

import openpyxl
import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from core.models import AuditEvent
from rosters import pipeline
from rosters.models import ExportRecord, ImportJob
from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, upload
from volunteers.models import StatusChange, Volunteer, VolunteerEvent
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_confirm_writes_the_rows_and_shows_the_result(client_for, lampang_officer, lampang):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1), person(2, **{"คำนำหน้า": "นางสาว", "วันเกิด": "15/03/2518"})]))

    response, job = confirm(client, job)

    assert response.status_code == 302
    assert job.status == ImportJob.Status.DONE
    assert job.new_count == 2 and job.import_seconds is not None
    volunteer = Volunteer.objects.get(national_id=nid(2))
    assert (volunteer.province, volunteer.subdistrict.name_th, volunteer.title, volunteer.gender, volunteer.status) == (
        lampang,
        "สบตุ๋ย",
        "miss",
        "female",
        "active",
    )
    assert str(volunteer.birth_date) == "1975-03-15"
    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "ผลการนำเข้า" in page
    assert "นำเข้าสำเร็จ เพิ่มใหม่ 2 คน ปรับปรุง 0 คน" in page


def test_every_history_row_says_which_import_it_came_from(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, first = upload(client, xlsx_bytes([person(1), person(2)]), name="รอบแรก.xlsx")
    confirm(client, first)
    _, second = upload(client, xlsx_bytes([person(1, **{"นามสกุล": "แก้ไขแล้ว"})]), name="รอบสอง.xlsx")
    confirm(client, second)

    events = VolunteerEvent.objects.filter(pgh_obj__national_id=nid(1)).order_by("pgh_id")
    assert [
        (e.pgh_label, e.pgh_context.metadata["import_job"], e.pgh_context.metadata["import_file"]) for e in events
    ] == [
        ("insert", first.pk, "รอบแรก.xlsx"),
        ("update", second.pk, "รอบสอง.xlsx"),
    ]
    assert (events[0].first_name, events[0].last_name, events[0].subdistrict.name_th) == ("ทดสอบ1", "นำเข้าดี", "สบตุ๋ย")
    assert events[0].pgh_obj.national_id == nid(1)
    assert events[1].last_name == "แก้ไขแล้ว"
    assert events[1].pgh_context.metadata["username"] == "lampang.officer"


def test_the_same_file_twice_changes_nothing_the_second_time(client_for, lampang_officer):
    client = client_for(lampang_officer)
    content = xlsx_bytes([person(n, **{"วันเกิด": "7 ม.ค. 2520", "สถานะ": "ปฏิบัติหน้าที่"}) for n in range(1, 6)])
    _, job = upload(client, content)
    confirm(client, job)
    events_before = VolunteerEvent.objects.count()

    _, again = upload(client, content)

    assert (again.new_count, again.updated_count, again.unchanged_count, again.error_count) == (0, 0, 5, 0)
    assert not again.can_confirm
    page = client.get(reverse("rosters:job", args=[again.pk])).content.decode()
    assert "ไม่มีข้อมูลใหม่หรือข้อมูลที่เปลี่ยนแปลงให้นำเข้า" in page
    assert VolunteerEvent.objects.count() == events_before
    # Nothing can be confirmed, so the checked rows (names, IDs) are not kept for a write that cannot come.
    assert not again.parsed_file


def test_a_status_change_by_import_is_recorded_in_the_volunteers_lifecycle(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))
    confirm(client, job)

    _, job = upload(client, xlsx_bytes([person(1, **{"สถานะ": "ลาออก"})]), name="ลาออก.xlsx")
    confirm(client, job)

    volunteer = Volunteer.objects.get(national_id=nid(1))
    assert volunteer.status == "resigned" and volunteer.status_changed_on is not None
    change = StatusChange.objects.get(volunteer=volunteer)
    assert (change.from_status, change.to_status) == ("active", "resigned")
    assert "ลาออก.xlsx" in change.reason and change.changed_by == lampang_officer


def test_each_changed_person_has_one_update_in_history_and_a_status_change_alone_has_its_own(
    client_for, lampang_officer
):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1), person(2), person(3)]))
    confirm(client, job)

    changed = [person(1, **{"นามสกุล": "ใหม่"}), person(2, **{"สถานะ": "ลาออก"}), person(3)]
    _, job = upload(client, xlsx_bytes(changed), name="รอบสอง.xlsx")
    confirm(client, job)

    def updates(serial):
        events = VolunteerEvent.objects.filter(pgh_obj__national_id=nid(serial), pgh_label="update")
        return [(e.last_name, e.status, e.pgh_context.metadata.get("import_job")) for e in events]

    assert updates(1) == [("ใหม่", "active", job.pk)]
    assert updates(2) == [("นำเข้าดี", "resigned", job.pk)]  # the lifecycle's save, not a copy of the old row
    assert updates(3) == []


def test_a_blank_status_keeps_the_known_status(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1, **{"สถานะ": "พักการปฏิบัติหน้าที่", "วันที่เปลี่ยนสถานะ": "01/10/2568"})]))
    confirm(client, job)

    _, job = upload(client, xlsx_bytes([person(1, **{"สถานะ": ""})]))

    assert job.unchanged_count == 1
    assert Volunteer.objects.get(national_id=nid(1)).status == "suspended"


def test_blank_cells_keep_what_the_registry_holds_for_a_known_person(client_for, lampang_officer):
    client = client_for(lampang_officer)
    full = {"โทรศัพท์มือถือ": "0811111111", "วันเกิด": "15/03/2518", "วันที่แต่งตั้ง": "01/10/2567", "บ้านเลขที่": "12/3"}
    _, job = upload(client, xlsx_bytes([person(1, **full)]))
    confirm(client, job)
    before = Volunteer.objects.get(national_id=nid(1))

    blanks = dict.fromkeys(full, "")
    _, job = upload(client, xlsx_bytes([person(1, **blanks, **{"นามสกุล": "ใหม่"})]))

    assert (job.updated_count, job.error_count) == (1, 0)
    assert job.update_sample[0]["changed"] == ["นามสกุล"]
    confirm(client, job)
    after = Volunteer.objects.get(national_id=nid(1))
    assert after.last_name == "ใหม่"
    assert (after.phone, after.birth_date, after.appointed_on, after.house_no, after.term_ends_on) == (
        before.phone,
        before.birth_date,
        before.appointed_on,
        before.house_no,
        before.term_ends_on,
    )
    assert after.phone == "0811111111" and str(after.appointed_on) == "2024-10-01"


def test_a_person_saved_by_someone_else_after_the_preview_is_not_written_over(client_for, lampang_officer, lampang):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1), person(2)]))
    confirm(client, job)
    _, job = upload(client, xlsx_bytes([person(1, **{"โทรศัพท์มือถือ": "0822222222"}), person(3)]))
    assert (job.new_count, job.updated_count) == (1, 1)

    # Meanwhile another officer corrects the first person's name, and registers the file's new person by hand.
    edited = Volunteer.objects.get(national_id=nid(1))
    edited.last_name = "แก้ที่หน้าแก้ไข"
    edited.save()
    VolunteerFactory(province=lampang, national_id=nid(3), first_name="ลงทะเบียนเอง")
    _, job = confirm(client, job)

    assert job.status == ImportJob.Status.DONE
    assert (job.new_count, job.updated_count) == (0, 0)
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "เลขประจำตัวประชาชน"), (3, "เลขประจำตัวประชาชน")]
    assert "หลังการตรวจสอบไฟล์ แถวนี้จึงไม่ได้นำเข้า" in job.errors[0]["message"]
    edited.refresh_from_db()
    assert edited.last_name == "แก้ที่หน้าแก้ไข" and edited.phone != "0822222222"
    assert Volunteer.objects.get(national_id=nid(3)).first_name == "ลงทะเบียนเอง"


def import_eight_rows_with_a_third_batch_that(trouble, client, monkeypatch):
    """Import one changed and seven new people two rows a batch, `trouble(cursor)` striking before the third batch's
    COPY; returns the tables copied into and the job."""
    monkeypatch.setattr(pipeline, "COPY_BATCH", 2)
    real_copy = pipeline.copy_rows
    calls = []

    def troubled_copy(cursor, table, columns, rows):
        calls.append(table)
        if len(calls) == 3:
            trouble(cursor)
        return real_copy(cursor, table, columns, rows)

    monkeypatch.setattr(pipeline, "copy_rows", troubled_copy)
    rows = [person(1, **{"นามสกุล": "เปลี่ยน"})] + [person(n) for n in range(2, 9)]
    _, job = upload(client, xlsx_bytes(rows))
    _, job = confirm(client, job)
    return calls, job


def test_a_database_error_in_the_middle_leaves_the_registry_as_before(client_for, lampang_officer, monkeypatch):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))
    confirm(client, job)
    before = list(Volunteer.objects.order_by("pk").values_list("national_id", "last_name"))
    events_before = VolunteerEvent.objects.count()

    def disk_full(cursor):
        raise OperationalError("disk full")

    calls, job = import_eight_rows_with_a_third_batch_that(disk_full, client, monkeypatch)

    assert len(calls) == 3  # two batches went in before the third failed
    assert job.status == ImportJob.Status.FAILED
    assert "ยกเลิกการนำเข้าทั้งหมด ไม่มีข้อมูลใดถูกบันทึก" in job.message
    assert list(Volunteer.objects.order_by("pk").values_list("national_id", "last_name")) == before
    assert VolunteerEvent.objects.count() == events_before
    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "นำเข้าไม่สำเร็จ" in page and "ไม่มีข้อมูลใดถูกบันทึก" in page


def test_a_write_statement_that_runs_too_long_stops_the_import_and_leaves_the_registry_as_before(
    client_for, lampang_officer, monkeypatch, settings
):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))
    confirm(client, job)
    before = list(Volunteer.objects.order_by("pk").values_list("national_id", "last_name"))
    settings.ROSTER_STATEMENT_TIMEOUT_SECONDS = 1

    def never_ends(cursor):
        cursor.execute("SELECT pg_sleep(30)")

    calls, job = import_eight_rows_with_a_third_batch_that(never_ends, client, monkeypatch)

    assert len(calls) == 3 and job.import_seconds < 20
    assert job.status == ImportJob.Status.FAILED
    assert "การบันทึกชุดหนึ่งใช้เวลาเกิน 1 วินาที ระบบจึงหยุด" in job.message
    assert "ไม่มีข้อมูลใดถูกบันทึก" in job.message
    assert list(Volunteer.objects.order_by("pk").values_list("national_id", "last_name")) == before


# Enough changed rows for their table to span pages, so that probing its key is cheaper than reading it whole.
ROWS_THE_PLANNER_LOOPS_OVER = 1500


def test_a_reimport_right_after_a_bulk_load_reads_each_changed_row_by_its_key(
    client_for, lampang_officer, tables_recorded_as_empty
):
    """An autovacuum ANALYZE that ran while a bulk load was uncommitted leaves the registry recorded as empty. The
    update of the re-import that followed was then planned as a nested loop reading every changed row once per
    registry row: 100,000 changed rows had run 20 minutes when they were stopped. It must read them by their key."""
    client = client_for(lampang_officer)
    people = range(1, ROWS_THE_PLANNER_LOOPS_OVER + 1)
    _, job = upload(client, xlsx_bytes([person(n) for n in people]))
    confirm(client, job)
    tables_recorded_as_empty("volunteers_volunteer")
    with connection.cursor() as cursor:
        # With 100,000 changed rows the planner then chose a nested loop over a hash join by itself; at this size it
        # must be told to.
        cursor.execute("SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)")
    plans = []

    def explain_the_update(execute, sql, params, many, context):
        if sql.startswith("WITH updated AS (UPDATE"):
            context["cursor"].execute("EXPLAIN " + sql, params)
            plans.append("\n".join(line for (line,) in context["cursor"].fetchall()))
        return execute(sql, params, many, context)

    _, job = upload(client, xlsx_bytes([person(n, **{"นามสกุล": "เปลี่ยน"}) for n in people]))
    with connection.execute_wrapper(explain_the_update):
        _, job = confirm(client, job)

    assert job.status == ImportJob.Status.DONE and job.updated_count == len(people)
    assert Volunteer.objects.filter(last_name="เปลี่ยน").count() == len(people)
    [plan] = plans
    # The key as a hash or index condition, not a filter over every pair of rows.
    assert "Join Filter: (t.id = c.id)" not in plan, plan


def test_whoever_takes_the_failed_rows_with_their_full_ids_is_recorded(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1), person(2, **{"ตำบล/แขวง": "ไม่มีตำบลนี้"})]))

    client.get(reverse("rosters:failed_rows", args=[job.pk]))

    export = ExportRecord.objects.get()
    assert (export.user, export.rows, export.ids_masked) == (lampang_officer, 1, False)
    assert export.file_name == "roster-แถวที่ผิด.xlsx"
    assert AuditEvent.objects.filter(action="export", username=lampang_officer.username).exists()


def test_the_failed_rows_come_back_as_xlsx_with_the_reasons_and_can_be_fixed_and_imported(client_for, lampang_officer):
    client = client_for(lampang_officer)
    rows = [person(1), person(2, **{"ตำบล/แขวง": "ไม่มีตำบลนี้"}), person(3, **{"วันเกิด": "31/02/2520"})]
    _, job = upload(client, xlsx_bytes(rows))
    confirm(client, job)

    response = client.get(reverse("rosters:failed_rows", args=[job.pk]))

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0][:3] == ["ข้อผิดพลาด", "แถวในไฟล์เดิม", "เลขประจำตัวประชาชน"]
    assert [row[1] for row in table[1:]] == [3, 4]
    assert "ไม่พบตำบล" in table[1][0] and "ไม่มีวันที่" in table[2][0]
    assert table[1][2] == nid(2)

    table[1][table[0].index("ตำบล/แขวง")] = "สบตุ๋ย"
    table[2][table[0].index("วันเกิด")] = "28/02/2520"
    workbook = openpyxl.Workbook()
    for row in table:
        workbook.active.append(row)
    fixed = io.BytesIO()
    workbook.save(fixed)
    _, again = upload(client, fixed.getvalue(), name="แก้แล้ว.xlsx")
    assert again.unknown_columns == []
    assert (again.new_count, again.error_count) == (2, 0)
    confirm(client, again)
    assert Volunteer.objects.count() == 3


def test_rows_found_wrong_after_the_check_come_back_whole_in_the_failed_rows_file(
    client_for, lampang_officer, chiangmai_volunteer
):
    """Rows found wrong after each row's own check (an ID twice in the file, another province's person) are in the
    file of failed rows with all their cells, as typed."""
    client = client_for(lampang_officer)
    rows = [
        person(1, **{"ชื่อ": "ซ้ำแถวแรก"}),
        person(2),
        person(1, **{"ชื่อ": "ซ้ำแถวหลัง"}),
        person(3, **{"เลขประจำตัวประชาชน": chiangmai_volunteer.national_id, "ชื่อ": "คนเชียงใหม่"}),
    ]
    _, job = upload(client, xlsx_bytes(rows))

    assert (job.new_count, job.error_count) == (1, 3)
    response = client.get(reverse("rosters:failed_rows", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    first_name = table[0].index("ชื่อ")
    assert [(row[1], row[first_name]) for row in table[1:]] == [(2, "ซ้ำแถวแรก"), (4, "ซ้ำแถวหลัง"), (5, "คนเชียงใหม่")]
    assert "ซ้ำกับแถว 4" in table[1][0] and "เชียงใหม่" in table[3][0]


def test_progress_is_reported_as_json_for_the_progress_bar(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))

    data = client.get(reverse("rosters:progress", args=[job.pk])).json()

    assert data["status"] == "preview" and data["status_label"] == "รอยืนยัน"
    assert data["progress"] == 100 and data["working"] is False
    assert data["url"] == reverse("rosters:job", args=[job.pk])


def test_a_waiting_job_shows_a_progress_bar(client_for, lampang_officer, lampang, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))

    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()

    assert job.status == ImportJob.Status.QUEUED_CHECK
    assert 'role="progressbar"' in page and "รอตรวจสอบ" in page
    assert reverse("rosters:progress", args=[job.pk]) in page


def test_each_import_is_in_the_audit_record_and_the_history_list(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1), person(2)]), name="ทะเบียน 2568.xlsx")
    confirm(client, job)

    event = AuditEvent.objects.get(action="import")
    assert event.user == lampang_officer and event.province == job.province
    assert event.detail["rows"] == 2 and event.detail["file"] == "ทะเบียน 2568.xlsx"
    page = client.get(reverse("rosters:list")).content.decode()
    assert "ทะเบียน 2568.xlsx" in page and "นำเข้าสำเร็จ" in page


def test_cancelling_a_preview_writes_nothing(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))

    client.post(reverse("rosters:cancel", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    assert not Volunteer.objects.exists()
    assert client.post(reverse("rosters:confirm", args=[job.pk])).status_code == 302
    assert not Volunteer.objects.exists()


def test_the_checked_rows_kept_between_preview_and_write_are_deleted_after(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))
    kept = job.parsed_file.path
    assert job.parsed_file and os.path.exists(kept)

    _, job = confirm(client, job)

    assert not job.parsed_file
    assert not os.path.exists(kept)


def test_a_tampered_copy_of_the_checked_rows_is_not_trusted(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))
    with open(job.parsed_file.path, "r+b") as handle:
        handle.seek(40)
        handle.write(b"tampered")

    _, job = confirm(client, job)

    assert job.status == ImportJob.Status.DONE  # read and checked again from the uploaded file instead
    assert Volunteer.objects.filter(national_id=nid(1)).exists()


def test_checked_rows_kept_in_several_parts_are_all_written(client_for, lampang_officer, monkeypatch):
    # The preview keeps its checked rows as one pickle per PICKLED_ROWS rows (10,000): here two rows a part.
    monkeypatch.setattr(pipeline, "PICKLED_ROWS", 2)
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(n) for n in range(1, 6)]))
    read_again = []
    monkeypatch.setattr(pipeline, "read_and_parse", lambda *a, **k: read_again.append(1))

    _, job = confirm(client, job)

    assert not read_again  # the kept rows were used, not the upload read a second time
    assert job.status == ImportJob.Status.DONE and job.new_count == 5
    assert sorted(Volunteer.objects.values_list("national_id", flat=True)) == [nid(n) for n in range(1, 6)]


def test_checked_rows_kept_by_the_previous_version_are_checked_again_from_the_upload(client_for, lampang_officer):
    # Before the rows were kept in parts, a preview kept the whole roster as one pickle: a job previewed before an
    # upgrade and confirmed after it is read again from its file rather than failing.
    import pickle

    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1), person(2)]))
    parsed = pipeline.load_parsed(job)
    data = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
    signer = pipeline._signer()
    signer.update(data)
    with open(job.parsed_file.path, "wb") as handle:
        handle.write(signer.digest() + data)

    _, job = confirm(client, job)

    assert job.status == ImportJob.Status.DONE and job.new_count == 2
    assert Volunteer.objects.filter(national_id__in=[nid(1), nid(2)]).count() == 2


def test_the_progress_poll_stops_a_job_whose_worker_is_gone(client_for, lampang_officer):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1)]))
    assert job.parsed_file
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING)

    data = client.get(reverse("rosters:progress", args=[job.pk])).json()

    assert data["status"] == "rejected" and data["working"] is False
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REJECTED and "หยุดกลางคัน" in job.message
    assert not job.parsed_file


def test_a_failed_rows_file_gone_from_storage_sends_the_officer_back_to_the_import_with_a_thai_message(
    client_for, lampang_officer
):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1), person(2, **{"ตำบล/แขวง": "ไม่มีตำบลนี้"})]))
    job.failed_file.storage.delete(job.failed_file.name)

    response = client.get(reverse("rosters:failed_rows", args=[job.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("rosters:job", args=[job.pk])
    assert "ไม่พบไฟล์แถวที่ผิดของการนำเข้านี้" in response.content.decode()
