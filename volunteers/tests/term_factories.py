"""Terms for test volunteers, dated from today, written the way volunteers.services keeps them: Term rows and the
latest term's end on the volunteer."""

import datetime as dt

from django.utils import timezone

from volunteers.models import Term, Volunteer


def days(n: int) -> dt.date:
    """Today plus n days (minus, for the past)."""
    return timezone.localdate() + dt.timedelta(days=n)


def with_terms(volunteer: Volunteer, *spans: tuple[dt.date, dt.date], order_no: str = "") -> Volunteer:
    """Give `volunteer` the terms (start, end), oldest first; the last one is their current term."""
    for number, (starts_on, ends_on) in enumerate(spans, start=1):
        Term.objects.create(
            volunteer=volunteer, order_no=order_no or f"คำสั่งที่ {number}/ทดสอบ", starts_on=starts_on, ends_on=ends_on
        )
    latest = max(end for _start, end in spans)
    Volunteer.objects.filter(pk=volunteer.pk).update(term_ends_on=latest, appointed_on=spans[0][0])
    volunteer.refresh_from_db()
    return volunteer


def ending_in(volunteer: Volunteer, n: int) -> Volunteer:
    """One three-year term whose last day is today + n (n < 0: it ended -n days ago)."""
    end = days(n)
    return with_terms(volunteer, (end - dt.timedelta(days=3 * 365), end))
