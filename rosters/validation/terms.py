"""The terms of office a roster's rows mean, checked against the registry's terms in one query.

A row's appointment date (วันที่แต่งตั้ง) is the start of a term, its order number (เลขที่คำสั่งแต่งตั้ง) that
term's order, and its term end (วันสิ้นสุดวาระ) that term's last day, blank for the default
(volunteers.rules.default_term_end). What the row does to a known volunteer's terms:

1. No appointment date: nothing (a term end without one is refused: a term needs its start).
2. No term on record yet: the row's appointment is their first term, as on registration.
3. The date (and, when the file has the column, the order) of one of their terms: that term, nothing changes. A term
   end typed for their current (latest) term that differs from it corrects that term's end.
4. A date after their current term's end: a re-appointment. A new term, the old ones kept; the record's appointment
   date and order stay their first appointment's (as volunteers.services.reappoint keeps them); a resigned volunteer
   whose status cell is blank becomes active again, from a term that has begun (rules.early_return_error); the
   deceased are refused.
5. With one term only, anything else corrects it (start, order, end), as volunteers.services.sync_first_term does for
   the edit form; except a later date with another order number, which is a new appointment during the running term
   and refused as overlapping it (an officer who means a correction of both the date and the order of an appointment
   can make it on the volunteer's page).
6. With several terms, anything else is another term, refused when it overlaps one of theirs.

Every check is a rule of volunteers.rules (term_error, overlapping_term_error, reappointment_error), the same the
forms and the services apply; this module only decides which of them a row is.
"""

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from volunteers import rules
from volunteers.models import Term, Volunteer


class TermProblem(Exception):
    def __init__(self, column: str, message: str):
        self.column = column
        super().__init__(message)


class KnownTerm(NamedTuple):
    # A tuple, not a frozen dataclass: a re-imported file builds one per volunteer, and a frozen dataclass's
    # __init__ cost a tenth of the match.
    pk: int
    order_no: str
    starts_on: dt.date
    ends_on: dt.date


@dataclass
class TermStep:
    """What a row does to a known volunteer's terms: `kind` "none", "first", "new" or "correct"."""

    kind: str = "none"
    term_pk: int | None = None  # the term a correction changes
    order_no: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    term_ends_on: dt.date | None = None  # the volunteer's current term end afterwards (for kinds other than "none")
    keeps_appointment: bool = False  # a re-appointment: the record's appointment stays the first one
    reactivates: bool = False  # a resigned volunteer appointed again


NO_STEP = TermStep()  # most rows of a re-imported file: shared, as nothing changes a step once made


def known_terms(pks: list[int]) -> dict[int, tuple[str, list[KnownTerm]]]:
    """{volunteer pk: (status, their terms by start)} for the volunteers in a file, in one query."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.id, v.status, t.id, t.order_no, t.starts_on, t.ends_on FROM {quote(Volunteer._meta.db_table)} v "
            f"LEFT JOIN {quote(Term._meta.db_table)} t ON t.volunteer_id = v.id WHERE v.id = ANY(%s::bigint[]) "
            "ORDER BY v.id, t.starts_on",
            ["{" + ",".join(str(int(pk)) for pk in pks) + "}"],  # one array literal: quicker than ARRAY[...]
        )
        found: dict[int, tuple[str, list[KnownTerm]]] = {}
        get = found.get
        for pk, status, term_pk, order_no, starts_on, ends_on in cursor.fetchall():
            known = get(pk)
            if known is None:
                known = found[pk] = (status, [])
            if term_pk is not None:
                known[1].append(KnownTerm(term_pk, order_no, starts_on, ends_on))
        return found


def first_term_end(starts_on: dt.date | None, ends_on: dt.date | None) -> dt.date | None:
    """The last day of a new volunteer's first term (None without an appointment date), or TermProblem."""
    if starts_on is None:
        if ends_on is not None:
            raise TermProblem("appointed_on", rules.term_error(None, ends_on) or "")
        return None
    if error := rules.appointment_date_error(starts_on, timezone.localdate()):
        raise TermProblem("appointed_on", error)
    ends_on = ends_on or rules.default_term_end(starts_on)
    if error := rules.term_error(starts_on, ends_on):
        raise TermProblem("term_ends_on", error)
    return ends_on


def step_for_known(*, status: str, terms: list[KnownTerm], starts_on, order_no: str | None, ends_on) -> TermStep:
    """What the row (starts_on, order_no: None when the file has no order column, ends_on: None when blank) does to
    a known volunteer's `terms` (by start); TermProblem when a rule refuses it."""
    if starts_on is None:
        first_term_end(None, ends_on)
        return NO_STEP
    if not terms:
        end = first_term_end(starts_on, ends_on)
        return TermStep("first", None, order_no or "", starts_on, end, end)
    current = terms[-1]
    for term in terms:
        if term.starts_on == starts_on and (order_no is None or term.order_no == order_no):
            if term is current and ends_on is not None and ends_on != term.ends_on:
                return _correction(term, terms, term.order_no, starts_on, ends_on)
            return NO_STEP
    later_order = order_no is not None and order_no != current.order_no and starts_on > current.starts_on
    if len(terms) == 1 and starts_on <= current.ends_on and not later_order:
        order = current.order_no if order_no is None else order_no
        return _correction(current, terms, order, starts_on, ends_on or rules.default_term_end(starts_on))
    return _new_term(status, terms, order_no or "", starts_on, ends_on)


def _correction(term: KnownTerm, terms: list[KnownTerm], order_no: str, starts_on, ends_on) -> TermStep:
    if len(terms) == 1 and (error := rules.appointment_date_error(starts_on, timezone.localdate())):
        # The only term's start is the record's appointment date.
        raise TermProblem("appointed_on", error)
    if error := rules.term_error(starts_on, ends_on):
        raise TermProblem("term_ends_on", error)
    others = [(t.starts_on, t.ends_on) for t in terms if t is not term]
    if error := rules.overlapping_term_error(starts_on, ends_on, others):
        raise TermProblem("appointed_on", error)
    latest = max([(t.starts_on, t.ends_on) for t in terms if t is not term] + [(starts_on, ends_on)])
    return TermStep("correct", term.pk, order_no, starts_on, ends_on, latest[1])


def _new_term(status: str, terms: list[KnownTerm], order_no: str, starts_on, ends_on) -> TermStep:
    if error := rules.reappointment_error(status):
        raise TermProblem("appointed_on", error)
    ends_on = ends_on or rules.default_term_end(starts_on)
    if error := rules.term_error(starts_on, ends_on):
        raise TermProblem("term_ends_on", error)
    if error := rules.overlapping_term_error(starts_on, ends_on, [(t.starts_on, t.ends_on) for t in terms]):
        raise TermProblem("appointed_on", error)
    current = terms[-1]
    latest = starts_on > current.starts_on
    if latest and (error := rules.early_return_error(status, starts_on, timezone.localdate())):
        raise TermProblem("appointed_on", error)
    return TermStep(
        "new",
        None,
        order_no,
        starts_on,
        ends_on,
        ends_on if latest else current.ends_on,
        keeps_appointment=True,
        reactivates=latest and status == Volunteer.Status.RESIGNED,
    )
