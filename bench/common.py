"""Shared set-up for benchmarks: a database of their own on the same PostgreSQL server, migrated, with geography."""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(database_name: str) -> None:
    """Point Django at `database_name` (created if missing) on DATABASE_URL's server or the embedded one, then migrate."""
    import environ

    base_url = os.environ.get("DATABASE_URL")
    if not base_url:
        from config import localdb

        base_url = localdb.ensure_database_url()
    config = environ.Env.db_url_config(base_url)
    import psycopg2

    admin = psycopg2.connect(
        dbname=config["NAME"],
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"] or config.get("OPTIONS", {}).get("host"),
        port=config["PORT"] or None,
    )
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database_name])
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{database_name}"')
    admin.close()
    # The embedded server's URL carries its socket folder in ?host=/..., so split the query off first.
    url_path, _, query = base_url.partition("?")
    os.environ["DATABASE_URL"] = url_path.rsplit("/", 1)[0] + "/" + database_name + ("?" + query if query else "")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from provinces.services import load_geography

    load_geography()


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summarize(samples_ms: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(samples_ms), "p95": percentile(samples_ms, 0.95)}


class Stopwatch:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
