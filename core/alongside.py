"""Independent read-only parts of one page computed side by side, in a few threads that each keep a connection.

psycopg2 lets go of the GIL while PostgreSQL works, so while one thread waits for its query, another runs its Python
or waits for its own query, on the other core. The national dashboard's figures, computed afresh, are a dozen such
queries: on bench/dashboard.py's fill (2 cores, medians of 15 pages, alternated runs of each way), one after the other
they took 87-112 ms, side by side 59-81 ms in threads that keep their connections, and 68-97 ms in threads started
for each page, whose new connections (a server process each, with cold catalogs) cost the difference.

started() hands the threads one part at a time: a roster's preview asks them for the registry's records of each
chunk of rows while it checks the next (rosters.validation.roster.RegistryLookup).
"""

import contextvars
import os
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import translation

_pool: ThreadPoolExecutor | None = None
_pool_pid: int | None = None
_pool_size = 0
_pool_lock = threading.Lock()


def in_transaction() -> bool:
    """Whether this thread's connections are inside a transaction: another connection would not see its writes."""
    return any(c.in_atomic_block for c in connections.all(initialized_only=True))


def _threads() -> ThreadPoolExecutor:
    # Made on first use in each process: a gunicorn worker forked from a master that had one would have its object
    # without its threads.
    global _pool, _pool_pid, _pool_size
    with _pool_lock:
        if _pool is None or _pool_pid != os.getpid():
            _pool_size = settings.REPORT_THREADS
            _pool = ThreadPoolExecutor(_pool_size, thread_name_prefix="alongside")
            _pool_pid = os.getpid()
        return _pool


def as_the_caller(function: Callable[[], object]) -> Callable[[], object]:
    """`function`, to be run in one of the threads as the caller would run it: in a copy of the caller's context
    variables (the replica chosen for the figures), in the caller's language, and with a connection renewed as a
    request renews it (one past CONN_MAX_AGE, or broken, is replaced).

    The language is set again in the thread because Django keeps it in an asgiref Local, whose values a copied
    context does not carry into another thread (asgiref 3.13 tags them with the thread that set them): the parts
    counted in the threads were in Thai for an English reader. Made once per task: a context is entered by one
    thread at a time."""
    context = contextvars.copy_context()
    language = translation.get_language()

    def in_thread():
        close_old_connections()
        with translation.override(language):
            return function()

    return partial(context.run, in_thread)


def in_turn(computes: dict[str, Callable]) -> Callable[[str], object]:
    """result(name) that computes that one when asked, in the caller's thread."""
    return lambda name: computes[name]()


@contextmanager
def computed_in_turn(computes: dict[str, Callable]) -> Iterator[Callable[[str], object]]:
    """computed_alongside() without threads."""
    yield in_turn(computes)


@contextmanager
def computed_alongside(computes: dict[str, Callable]) -> Iterator[Callable[[str], object]]:
    """Starts computing each of `computes` (name: function of no argument) in REPORT_THREADS threads, and yields
    result(name), which waits for that one and returns it, or raises what it raised.

    The threads take them in the order given (the longest first keeps the last from starting late). result(name)
    of one that no thread has started yet computes it in the caller's thread, which would otherwise only wait.

    Each thread reads through its own connections (Django's are per thread), kept between pages as a request keeps
    them (CONN_MAX_AGE, health checks), and runs as the caller would (as_the_caller(): its language, the replica
    chosen for the figures). Inside a transaction, or with REPORT_THREADS at 0, each is computed by result() in the
    caller's thread instead, where it sees what the transaction has written. On leaving, the ones not started are
    dropped and the running ones finished. A part must not call computed_alongside() itself: it would wait for the
    threads it holds."""
    threads = min(settings.REPORT_THREADS, len(computes))
    if threads < 1 or in_transaction():
        yield in_turn(computes)
        return
    futures: dict[str, Future] = {name: Future() for name in computes}
    pending: queue.SimpleQueue[str] = queue.SimpleQueue()
    for name in computes:
        pending.put(name)
    claimed: set[str] = set()
    claiming = threading.Lock()

    def compute(name: str) -> None:
        """Computes `name` here unless a thread (or the caller) has taken it already."""
        with claiming:
            if name in claimed:
                return
            claimed.add(name)
        settled(futures[name], computes[name])

    def work() -> None:
        while True:
            try:
                compute(pending.get_nowait())
            except queue.Empty:
                return

    def result(name: str):
        compute(name)
        return futures[name].result()

    pool = _threads()
    workers = [pool.submit(as_the_caller(work)) for _i in range(threads)]
    try:
        yield result
    finally:
        for future in futures.values():
            future.cancel()
        for worker in workers:
            worker.result()


def settled(future: Future, compute: Callable[[], object]) -> None:
    """The future given compute()'s result, or what it raised (result() raises it in the caller, as if it had
    computed it); nothing when the future was cancelled before it started."""
    if not future.set_running_or_notify_cancel():
        return
    try:
        future.set_result(compute())
    except BaseException as exc:
        future.set_exception(exc)


def started(compute: Callable[[], object]) -> Future:
    """compute() started in one of the threads, as computed_alongside() starts each of its parts (the thread's own
    connections, as_the_caller()): the Future's result() waits for it. Inside a transaction, or with
    REPORT_THREADS at 0, it is computed here and now instead, where it sees what the transaction has written."""
    if settings.REPORT_THREADS < 1 or in_transaction():
        future: Future = Future()
        settled(future, compute)
        return future

    return _threads().submit(as_the_caller(compute))


def close_connections() -> None:
    """Closes the threads' connections and ends the threads (the next computed_alongside() starts new ones): before a
    database they read is dropped, as the test run's is at its end."""
    global _pool
    with _pool_lock:
        pool, _pool, size = _pool, None, _pool_size
    if pool is None or _pool_pid != os.getpid():
        return
    # Each thread takes one of these tasks: the barrier holds a thread that has closed its connections until every
    # thread has taken one.
    barrier = threading.Barrier(size)

    def close() -> None:
        connections.close_all()
        barrier.wait()

    for future in [pool.submit(close) for _i in range(size)]:
        future.result()
    pool.shutdown()
