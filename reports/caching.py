"""Report figures are cached for a few minutes and recomputed at once when anything they count has changed."""

import hashlib

from django.core.cache import cache
from django.utils import timezone

from config.routers import reads_from_replica
from reports import selectors
from reports.selectors import registry_stamp

# A change the stamp cannot see (a deleted row, a bulk update that skips updated_at) shows after this at the latest.
FRESH_FOR_SECONDS = 10 * 60
# How long a request computing figures keeps the others waiting on it at most (one that dies lets go after this).
COMPUTING_FOR_SECONDS = 60


def cached_figures(kind: str, compute, *, fy: int, province=None, refresh: bool = False) -> dict:
    """{"data": ..., "computed_at": datetime, "fresh_for_minutes": n}: from the cache when nothing has changed.

    After a change, one request computes the figures again; requests that come while it does are given the figures
    computed before the change (their time shows on the page), rather than each computing the same figures too: on a
    busy day a write every second would otherwise have every reader of the dashboard computing it at once."""
    stamp = registry_stamp(province)
    digest = hashlib.sha1(repr(stamp).encode()).hexdigest()[:16]
    today = timezone.localdate()
    scope = f"{kind}:{fy}:{province.code if province else 'all'}"
    # The running year is counted as at today (terms end on a day), so its figures are tomorrow's no longer.
    key = f"reports:{scope}:{today.isoformat()}:{digest}"
    entry = None if refresh else cache.get(key)
    if entry is not None:
        return entry
    computing, latest = f"reports:{scope}:computing", f"reports:{scope}:latest"
    if not refresh and not cache.add(computing, key, COMPUTING_FOR_SECONDS):
        previous = cache.get(latest)
        if previous is not None and timezone.localdate(previous["computed_at"]) == today:
            return previous
    try:
        with reads_from_replica():  # DATABASE_REPLICA_URL: the figures from the replica when it is caught up
            data = compute()
        entry = {
            "data": data,
            "computed_at": timezone.now(),
            "fresh_for_minutes": FRESH_FOR_SECONDS // 60,
            "key": key,  # rendered fragments of the page are cached under the same key
        }
        cache.set_many({key: entry, latest: entry}, FRESH_FOR_SECONDS)
    finally:
        if cache.get(computing) == key:
            cache.delete(computing)
    return entry


def dashboard_figures(fy: int, *, refresh: bool = False) -> dict:
    """The national dashboard's cache entry for `fy`: the page, its workbooks, the map, the API and open data share it."""
    return cached_figures("dashboard", lambda: selectors.dashboard(fy), fy=fy, refresh=refresh)


def province_figures(province, fy: int, *, refresh: bool = False) -> dict:
    """A province report's cache entry for `fy`: the page, its workbook and the API share it."""
    return cached_figures(
        "province", lambda: selectors.province_report(province, fy), fy=fy, province=province, refresh=refresh
    )
