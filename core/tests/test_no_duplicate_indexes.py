"""No table keeps two identical indexes, nor an index whose columns are the start of another's: each costs every
insert and update (an import writes 100,000 rows) and serves no query the other does not. Found: (province_id,
updated_at) on volunteers, from two apps; and the index Django gives each foreign key where a composite index already
starts with it (volunteers' province, twice; terms' volunteer; and ten more), a tenth of an import's index upkeep."""

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


# Tables of other projects' apps keep their own indexes.
OTHER_PROJECTS = ("auth_", "axes_", "django_", "pghistory_")


def test_no_index_is_the_start_of_another_btree_index():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT a.indrelid::regclass::text, a.indexrelid::regclass::text, b.indexrelid::regclass::text
            FROM pg_index a
            JOIN pg_index b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid
            JOIN pg_class ia ON ia.oid = a.indexrelid JOIN pg_am ma ON ma.oid = ia.relam
            JOIN pg_class ib ON ib.oid = b.indexrelid JOIN pg_am mb ON mb.oid = ib.relam
            WHERE ma.amname = 'btree' AND mb.amname = 'btree' AND NOT a.indisunique
              AND a.indpred IS NULL AND b.indpred IS NULL AND a.indexprs IS NULL AND b.indexprs IS NULL
              AND a.indnkeyatts < b.indnkeyatts
              AND (a.indkey::int2[])[0:a.indnkeyatts - 1] = (b.indkey::int2[])[0:a.indnkeyatts - 1]
              AND (a.indclass::oid[])[0:a.indnkeyatts - 1] = (b.indclass::oid[])[0:a.indnkeyatts - 1]
              AND a.indrelid::regclass::text NOT LIKE 'pg_%%'
            ORDER BY 1, 2, 3
            """
        )
        covered = [row for row in cursor.fetchall() if not row[0].startswith(OTHER_PROJECTS)]
    assert covered == []
