"""The mentor list in Thai dictionary order, names that wrap only between first and last name, Bangkok's เขต."""

import re

import pytest
from django.urls import reverse

from mentors.tests.factories import MentorFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_mentors_are_listed_in_dictionary_order(client_for, lampang_officer, lampang):
    for name in ["เอกชัย", "แก้ว", "กมล", "โชคดี", "ใจดี", "ไพศาล"]:
        MentorFactory(province=lampang, first_name=name)
    html = client_for(lampang_officer).get(reverse("mentors:list")).content.decode()
    assert re.findall(r'<span class="name-part">นาย([^<]+)</span>', html) == [
        "กมล",
        "แก้ว",
        "ใจดี",
        "โชคดี",
        "ไพศาล",
        "เอกชัย",
    ]


def test_a_name_wraps_only_between_first_and_last_name(client_for, lampang_officer, lampang):
    MentorFactory(province=lampang, title="นาง", first_name="บัวผัน", last_name="อินต๊ะ")
    html = client_for(lampang_officer).get(reverse("mentors:list")).content.decode()
    assert '<span class="name-part">นางบัวผัน</span> <span class="name-part">อินต๊ะ</span>' in html


def test_bangkoks_districts_without_a_mentor_are_khet(client_for, hq_analyst, bangkok, lampang):
    VolunteerFactory(province=bangkok)
    html = client_for(hq_analyst).get(reverse("mentors:list"), {"province": "10"}).content.decode()
    assert "อาสาสมัครที่ยังไม่มีพี่เลี้ยง รายเขต" in html and "รายอำเภอ" not in html
    html = client_for(hq_analyst).get(reverse("mentors:list"), {"province": "52"}).content.decode()
    assert "อาสาสมัครที่ยังไม่มีพี่เลี้ยง รายอำเภอ" in html
