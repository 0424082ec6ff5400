"""Reports and the dashboard read from a PostgreSQL streaming replica when DATABASE_REPLICA_URL names one.

Only the figures computed inside `reads_from_replica()` (reports.caching, where every report and the dashboard are
computed) go to the replica; sign-in, sessions, the pages' own lookups and every write stay on the primary. The
replica is used only when it has replayed everything the primary had written when the block began, so a report
opened right after an import counts the import; a replica that lags, is down or cannot be reached is skipped, with
a warning in the log, and the figures come from the primary. A write inside the block sends the rest of the
block's reads to the primary too.
"""

import contextvars
import logging
import time
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
# After a failed attempt the replica is left alone this long, so that a replica that is down costs one connect
# timeout per interval, not one per page.
RETRY_AFTER_SECONDS = 10.0
# A streaming standby replays within tens of milliseconds; on a busy primary it is always a little behind what was
# just written (by anyone), so the check waits this long for it before reading from the primary instead. Only the
# computation of figures missing from the report cache pays it.
CATCH_UP_WAIT_SECONDS = 0.5

_read_from = contextvars.ContextVar("read_from", default=None)
_skip_until = 0.0


def replica_database(url: str, *, conn_max_age: int) -> dict:
    """The DATABASES entry for DATABASE_REPLICA_URL; in tests, a mirror of the primary (Django's MIRROR)."""
    from config.env import env

    config = env.db_url_config(url)
    config["CONN_MAX_AGE"] = conn_max_age
    config["CONN_HEALTH_CHECKS"] = True
    config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    config["TEST"] = {"MIRROR": DEFAULT_DB_ALIAS}
    return config


class NotAStandby(DatabaseError):
    """DATABASE_REPLICA_URL names a server that is not a streaming standby of the primary (a copy, another
    cluster, a logical subscriber): its figures could be of any day, so it is never read."""


def _is_the_primary_itself() -> bool:
    # Django's test mirror, or a URL naming the primary's own database: reading it is reading the primary.
    primary, replica = connections[DEFAULT_DB_ALIAS].settings_dict, connections[REPLICA].settings_dict
    return all(primary.get(key) == replica.get(key) for key in ("NAME", "HOST", "PORT"))


def replica_caught_up() -> bool:
    """Whether the replica has replayed all the primary has written, waiting a moment for it; raises DatabaseError
    when either server cannot be reached, NotAStandby when the replica is no standby of the primary."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        # The end of the last WAL record: pg_current_wal_lsn() can point past it (to the end of a written page),
        # where a standby that has replayed everything never gets.
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text, (SELECT system_identifier FROM pg_control_system())")
        written, cluster = cursor.fetchone()
    deadline = time.monotonic() + CATCH_UP_WAIT_SECONDS
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), (SELECT system_identifier FROM pg_control_system())")
        in_recovery, replica_cluster = cursor.fetchone()
        if not in_recovery:
            if _is_the_primary_itself():
                return True
            raise NotAStandby("the server is not in recovery: not a standby")
        if replica_cluster != cluster:
            raise NotAStandby("the server is a standby of another cluster")
        while True:
            cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, false)", [written])
            if cursor.fetchone()[0]:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)


def usable_replica() -> str | None:
    if REPLICA not in connections.settings or time.monotonic() < _skip_until:
        return None
    try:
        if replica_caught_up():
            return REPLICA
        logger.warning("The database replica lags behind the primary: reports read from the primary.")
    except NotAStandby as exc:
        logger.warning("DATABASE_REPLICA_URL is not a standby of the primary (%s): reports read from the primary.", exc)
        leave_replica_alone()
    except DatabaseError as exc:
        logger.warning("The database replica cannot be reached (%s): reports read from the primary.", exc)
        leave_replica_alone()
    return None


def leave_replica_alone() -> None:
    global _skip_until
    _skip_until = time.monotonic() + RETRY_AFTER_SECONDS
    if connections[REPLICA].connection is not None:
        connections[REPLICA].close()


@contextmanager
def reads_from_replica():
    """Reads inside this block go to the replica when it is up and caught up, else to the primary."""
    token = _read_from.set(usable_replica())
    try:
        yield
    finally:
        _read_from.reset(token)


def computed_on_replica(compute):
    """compute() with its reads on the replica (reads_from_replica); when the replica's connection fails meanwhile (a
    standby restarting), computed again on the primary rather than failing the page."""
    with reads_from_replica():
        on_replica = _read_from.get() == REPLICA
        try:
            return compute()
        except (OperationalError, InterfaceError) as exc:
            if not on_replica:
                raise
            logger.warning("The database replica failed during a report (%s): computed again on the primary.", exc)
            leave_replica_alone()
    with reads_from_replica():
        return compute()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return _read_from.get()

    def db_for_write(self, model, **hints):
        # What the block writes, it must read back from where it wrote it.
        _read_from.set(None)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # A standby is read-only: it gets the tables by replaying the primary.
        return db != REPLICA
