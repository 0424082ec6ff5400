import pytest

from mentors.tests.factories import MentorFactory
from volunteers.tests.factories import VolunteerFactory


@pytest.fixture
def lampang_mentor(lampang):
    return MentorFactory(province=lampang, first_name="วิไล", last_name="พี่เลี้ยงดี")


@pytest.fixture
def chiangmai_mentor(chiang_mai):
    return MentorFactory(province=chiang_mai, first_name="ดอย", last_name="สุเทพ")


@pytest.fixture
def lampang_volunteer(lampang, lampang_mentor):
    return VolunteerFactory(
        province=lampang, first_name="สมหมาย", last_name="ขยันยิ่ง", national_id="1520100012349", mentor=lampang_mentor
    )
