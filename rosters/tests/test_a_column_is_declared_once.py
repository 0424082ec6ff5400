"""A roster column is one declaration: a column added to the spec is in the template, checked by its rule, kept in
the failed-rows file, written on confirm and exported, with no other code touched."""

import dataclasses
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from rosters.columns import SPECS, VOLUNTEER_SPEC, VOLUNTEERS, Column
from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, messages_of, upload
from rosters.validation import parsers
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

HEADER = "วันที่เปลี่ยนสถานะ"
# A date column added at the end: the status date's own declaration taken out of the spec and declared again as a
# plain date column, since every other model field a roster could hold is read already.
EXTRA = Column(
    "status_changed_on",
    HEADER,
    aliases=("เปลี่ยนสถานะเมื่อ",),
    hint="วว/ดด/ปปปป (พ.ศ. หรือ ค.ศ.)",
    example="01/10/2568",
    parse=parsers.date,
    is_date=True,
)


@pytest.fixture
def extra_column(monkeypatch):
    columns = [column for column in VOLUNTEER_SPEC.columns if column.key != EXTRA.key]
    spec = dataclasses.replace(VOLUNTEER_SPEC, columns=(*columns, EXTRA), by_alias={})
    monkeypatch.setitem(SPECS, VOLUNTEERS, spec)
    return spec


def workbook_of(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def test_the_template_has_the_new_column_with_its_example_and_its_instructions(
    client_for, lampang_officer, extra_column
):
    response = client_for(lampang_officer).get(reverse("rosters:template", args=["volunteers"]))

    workbook = workbook_of(response.content)
    sheet = workbook["รายชื่อ"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[-1] == HEADER
    column = headers.index(HEADER) + 1
    assert sheet.cell(row=2, column=column).value.date() == dt.date(2025, 10, 1)  # a date cell, shown in พ.ศ.
    assert sheet.cell(row=100, column=column).number_format == "@"  # typed dates stay as typed
    guide = [[cell.value for cell in row] for row in workbook["คำอธิบาย"].iter_rows()]
    assert (HEADER, "วว/ดด/ปปปป (พ.ศ. หรือ ค.ศ.)") in [(row[0], row[2]) for row in guide]


def test_the_new_column_is_checked_kept_in_the_failed_rows_written_and_exported(
    client_for, lampang_officer, extra_column
):
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1, **{HEADER: "31/02/2568"}), person(2, **{HEADER: "01/10/2568"})]))

    assert job.status == "preview", job.message
    assert messages_of(job) == [f"แถว 2 {HEADER}: ไม่มีวันที่ “31/02/2568” ในปฏิทิน"]
    _, job = confirm(client, job)
    assert job.status == "done", job.message
    assert Volunteer.objects.get(national_id=nid(2)).status_changed_on == dt.date(2025, 10, 1)

    failed = workbook_of(b"".join(client.get(reverse("rosters:failed_rows", args=[job.pk])).streaming_content))
    table = [[cell.value for cell in row] for row in failed.active.iter_rows()]
    assert table[1][table[0].index(HEADER)] == "31/02/2568"
    assert HEADER in table[1][0]

    exported = workbook_of(client.get(reverse("rosters:export_volunteers", args=["xlsx"])).content)
    table = [[cell.value for cell in row] for row in exported.active.iter_rows()]
    assert table[0][-1] == HEADER
    assert table[1][-1].date() == dt.date(2025, 10, 1)


def test_the_new_column_is_found_under_its_other_header(client_for, lampang_officer, extra_column):
    client = client_for(lampang_officer)

    _, job = upload(client, xlsx_bytes([person(3, **{"เปลี่ยนสถานะเมื่อ": "2 ต.ค. 2568"})]))
    _, job = confirm(client, job)

    assert job.status == "done", job.message
    assert Volunteer.objects.get(national_id=nid(3)).status_changed_on == dt.date(2025, 10, 2)
