"""The Lampang officer brings a roster in through the browser, with the real task worker doing the work."""

import threading

import openpyxl
import pytest
from django.db import connections
from playwright.sync_api import expect

from rosters.tests.factories import nid

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class WorkerThread(threading.Thread):
    """django-tasks-db's own worker (what `manage.py db_worker` runs), in a thread of the test process."""

    def __init__(self):
        super().__init__(daemon=True)
        self.error = None
        from django_tasks_db.management.commands.db_worker import Worker

        self.worker = Worker(
            queue_names=["*"],
            interval=0.2,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="browser-test",
            excluded_queue_names=[],
        )

    def run(self):
        try:
            self.worker.run()
        except BaseException as exc:  # a crash must fail the test with its reason, not as a timeout
            self.error = exc
            raise
        finally:
            connections.close_all()

    def stop(self):
        self.worker.running = False
        self.join(timeout=10)
        assert self.error is None, self.error


def fill_template(path):
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["รายชื่อ"]
    headers = [cell.value for cell in sheet[1]]
    sheet.delete_rows(2)  # the example row
    people = [
        {"เลขประจำตัวประชาชน": nid(1), "คำนำหน้า": "นาย", "ชื่อ": "บุญมา", "นามสกุล": "แสนใจ", "ตำบล/แขวง": "สบตุ๋ย"},
        {
            "เลขประจำตัวประชาชน": nid(2),
            "คำนำหน้า": "น.ส.",
            "ชื่อ": "ดวงใจ",
            "นามสกุล": "ปินตา",
            "ตำบล/แขวง": "520101",
            "วันเกิด": "7 ม.ค. 2520",
        },
        {"เลขประจำตัวประชาชน": "3520000000010", "คำนำหน้า": "นาง", "ชื่อ": "ผิด", "นามสกุล": "เลขบัตร", "ตำบล/แขวง": "สบตุ๋ย"},
    ]
    for row_number, person in enumerate(people, start=2):
        for column, header in enumerate(headers, start=1):
            if header in person:
                sheet.cell(row=row_number, column=column, value=person[header])
    workbook.save(path)


def test_lampang_officer_imports_a_roster_and_finds_the_new_volunteer(
    browser_login, lampang_officer, live_server, settings, tmp_path
):
    settings.TASKS = DATABASE_TASKS
    page = browser_login(lampang_officer)

    page.get_by_role("link", name="นำเข้าข้อมูล").click()
    expect(page.get_by_role("heading", name="นำเข้าและส่งออกรายชื่อ")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_test_id("template-volunteers").click()
    template = tmp_path / "แม่แบบ.xlsx"
    download_info.value.save_as(template)
    fill_template(template)

    page.get_by_label("ไฟล์รายชื่อ").set_input_files(str(template))
    page.get_by_role("button", name="อัปโหลดและตรวจสอบ").click()

    # No worker yet: the job waits in the queue, and the page says so with its progress bar.
    expect(page.get_by_test_id("job-status")).to_have_text("รอตรวจสอบ")
    expect(page.get_by_role("progressbar")).to_be_visible()
    worker = WorkerThread()
    worker.start()
    try:
        expect(page.get_by_role("heading", name="ผลการตรวจสอบไฟล์")).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("count-new")).to_have_text("2")
        expect(page.get_by_test_id("count-errors")).to_have_text("1")
        expect(page.get_by_test_id("error-table")).to_contain_text("เลขตรวจสอบหลักสุดท้ายไม่ตรง")
        expect(page.get_by_test_id("preview-note")).to_contain_text("ยังไม่มีข้อมูลใดถูกบันทึก")

        page.get_by_role("button", name="ยืนยันนำเข้า 2 แถว").click()
        expect(page.get_by_role("heading", name="ผลการนำเข้า")).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("result-message")).to_contain_text("นำเข้าสำเร็จ เพิ่มใหม่ 2 คน")
    finally:
        worker.stop()

    page.get_by_role("link", name="ดูรายชื่ออาสาสมัคร").click()
    page.get_by_role("searchbox").fill("ดวงใจ")
    page.keyboard.press("Enter")
    expect(page.get_by_text("ปินตา").first).to_be_visible()
