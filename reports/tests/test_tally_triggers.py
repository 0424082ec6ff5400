"""The tally triggers stay linear in an UPDATE's rows whatever statement came first in the session.

PL/pgSQL plans each statement of a trigger function once per session, for the transition tables of its first call.
A join of the two transition tables planned for one row is a nested loop over both: the next UPDATE of 9,000 rows
then took 27 s, and an import's 100,000 would take most of an hour. The functions group the two tables instead.
The plans are read through auto_explain, sent to this connection as notices."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from trainings.models import Event, Registration
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    """The plans of every statement (nested ones too) this connection runs, as text, from the fixture on."""
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                cursor.execute("LOAD 'auto_explain'")
        except DatabaseError:
            pytest.skip("auto_explain cannot be loaded by this database user")
        for setting in ("log_min_duration = 0", "log_nested_statements = on", "log_level = notice"):
            cursor.execute(f"SET auto_explain.{setting}")
    raw = connection.connection
    raw.notices.clear()
    yield raw.notices
    with connection.cursor() as cursor:
        cursor.execute("SET auto_explain.log_min_duration = -1")


def joins_of_both_transition_tables(notices) -> list[str]:
    """Plans in which a join reads both transition tables, one scan nested under the other."""
    found = []
    for plan in notices:
        lines = plan.splitlines()
        for number, line in enumerate(lines):
            if "Nested Loop" in line or "Hash Join" in line or "Merge Join" in line:
                below = "\n".join(lines[number + 1 : number + 4])
                if below.count("Named Tuplestore Scan") >= 2:
                    found.append(plan)
    return found


def test_a_move_after_a_one_row_update_is_not_a_nested_loop_of_both_transition_tables(small_province, lampang, plans):
    first, *rest = small_province["volunteers"]
    Volunteer.objects.filter(pk=first.pk).update(house_no="1")  # the session's first UPDATE: one row
    subdistrict = lampang.subdistricts.order_by("code")[0]
    Volunteer.objects.filter(pk__in=[v.pk for v in rest]).update(
        house_no="2", province=lampang, subdistrict=subdistrict
    )

    assert any("reports_leaveryear" in plan for plan in plans), "the moves' statement ran"
    assert joins_of_both_transition_tables(plans) == []


def test_registration_and_event_updates_group_their_transition_tables(small_province, plans):
    e1, e2, e3, *_ = small_province["events"]
    first = Registration.objects.filter(event=e1).first()
    Registration.objects.filter(pk=first.pk).update(cancelled_at=timezone.now())
    assert Registration.objects.filter(event=e2).count() > 1
    Registration.objects.filter(event=e2).update(cancelled_at=timezone.now())
    Event.objects.filter(pk=e1.pk).update(status=Event.Status.CANCELLED)
    Event.objects.filter(pk__in=[e2.pk, e3.pk]).update(status=Event.Status.CANCELLED)

    assert sum("reports_recount_events" in plan for plan in plans) >= 4, "the recounts ran"
    assert joins_of_both_transition_tables(plans) == []
