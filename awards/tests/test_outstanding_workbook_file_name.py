"""The outstanding volunteers' workbook is saved under a name in the language of the list it came from: an English
name and A.D. year from the English list (not the Thai "อสร-ดีเด่น-2568.xlsx"), the Thai name from the Thai list."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from awards.models import Nomination
from awards.tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def selected_in_lampang(lampang_volunteer):
    """Lampang's volunteer, selected by HQ in fiscal year 2568: the list of that year has someone on it."""
    return NominationFactory(volunteer=lampang_volunteer, fiscal_year=2568, status=Nomination.Status.SELECTED)


def saved_as(client, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(reverse("awards:outstanding_xlsx"), {"fy": 2568})
    assert response.status_code == 200
    return response["Content-Disposition"]


def test_the_workbook_from_the_english_list_has_an_english_name(client_for, hq_analyst):
    disposition = saved_as(client_for(hq_analyst), "en")

    assert 'filename="outstanding-volunteers-2025.xlsx"' in disposition
    assert "filename*=UTF-8''outstanding-volunteers-2025.xlsx" in disposition


def test_the_workbook_from_the_thai_list_keeps_its_thai_name(client_for, hq_analyst):
    disposition = saved_as(client_for(hq_analyst), "th")

    assert f"filename*=UTF-8''{quote('อสร-ดีเด่น-2568.xlsx')}" in disposition
