"""Indexes the reports need on tables of other apps, created here so that those apps' migrations stay theirs.

- the latest change to the registry (cache stamps) and per province (rosters untouched for 90 days);
- recorded departures by date (leavers in a fiscal year);
- cancelled registrations (cache stamps).
"""

from django.db import migrations

INDEXES = [
    ("reports_volunteer_updated", "volunteers_volunteer (updated_at)"),
    ("reports_volunteer_prov_updated", "volunteers_volunteer (province_id, updated_at)"),
    ("reports_mentor_prov_updated", "mentors_mentor (province_id, updated_at)"),
    (
        "reports_statuschange_left_on",
        "volunteers_statuschange (changed_on) WHERE to_status IN ('resigned', 'deceased')",
    ),
    ("reports_registration_cancelled", "trainings_registration (cancelled_at) WHERE cancelled_at IS NOT NULL"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0001_initial"),
        ("mentors", "0001_initial"),
        ("trainings", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {definition}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, definition in INDEXES
    ]
