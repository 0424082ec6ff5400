"""The trigger-kept tallies of the monthly reports equal a recount from the reports after every kind of write:
a report saved, a bulk insert, counts corrected, on time changed, a report moved to another month, deletes, and a
TRUNCATE; and rebuild() recounts what a trigger-less load left out. The serving tally gives, month by month, the
volunteers activity.rules.serving_in_month counts, after resignations, term ends, absences, moves and deletes."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, Q

from activity import board, rules, tallies
from activity.models import (
    MonthlyReport,
    ReportKindTally,
    ReportTally,
    ServingMonthDelta,
    ServingProvinceMonthDelta,
    ServingTally,
)
from provinces.models import District
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

SEPTEMBER, OCTOBER, NOVEMBER = dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)
JANUARY = dt.date(2026, 1, 1)


def recount() -> tuple[dict, dict]:
    """Received and on time: the reports of volunteers serving in the month, where the volunteer is now; the numbers
    by kind: every report, where it was made."""
    reports = MonthlyReport.objects.across_provinces("test")
    receipts: dict = {}
    for r in reports.select_related("volunteer__subdistrict"):
        serving = Volunteer.objects.across_provinces("test").filter(rules.serving_in_month(r.month), pk=r.volunteer_id)
        if serving.exists():
            key = (r.volunteer.province_id, r.volunteer.subdistrict.district_id, r.month)
            n, on = receipts.get(key, (0, 0))
            receipts[key] = (n + 1, on + r.on_time)
    kinds: dict = {}
    for report in reports:
        for code, value in report.counts.items():
            key = (report.province_id, report.district_id, report.month, code)
            kinds[key] = kinds.get(key, 0) + int(value)
    return receipts, {k: v for k, v in kinds.items() if v}


def tallied() -> tuple[dict, dict]:
    receipts = {
        (t.province_id, t.district_id, t.month): (t.received, t.on_time)
        for t in ReportTally.objects.across_provinces("test")
        if t.received or t.on_time
    }
    kinds = {
        (t.province_id, t.district_id, t.month, t.kind): t.amount
        for t in ReportKindTally.objects.across_provinces("test")
        if t.amount
    }
    return receipts, kinds


@pytest.fixture
def people(lampang, chiang_mai):
    lampang_district = District.objects.get(code="5201")
    mae_moh = District.objects.get(code="5203")
    chiang_mai_district = District.objects.filter(province=chiang_mai).order_by("code").first()
    return [
        VolunteerFactory(province=lampang, subdistrict=lampang_district.subdistricts.first()),
        VolunteerFactory(province=lampang, subdistrict=lampang_district.subdistricts.last()),
        VolunteerFactory(province=lampang, subdistrict=mae_moh.subdistricts.first()),
        VolunteerFactory(province=chiang_mai, subdistrict=chiang_mai_district.subdistricts.first()),
    ]


def report(volunteer, month, *, on_time=True, **counts):
    return MonthlyReport(
        volunteer=volunteer,
        province_id=volunteer.province_id,
        district_id=volunteer.subdistrict.district_id,
        month=month,
        counts=counts,
        received_on=month + dt.timedelta(days=33),
        on_time=on_time,
    )


def test_the_tallies_equal_a_recount_after_inserts_updates_and_deletes(people):
    a, b, c, d = people
    report(a, OCTOBER, info_jobs=3, job_seekers=1).save()
    assert tallied() == recount()
    assert tallied()[0] == {(a.province_id, a.subdistrict.district_id, OCTOBER): (1, 1)}

    MonthlyReport.objects.bulk_create(
        [
            report(b, OCTOBER, on_time=False, info_jobs=2),
            report(c, OCTOBER, info_rights=7),
            report(d, OCTOBER, info_jobs=1),
            report(a, SEPTEMBER, info_jobs=4),
            report(b, SEPTEMBER, on_time=False),
        ]
    )
    receipts, kinds = tallied()
    assert (receipts, kinds) == recount()
    assert receipts[(a.province_id, a.subdistrict.district_id, OCTOBER)] == (2, 1)
    assert kinds[(a.province_id, a.subdistrict.district_id, OCTOBER, "info_jobs")] == 5

    reports = MonthlyReport.objects.across_provinces("test")
    # Counts corrected: one kind raised, one cleared, a new one added.
    reports.filter(volunteer=a, month=OCTOBER).update(counts={"info_jobs": 10, "workplaces": 2})
    # On time changed, in both directions, in one statement.
    reports.filter(month=OCTOBER, volunteer__in=[a, b]).update(on_time=~Q(on_time=True))
    # A report moved to another month (a typing error put right).
    reports.filter(volunteer=c, month=OCTOBER).update(month=dt.date(2026, 8, 1))
    receipts, kinds = tallied()
    assert (receipts, kinds) == recount()
    key = (a.province_id, a.subdistrict.district_id, OCTOBER)
    assert receipts[key] == (2, 1)
    assert kinds[(*key, "info_jobs")] == 12
    assert (*key, "job_seekers") not in kinds
    assert (c.province_id, c.subdistrict.district_id, OCTOBER) not in receipts

    reports.filter(month=SEPTEMBER).delete()
    reports.filter(volunteer=d).delete()
    assert tallied() == recount()
    assert (d.province_id, d.subdistrict.district_id, OCTOBER) not in tallied()[0]

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the foreign keys' pending checks, which TRUNCATE refuses
        cursor.execute("TRUNCATE activity_monthlyreport")
    assert tallied() == recount() == ({}, {})


def test_rebuild_counts_what_a_load_without_triggers_left_out(people):
    a, b, _c, _d = people
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            MonthlyReport.objects.bulk_create([report(a, OCTOBER, info_jobs=3), report(b, OCTOBER, on_time=False)])
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    assert tallied() == ({}, {})
    tallies.rebuild()
    receipts, kinds = tallied()
    assert (receipts, kinds) == recount()
    assert receipts[(a.province_id, a.subdistrict.district_id, OCTOBER)] == (2, 1)


def serving_by_tally(month: dt.date) -> dict:
    n = board.month_number(month)
    found: dict = {}
    for t in ServingTally.objects.across_provinces("test").filter(first_month__lte=n, last_month__gte=n):
        found[t.district_id] = found.get(t.district_id, 0) + t.volunteers
    return {k: v for k, v in found.items() if v}


def serving_by_rule(month: dt.date) -> dict:
    rows = (
        Volunteer.objects.across_provinces("test")
        .filter(rules.serving_in_month(month))
        .values("subdistrict__district_id")
        .annotate(n=Count("pk"))
    )
    return {r["subdistrict__district_id"]: r["n"] for r in rows}


MONTHS = [dt.date(2026, m, 1) for m in range(1, 13)] + [dt.date(2027, m, 1) for m in range(1, 7)]


def serving_by_deltas(month: dt.date) -> tuple[dict, dict]:
    """What the board reads: serving per district and per province, as the sum of the changes up to the month."""
    by_district = board._expected(ServingMonthDelta.objects.across_provinces("test"), [month], "district_id")
    by_province = board._expected(ServingProvinceMonthDelta.objects.across_provinces("test"), [month], "province_id")
    return (
        {k: v[0] for k, v in by_district.items() if v[0]},
        {k: v[0] for k, v in by_province.items() if v[0]},
    )


def serving_provinces_by_rule(month: dt.date) -> dict:
    rows = Volunteer.objects.across_provinces("test").filter(rules.serving_in_month(month)).values("province_id")
    return {r["province_id"]: r["n"] for r in rows.annotate(n=Count("pk"))}


def assert_serving_tally_is_the_rule():
    for month in MONTHS:
        assert serving_by_tally(month) == serving_by_rule(month), month
        assert serving_by_deltas(month) == (serving_by_rule(month), serving_provinces_by_rule(month)), month


def test_the_serving_tally_reads_as_the_rule_after_appointments_resignations_terms_and_moves(people, chiang_mai):
    a, b, c, d = people
    assert serving_by_tally(OCTOBER) and serving_by_tally(OCTOBER) == serving_by_rule(OCTOBER)
    volunteers = Volunteer.objects.across_provinces("test")
    # Resigned on 20 October 2026: serving in October, not after.
    volunteers.filter(pk=a.pk).update(status="resigned", status_changed_on=dt.date(2026, 10, 20))
    # A term that ends on 31 March 2027, then a suspension with no date (serving in no month).
    volunteers.filter(pk=b.pk).update(term_ends_on=dt.date(2027, 3, 31))
    volunteers.filter(pk=c.pk).update(status="suspended", status_changed_on=None)
    # Appointed later, and moved to another district of Lampang.
    volunteers.filter(pk=d.pk).update(appointed_on=dt.date(2026, 12, 10))
    other = District.objects.get(code="5203").subdistricts.last()
    volunteers.filter(pk=a.pk).update(subdistrict=other)
    assert_serving_tally_is_the_rule()
    a_district = other.district_id
    assert serving_by_tally(OCTOBER).get(a_district) and not serving_by_tally(NOVEMBER).get(a_district)
    # Absences (volunteers.absences): away from 1 February to 10 April 2026 (February and March left out, April
    # served from the 10th); then from 15 January to 1 March (only February); then within one month (none); then one
    # that began before the appointment; and one long past (the ranges before and after it). The tally keeps the
    # ranges around each.
    d_district = d.subdistrict.district_id
    volunteers.filter(pk=d.pk).update(appointed_on=dt.date(2025, 6, 1))
    volunteers.filter(pk=d.pk).update(
        absent_from=dt.date(2026, 2, 1), absent_until=dt.date(2026, 4, 10), absence_status="suspended"
    )
    assert_serving_tally_is_the_rule()
    assert [serving_by_tally(dt.date(2026, m, 1)).get(d_district) for m in (1, 2, 3, 4)] == [1, None, None, 1]
    volunteers.filter(pk=d.pk).update(absent_from=dt.date(2026, 1, 15), absent_until=dt.date(2026, 3, 1))
    assert_serving_tally_is_the_rule()
    assert [serving_by_tally(dt.date(2026, m, 1)).get(d_district) for m in (1, 2, 3)] == [1, None, 1]
    volunteers.filter(pk=d.pk).update(absent_from=dt.date(2026, 5, 3), absent_until=dt.date(2026, 5, 30))
    assert_serving_tally_is_the_rule()
    volunteers.filter(pk=d.pk).update(absent_from=dt.date(2025, 1, 1), absent_until=dt.date(2026, 2, 1))
    volunteers.filter(pk=c.pk).update(
        status="active", absent_from=dt.date(2020, 1, 1), absent_until=dt.date(2021, 1, 1), absence_status="resigned"
    )
    assert_serving_tally_is_the_rule()
    assert serving_by_tally(JANUARY) == serving_by_rule(JANUARY) and not serving_by_tally(JANUARY).get(d_district)
    VolunteerFactory(province=chiang_mai, subdistrict=d.subdistrict, appointed_on=None, term_ends_on=None)
    volunteers.filter(pk=b.pk).delete()
    assert_serving_tally_is_the_rule()
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute("DELETE FROM activity_servingtally")
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    tallies.rebuild()
    assert_serving_tally_is_the_rule()


def test_the_serving_deltas_follow_a_truncate_and_a_rebuild_after_a_load_without_triggers(people):
    a = people[0]
    assert serving_by_deltas(OCTOBER)[1] == {a.province_id: 3, people[3].province_id: 1}
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE activity_servingtally")
    assert serving_by_deltas(OCTOBER) == ({}, {})
    assert not ServingMonthDelta.objects.across_provinces("test").exists()
    tallies.rebuild()
    assert_serving_tally_is_the_rule()
    # Deltas left stale by a load without triggers (here: a volunteer's range changed, the deltas not).
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute("UPDATE activity_servingtally SET last_month = first_month WHERE volunteers > 0")
            cursor.execute("DELETE FROM activity_servingprovincemonthdelta")
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    assert serving_by_deltas(OCTOBER)[1] == {}
    tallies.rebuild()
    assert_serving_tally_is_the_rule()


def test_the_rebuild_command_recounts_and_says_how_many_rows(people):
    from io import StringIO

    from django.core.management import call_command

    a = people[0]
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            report(a, OCTOBER, info_jobs=1).save()
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    out = StringIO()
    call_command("rebuild_activity_tallies", stdout=out)
    assert "ReportTally 1" in out.getvalue()
    assert tallied() == recount()


def test_received_follows_the_volunteers_months_and_district_after_every_kind_of_edit(people, chiang_mai):
    a, b, c, d = people
    MonthlyReport.objects.bulk_create(
        [report(a, SEPTEMBER), report(a, OCTOBER, on_time=False), report(b, OCTOBER), report(c, OCTOBER)]
    )
    volunteers = Volunteer.objects.across_provinces("test")
    a_district = a.subdistrict.district_id
    assert tallied()[0][(a.province_id, a_district, SEPTEMBER)] == (1, 1)

    # Appointed after September: its report stops counting; moved back, it counts again.
    volunteers.filter(pk=a.pk).update(appointed_on=dt.date(2026, 10, 15))
    assert tallied() == recount()
    assert (a.province_id, a_district, SEPTEMBER) not in tallied()[0]
    volunteers.filter(pk=a.pk).update(appointed_on=dt.date(2024, 1, 15))
    assert tallied() == recount() and tallied()[0][(a.province_id, a_district, SEPTEMBER)] == (1, 1)

    # Resigned before October; a term that ended in September; both in one statement with an edit of nothing that
    # counts (the mentor, a name).
    volunteers.filter(pk=b.pk).update(status="resigned", status_changed_on=dt.date(2026, 9, 20))
    volunteers.filter(pk=c.pk).update(term_ends_on=dt.date(2026, 9, 30))
    volunteers.filter(pk__in=[a.pk, b.pk, c.pk]).update(first_name="แก้ชื่อ", mentor=None)
    assert tallied() == recount()
    assert tallied()[0][(a.province_id, a_district, OCTOBER)] == (1, 0)

    # Moved to another district of Lampang, then to Chiang Mai: the reports follow to where the volunteer is expected.
    other = District.objects.get(code="5203").subdistricts.last()
    volunteers.filter(pk=a.pk).update(subdistrict=other)
    assert tallied() == recount()
    assert tallied()[0][(a.province_id, other.district_id, OCTOBER)] == (1, 0)
    volunteers.filter(pk=a.pk).update(province=chiang_mai, subdistrict=d.subdistrict)
    assert tallied() == recount()
    assert tallied()[0][(chiang_mai.pk, d.subdistrict.district_id, SEPTEMBER)] == (1, 1)

    # Away throughout August and September and back on 2 October (volunteers.absences): September's report stops
    # counting, October's stays; back on 1 September instead, September counts again.
    volunteers.filter(pk=a.pk).update(
        absent_from=dt.date(2026, 8, 1), absent_until=dt.date(2026, 10, 2), absence_status="suspended"
    )
    assert tallied() == recount()
    a_key = (chiang_mai.pk, d.subdistrict.district_id)
    assert (*a_key, SEPTEMBER) not in tallied()[0] and tallied()[0][(*a_key, OCTOBER)] == (1, 0)
    volunteers.filter(pk=a.pk).update(absent_until=SEPTEMBER)
    assert tallied() == recount() and tallied()[0][(*a_key, SEPTEMBER)] == (1, 1)
    volunteers.filter(pk=a.pk).update(absent_until=dt.date(2026, 10, 2))
    tallies.rebuild()
    assert tallied() == recount() and (*a_key, SEPTEMBER) not in tallied()[0]

    # A report moved, and a volunteer deleted with its reports in one transaction (the volunteer first).
    MonthlyReport.objects.across_provinces("test").filter(volunteer=d).update(month=SEPTEMBER)
    MonthlyReport.objects.bulk_create([report(d, OCTOBER)])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM volunteers_volunteer WHERE id = %s", [d.pk])
        cursor.execute("DELETE FROM activity_monthlyreport WHERE volunteer_id = %s", [d.pk])
    assert tallied() == recount()

    tallies.rebuild()
    assert tallied() == recount()


def test_received_never_exceeds_the_volunteers_expected(people):
    a, b, c, _d = people
    MonthlyReport.objects.bulk_create([report(v, m) for v in (a, b, c) for m in (SEPTEMBER, OCTOBER, NOVEMBER)])
    volunteers = Volunteer.objects.across_provinces("test")
    volunteers.filter(pk=a.pk).update(appointed_on=dt.date(2026, 11, 15))
    volunteers.filter(pk=b.pk).update(subdistrict=c.subdistrict)
    for month in (SEPTEMBER, OCTOBER, NOVEMBER):
        expected = serving_by_tally(month)
        for (_province, district, at), (received, _on_time) in tallied()[0].items():
            if at == month:
                assert received <= expected.get(district, 0), (district, month)
