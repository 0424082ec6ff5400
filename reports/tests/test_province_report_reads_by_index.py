"""The province report's reads that grow with the country find the province's rows by index, not by reading the
country's: the serving changes of its districts, its people in national events, its leavers of the year.

On bench/dashboard.py's fill each of these read the whole table (in parallel workers for the first), for 7-28 ms of
Nakhon Ratchasima's report apiece; the plans are checked here with sequential and bitmap scans priced out, as the planner
prices them on a full table."""

import factory
import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from activity.models import ServingMonthDelta
from reports import selectors
from trainings.models import Event
from trainings.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def plan_of(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def queries_of(compute) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        compute()
    return [q["sql"] for q in captured.captured_queries]


def test_a_provinces_serving_changes_are_read_from_their_index_alone(small_province):
    changes = (
        ServingMonthDelta.objects.filter(province=small_province["province"], month__lte=24320)
        .values("district_id")
        .annotate(change=Sum("delta"))
        .order_by()
    )
    assert "Index Only Scan using activity_serving_delta_key" in plan_of(*changes.query.sql_with_params())


def test_whether_a_province_has_people_in_a_national_event_is_one_probe_of_an_index(small_province, chiang_mai):
    # National events fill with other provinces' people: in each, this province's few are a needle to find.
    national = Event.objects.filter(level=Event.Level.NATIONAL)
    RegistrationFactory.create_batch(200, event=factory.Iterator(national), home_province=chiang_mai)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE trainings_registration")
    (events, *_rest) = queries_of(lambda: selectors.national_participation(small_province["province"], 2568))
    assert "registration_home_event" in plan_of(events)


def test_a_provinces_leavers_are_looked_up_as_one_array_of_volunteers(small_province):
    queries = queries_of(lambda: selectors.year_leavers(small_province["province"], 2568))
    (changes,) = [sql for sql in queries if "volunteers_statuschange" in sql]
    # The province's leavers as one array of ids, computed once: the planner then finds their changes by the index
    # on volunteer_id (on the full fill), where `IN (subquery)` had it join every departure of the country's year.
    assert "volunteer_id = ANY ((InitPlan 1)" in plan_of(changes)
