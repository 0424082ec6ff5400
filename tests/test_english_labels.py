"""An English page's own words are English: the labels, options and hints the forms and pages make (a place's name
may stay Thai, it is data)."""

import re

import pytest
from django.urls import reverse

from tests.english import in_english as english

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_english_pages_name_their_options_and_hints_in_english(client_for, lampang_officer, hq_officer, lampang):
    officer = english(client_for(lampang_officer))

    vacancies = text_of(officer.get(reverse("coverage:vacancies", args=[lampang.code])))
    assert "Every district</option>" in vacancies and "Every อำเภอ" not in vacancies
    assert "Vacancies Lampang" in vacancies and "จังหวัดลำปาง" not in vacancies
    tokens = text_of(officer.get(reverse("api_tokens:list")))
    assert ">90 days</option>" in tokens and "วัน</option>" not in tokens
    mentor_form = text_of(officer.get(reverse("mentors:create")))
    assert 'placeholder="e.g. Mr, Mrs, Miss"' in mentor_form

    quotas = text_of(english(client_for(hq_officer)).get(reverse("coverage:quotas", args=[lampang.code])))
    assert "Applies to every subdistrict of the province" in quotas and "every ตำบล" not in quotas
    assert "จังหวัดลำปาง" not in quotas
