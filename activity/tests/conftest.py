import datetime as dt

import pytest

from activity.kinds import seed_work_kinds

# A fixed "today" for the rules: reports of October 2569 (2026) are due by 5 November.
OCTOBER = dt.date(2026, 10, 1)


@pytest.fixture
def work_kinds(db):
    """The kinds the data migration seeds; seeded again when a live-server test emptied the tables."""
    from activity.models import WorkKind

    seed_work_kinds()
    return list(WorkKind.objects.active())


@pytest.fixture
def serving_volunteer(lampang, work_kinds):
    from volunteers.tests.factories import VolunteerFactory

    return VolunteerFactory(province=lampang, first_name="บุญมี", last_name="ทำงานดี", appointed_on=dt.date(2024, 1, 15))
