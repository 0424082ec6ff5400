"""A roster import applies the volunteer form's own rules (volunteers.rules): the status lifecycle and the birth-date
range. A row that breaks one is an error in the preview, with its row and column, and nothing of it is written."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core import thai
from provinces.models import Subdistrict
from rosters.tests.factories import csv_bytes, nid, person, xlsx_bytes
from rosters.tests.helpers import check_file_content, confirm, upload
from volunteers import rules
from volunteers.forms import VolunteerForm
from volunteers.models import StatusChange, Volunteer
from volunteers.services import change_status
from volunteers.tests.factories import VolunteerFactory
from volunteers.tests.term_factories import ending_in

pytestmark = pytest.mark.django_db


def be(value: dt.date) -> str:
    return thai.format_date_numeric_be(value)


def registration_form(province, **fields) -> VolunteerForm:
    """The registration form filled as the rows of these tests are, with `fields` on top."""
    subdistrict = Subdistrict.objects.filter(province=province, name_th="สบตุ๋ย").first()
    data = {"national_id": nid(1), "title": "mr", "first_name": "ทดสอบ", "subdistrict": subdistrict.pk, **fields}
    return VolunteerForm(data=data, province=province)


# ---------------------------------------------------------------- the status lifecycle


def test_a_deceased_volunteer_set_back_to_active_by_a_roster_is_a_preview_error_and_stays_deceased(
    client_for, lampang_officer, lampang
):
    deceased = VolunteerFactory(province=lampang, national_id=nid(1), status=Volunteer.Status.DECEASED)
    client = client_for(lampang_officer)

    _, job = upload(client, xlsx_bytes([person(1, **{"สถานะ": "ปฏิบัติหน้าที่"}), person(2)]))

    assert job.status == "preview", job.message
    assert job.errors == [
        {
            "row": 2,
            "column": "สถานะ",
            "message": "เปลี่ยนสถานะจาก “เสียชีวิต” เป็น “ปฏิบัติหน้าที่” ไม่ได้ ผู้ที่เสียชีวิตแล้วคงสถานะ “เสียชีวิต” ตลอดไป",
        }
    ]
    assert (job.new_count, job.updated_count, job.error_count) == (1, 0, 1)
    page = client.get(reverse("rosters:job", args=[job.pk])).content.decode()
    assert "ผู้ที่เสียชีวิตแล้วคงสถานะ" in page

    _, job = confirm(client, job)

    assert job.status == "done", job.message
    deceased.refresh_from_db()
    assert deceased.status == Volunteer.Status.DECEASED
    assert not StatusChange.objects.exists()
    assert Volunteer.objects.filter(national_id=nid(2)).exists()  # the good row still goes in


def test_a_resigned_volunteer_may_be_appointed_again_by_a_roster(client_for, lampang_officer, lampang):
    resigned = VolunteerFactory(province=lampang, national_id=nid(1), status=Volunteer.Status.RESIGNED)
    client = client_for(lampang_officer)

    _, job = upload(client, xlsx_bytes([person(1, **{"สถานะ": "ปฏิบัติหน้าที่", "นามสกุล": resigned.last_name})]))
    _, job = confirm(client, job)

    assert job.status == "done" and job.error_count == 0, job.errors
    resigned.refresh_from_db()
    assert resigned.status == Volunteer.Status.ACTIVE
    assert StatusChange.objects.get(volunteer=resigned).from_status == Volunteer.Status.RESIGNED


def test_a_resigned_volunteer_appointed_from_next_month_stays_resigned_with_a_preview_error(
    client_for, lampang_officer, lampang
):
    resigned = ending_in(VolunteerFactory(province=lampang, national_id=nid(1), status=Volunteer.Status.RESIGNED), -100)
    next_month = timezone.localdate() + dt.timedelta(days=30)
    client = client_for(lampang_officer)

    row = person(1, **{"นามสกุล": resigned.last_name, "วันที่แต่งตั้ง": be(next_month), "สถานะ": ""})
    _, job = upload(client, xlsx_bytes([row]))

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "วันที่แต่งตั้ง")]
    assert f"วาระใหม่เริ่ม {thai.format_date_be(next_month)} ซึ่งยังไม่ถึง" in job.errors[0]["message"]
    _, job = confirm(client, job)
    resigned.refresh_from_db()
    assert resigned.status == Volunteer.Status.RESIGNED
    assert resigned.terms.count() == 1
    assert not StatusChange.objects.exists()


def test_a_volunteer_who_died_between_preview_and_confirm_is_not_brought_back(client_for, lampang_officer, lampang):
    volunteer = VolunteerFactory(province=lampang, national_id=nid(1), status=Volunteer.Status.SUSPENDED)
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1, **{"สถานะ": "ปฏิบัติหน้าที่"})]))
    assert (job.updated_count, job.error_count) == (1, 0)
    change_status(
        volunteer=volunteer,
        to_status=Volunteer.Status.DECEASED,
        changed_on=timezone.localdate(),
        reason="แจ้งโดยผู้ใหญ่บ้าน",
        by=lampang_officer,
    )

    _, job = confirm(client, job)

    assert job.status == "done", job.message
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "สถานะ")]
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.DECEASED
    assert list(StatusChange.objects.values_list("to_status", flat=True)) == [Volunteer.Status.DECEASED]


# ---------------------------------------------------------------- the birth-date range


def test_a_birth_date_in_1901_is_a_preview_error_and_nothing_is_written(client_for, lampang_officer):
    client = client_for(lampang_officer)

    _, job = upload(client, xlsx_bytes([person(1, **{"วันเกิด": "01/01/2444"}), person(2)]))

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "วันเกิด")]
    assert "เก่ากว่า 120 ปี" in job.errors[0]["message"] and "1 ม.ค. 2444" in job.errors[0]["message"]
    confirm(client, job)
    assert not Volunteer.objects.filter(national_id=nid(1)).exists()
    assert Volunteer.objects.filter(national_id=nid(2)).exists()


def youngest_birth_date(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - rules.MIN_AGE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - rules.MIN_AGE_YEARS, day=28)


@pytest.mark.parametrize(
    ("oldest", "days", "accepted"),
    [(True, 0, True), (True, 1, False), (False, 0, True), (False, -1, False), (False, -365 * 14, False)],
    ids=["exactly-120-years", "120-years-and-a-day", "exactly-15-years", "a-day-short-of-15", "born-last-year"],
)
def test_the_form_and_the_import_agree_on_the_birth_date_range(lampang, oldest, days, accepted):
    today = timezone.localdate()
    birth_date = (rules.oldest_birth_date(today) if oldest else youngest_birth_date(today)) - dt.timedelta(days=days)
    form = registration_form(lampang, last_name="วันเกิด", birth_date=be(birth_date))
    _, checked = check_file_content(xlsx_bytes([person(1, **{"วันเกิด": be(birth_date)})]), lampang)

    form_errors = form.errors.get("birth_date", [])
    import_errors = [p.message for p in checked.problems if p.column == "วันเกิด"]
    assert (not form_errors, not import_errors) == (accepted, accepted), (form_errors, import_errors)
    assert form_errors == import_errors  # the same words, from the same rule


def test_a_row_appointed_before_its_birth_date_is_refused_as_the_form_refuses_it(client_for, lampang_officer, lampang):
    appointed_too_early = {"วันเกิด": "01/01/2538", "วันที่แต่งตั้ง": "07/01/2530"}
    born_before = {"วันเกิด": "15/03/2518", "วันที่แต่งตั้ง": "07/01/2563"}
    client = client_for(lampang_officer)

    _, job = upload(client, xlsx_bytes([person(1, **appointed_too_early), person(2, **born_before)]))

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "วันเกิด")]
    assert job.errors[0]["message"].startswith("วันแต่งตั้ง 7 ม.ค. 2530 อยู่ก่อนวันเกิด 1 ม.ค. 2538")
    form = registration_form(lampang, last_name="วันเกิด", birth_date="01/01/2538", appointed_on="07/01/2530")
    assert form.errors["birth_date"] == [job.errors[0]["message"]]  # the same words, from the same rule
    confirm(client, job)
    assert not Volunteer.objects.filter(national_id=nid(1)).exists()
    assert Volunteer.objects.filter(national_id=nid(2)).exists()


def test_a_two_digit_birth_year_that_makes_a_child_is_refused_naming_the_age(client_for, lampang_officer):
    _, job = upload(client_for(lampang_officer), xlsx_bytes([person(1, **{"วันเกิด": "15/03/67"})]))

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "วันเกิด")]
    assert "ทำให้อายุเพียง" in job.errors[0]["message"] and "ปีเต็ม 4 หลัก" in job.errors[0]["message"]
    assert job.new_count == 0


def test_future_appointment_and_consent_dates_are_refused_as_the_form_refuses_them(
    client_for, lampang_officer, lampang
):
    next_year = timezone.localdate() + dt.timedelta(days=300)
    rows = [
        person(1, **{"วันที่แต่งตั้ง": be(next_year)}),
        person(2, **{"วันที่บันทึกความยินยอม (PDPA)": be(next_year)}),
        person(3, **{"วันที่แต่งตั้ง": "01/10/2567"}),
    ]
    client = client_for(lampang_officer)

    _, job = upload(client, xlsx_bytes(rows))

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "วันที่แต่งตั้ง"), (3, "วันที่บันทึกความยินยอม (PDPA)")]
    assert f"วันที่แต่งตั้ง {thai.format_date_be(next_year)} เป็นวันในอนาคต" in job.errors[0]["message"]
    assert job.new_count == 1
    form = registration_form(lampang, last_name="วันแต่งตั้ง", appointed_on=be(next_year))
    assert form.errors["appointed_on"]


# ---------------------------------------------------------------- national IDs


@pytest.mark.parametrize("last_digit", ["0", "1"])
@pytest.mark.parametrize("as_cell", ["text", "number", "csv"])
def test_an_id_ending_in_0_or_1_goes_through_the_import_unchanged(client_for, lampang_officer, last_digit, as_cell):
    national_id = {"0": nid(6), "1": nid(5)}[last_digit]
    assert national_id[-1] == last_digit
    cell = float(national_id) if as_cell == "number" else national_id
    rows = [person(1, **{"เลขประจำตัวประชาชน": cell})]
    content, name = (csv_bytes(rows), "roster.csv") if as_cell == "csv" else (xlsx_bytes(rows), "roster.xlsx")
    client = client_for(lampang_officer)

    _, job = upload(client, content, name=name)
    assert (job.new_count, job.error_count) == (1, 0), job.errors
    confirm(client, job)

    assert list(Volunteer.objects.values_list("national_id", flat=True)) == [national_id]


def test_every_thai_digit_in_an_id_goes_through_the_import(client_for, lampang_officer):
    to_thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    # One row per digit 0-9, each ID full of that digit, typed in Thai digits with the dashes of a printed card.
    ids = [thai.national_id_with_check_digit(f"35201{str(d) * 7}") for d in range(10)]
    typed = [thai.format_national_id(i).translate(to_thai) for i in ids]
    assert set("".join(typed)) >= set("๐๑๒๓๔๕๖๗๘๙")
    client = client_for(lampang_officer)

    _, job = upload(client, xlsx_bytes([person(n, **{"เลขประจำตัวประชาชน": t}) for n, t in enumerate(typed)]))
    assert (job.new_count, job.error_count) == (10, 0), job.errors
    confirm(client, job)

    assert sorted(Volunteer.objects.values_list("national_id", flat=True)) == sorted(ids)


@pytest.mark.parametrize(
    "typed",
    [
        "\ufeff3520000000060",  # BOM from a UTF-8 file pasted into a cell
        "3520\u200c000000060",  # zero-width non-joiner
        "3520\u200d000000060",  # zero-width joiner
        "3520000000060\u2060",  # word joiner
        "3\u20135200\u201300000\u201306\u20130",  # en dashes
        "3\u20145200\u201400000\u201406\u20140",  # em dashes
        "３５２００００００００６０",  # full-width digits
    ],
    ids=["bom", "zwnj", "zwj", "word-joiner", "en-dash", "em-dash", "full-width"],
)
def test_an_id_with_invisible_characters_dashes_or_full_width_digits_is_read_in_the_import(lampang, typed):
    _, checked = check_file_content(xlsx_bytes([person(1, **{"เลขประจำตัวประชาชน": typed})]), lampang)

    assert checked.problems == []
    assert [values[0] for values in checked.new] == ["3520000000060"]


def test_an_id_starting_with_0_is_refused_by_the_import_as_by_the_form(lampang):
    starts_with_zero = thai.national_id_with_check_digit("052010001234")
    _, checked = check_file_content(xlsx_bytes([person(1, **{"เลขประจำตัวประชาชน": starts_with_zero})]), lampang)

    assert [p.message for p in checked.problems] == [thai.national_id_error(starts_with_zero)]
    assert "ขึ้นต้นด้วย 0 ไม่ได้" in checked.problems[0].message
