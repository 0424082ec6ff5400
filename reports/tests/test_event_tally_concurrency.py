"""A target written while its event moves to another host or fiscal year counts where the event ends up, whichever of
the two transactions commits first (reports/tallies.py, EVENT_TALLY: the target's writer locks its event)."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction

from reports.models import EventTally
from trainings.models import Category, Event, EventTarget
from trainings.tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(first, second) -> list:
    """Run `first` in a transaction that stays open for a moment after its write, and `second` meanwhile."""
    written, errors = threading.Event(), []

    def in_thread(work, wait_for_first):
        try:
            if wait_for_first:
                written.wait(10)
            with transaction.atomic():
                work()
                if not wait_for_first:
                    written.set()
                    time.sleep(1.0)  # the other writes meanwhile
        except Exception as error:  # whatever failed, the assertion shows it
            errors.append(repr(error))
        finally:
            written.set()
            connection.close()

    threads = [
        threading.Thread(target=in_thread, args=(first, False)),
        threading.Thread(target=in_thread, args=(second, True)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def figures() -> dict:
    return {
        (t.fiscal_year, t.host_province_id): (t.events, t.target)
        for t in EventTally.objects.exclude(events=0, target=0)
    }


@pytest.mark.parametrize("moved_first", [True, False], ids=["moved-then-target", "target-then-moved"])
def test_a_target_added_while_its_event_moves_counts_where_the_event_went(lampang, chiang_mai, moved_first):
    event = EventFactory(held=True, host_province=lampang, start_date=dt.date(2025, 1, 7))
    EventTarget.objects.create(event=event, category=Category.VOLUNTEER, target=40)

    def move():
        Event.objects.filter(pk=event.pk).update(host_province=chiang_mai, fiscal_year=2569)

    def add_target():
        EventTarget.objects.create(event=event, category=Category.MENTOR, target=5)

    errors = run_together(*((move, add_target) if moved_first else (add_target, move)))

    assert errors == []
    assert figures() == {(2569, chiang_mai.pk): (1, 45)}
