"""The report cache in files (config.cache.FastFileBasedCache, the default): what is written reads back, the directory
stays bounded by MAX_ENTRIES, and a write does not list the whole directory each time (a dozen listings of up to
2,000 files for each dashboard computed afresh)."""

import os
from unittest import mock

from config.cache import FastFileBasedCache

FIGURES = {"rows": [{"province": p, "active": p * 10} for p in range(77)]}


def cache_in(folder, max_entries: int) -> FastFileBasedCache:
    return FastFileBasedCache(str(folder), {"OPTIONS": {"MAX_ENTRIES": max_entries}})


def entries(folder) -> int:
    return sum(name.endswith(".djcache") for name in os.listdir(folder))


def test_what_is_written_reads_back_uncompressed_and_whole(tmp_path):
    cache = cache_in(tmp_path, 100)
    cache.set("dashboard:2569", FIGURES)
    assert cache.get("dashboard:2569") == FIGURES
    assert cache.get("dashboard:2570") is None


def test_the_directory_stays_within_its_bound_however_much_is_written(tmp_path):
    cache = cache_in(tmp_path, 100)
    most = 0
    for n in range(600):
        cache.set(f"report:{n}", n)
        most = max(most, entries(tmp_path))
    assert most <= 100 + FastFileBasedCache.CULL_CHECK_EVERY
    assert entries(tmp_path) < 600  # it was culled, not left to grow
    assert cache.get("report:599") == 599  # the latest write is kept


def test_a_write_lists_the_directory_only_now_and_then(tmp_path):
    cache = cache_in(tmp_path, 2000)
    with mock.patch.object(FastFileBasedCache, "_list_cache_files", autospec=True, return_value=[]) as listing:
        for n in range(200):
            cache.set(f"part:{n}", n)
    assert listing.call_count <= 200 // FastFileBasedCache.CULL_CHECK_EVERY
