"""The trigger-kept case tallies (cases/tallies.py) equal a recount from the cases after every kind of write: cases
opened one by one and in bulk, status steps, the erasure of personal data, deletes and a TRUNCATE; and rebuild()
recounts what a load without triggers (the benchmark's and the demo's COPY) left out."""

import datetime as dt
from collections import Counter

import pytest
from django.db import connection

from cases import tallies
from cases.models import Case, CaseDaysTally, CaseNationDaysTally, CaseTally, CaseYearDaysTally
from cases.services import erase_expired_personal_data
from cases.tests.factories import CaseFactory
from provinces.models import Agency

pytestmark = pytest.mark.django_db

OCTOBER, NOVEMBER = dt.date(2025, 10, 1), dt.date(2025, 11, 1)


def fiscal_year(day: dt.date) -> int:
    return day.year + 543 + (day.month >= 10)


def recount() -> tuple[dict, dict]:
    cases = list(Case.objects.across_provinces("test"))
    counts = Counter((c.province_id, c.agency_id, c.referred_on.replace(day=1), c.status) for c in cases)
    done = [c for c in cases if c.status == "done"]
    days = Counter((c.province_id, c.closed_on.replace(day=1), (c.closed_on - c.referred_on).days) for c in done)
    # The national shapes of the same histogram: per province and fiscal year, per month for the country.
    assert tallied_years() == dict(
        Counter((c.province_id, fiscal_year(c.closed_on), (c.closed_on - c.referred_on).days) for c in done)
    )
    assert tallied_nation() == dict(
        Counter((c.closed_on.replace(day=1), (c.closed_on - c.referred_on).days) for c in done)
    )
    return dict(counts), dict(days)


def tallied_years() -> dict:
    rows = CaseYearDaysTally.objects.across_provinces("test")
    return {(t.province_id, t.fiscal_year, t.days): t.cases for t in rows if t.cases}


def tallied_nation() -> dict:
    return {(t.month, t.days): t.cases for t in CaseNationDaysTally.objects.all() if t.cases}


def tallied() -> tuple[dict, dict]:
    counts = {
        (t.province_id, t.agency_id, t.month, t.status): t.cases
        for t in CaseTally.objects.across_provinces("test")
        if t.cases
    }
    days = {
        (t.province_id, t.month, t.days): t.cases for t in CaseDaysTally.objects.across_provinces("test") if t.cases
    }
    return counts, days


def case(volunteer, referred_on, **extra):
    return CaseFactory(volunteer=volunteer, spotted_on=referred_on, referred_on=referred_on, **extra)


def test_the_tallies_equal_a_recount_after_inserts_steps_erasure_and_deletes(lampang_volunteer, chiangmai_volunteer):
    a = case(lampang_volunteer, dt.date(2025, 10, 3))
    assert tallied() == recount()
    employment = Agency.objects.get(province_id=lampang_volunteer.province_id, kind="employment")
    assert tallied()[0] == {(lampang_volunteer.province_id, employment.pk, OCTOBER, "referred"): 1}

    welfare = Agency.objects.get(province_id=lampang_volunteer.province_id, kind="welfare")
    b = case(lampang_volunteer, dt.date(2025, 10, 20), agency=welfare, flagged=True)
    c = case(chiangmai_volunteer, dt.date(2025, 11, 2))
    Case.objects.bulk_create(
        [
            Case(
                province_id=lampang_volunteer.province_id,
                volunteer=lampang_volunteer,
                subdistrict_id=lampang_volunteer.subdistrict_id,
                agency=employment,
                spotted_on=dt.date(2025, 11, 5),
                referred_on=dt.date(2025, 11, 5),
                needs=["job_seekers"],
            )
            for _i in range(3)
        ]
    )
    assert tallied() == recount()

    cases = Case.objects.across_provinces("test")
    # Steps: accepted, then done 12 days after the referral; another not referable.
    cases.filter(pk=a.pk).update(status="accepted", accepted_on=dt.date(2025, 10, 5))
    cases.filter(pk=a.pk).update(status="done", closed_on=dt.date(2025, 10, 15))
    cases.filter(pk=b.pk).update(status="not_referable", closed_on=dt.date(2025, 11, 1), not_referable_reason="ย้าย")
    cases.filter(pk=c.pk).update(status="accepted", accepted_on=dt.date(2025, 11, 3))
    cases.filter(pk=c.pk).update(status="done", closed_on=dt.date(2025, 12, 2))
    counts, days = tallied()
    assert (counts, days) == recount()
    assert counts[(lampang_volunteer.province_id, employment.pk, OCTOBER, "done")] == 1
    assert (lampang_volunteer.province_id, employment.pk, OCTOBER, "referred") not in counts
    assert days == {
        (lampang_volunteer.province_id, OCTOBER, 12): 1,
        (chiangmai_volunteer.province_id, dt.date(2025, 12, 1), 30): 1,
    }
    assert tallied_years() == {
        (lampang_volunteer.province_id, 2569, 12): 1,
        (chiangmai_volunteer.province_id, 2569, 30): 1,
    }

    # Erasing the personal data after the retention period keeps every count.
    before = tallied()
    assert erase_expired_personal_data(today=dt.date(2027, 1, 1), days=365) >= 2
    assert cases.filter(pk=a.pk, person_name="").exists()
    assert tallied() == before == recount()

    cases.filter(pk=c.pk).delete()
    cases.filter(referred_on__month=11, status="referred").delete()
    counts, days = tallied()
    assert (counts, days) == recount()
    assert (chiangmai_volunteer.province_id, dt.date(2025, 12, 1), 30) not in days
    assert (lampang_volunteer.province_id, employment.pk, NOVEMBER, "referred") not in counts

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE cases_case CASCADE")
    assert tallied() == recount() == ({}, {})
    assert tallied_years() == tallied_nation() == {}


def test_rebuild_counts_what_a_load_without_triggers_left_out(lampang_volunteer):
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            case(lampang_volunteer, dt.date(2025, 10, 3))
            case(
                lampang_volunteer,
                dt.date(2025, 10, 4),
                status="done",
                accepted_on=dt.date(2025, 10, 5),
                closed_on=dt.date(2025, 10, 11),
            )
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    assert tallied() == ({}, {}) and tallied_years() == tallied_nation() == {}
    tallies.rebuild()
    counts, days = tallied()
    assert (counts, days) == recount()
    assert sum(counts.values()) == 2
    assert days == {(lampang_volunteer.province_id, OCTOBER, 7): 1}
    assert tallied_nation() == {(OCTOBER, 7): 1}
