"""Report figures are cached for a few minutes and recomputed at once when anything they count has changed.

The national dashboard is recomputed in parts, so that a change costs what it touches rather than a count of the
whole country (measured in bench/dashboard.py: 178 ms for everything, 67 ms after an edit to one volunteer):
- each province's volunteer figures and quota coverage (province_parts), kept with that province's change stamp;
- each section of the rest (section_keeper): mentors, training, and the results' reporting rates, people reached and
  cases, kept with the registry_stamp() values of what it counts (SECTION_STAMPS), and counted in threads of their
  own while the request's thread counts the provinces (core.alongside).
"""

import hashlib
import time
from functools import partial

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from config.routers import computed_on_replica
from core.alongside import computed_alongside
from reports import selectors
from reports.selectors import registry_stamp

# A change the stamp cannot see (a deleted row, a bulk update that skips updated_at) shows after this at the latest.
FRESH_FOR_SECONDS = 10 * 60
# How long a request computing figures keeps the others waiting on it at most (one that dies lets go after this).
COMPUTING_FOR_SECONDS = 60


def cached_figures(
    kind: str, compute, *, fy: int, province=None, refresh: bool = False, in_language: bool = False
) -> dict:
    """{"data": ..., "computed_at": datetime, "fresh_for_minutes": n}: from the cache when nothing has changed, else
    compute(registry_stamp) computes it.

    After a change, one request computes the figures again; requests that come while it does are given the figures
    computed before the change (their time shows on the page), rather than each computing the same figures too: on a
    busy day a write every second would otherwise have every reader of the dashboard computing it at once.

    `in_language`: the figures hold text in the page's language (names titled, labels), and are kept for each."""
    stamp = registry_stamp(province)
    moves = cache.get(_moves_key(province)) if province is not None else None
    digest = hashlib.sha1(repr((stamp, moves)).encode()).hexdigest()[:16]
    today = timezone.localdate()
    scope = f"{kind}:{fy}:{province.code if province else 'all'}"
    if in_language:
        scope += f":{get_language()}"
    # The running year is counted as at today (terms end on a day), so its figures are tomorrow's no longer.
    key = f"reports:{scope}:{today.isoformat()}:{digest}"
    entry = None if refresh else cache.get(key)
    if entry is not None:
        return entry
    computing, latest = f"reports:{scope}:computing", f"reports:{scope}:latest"
    if not refresh and not cache.add(computing, key, COMPUTING_FOR_SECONDS):
        previous_key = cache.get(latest)
        previous = cache.get(previous_key) if previous_key else None
        if previous is not None and timezone.localdate(previous["computed_at"]) == today:
            return previous
    try:
        # DATABASE_REPLICA_URL: the figures from the replica when it is caught up (else, or if it fails, the primary).
        data = computed_on_replica(lambda: compute(stamp))
        entry = {
            "data": data,
            "computed_at": timezone.now(),
            "fresh_for_minutes": FRESH_FOR_SECONDS // 60,
            "key": key,  # rendered fragments of the page are cached under the same key
        }
        # `latest` names the entry rather than holding a copy: the figures are pickled and compressed once.
        cache.set_many({key: entry, latest: key}, FRESH_FOR_SECONDS)
    finally:
        if cache.get(computing) == key:
            cache.delete(computing)
    return entry


def dashboard_figures(fy: int, *, refresh: bool = False) -> dict:
    """The national dashboard's cache entry for `fy`: the page, its workbooks, the map, the API and open data share it."""

    def compute(stamp):
        keep = section_keeper(fy, stamp, refresh=refresh)
        sections = selectors.dashboard_sections(fy, timezone.localdate())
        # The sections are counted alongside the provinces' rows, which this thread counts meanwhile.
        with computed_alongside({name: partial(keep, name, f) for name, f in sections.items()}) as section:
            parts = province_parts(fy, refresh=refresh)
            return selectors.dashboard(fy, parts=parts, section=section)

    return cached_figures("dashboard", compute, fy=fy, refresh=refresh)


# The registry_stamp() values each section of the dashboard counts from (selectors.dashboard's `keep`): a change to
# anything else leaves the section as it was. The serving volunteers of each month (the reporting rate's expected
# reports) follow the volunteers, their terms and status changes.
SECTION_STAMPS = {
    "mentors": ("mentors",),
    "training": ("events", "targets", "registrations", "cancelled_registrations", "attendance"),
    "rates": ("volunteers", "status_changes", "terms", "reports"),
    "people": ("reports",),
    "cases": ("cases",),
}


def section_keeper(fy: int, stamp: tuple, *, refresh: bool = False):
    """keep(section, compute) for the registry as `stamp` finds it: each of selectors.dashboard_sections() from the
    cache while what it counts is unchanged, for FRESH_FOR_SECONDS at most, like every figure, else compute()."""
    latest = dict(zip(selectors.REGISTRY_STAMP_FIELDS, stamp, strict=True))
    today = timezone.localdate().isoformat()

    def keep(section: str, compute):
        values = [latest[name] for name in SECTION_STAMPS[section]]
        key = "reports:section:" + hashlib.sha1(repr((section, fy, today, values)).encode()).hexdigest()[:20]
        kept = None if refresh else cache.get(key)
        if kept is None:
            kept = compute()
            cache.set(key, kept, FRESH_FOR_SECONDS)
        return kept

    return keep


PARTS_GENERATION = "reports:parts:generation"


def province_parts(fy: int, *, refresh: bool = False) -> dict:
    """selectors.province_parts(fy) of every province, each kept with its own province's change stamp: after an edit
    in one province, the dashboard counts that province's volunteers again, not the million of the country.

    What the stamps cannot see: the province a volunteer moved out of (forget_moved_volunteers_provinces(), on the
    registry's signal)."""
    generation = cache.get(PARTS_GENERATION)
    if generation is None:
        cache.add(PARTS_GENERATION, time.time_ns(), None)
        generation = cache.get(PARTS_GENERATION)
    stamps, quotas = selectors.province_stamps()
    # One entry for the 77: {province_id: (stamp, computed at, part)}; two requests storing it at once each store
    # a true one.
    key = f"reports:parts:{fy}:{timezone.localdate().isoformat()}:{generation}:{quotas}"
    kept = {} if refresh else (cache.get(key) or {})
    now = time.time()
    usable = {
        pk: kept[pk]
        for pk, latest in stamps.items()
        if pk in kept and kept[pk][0] == latest and now - kept[pk][1] < FRESH_FOR_SECONDS
    }
    missing = [pk for pk in stamps if pk not in usable]
    if missing:
        fresh = selectors.province_parts(fy, missing if len(missing) < len(stamps) else None)
        usable |= {pk: (stamps[pk], now, fresh.get(pk, selectors.EMPTY_PART)) for pk in missing}
        cache.set(key, usable, FRESH_FOR_SECONDS)
    return {pk: part for pk, (_, _, part) in usable.items()}


def forget_province_parts(**_signal) -> None:
    """Count every province again at the next dashboard: a change happened that the provinces' stamps cannot see."""
    cache.set(PARTS_GENERATION, time.time_ns(), None)


def _moves_key(province) -> str:
    return f"reports:province:{province.pk}:moved"


def forget_moved_volunteers_provinces(*, from_province, to_province, **_signal) -> None:
    """After a volunteer moved: the dashboard counts every province again, and both provinces' reports are
    computed afresh (the province left has no row whose change its stamp would show)."""
    forget_province_parts()
    now = time.time_ns()
    cache.set_many({_moves_key(from_province): now, _moves_key(to_province): now}, None)


def province_figures(province, fy: int, *, refresh: bool = False) -> dict:
    """A province report's cache entry for `fy`: the page, its workbook and the API share it. Kept for each language:
    its departures carry their status, titled names and places as the language writes them (selectors.leaver_list)."""
    return cached_figures(
        "province",
        lambda _stamp: selectors.province_report(province, fy, alongside=computed_alongside),
        fy=fy,
        province=province,
        refresh=refresh,
        in_language=True,
    )
