"""A large .xlsx is read by a child process while its rows are checked here (rosters/xlsx_stream.py): the preview
says the same as a read in this process, and a child that fails or is no longer needed is never left behind."""

import io
import sys
import zipfile

import psutil
import pytest

from rosters import xlsx_stream
from rosters.models import ImportJob
from rosters.tests.factories import person, xlsx_bytes
from rosters.tests.helpers import messages_of, upload
from volunteers.models import Volunteer

IN_A_CHILD = 0
HERE = 1_000_000


def roster_with_mistakes(size: int) -> bytes:
    rows = [person(n) for n in range(1, size + 1)]
    rows[10]["เลขประจำตัวประชาชน"] = "1234567890123"  # a wrong check digit
    rows[-3]["วันเกิด"] = "31/02/2520"  # no such day, in the file's last chunk
    rows[-1]["เลขประจำตัวประชาชน"] = rows[0]["เลขประจำตัวประชาชน"]  # an ID twice in the file
    return xlsx_bytes(rows)


def children_alive() -> list:
    return [child for child in psutil.Process().children() if child.status() != psutil.STATUS_ZOMBIE]


@pytest.fixture
def spied(monkeypatch):
    """How many files went through a child process."""
    calls = []
    original = xlsx_stream.stream_xlsx_in_child

    def counted(fileobj):
        calls.append(1)
        return original(fileobj)

    monkeypatch.setattr(xlsx_stream, "stream_xlsx_in_child", counted)
    return calls


def test_a_roster_read_by_a_child_previews_as_one_read_here(client_for, lampang_officer, settings, spied):
    content = roster_with_mistakes(2_500)
    client = client_for(lampang_officer)

    settings.ROSTER_READ_IN_CHILD_FROM_MB = HERE
    _, here = upload(client, content)
    settings.ROSTER_READ_IN_CHILD_FROM_MB = IN_A_CHILD
    _, in_child = upload(client, content)

    assert len(spied) == 1
    assert here.status == in_child.status == ImportJob.Status.PREVIEW
    assert (in_child.total_rows, in_child.new_count, in_child.error_count) == (2_500, 2_496, 4)
    assert (here.total_rows, here.new_count, here.error_count) == (2_500, 2_496, 4)
    assert messages_of(in_child) == messages_of(here)
    assert any("ซ้ำกับแถว" in message for message in messages_of(in_child))
    assert in_child.columns == here.columns and in_child.header_row == here.header_row == 1
    assert not children_alive()


def test_a_child_that_dies_refuses_the_file_in_thai_and_nothing_is_written(
    client_for, lampang_officer, settings, monkeypatch
):
    settings.ROSTER_READ_IN_CHILD_FROM_MB = IN_A_CHILD
    monkeypatch.setattr(xlsx_stream, "CHILD_COMMAND", [sys.executable, "-c", "import os; os._exit(9)"])

    _, job = upload(client_for(lampang_officer), xlsx_bytes([person(n) for n in range(1, 20)]))

    assert job.status == ImportJob.Status.REJECTED
    assert job.message == "อ่านไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx ใหม่"
    assert not Volunteer.objects.exists()
    assert not children_alive()


def test_a_child_still_reading_when_the_row_limit_is_reached_is_stopped(client_for, lampang_officer, settings):
    settings.ROSTER_READ_IN_CHILD_FROM_MB = IN_A_CHILD
    settings.ROSTER_MAX_ROWS = 5

    _, job = upload(client_for(lampang_officer), xlsx_bytes([person(n) for n in range(1, 6_000)]))

    assert job.status == ImportJob.Status.REJECTED
    assert "เกิน 5 แถว" in job.message
    assert not children_alive()


def test_a_workbook_the_child_cannot_open_is_refused_with_the_message_of_a_read_here(
    client_for, lampang_officer, settings
):
    settings.ROSTER_READ_IN_CHILD_FROM_MB = IN_A_CHILD
    # A zip with the members of a workbook whose workbook part is not XML: the reader cannot open it.
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([person(1), person(2)])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as workbook:
        for item in source.infolist():
            data = source.read(item)
            workbook.writestr(item, b"not xml" if item.filename == "xl/workbook.xml" else data)

    client = client_for(lampang_officer)

    _, in_child = upload(client, buffer.getvalue())
    settings.ROSTER_READ_IN_CHILD_FROM_MB = HERE
    _, here = upload(client, buffer.getvalue())

    assert in_child.status == here.status == ImportJob.Status.REJECTED
    assert in_child.message == here.message == "อ่านไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx ใหม่"
    assert not children_alive()


def test_a_server_that_cannot_start_the_child_reads_the_file_itself(
    client_for, lampang_officer, settings, monkeypatch, caplog
):
    settings.ROSTER_READ_IN_CHILD_FROM_MB = IN_A_CHILD
    monkeypatch.setattr(xlsx_stream, "CHILD_COMMAND", ["/nonexistent/python"])

    _, job = upload(client_for(lampang_officer), roster_with_mistakes(40))

    assert job.status == ImportJob.Status.PREVIEW
    assert (job.total_rows, job.new_count, job.error_count) == (40, 36, 4)
    assert "reading the file here" in caplog.text


def with_remark_bytes(remark: bytes) -> bytes:
    """A roster whose third person's remark (row 4, column G) is `remark` as it stands in the sheet's XML: what a
    program other than Excel may write (a NUL, a cell over Excel's 32,767 characters)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([person(1), person(2), person(3, **{"หมายเหตุ": "MARK"})])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as workbook:
        for item in source.infolist():
            workbook.writestr(item, source.read(item).replace(b"MARK", remark))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "remark, message",
    [
        ("สม\x00ชาย".encode(), "แถวที่ 4 ของไฟล์มีอักขระควบคุมที่มองไม่เห็น (NUL) ซึ่งบันทึกไม่ได้"),
        (("ข" * 40_000).encode(), "แถวที่ 4 คอลัมน์ G “หมายเหตุ” มีข้อความยาว 40,000 ตัวอักษร เกินขีดจำกัด 32,767"),
    ],
    ids=["nul", "overlong"],
)
def test_a_cell_the_child_refuses_is_named_as_a_read_here_names_it(
    client_for, lampang_officer, settings, spied, remark, message
):
    content = with_remark_bytes(remark)
    client = client_for(lampang_officer)

    settings.ROSTER_READ_IN_CHILD_FROM_MB = IN_A_CHILD
    _, in_child = upload(client, content)
    settings.ROSTER_READ_IN_CHILD_FROM_MB = HERE
    _, here = upload(client, content)

    assert len(spied) == 1
    assert in_child.status == here.status == ImportJob.Status.REJECTED
    assert in_child.message == here.message
    assert in_child.message.startswith(message), in_child.message
    assert not Volunteer.objects.exists()
    assert not children_alive()
