"""A volunteer who was out of office and came back (reinstated after a suspension, appointed again after resigning, or
re-appointed after their term had ended) counts at the end of each fiscal year in between as what they were then, not
as serving: in the province report, its trend and the national dashboard, whichever door recorded the return."""

import datetime as dt

import pytest

from provinces.models import Subdistrict
from reports import selectors
from rosters.tests.factories import nid, person, xlsx_bytes
from rosters.tests.helpers import confirm, upload
from volunteers import services
from volunteers.absences import Absence, latest_absence
from volunteers.models import StatusChange, Term, Volunteer
from volunteers.rules import TERM_ENDED
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

APPOINTED = dt.date(2019, 10, 1)  # FY 2563
FIRST_END = dt.date(2022, 9, 30)  # the last day of FY 2565


def appointed_in_2562(lampang, term_ends_on=FIRST_END, **fields) -> Volunteer:
    subdistrict = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    volunteer = VolunteerFactory(
        subdistrict=subdistrict,
        appointed_on=APPOINTED,
        status_changed_on=APPOINTED,
        term_ends_on=term_ends_on,
        **fields,
    )
    Term.objects.create(volunteer=volunteer, order_no="ที่ 1/2562", starts_on=APPOINTED, ends_on=term_ends_on)
    return volunteer


def figures(lampang, fy: int) -> dict:
    report = selectors.province_report(lampang, fy)
    statuses = {row["status"]: row["count"] for row in report["status_rows"] if row["count"]}
    row = next(r for r in selectors.dashboard(fy)["rows"] if r["code"] == "52")
    assert row["active"] == report["headline"]["active"], "the dashboard and the province report agree"
    assert row["covered"] == report["headline"]["coverage"]["covered"]
    return statuses


def test_a_suspension_they_came_back_from_counts_as_suspended_in_the_years_between(lampang, lampang_officer):
    volunteer = appointed_in_2562(lampang, term_ends_on=dt.date(2027, 9, 30))
    services.change_status(
        volunteer=volunteer, to_status="suspended", changed_on=dt.date(2021, 3, 1), reason="ตรวจสอบ", by=lampang_officer
    )
    services.change_status(
        volunteer=volunteer, to_status="active", changed_on=dt.date(2024, 1, 15), reason="กลับมา", by=lampang_officer
    )

    assert figures(lampang, 2563) == {"active": 1}
    for fy in (2564, 2565, 2566):  # suspended on 1 Mar 2564, back on 15 Jan 2567
        assert figures(lampang, fy) == {"suspended": 1}, fy
    assert figures(lampang, 2567) == figures(lampang, 2570) == {"active": 1}
    trend = {t["fy"]: t["active"] for t in selectors.province_report(lampang, 2570)["trend"]}
    assert [trend[fy] for fy in (2566, 2567, 2568)] == [0, 1, 1]


def test_a_resigned_volunteer_appointed_again_counts_as_resigned_until_the_new_term(lampang, lampang_officer):
    volunteer = appointed_in_2562(lampang)
    services.change_status(
        volunteer=volunteer, to_status="resigned", changed_on=dt.date(2021, 6, 1), reason="ย้ายงาน", by=lampang_officer
    )
    services.reappoint(volunteers=[volunteer], starts_on=dt.date(2024, 10, 1), order_no="ที่ 9/2567", by=lampang_officer)

    assert figures(lampang, 2563) == {"active": 1}
    for fy in (2564, 2565, 2566, 2567):
        assert figures(lampang, fy) == {"resigned": 1}, fy
    assert figures(lampang, 2568) == {"active": 1}


def test_a_re_appointment_after_the_term_ended_counts_the_years_between_as_term_ended(lampang, lampang_officer):
    volunteer = appointed_in_2562(lampang)
    services.reappoint(volunteers=[volunteer], starts_on=dt.date(2024, 10, 1), order_no="ที่ 9/2567", by=lampang_officer)
    volunteer.refresh_from_db()
    assert (volunteer.absent_from, volunteer.absent_until, volunteer.absence_status) == (
        dt.date(2022, 10, 1),
        dt.date(2024, 10, 1),
        TERM_ENDED,
    )

    assert figures(lampang, 2565) == {"active": 1}  # 30 September 2565 is the first term's last day
    assert figures(lampang, 2566) == figures(lampang, 2567) == {"term_ended": 1}
    assert figures(lampang, 2568) == {"active": 1}
    coverage = selectors.province_report(lampang, 2567)["headline"]["coverage"]
    assert coverage["covered"] == 0


def test_a_re_appointment_by_a_roster_import_records_the_gap(client_for, lampang_officer, lampang, tasks_at_once):
    appointed_in_2562(lampang, national_id=nid(1))
    client = client_for(lampang_officer)
    _, job = upload(client, xlsx_bytes([person(1, **{"วันที่แต่งตั้ง": "01/10/2567", "เลขที่คำสั่งแต่งตั้ง": "ที่ 9/2567"})]))
    assert job.status == "preview", job.message
    _, job = confirm(client, job)
    assert job.status == "done", job.message

    assert Term.objects.filter(volunteer__national_id=nid(1)).count() == 2
    assert figures(lampang, 2566) == {"term_ended": 1}
    assert figures(lampang, 2568) == {"active": 1}


def test_a_return_within_one_fiscal_year_changes_no_year_end(lampang, lampang_officer):
    volunteer = appointed_in_2562(lampang, term_ends_on=dt.date(2027, 9, 30))
    services.change_status(
        volunteer=volunteer,
        to_status="suspended",
        changed_on=dt.date(2021, 10, 5),
        reason="ตรวจสอบ",
        by=lampang_officer,
    )
    services.change_status(
        volunteer=volunteer, to_status="active", changed_on=dt.date(2022, 9, 1), reason="กลับมา", by=lampang_officer
    )
    for fy in (2564, 2565, 2566):
        assert figures(lampang, fy) == {"active": 1}, fy
    assert StatusChange.objects.filter(volunteer=volunteer).count() == 2


# ---------------------------------------------------------------- which absence is the latest


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_the_absence_runs_from_the_first_step_out_to_the_return_named_by_the_last_status():
    changes = [
        (day("2021-01-01"), "active", "suspended"),
        (day("2021-06-01"), "suspended", "resigned"),
        (day("2023-02-01"), "resigned", "active"),
    ]
    assert latest_absence(changes, []) == Absence(day("2021-01-01"), day("2023-02-01"), "resigned")


def test_of_two_absences_the_later_is_kept():
    changes = [
        (day("2020-01-01"), "active", "suspended"),
        (day("2020-12-01"), "suspended", "active"),
        (day("2022-01-01"), "active", "suspended"),
        (day("2023-01-01"), "suspended", "active"),
    ]
    assert latest_absence(changes, []) == Absence(day("2022-01-01"), day("2023-01-01"), "suspended")


def test_a_resignation_after_the_term_ended_and_the_next_term_are_one_absence():
    terms = [(day("2019-10-01"), day("2022-09-30")), (day("2024-10-01"), day("2027-09-30"))]
    changes = [(day("2023-03-01"), "active", "resigned"), (day("2024-10-01"), "resigned", "active")]
    assert latest_absence(changes, terms) == Absence(day("2022-10-01"), day("2024-10-01"), "resigned")


def test_terms_that_follow_on_and_a_current_absence_are_no_absence():
    terms = [(day("2019-10-01"), day("2022-09-30")), (day("2022-10-01"), day("2025-09-30"))]
    assert latest_absence([(day("2024-01-01"), "active", "suspended")], terms) is None
