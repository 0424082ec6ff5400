"""No table keeps two identical indexes: each costs every insert and update (an import writes 100,000 rows) and the
second serves no query the first does not. Found once: (province_id, updated_at) on volunteers, from two apps."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_no_two_indexes_of_a_table_are_the_same():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT indrelid::regclass::text, array_agg(indexrelid::regclass::text ORDER BY indexrelid::regclass::text)
            FROM pg_index
            WHERE indrelid::regclass::text NOT LIKE 'pg_%%'
            GROUP BY indrelid, indkey::text, indclass::text, indcollation::text, indoption::text,
                     coalesce(pg_get_expr(indexprs, indrelid), ''), coalesce(pg_get_expr(indpred, indrelid), ''),
                     indisunique
            HAVING count(*) > 1
            """
        )
        duplicates = cursor.fetchall()
    assert duplicates == []
