"""A roster knows terms of office and tiers: the appointment date starts a term that ends on the term-end column or
after the default term, a later appointment date is a re-appointment (a new term, the old kept), the tier is read in
the spellings officers use; the template, the exports and the admin's import carry both columns. A term or tier the
volunteer rules refuse is a preview error with its row and column, and nothing of the row is written."""

import datetime as dt
import io

import openpyxl
import pytest
import tablib
from django.urls import reverse

from core import thai
from rosters.resources import VolunteerResource
from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, messages_of, upload
from volunteers import rules
from volunteers.models import StatusChange, Term, TermEvent, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

APPOINTED = "วันที่แต่งตั้ง"
ORDER = "เลขที่คำสั่งแต่งตั้ง"
TERM_END = "วันสิ้นสุดวาระ"
TIER = "ระดับ"
STATUS = "สถานะ"
FIRST_START = dt.date(2020, 1, 7)  # 07/01/2563
FIRST_END = dt.date(2023, 1, 6)  # the default: the day before the same date three years later


def appointed(serial: int, when: str = "07/01/2563", order: str = "ที่ 12/2563", **more) -> dict:
    return person(serial, **{APPOINTED: when, ORDER: order, **more})


def terms_of(national_id: str) -> list[tuple]:
    return list(
        Term.objects.filter(volunteer__national_id=national_id)
        .order_by("starts_on")
        .values_list("order_no", "starts_on", "ends_on")
    )


def import_rows(client, rows):
    _, job = upload(client, xlsx_bytes(rows))
    assert job.status == "preview", job.message
    return job


def imported(client, rows):
    job = import_rows(client, rows)
    _, job = confirm(client, job)
    assert job.status == "done", job.message
    return job


def serving_with_one_term(lampang, serial: int, **fields) -> Volunteer:
    """A volunteer on record whose first term runs from 07/01/2563 to 06/01/2566 by order ที่ 12/2563."""
    volunteer = VolunteerFactory(
        province=lampang,
        national_id=nid(serial),
        appointed_on=FIRST_START,
        appointment_order="ที่ 12/2563",
        term_ends_on=FIRST_END,
        **fields,
    )
    Term.objects.create(volunteer=volunteer, order_no="ที่ 12/2563", starts_on=FIRST_START, ends_on=FIRST_END)
    return volunteer


# ---------------------------------------------------------------- terms written by the import


def test_a_new_volunteer_gets_a_first_term_ending_on_the_default_boundary_day(client_for, lampang_officer):
    job = imported(client_for(lampang_officer), [appointed(1)])

    assert terms_of(nid(1)) == [("ที่ 12/2563", FIRST_START, FIRST_END)]
    volunteer = Volunteer.objects.get(national_id=nid(1))
    assert volunteer.term_ends_on == FIRST_END == rules.default_term_end(FIRST_START)
    assert volunteer.tier == Volunteer.Tier.LEAD  # blank tier: a new volunteer is a subdistrict lead
    # The term's history row was written with the import's context, as pghistory's trigger would.
    event = TermEvent.objects.get(volunteer__national_id=nid(1))
    assert event.pgh_label == "insert" and event.pgh_context.metadata["import_job"] == job.pk


def test_the_term_end_column_sets_the_end_of_the_first_term(client_for, lampang_officer):
    imported(client_for(lampang_officer), [appointed(1, **{TERM_END: "30/09/2566"}), appointed(2)])

    assert terms_of(nid(1)) == [("ที่ 12/2563", FIRST_START, dt.date(2023, 9, 30))]
    assert Volunteer.objects.get(national_id=nid(1)).term_ends_on == dt.date(2023, 9, 30)
    assert terms_of(nid(2)) == [("ที่ 12/2563", FIRST_START, FIRST_END)]


def test_importing_the_same_file_again_or_its_export_changes_nothing(client_for, lampang_officer):
    client = client_for(lampang_officer)
    rows = [appointed(1, **{TERM_END: "30/09/2566", TIER: "เครือข่าย"}), appointed(2)]
    imported(client, rows)

    again = import_rows(client, rows)
    exported = client.get(reverse("rosters:export_volunteers", args=["xlsx"])).content
    _, from_export = upload(client, exported, name="export.xlsx")

    for job in (again, from_export):
        assert job.status == "preview", job.message
        # Nothing to write: the preview says so and offers no import.
        assert (job.new_count, job.updated_count, job.unchanged_count, job.error_count) == (0, 0, 2, 0)
        assert not job.can_confirm
    assert Term.objects.count() == 2
    assert terms_of(nid(1)) == [("ที่ 12/2563", FIRST_START, dt.date(2023, 9, 30))]


def test_a_later_appointment_date_makes_a_second_term_and_keeps_the_first(client_for, lampang_officer, lampang):
    resigned = serving_with_one_term(lampang, 1, status=Volunteer.Status.RESIGNED)
    serving_with_one_term(lampang, 2)
    client = client_for(lampang_officer)

    job = import_rows(client, [appointed(1, "07/01/2566", "ที่ 3/2566"), appointed(2, "01/02/2566", "ที่ 3/2566")])

    assert (job.updated_count, job.error_count) == (2, 0)
    assert {"วาระการดำรงตำแหน่ง"} <= set(job.update_sample[0]["changed"])
    _, job = confirm(client, job)
    assert job.status == "done", job.message
    assert terms_of(nid(1)) == [
        ("ที่ 12/2563", FIRST_START, FIRST_END),
        ("ที่ 3/2566", dt.date(2023, 1, 7), dt.date(2026, 1, 6)),
    ]
    assert terms_of(nid(2))[1] == ("ที่ 3/2566", dt.date(2023, 2, 1), dt.date(2026, 1, 31))
    resigned.refresh_from_db()
    # The record keeps its first appointment, as a re-appointment from the volunteer's page does; the current term
    # is the new one, and a resigned volunteer appointed again is active, the step on record.
    assert (resigned.appointed_on, resigned.appointment_order) == (FIRST_START, "ที่ 12/2563")
    assert resigned.term_ends_on == dt.date(2026, 1, 6)
    assert resigned.status == Volunteer.Status.ACTIVE
    assert StatusChange.objects.get(volunteer=resigned).to_status == Volunteer.Status.ACTIVE


def test_a_corrected_appointment_date_corrects_the_only_term(client_for, lampang_officer, lampang):
    serving_with_one_term(lampang, 1)

    imported(client_for(lampang_officer), [appointed(1, "17/01/2563")])

    assert terms_of(nid(1)) == [("ที่ 12/2563", dt.date(2020, 1, 17), dt.date(2023, 1, 16))]
    volunteer = Volunteer.objects.get(national_id=nid(1))
    assert (volunteer.appointed_on, volunteer.term_ends_on) == (dt.date(2020, 1, 17), dt.date(2023, 1, 16))


# ---------------------------------------------------------------- bad input: a Thai message, nothing written


def be(value: dt.date) -> str:
    return thai.format_date_be(value)


def test_a_term_that_ends_before_it_starts_is_refused(client_for, lampang_officer):
    client = client_for(lampang_officer)

    job = import_rows(client, [appointed(1, **{TERM_END: "01/01/2563"}), appointed(2)])

    assert messages_of(job) == [
        f"แถว 2 {TERM_END}: วันสิ้นสุดวาระ {be(dt.date(2020, 1, 1))} ต้องอยู่หลังวันเริ่มวาระ {be(FIRST_START)}"
    ]
    _, job = confirm(client, job)
    assert not Volunteer.objects.filter(national_id=nid(1)).exists()
    assert terms_of(nid(2)) == [("ที่ 12/2563", FIRST_START, FIRST_END)]  # the good row still goes in


def test_a_reappointment_overlapping_the_running_term_is_refused(client_for, lampang_officer, lampang):
    volunteer = serving_with_one_term(lampang, 1)
    client = client_for(lampang_officer)

    job = import_rows(client, [appointed(1, "01/06/2564", "ที่ 8/2564")])

    assert messages_of(job) == [
        f"แถว 2 {APPOINTED}: วาระ {be(dt.date(2021, 6, 1))} – {be(dt.date(2024, 5, 31))} ซ้อนกับวาระเดิม "
        f"{be(FIRST_START)} – {be(FIRST_END)} วาระใหม่ต้องเริ่มหลังวาระเดิมสิ้นสุด"
    ]
    _, job = confirm(client, job)
    assert terms_of(nid(1)) == [("ที่ 12/2563", FIRST_START, FIRST_END)]
    volunteer.refresh_from_db()
    assert (volunteer.appointed_on, volunteer.appointment_order) == (FIRST_START, "ที่ 12/2563")


def test_a_reappointment_of_a_deceased_volunteer_is_refused(client_for, lampang_officer, lampang):
    serving_with_one_term(lampang, 1, status=Volunteer.Status.DECEASED)
    client = client_for(lampang_officer)

    job = import_rows(client, [appointed(1, "07/01/2566", "ที่ 3/2566")])

    assert messages_of(job) == [f"แถว 2 {APPOINTED}: แต่งตั้งผู้ที่เสียชีวิตแล้วให้ดำรงตำแหน่งอีกวาระไม่ได้"]
    _, job = confirm(client, job)
    assert terms_of(nid(1)) == [("ที่ 12/2563", FIRST_START, FIRST_END)]
    assert Volunteer.objects.get(national_id=nid(1)).term_ends_on == FIRST_END


def test_an_unknown_tier_is_refused(client_for, lampang_officer):
    client = client_for(lampang_officer)

    job = import_rows(client, [appointed(1, **{TIER: "หัวหน้าหมู่บ้าน"})])

    assert messages_of(job) == [
        f"แถว 2 {TIER}: ระดับ “หัวหน้าหมู่บ้าน” ไม่ถูกต้อง (เลือกจากรายการ: แกนนำระดับตำบล หรือ เครือข่าย อสร.)"
    ]
    _, job = confirm(client, job)
    assert not Volunteer.objects.filter(national_id=nid(1)).exists()
    assert not Term.objects.exists()


# ---------------------------------------------------------------- the tier, read and exported


def test_the_tier_is_read_in_the_spellings_officers_use_and_exported(client_for, lampang_officer, lampang):
    VolunteerFactory(province=lampang, national_id=nid(9), tier=Volunteer.Tier.NETWORK)
    spellings = {1: "แกนนำ", 2: "แกนนำ อสร.", 3: "เครือข่าย", 4: "เครือข่าย อสร.", 5: "lead", 6: "Network", 7: ""}
    client = client_for(lampang_officer)

    imported(client, [appointed(n, **{TIER: word}) for n, word in spellings.items()] + [person(9, **{TIER: ""})])

    tiers = dict(Volunteer.objects.values_list("national_id", "tier"))
    lead, network = Volunteer.Tier.LEAD, Volunteer.Tier.NETWORK
    assert [tiers[nid(n)] for n in (*spellings, 9)] == [lead, lead, network, network, lead, network, lead, network]

    table = [
        [cell.value for cell in row]
        for row in openpyxl.load_workbook(
            io.BytesIO(client.get(reverse("rosters:export_volunteers", args=["xlsx"])).content)
        ).active.iter_rows()
    ]
    headers = table[0]
    shown = {row[0]: (row[headers.index(TIER)], row[headers.index(TERM_END)]) for row in table[1:]}
    assert shown[nid(3)][0] == "เครือข่าย อสร." and shown[nid(1)][0] == "แกนนำระดับตำบล"
    assert shown[nid(1)][1].date() == FIRST_END  # a date cell, shown in พ.ศ.
    assert shown[nid(9)] == ("เครือข่าย อสร.", None)


def test_the_template_has_the_term_end_and_a_tier_drop_down(client_for, lampang_officer):
    content = client_for(lampang_officer).get(reverse("rosters:template", args=["volunteers"])).content

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook["รายชื่อ"]
    headers = [cell.value for cell in sheet[1]]
    assert {TERM_END, TIER} <= set(headers)
    tier_letter = openpyxl.utils.get_column_letter(headers.index(TIER) + 1)
    lists = {
        str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1 for dv in sheet.data_validations.dataValidation
    }
    assert "แกนนำระดับตำบล" in lists[tier_letter] and "เครือข่าย อสร." in lists[tier_letter]
    end = headers.index(TERM_END) + 1
    assert sheet.cell(row=2, column=end).value.date() == FIRST_END  # the example: the default end of 07/01/2563
    assert sheet.cell(row=100, column=end).number_format == "@"
    guide = [row[0] for row in workbook["คำอธิบาย"].iter_rows(values_only=True)]
    assert TERM_END in guide and TIER in guide


# ---------------------------------------------------------------- the admin's import, on the same columns


def test_the_admin_import_writes_terms_and_tiers_with_the_same_rules(admin_user, lampang):
    serving_with_one_term(lampang, 1)
    serving_with_one_term(lampang, 2, status=Volunteer.Status.DECEASED)
    rows = [
        appointed(1, "07/01/2566", "ที่ 3/2566", **{TIER: "เครือข่าย"}),
        appointed(2, "07/01/2566", "ที่ 3/2566"),
        appointed(3, **{TERM_END: "30/09/2566", TIER: "แกนนำ"}),
    ]
    dataset = tablib.Dataset().load(xlsx_bytes(rows), format="xlsx")

    result = VolunteerResource().import_data(dataset, dry_run=False, user=admin_user, file_name="admin.xlsx")

    assert not result.has_errors()
    assert [(row.number, row.error.messages) for row in result.invalid_rows] == [
        (2, [f"{APPOINTED}: แต่งตั้งผู้ที่เสียชีวิตแล้วให้ดำรงตำแหน่งอีกวาระไม่ได้"])
    ]
    assert terms_of(nid(1))[1] == ("ที่ 3/2566", dt.date(2023, 1, 7), dt.date(2026, 1, 6))
    assert terms_of(nid(2)) == [("ที่ 12/2563", FIRST_START, FIRST_END)]
    assert terms_of(nid(3)) == [("ที่ 12/2563", FIRST_START, dt.date(2023, 9, 30))]
    people = {v.national_id: v for v in Volunteer.objects.all()}
    assert (people[nid(1)].tier, people[nid(1)].term_ends_on) == (Volunteer.Tier.NETWORK, dt.date(2026, 1, 6))
    assert (people[nid(3)].tier, people[nid(3)].term_ends_on) == (Volunteer.Tier.LEAD, dt.date(2023, 9, 30))
