"""Report figures are cached for a few minutes and recomputed at once when anything they count has changed."""

import hashlib

from django.core.cache import cache
from django.utils import timezone

from config.routers import reads_from_replica
from reports import selectors
from reports.selectors import registry_stamp

# A change the stamp cannot see (a deleted row, a bulk update that skips updated_at) shows after this at the latest.
FRESH_FOR_SECONDS = 10 * 60


def cached_figures(kind: str, compute, *, fy: int, province=None, refresh: bool = False) -> dict:
    """{"data": ..., "computed_at": datetime, "fresh_for_minutes": n}: from the cache when nothing has changed."""
    stamp = registry_stamp(province)
    digest = hashlib.sha1(repr(stamp).encode()).hexdigest()[:16]
    # The running year is counted as at today (terms end on a day), so its figures are tomorrow's no longer.
    key = f"reports:{kind}:{fy}:{province.code if province else 'all'}:{timezone.localdate().isoformat()}:{digest}"
    entry = None if refresh else cache.get(key)
    if entry is None:
        with reads_from_replica():  # DATABASE_REPLICA_URL: the figures from the replica when it is caught up
            data = compute()
        entry = {
            "data": data,
            "computed_at": timezone.now(),
            "fresh_for_minutes": FRESH_FOR_SECONDS // 60,
            "key": key,  # rendered fragments of the page are cached under the same key
        }
        cache.set(key, entry, FRESH_FOR_SECONDS)
    return entry


def dashboard_figures(fy: int, *, refresh: bool = False) -> dict:
    """The national dashboard's cache entry for `fy`: the page, its workbooks, the map, the API and open data share it."""
    return cached_figures("dashboard", lambda: selectors.dashboard(fy), fy=fy, refresh=refresh)


def province_figures(province, fy: int, *, refresh: bool = False) -> dict:
    """A province report's cache entry for `fy`: the page, its workbook and the API share it."""
    return cached_figures(
        "province", lambda: selectors.province_report(province, fy), fy=fy, province=province, refresh=refresh
    )
