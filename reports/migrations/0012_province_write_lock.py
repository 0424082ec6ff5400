"""Every statement that writes volunteers takes a lock on each province it writes before any tally trigger runs, so
that an officer's save waits for an import of the same province to commit instead of deadlocking with it on the
tallies' rows (reports/tallies.py, PROVINCE_WRITE_LOCK)."""

from django.db import migrations

from reports import tallies


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0011_volunteer_year_tally"),
        ("volunteers", "0014_history_indexed_by_row_and_write_only"),
    ]

    operations = [
        migrations.RunSQL(sql=tallies.install_province_lock_sql(), reverse_sql=tallies.uninstall_province_lock_sql()),
    ]
