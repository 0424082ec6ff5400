import pytest

from trainings.models import Event
from trainings.tests.factories import EventFactory, RegistrationFactory


@pytest.fixture
def national_event(bangkok):
    return EventFactory(
        title="สัมมนาเจ้าหน้าที่พี่เลี้ยงอาสาสมัครแรงงาน ระดับประเทศ",
        kind=Event.Kind.SEMINAR,
        level=Event.Level.NATIONAL,
        host_province=bangkok,
        venue="โรงแรมในกรุงเทพมหานคร",
    )


@pytest.fixture
def lampang_registration(lampang_event, lampang_volunteer):
    return RegistrationFactory(event=lampang_event, volunteer=lampang_volunteer)


@pytest.fixture(autouse=True)
def files_and_tasks_here(tasks_at_once):
    """Certificate batches run inside the request that queues them (the immediate backend), into a throwaway folder."""
    return tasks_at_once
