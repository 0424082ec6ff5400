"""`manage.py rebuild_report_tallies`: the report tallies counted afresh (after a load with the triggers off, or a
restore without them), and what it tells the administrator it counted."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from reports.models import EventTally, VolunteerTally
from trainings.models import Event, EventTarget

pytestmark = pytest.mark.django_db


def event_tally() -> dict:
    return {(t.fiscal_year, t.host_province_id): (t.events, t.target) for t in EventTally.objects.all()}


def volunteer_tally() -> dict:
    """The volunteers per key; the triggers leave a key at 0 when its last volunteer moves on, a recount has none."""
    rows = VolunteerTally.objects.filter(volunteers__gt=0).values_list(
        "province", "status", "appointed_fy", "changed_fy", "term_end_key", "tier", "volunteers"
    )
    return {tuple(row[:-1]): row[-1] for row in rows}


def test_the_command_counts_the_tallies_again_as_the_triggers_kept_them_and_says_how_many_rows_each_holds(
    small_province,
):
    kept_by_triggers = event_tally()
    volunteers_kept = volunteer_tally()
    live_events = Event.objects.exclude(status=Event.Status.CANCELLED)
    # The small province has a cancelled event: it counts nowhere, whether kept by the triggers or counted again.
    assert Event.objects.filter(status=Event.Status.CANCELLED).exists()
    assert sum(events for events, _target in kept_by_triggers.values()) == live_events.count()
    assert sum(target for _events, target in kept_by_triggers.values()) == sum(
        EventTarget.objects.filter(event__in=live_events).values_list("target", flat=True)
    )
    with connection.cursor() as cursor:  # as a restore without the tallies would leave them
        cursor.execute("DELETE FROM reports_eventtally")
        cursor.execute("DELETE FROM reports_volunteertally")

    out = StringIO()
    call_command("rebuild_report_tallies", stdout=out)

    assert event_tally() == kept_by_triggers
    assert volunteer_tally() == volunteers_kept
    said = out.getvalue()
    assert said.startswith("Report tallies rebuilt (8 volunteers): ")
    assert f"VolunteerTally {VolunteerTally.objects.count():,}" in said
    assert f"EventTally {len(kept_by_triggers):,}" in said
