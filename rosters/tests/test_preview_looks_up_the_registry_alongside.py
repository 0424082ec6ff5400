"""The preview asks the registry for a file's people one chunk of checked rows at a time, in the report threads
(core.alongside), while the next chunk is checked: what it finds (new, updated, unchanged, another province's,
a term corrected or added) is what it finds asking once after the whole file is checked."""

import threading

import pytest

from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, messages_of, upload
from rosters.validation import roster
from volunteers.tests.factories import VolunteerFactory

APPOINTED = "วันที่แต่งตั้ง"
ORDER = "เลขที่คำสั่งแต่งตั้ง"


def row(serial: int, appointed: str = "07/01/2563", order: str = "ที่ 12/2563", **more) -> dict:
    return person(serial, **{APPOINTED: appointed, ORDER: order, **more})


@pytest.fixture
def a_file_of_every_kind_of_row(lampang, chiang_mai, client_for, lampang_officer):
    """Seven rows: two new, one as on record, a surname changed, a re-appointment, a corrected appointment date,
    and Chiang Mai's volunteer."""
    _, job = upload(client_for(lampang_officer), xlsx_bytes([row(serial) for serial in (1, 2, 3, 4)]))
    _, job = confirm(client_for(lampang_officer), job)
    assert job.status == "done", job.message
    VolunteerFactory(province=chiang_mai, national_id=nid(5))
    return xlsx_bytes(
        [
            row(1),
            row(2, **{"นามสกุล": "เปลี่ยนสกุล"}),
            row(3, "07/01/2566", "ที่ 3/2566"),
            row(4, "17/01/2563"),
            row(5),
            row(6, "07/01/2566", "ที่ 3/2566"),
            row(7),
        ]
    )


def preview(client, content) -> dict:
    _, job = upload(client, content)
    assert job.status == "preview", job.message
    return {
        "counts": (job.new_count, job.updated_count, job.unchanged_count, job.error_count),
        "changed": sorted(tuple(sorted(row["changed"])) for row in job.update_sample),
        "errors": messages_of(job),
    }


@pytest.mark.django_db(transaction=True)
def test_looked_up_chunk_by_chunk_in_the_threads_the_preview_finds_what_one_lookup_finds(
    a_file_of_every_kind_of_row, client_for, lampang_officer, settings, monkeypatch
):
    client = client_for(lampang_officer)
    settings.REPORT_THREADS = 0
    at_once = preview(client, a_file_of_every_kind_of_row)
    assert at_once["counts"] == (2, 3, 1, 1)
    assert at_once["errors"] == [
        "แถว 6 เลขประจำตัวประชาชน: เลขประจำตัวประชาชนนี้เป็นข้อมูลของจังหวัดเชียงใหม่อยู่แล้ว "
        "การย้ายจังหวัดต้องทำที่หน้าข้อมูลรายบุคคล ไม่ย้ายผ่านการนำเข้า"
    ]

    threads = []
    looked_up = roster.existing_people

    def recorded(model, national_ids, fields, changed_since=None):
        threads.append((threading.current_thread().name, len(national_ids)))
        return looked_up(model, national_ids, fields, changed_since)

    monkeypatch.setattr(roster, "existing_people", recorded)
    monkeypatch.setattr(roster, "CHECK_CHUNK_ROWS", 3)
    settings.REPORT_THREADS = 2
    alongside = preview(client, a_file_of_every_kind_of_row)

    assert alongside == at_once
    # Three chunks of the seven rows, each asked for in a report thread.
    assert [n for _name, n in threads] == [3, 3, 1]
    assert all(name.startswith("alongside") for name, _n in threads)
