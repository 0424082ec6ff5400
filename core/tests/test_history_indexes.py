"""Each history table is indexed by what history is read by, and by nothing else.

A volunteer's (or mentor's, case's, report's) history page reads its rows by pgh_obj and their writers by pgh_context:
without those indexes the page would read the whole history table, a row for every change of a million volunteers.
The keys a history row copies (a volunteer's province, subdistrict and mentor; a term's volunteer) are never read by:
pghistory's index on each only cost every import one more index write per history row."""

import pytest
from django.apps import apps
from django.db import connection
from pghistory.models import Event

pytestmark = pytest.mark.django_db

# pghistory's own tables (its context and the admin's views) are not ours to index.
NOT_OURS = {"pghistory"}


def history_models():
    return [
        m
        for m in apps.get_models()
        if issubclass(m, Event)
        and m._meta.app_label not in NOT_OURS
        and not m._meta.proxy
        and "pgh_obj" in {f.name for f in m._meta.fields}
    ]


def indexed_columns(table: str) -> set[tuple[str, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT array_agg(a.attname ORDER BY k.ord)
            FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
            GROUP BY i.indexrelid
            """,
            [table],
        )
        return {tuple(columns) for (columns,) in cursor.fetchall()}


def test_the_history_of_volunteers_terms_mentors_reports_and_cases_is_checked():
    names = {m.__name__ for m in history_models()}
    assert {"VolunteerEvent", "TermEvent", "MentorEvent", "MonthlyReportEvent", "CaseEvent"} <= names


@pytest.mark.parametrize("model", history_models(), ids=lambda m: m.__name__)
def test_a_history_table_is_indexed_by_its_row_and_its_write_only(model):
    assert indexed_columns(model._meta.db_table) == {("pgh_obj_id",), ("pgh_context_id",)}
