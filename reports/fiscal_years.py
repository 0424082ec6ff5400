"""The fiscal years the reports offer, and the one a request asks for: the pages (?fy=), the API (?fiscal_year=)
and the open data choose through these."""

from core.thai import current_fiscal_year

YEARS_OFFERED = 10


def fiscal_year_choices() -> list[int]:
    now = current_fiscal_year()
    return list(range(now, now - YEARS_OFFERED, -1))


def fiscal_year_asked(raw: str) -> int | None:
    """The fiscal year (BE) asked for: the current one when `raw` is blank, None when it is not one of the years
    offered. The pages (?fy=) and the API (?fiscal_year=) both choose through it."""
    raw = raw.strip()
    if not raw:
        return current_fiscal_year()
    if raw.isascii() and raw.isdigit() and int(raw) in fiscal_year_choices():
        return int(raw)
    return None
