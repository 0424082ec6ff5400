"""Shared set-up for benchmarks: a database of their own on the same PostgreSQL server, migrated, with geography."""

import csv
import datetime as dt
import io
import json
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


def database_name(base: str, size: int, default_size: int) -> str:
    """The benchmark's database for `size`: its usual name at the usual size, another one otherwise, so a small trial
    run never throws away the big fill."""
    return base if size == default_size else f"{base}_{size}"


# --- COPY rows shaped by the model -----------------------------------------------------------------------------------


def csv_value(value, field=None):
    if value is None:
        return r"\N"
    if field is not None and field.get_internal_type() == "JSONField":
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "{" + ",".join(value) + "}"
    return value


class Copier:
    """COPY rows of a model: the columns the fill gives, every other column as Django would fill it.

    The columns come from the model, not a list written down here, so a field added with a default (or nullable, or a
    blank-able text) needs no change to any fill. A NOT NULL field without a default raises at once, naming the field:
    the fill must say what goes in it. Fields with a database default and generated fields are left to the database;
    an auto primary key left out takes the sequence's next value."""

    def __init__(self, model, columns: list[str], *, batch: int = 100_000):
        from django.utils import timezone

        self.model, self.table, self.batch = model, model._meta.db_table, batch
        self.columns = list(columns)
        known = {f.column for f in model._meta.concrete_fields}
        unknown = [c for c in self.columns if c not in known]
        if unknown:
            raise ValueError(f"{model.__name__} has no column {', '.join(unknown)}: the fill is older than the model")
        self.fields = {f.column: f for f in model._meta.concrete_fields}
        self.constants, self.uniques = [], []
        for f in model._meta.concrete_fields:
            if f.column in self.columns or f.generated or f.has_db_default():
                continue
            if f.primary_key and f.get_internal_type() in {"AutoField", "BigAutoField", "SmallAutoField"}:
                continue
            if f.unique and not f.null:
                self.uniques.append(f)
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = timezone.now()
            else:
                default = f.get_default()  # "" for text fields without a default, None for the others
            if default is None and not f.null:
                raise ValueError(
                    f"{model.__name__}.{f.name} ({f.column}) is NOT NULL and has no default: "
                    "give it a value in the benchmark's fill (bench/)"
                )
            self.constants.append((f.column, csv_value(default, f)))
        self.all_columns = self.columns + [c for c, _ in self.constants] + [f.column for f in self.uniques]

    def _unique_value(self, field, row):
        if field.has_default():
            return field.get_default()
        if field.get_internal_type() in {"CharField", "SlugField", "TextField", "EmailField"}:
            return f"b{row[0]}{field.column[:4]}"[: field.max_length or 32]
        raise ValueError(f"{self.model.__name__}.{field.name} is unique and NOT NULL: give it a value in the fill")

    def copy(self, cursor, rows) -> int:
        """COPY `rows` (tuples in the order of `columns`) through a DB-API cursor; returns how many."""
        total = 0
        constant_values = [v for _, v in self.constants]
        fields = [self.fields[c] for c in self.columns]
        buffer, n = io.StringIO(), 0
        writer = csv.writer(buffer)
        for row in rows:
            unique_values = [csv_value(self._unique_value(f, row), f) for f in self.uniques]
            writer.writerow(
                [csv_value(v, f) for v, f in zip(row, fields, strict=True)] + constant_values + unique_values
            )
            n += 1
            if n == self.batch:
                total += self._flush(cursor, buffer, n)
                buffer, n = io.StringIO(), 0
                writer = csv.writer(buffer)
        if n:
            total += self._flush(cursor, buffer, n)
        return total

    def _flush(self, cursor, buffer, n: int) -> int:
        buffer.seek(0)
        raw = getattr(cursor, "cursor", cursor)  # Django's cursor wrapper or psycopg2's own
        raw.copy_expert(
            f"COPY {self.table} ({', '.join(self.all_columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer
        )
        return n


# --- Filled once, reused while nothing it depends on has changed -----------------------------------------------------


def fill_fingerprint(size: int, *fill_functions) -> str:
    """What a fill depends on: its size, the migrations applied (the schema) and the source of the fill functions.

    A new migration or an edited fill gives another fingerprint, so the next run fills again rather than measuring
    a database that no longer matches the code."""
    import hashlib
    import inspect

    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    applied = sorted(MigrationRecorder(connection).applied_migrations())
    digest = hashlib.sha256(repr((size, applied)).encode())
    for function in fill_functions:
        digest.update(inspect.getsource(function).encode())
    return digest.hexdigest()[:16]


def _marker_table(cursor) -> None:
    cursor.execute(
        "CREATE TABLE IF NOT EXISTS bench_fill (name text PRIMARY KEY, fingerprint text NOT NULL, "
        "filled_at timestamptz NOT NULL DEFAULT now())"
    )


def is_filled(name: str, fingerprint: str) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        _marker_table(cursor)
        cursor.execute("SELECT fingerprint FROM bench_fill WHERE name = %s", [name])
        row = cursor.fetchone()
    return bool(row) and row[0] == fingerprint


def mark_filled(name: str, fingerprint: str | None) -> None:
    """Record a finished fill (or, with None, forget it before a new fill starts: an interrupted fill is redone)."""
    from django.db import connection

    with connection.cursor() as cursor:
        _marker_table(cursor)
        cursor.execute("DELETE FROM bench_fill WHERE name = %s", [name])
        if fingerprint:
            cursor.execute("INSERT INTO bench_fill (name, fingerprint) VALUES (%s, %s)", [name, fingerprint])


def vacuum_analyze(models, stdout=print) -> None:
    """VACUUM ANALYZE the tables (ANALYZE alone inside a transaction, as in the tests, where VACUUM cannot run)."""
    from django.db import connection

    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with Stopwatch() as watch, connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"{command} {model._meta.db_table}")
    stdout(f"{command.lower()}: {watch.seconds:.1f} s")


def tally_models() -> list:
    """The trigger-kept tallies of every app (reports, activity, cases): what the fills rebuild after their COPY."""
    from django.apps import apps

    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"reports", "activity", "cases"}
        and m.__name__.endswith(("Tally", "Delta", "LeaverYear"))
    ]


# --- Staff and signed-in clients, without the test tools -------------------------------------------------------------


def staff(username: str, role: str, province=None):
    """A staff account with its role, made or updated (what the tests' StaffFactory does, without factory_boy)."""
    from django.contrib.auth.models import User

    from accounts.models import StaffProfile

    user, _ = User.objects.get_or_create(username=username, defaults={"first_name": "เบนช์", "last_name": role})
    StaffProfile.objects.update_or_create(user=user, defaults={"role": role, "province": province})
    return User.objects.get(pk=user.pk)


def verify_second_factor(client, user) -> None:
    """HQ analysts and administrators pass a second factor: mark the client's session verified, as the tests do."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.scope import is_national

    if not is_national(user):
        return
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def client_for(user):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    verify_second_factor(client, user)
    return client


def allow_test_client() -> None:
    from django.conf import settings

    if "localhost" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("localhost")


def last_line(summary: dict) -> str:
    """The benchmark's last line: key=value pairs, separated by spaces."""
    return " ".join(f"{key}={value}" for key, value in summary.items())
