"""The fiscal years the reports offer, and the one a request asks for: the pages (?fy=), the API (?fiscal_year=)
and the open data choose through these."""

from core.thai import BE_OFFSET, current_fiscal_year

YEARS_OFFERED = 10


def fiscal_year_choices() -> list[int]:
    now = current_fiscal_year()
    return list(range(now, now - YEARS_OFFERED, -1))


def fiscal_year_asked(raw: str, *, christian_era_too: bool = False) -> int | None:
    """The fiscal year (BE) asked for: the current one when `raw` is blank, None when it is not one of the years
    offered. The pages (?fy=) and the API (?fiscal_year=) both choose through it. The pages also take the year as
    English pages show it (2026 for 2569): the two eras' offered years are 543 apart, so no number means both."""
    raw = raw.strip()
    if not raw:
        return current_fiscal_year()
    if not (raw.isascii() and raw.isdigit()):
        return None
    offered = fiscal_year_choices()
    if int(raw) in offered:
        return int(raw)
    if christian_era_too and int(raw) + BE_OFFSET in offered:
        return int(raw) + BE_OFFSET
    return None
