"""Work other apps record of a volunteer (a case spotted, a month reported), which a step out of office may not come
before: the status page (volunteers.services.change_status) and the roster import's status dates ask it, so that the
registry never says a volunteer had left on a day another page shows them at work.

The apps that record work depend on the registry, not the other way round: each registers its check from its
AppConfig.ready(), and the registry knows them only through this list. A check takes {volunteer pk: the day they
leave office} and answers {volunteer pk: why that day is too early, in the active language} for those it records at
work on or after it (by its own reading of "serving then"), in one query for all of them.
"""

import datetime as dt
from collections.abc import Callable

LeavingCheck = Callable[[dict[int, dt.date]], dict[int, str]]

_checks: dict[str, LeavingCheck] = {}


def register(check: LeavingCheck) -> LeavingCheck:
    """Add `check` to those every leaving date is put to; registering it again (a second ready()) changes nothing."""
    _checks[f"{check.__module__}.{check.__qualname__}"] = check
    return check


def work_after_leaving(leaving: dict[int, dt.date]) -> dict[int, list[str]]:
    """{volunteer pk: [why their leaving day is too early]} for those of `leaving` ({pk: the day they leave office})
    recorded at work after it; nobody listed when all may leave then. One query per registered check."""
    found: dict[int, list[str]] = {}
    if not leaving:
        return found
    for check in _checks.values():
        for pk, message in check(leaving).items():
            found.setdefault(pk, []).append(message)
    return found
