"""A returned volunteer's latest absence from office, kept on their record (Volunteer.absent_from, absent_until,
absence_status) so that the reports count them as not serving at the ends of the fiscal years in between.

A volunteer's status and term end are only the latest of their story: one suspended in 2565 and active again in 2568,
one who resigned and was appointed again, or one whose term ended two years before the next began, reads as serving
all along. The status changes and the terms hold the whole story; the reports' tallies read one row a volunteer, so the
latest absence is put on that row, derived from them here after every write that can end one: a step back to active
(volunteers.services.change_status, the roster import's status changes) and a new term (volunteers.services.reappoint,
the roster import's re-appointments).

Only the latest absence is kept: a volunteer away twice is counted as serving through the earlier absence (rare; the
history pages show both).
"""

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from django.db import connection

from volunteers.rules import TERM_ENDED, Status

DAY = dt.timedelta(days=1)


class Absence(NamedTuple):
    began: dt.date
    ended: dt.date  # the day they served again
    status: str  # suspended, resigned, or TERM_ENDED (between terms)


def status_absences(changes: Iterable[tuple[dt.date, str, str]]) -> list[Absence]:
    """The absences a volunteer's status changes [(changed_on, from, to)], in the order they happened, record: from
    the first step out of active to the next step back to it, named by the status held just before the return."""
    absences, left_on = [], None
    for changed_on, from_status, to_status in changes:
        if to_status == Status.ACTIVE:
            if left_on is not None and changed_on > left_on:
                absences.append(Absence(left_on, changed_on, from_status))
            left_on = None
        elif left_on is None and to_status in (Status.SUSPENDED, Status.RESIGNED):
            left_on = changed_on
    return absences


def term_gaps(terms: Iterable[tuple[dt.date, dt.date]]) -> list[Absence]:
    """The days between a volunteer's terms [(starts_on, ends_on)], in order of start: out of office (ครบวาระ) from
    the day after one term ended to the first day of the next."""
    gaps, covered_until = [], None
    for starts_on, ends_on in terms:
        if covered_until is not None and starts_on > covered_until + DAY:
            gaps.append(Absence(covered_until + DAY, starts_on, TERM_ENDED))
        covered_until = ends_on if covered_until is None else max(covered_until, ends_on)
    return gaps


def latest_absence(changes, terms) -> Absence | None:
    """The absence that ended last, joined with any other that overlaps it (a resignation after a term ended, ended by
    the next appointment, is one absence); the status changes name it rather than the terms when both do."""
    absences = sorted([*status_absences(changes), *term_gaps(terms)], key=lambda a: a.ended, reverse=True)
    if not absences:
        return None
    latest = absences[0]
    for other in absences[1:]:
        if other.ended < latest.began:
            break
        status = latest.status if latest.status != TERM_ENDED else other.status
        latest = Absence(min(latest.began, other.began), latest.ended, status)
    return latest


def record_absences(volunteer_ids: Iterable[int] | None = None) -> int:
    """Derive the latest absence of the given volunteers (None: of everyone who ever came back or has several terms,
    and of anyone whose record says so) from their status changes and terms, and write it where it differs. Returns the
    volunteers whose absence changed. Call it inside the transaction of the write."""
    ids = None if volunteer_ids is None else sorted(set(volunteer_ids))
    if ids == []:
        return 0
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(
                "SELECT volunteer_id FROM volunteers_statuschange WHERE to_status = %s "
                "UNION SELECT volunteer_id FROM volunteers_term GROUP BY volunteer_id HAVING count(*) > 1 "
                "UNION SELECT id FROM volunteers_volunteer WHERE absent_from IS NOT NULL",
                [Status.ACTIVE],
            )
            ids = sorted(pk for (pk,) in cursor.fetchall())
        changes: dict[int, list] = {pk: [] for pk in ids}
        terms: dict[int, list] = {pk: [] for pk in ids}
        cursor.execute(
            "SELECT volunteer_id, changed_on, from_status, to_status FROM volunteers_statuschange "
            "WHERE volunteer_id = ANY(%s) ORDER BY volunteer_id, changed_on, recorded_at, id",
            [ids],
        )
        for pk, *change in cursor.fetchall():
            changes[pk].append(change)
        cursor.execute(
            "SELECT volunteer_id, starts_on, ends_on FROM volunteers_term WHERE volunteer_id = ANY(%s) "
            "ORDER BY volunteer_id, starts_on",
            [ids],
        )
        for pk, *term in cursor.fetchall():
            terms[pk].append(term)
        began, ended, status = [], [], []
        for pk in ids:
            absence = latest_absence(changes[pk], terms[pk])
            began.append(absence.began if absence else None)
            ended.append(absence.ended if absence else None)
            status.append(absence.status if absence else "")
        # Derived values, not an edit: pghistory's trigger leaves these columns out (volunteers.models.UNTRACKED), and
        # the report tallies' triggers move the volunteer to the key of their new absence.
        cursor.execute(
            "UPDATE volunteers_volunteer AS v SET absent_from = a.began, absent_until = a.ended, "
            "absence_status = a.status "
            "FROM unnest(%s::bigint[], %s::date[], %s::date[], %s::varchar[]) AS a(id, began, ended, status) "
            "WHERE v.id = a.id "
            "AND (v.absent_from, v.absent_until, v.absence_status) IS DISTINCT FROM (a.began, a.ended, a.status)",
            [ids, began, ended, status],
        )
        return cursor.rowcount
