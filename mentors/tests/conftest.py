import pytest

from mentors.tests.factories import MentorFactory


@pytest.fixture
def lampang_mentor(lampang):
    return MentorFactory(province=lampang, first_name="วิไล", last_name="พี่เลี้ยงดี", phone="0812223333")


@pytest.fixture
def chiangmai_mentor(chiang_mai):
    return MentorFactory(province=chiang_mai, first_name="ดอย", last_name="สุเทพ")
