"""A province officer or HQ officer using the portal in English who nominates someone who cannot be nominated, withdraws
too late, or selects a volunteer who has left office, is told why in English, fiscal years counted CE (2026); in
Thai the same refusals read as before, word for word, with BE years."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from awards import services
from awards.models import Nomination
from awards.tests.factories import NominationFactory
from core.thai import BE_OFFSET, current_fiscal_year
from tests.english import THAI, english_name, in_english
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

CITATION = "Helped 35 job seekers register with the employment office"


def nominate(client, volunteer, citation=CITATION):
    return client.post(reverse("awards:nominate"), {"volunteer": volunteer.pk, "citation": citation}, follow=True)


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_nominating_twice_in_a_year_is_refused_in_english_with_the_ce_year(
    client_for, lampang_officer, lampang_volunteer
):
    client = in_english(client_for(lampang_officer))
    year = current_fiscal_year() - BE_OFFSET

    done = text_of(nominate(client, lampang_volunteer))
    again = text_of(nominate(client, lampang_volunteer, citation="again"))

    name = english_name(lampang_volunteer)
    assert f"{name} nominated as an outstanding labour volunteer for fiscal year {year}" in done
    assert f"{name} has already been nominated for fiscal year {year}." in again
    assert Nomination.objects.count() == 1


def test_nominating_twice_in_thai_is_refused_with_the_thai_words_and_be_year(
    client_for, lampang_officer, lampang_volunteer
):
    client = client_for(lampang_officer)
    nominate(client, lampang_volunteer)

    again = text_of(nominate(client, lampang_volunteer, citation="อีกครั้ง"))

    assert f"นายสมหมาย ขยันยิ่ง ได้รับการเสนอชื่อในปีงบประมาณ {current_fiscal_year()} แล้ว" in again


def test_someone_not_serving_and_a_citation_too_long_are_refused_in_english(
    client_for, lampang_officer, lampang_volunteer
):
    client = in_english(client_for(lampang_officer))
    too_long = text_of(nominate(client, lampang_volunteer, citation="x" * 1001))
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(status=Volunteer.Status.RESIGNED)

    resigned = text_of(nominate(client, lampang_volunteer))

    assert "The citation may be at most 1,000 characters long" in too_long
    with translation.override("en"):  # the service's own check, which the API and the admin meet
        assert services.citation_error("x" * 1001) == "The citation may be at most 1,000 characters long (now 1,001)."
    assert f"{english_name(lampang_volunteer)} cannot be nominated: the status is “" in resigned
    assert "Only volunteers still serving (whose term has not ended) can be nominated." in resigned
    assert "เสนอชื่อได้เฉพาะ" not in resigned
    assert not Nomination.objects.exists()


def test_withdrawing_after_hq_decided_is_refused_in_english(client_for, lampang_officer, lampang_volunteer):
    nomination = NominationFactory(volunteer=lampang_volunteer, status=Nomination.Status.SELECTED)

    page = text_of(
        in_english(client_for(lampang_officer)).post(reverse("awards:withdraw", args=[nomination.pk]), follow=True)
    )

    assert (
        f"The nomination of {english_name(lampang_volunteer)} cannot be withdrawn: the status is “Selected”. "
        "Only nominations still awaiting HQ's review can be withdrawn."
    ) in page
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SELECTED


def test_hq_selecting_a_volunteer_no_longer_serving_is_refused_in_english(client_for, hq_officer, lampang_volunteer):
    nomination = NominationFactory(volunteer=lampang_volunteer)
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(status=Volunteer.Status.RESIGNED)

    page = text_of(
        in_english(client_for(hq_officer)).post(
            reverse("awards:review"), {"nominations": [nomination.pk], "decision": "selected"}
        )
    )

    found = re.search(r"Cannot be selected: these volunteers are no longer serving: ([^<]*)", page)
    assert found, page
    assert found.group(1).startswith(f"{english_name(lampang_volunteer)} (status “")
    assert not THAI.search(found.group(0).replace("สมหมาย ขยันยิ่ง", ""))
    assert Nomination.objects.get().status == Nomination.Status.NOMINATED
