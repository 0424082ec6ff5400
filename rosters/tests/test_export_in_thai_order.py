"""Exports list people in the same Thai dictionary order as the pages: volunteers and mentors."""

import io

import openpyxl
import pytest
from django.urls import reverse

from core.tests.national_ids import valid_national_id
from mentors.tests.factories import MentorFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

SHUFFLED = ["เอกชัย", "แก้ว", "กมล", "โชคดี", "ใจดี", "ไพศาล"]
IN_DICTIONARY_ORDER = ["กมล", "แก้ว", "ใจดี", "โชคดี", "ไพศาล", "เอกชัย"]


def first_names(response) -> list[str]:
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = list(rows[0])
    return [row[header.index("ชื่อ")] for row in rows[1:]]


def test_the_volunteer_export_is_in_dictionary_order(client_for, lampang_officer, lampang):
    for n, name in enumerate(SHUFFLED, start=1):
        VolunteerFactory(province=lampang, national_id=valid_national_id(n), first_name=name)
    response = client_for(lampang_officer).get(reverse("rosters:export_volunteers", args=["xlsx"]))
    assert first_names(response) == IN_DICTIONARY_ORDER


def test_the_mentor_export_is_in_dictionary_order(client_for, lampang_officer, lampang):
    for name in SHUFFLED:
        MentorFactory(province=lampang, first_name=name)
    response = client_for(lampang_officer).get(reverse("rosters:export_mentors", args=["xlsx"]))
    assert first_names(response) == IN_DICTIONARY_ORDER
