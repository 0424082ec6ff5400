"""Work other apps record of a volunteer (a case spotted, a month reported), which a time out of office may not
cover: the status page (volunteers.services.change_status) and the roster import's status dates ask it, so that the
registry never says a volunteer was out of office on a day another page shows them at work.

A time out of office is a span (first day out, day back): a resignation or a death from its day on, (day, None); a
suspension once its return is recorded, (day suspended, day back). A suspension alone is not checked: it may be
recorded late, and its return, recorded next, closes the span.

The apps that record work depend on the registry, not the other way round: each registers its check from its
AppConfig.ready(), and the registry knows them only through this list. A check takes {volunteer pk: span} and
answers {volunteer pk: why the span is wrong, in the active language} for those it records at work within it (by its
own reading of "serving then"), in one query for all of them.
"""

import datetime as dt
from collections.abc import Callable

Span = tuple[dt.date, dt.date | None]
WorkCheck = Callable[[dict[int, Span]], dict[int, str]]

_checks: dict[str, WorkCheck] = {}


def register(check: WorkCheck) -> WorkCheck:
    """Add `check` to those every time out of office is put to; registering it again (a second ready()) changes
    nothing."""
    _checks[f"{check.__module__}.{check.__qualname__}"] = check
    return check


def work_while_out(out: dict[int, Span]) -> dict[int, list[str]]:
    """{volunteer pk: [why their time out of office is wrong]} for those of `out` ({pk: span}) recorded at work within
    it; nobody listed when none were. One query per registered check."""
    found: dict[int, list[str]] = {}
    if not out:
        return found
    for check in _checks.values():
        for pk, message in check(out).items():
            found.setdefault(pk, []).append(message)
    return found
