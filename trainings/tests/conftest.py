import pytest

from mentors.tests.factories import MentorFactory
from trainings.models import Event
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.tests.factories import VolunteerFactory


@pytest.fixture
def lampang_event(lampang):
    return EventFactory(host_province=lampang)


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
def lampang_mentor(lampang):
    return MentorFactory(province=lampang, first_name="ประยุทธ", last_name="ขยันดี")


@pytest.fixture
def lampang_volunteer(lampang, lampang_mentor):
    return VolunteerFactory(province=lampang, mentor=lampang_mentor, first_name="บุญมี", last_name="ศรีสุข")


@pytest.fixture
def chiangmai_volunteer(chiang_mai):
    return VolunteerFactory(province=chiang_mai, first_name="คำแปง", last_name="ไชยวงศ์")


@pytest.fixture
def lampang_registration(lampang_event, lampang_volunteer):
    return RegistrationFactory(event=lampang_event, volunteer=lampang_volunteer)
