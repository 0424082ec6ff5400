"""The embedded PostgreSQL server runs with the settings the import was measured with, and giving them to it never
cuts off anybody's session."""

import os

import pytest
from django.db import connection

from config import localdb


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="another server: its settings are its owner's")
def test_the_embedded_server_runs_with_the_settings_the_import_was_measured_with(db):
    with connection.cursor() as cursor:
        for name, value in localdb.SERVER_SETTINGS.items():
            cursor.execute(f"SHOW {name}")
            assert cursor.fetchone()[0] == value, name


class FakeCursor:
    """Answers what the server runs with and how many other sessions it has; records what is sent."""

    def __init__(self, running: dict, others: int):
        self.running, self.others = running, others
        self.sent: list[str] = []
        self.answer = None

    def execute(self, sql, params=None):
        self.sent.append(sql % tuple(f"'{p}'" for p in params) if params and "ALTER" in sql else sql)
        if "pg_settings" in sql:
            self.answer = list(self.running.items())
        elif "pg_stat_activity" in sql:
            self.answer = (self.others,)

    def fetchall(self):
        return self.answer

    def fetchone(self):
        return self.answer


def test_a_server_already_set_is_neither_altered_nor_restarted():
    cursor = FakeCursor(dict(localdb.SERVER_SETTINGS), others=0)
    assert localdb._ask_for_settings(cursor) is False
    assert not [sql for sql in cursor.sent if sql.startswith("ALTER SYSTEM")]


def test_a_new_setting_waits_for_the_next_start_while_others_are_connected():
    cursor = FakeCursor({"wal_buffers": "4MB"}, others=3)
    assert localdb._ask_for_settings(cursor) is False
    assert "ALTER SYSTEM SET wal_buffers = '64MB'" in cursor.sent


def test_a_new_setting_restarts_the_server_when_nobody_else_is_connected():
    cursor = FakeCursor({"wal_buffers": "4MB"}, others=0)
    assert localdb._ask_for_settings(cursor) is True
    assert "ALTER SYSTEM SET wal_buffers = '64MB'" in cursor.sent
