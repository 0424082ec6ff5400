"""The report cache: in files by default (FastFileBasedCache), or on Redis, where a Redis that is down or unreachable
is a cache miss, never an error page.

Django's own RedisCache raises on every call when Redis cannot be reached, and django-environ points a redis://
CACHE_URL at it; the reports would then answer 500 although PostgreSQL, which holds every figure, is up. This
subclass logs the failure once per outage, answers as if the key were missing, and stops asking Redis for a few
seconds: on a blackholed address every attempt waits for the connect timeout, which would slow every page.
"""

import itertools
import logging
import pickle
import time
import zlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds: how long one call may wait for Redis, and how long a failed Redis is left alone before the next try.
CONNECT_TIMEOUT = 1.0
READ_TIMEOUT = 2.0
RETRY_AFTER = 5.0


def with_timeouts(url: str, *, read_timeout: float | None = READ_TIMEOUT) -> str:
    """The Redis URL with connect and read timeouts unless it names its own (redis-py reads them from the query)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.setdefault("socket_connect_timeout", str(CONNECT_TIMEOUT))
    if read_timeout is not None:
        query.setdefault("socket_timeout", str(read_timeout))
    return urlunsplit(parts._replace(query=urlencode(query)))


class ForgivingRedisCache(RedisCache):
    """RedisCache whose failures are misses (reads), no-ops (writes) and a warning in the log."""

    def __init__(self, server, params):
        servers = server.split(",") if isinstance(server, str) else server
        super().__init__([with_timeouts(s) for s in servers], params)
        self._down_until = 0.0

    def _call(self, name, default, *args):
        if time.monotonic() < self._down_until:
            return default
        try:
            result = getattr(super(), name)(*args)
        except RedisError as exc:
            if not self._down_until:
                logger.warning("Redis cache unreachable (%s): pages are computed from the database.", exc)
            self._down_until = time.monotonic() + RETRY_AFTER
            return default
        self._down_until = 0.0
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", None, key, delta, version)

    def clear(self):
        return self._call("clear", False)


class FastFileBasedCache(FileBasedCache):
    """Django's file cache, writing its entries uncompressed (zlib's stored blocks) instead of at zlib's level 6.

    A report's entry is tens to hundreds of kilobytes of figures or HTML, written once per change and read many
    times. Compressing took longer than pickling (0.42 against 0.16 ms for the dashboard's figures), and a national
    dashboard computed afresh writes a dozen entries: level 6 had cost over 10 ms of it, level 1 still 3-4 ms (the
    page's medians of 15, three alternated runs: 53.3-54.2 ms at level 1, 49.5-51.4 ms stored). The entries take
    about 3.7 times the disk (a dashboard and a province report: 486 KB against 131 KB at level 1; MAX_ENTRIES
    bounds them). Stored blocks are zlib's format still: Django's reader reads them, and older entries still read."""

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), 0))

    # Django lists the whole directory before every write, to see whether it holds MAX_ENTRIES yet: 1.5 ms at 2,000
    # entries, on each of the dozen writes of a dashboard computed afresh. Every CULL_CHECK_EVERY-th write of a process
    # looks instead, so the directory can run over MAX_ENTRIES by that many writes per process before it is culled.
    CULL_CHECK_EVERY = 50
    _writes = itertools.count(1)

    def _cull(self):
        if next(self._writes) % self.CULL_CHECK_EVERY == 0:
            super()._cull()
