"""The officer searches the list by a full national ID: the person is found, and the ID is in no URL (not the
redirect, not the page's links, not the export link), since URLs land in access logs, history and Referer headers."""

import re

import pytest
from django.urls import reverse

from core import search
from core.tests.national_ids import valid_national_id
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

NATIONAL_ID = "1520100012349"
DASHED = "1-5201-00012-34-9"


@pytest.fixture
def many(lampang):
    # More than a page of 10, so the page has pagination links to check.
    return VolunteerFactory.create_batch(12, province=lampang, last_name="หลายคน")


def submit_search(client, **fields):
    """The list's search form as the browser sends it: posted to core:search, with the list to go back to."""
    return client.post(reverse("core:search"), {"next": reverse("volunteers:list"), **fields})


def links_of(html: str) -> list[str]:
    """Every URL on the page: links, form actions and the `next` a form posts back to."""
    return re.findall(r'(?:href|action)="([^"]*)"', html) + re.findall(r'name="next" value="([^"]*)"', html)


def assert_no_id_in(urls):
    for url in urls:
        assert NATIONAL_ID not in url and DASHED not in url, url


@pytest.mark.parametrize("typed", [NATIONAL_ID, DASHED, "๑-๕๒๐๑-๐๐๐๑๒-๓๔-๙", f"สมหมาย {NATIONAL_ID}"])
def test_searching_by_id_finds_the_person_and_keeps_the_id_out_of_every_url(
    typed, client_for, lampang_officer, lampang_volunteer, many
):
    client = client_for(lampang_officer)
    response = submit_search(client, q=typed, per_page="10")
    assert response.status_code == 302
    location = response["Location"]
    assert_no_id_in([location])
    assert "search=" in location and "q=" not in location
    page = client.get(location)
    html = page.content.decode()
    assert "ขยันยิ่ง" in html.split("volunteer-table")[1]
    assert "หลายคน" not in html.split("volunteer-table")[1]
    assert_no_id_in(links_of(html))


def test_pagination_and_export_links_carry_the_token_and_still_search(client_for, lampang_officer, lampang, many):
    # Thirteen digits that are no one's ID find no one, but the list keeps the token on every link.
    client = client_for(lampang_officer)
    location = submit_search(client, q="สมหมาย", per_page="10")["Location"]
    assert "q=" in location  # a name is fine in a URL
    VolunteerFactory(province=lampang, national_id=valid_national_id(77), last_name="ตามเลข")
    location = submit_search(client, q=valid_national_id(77), status="active", per_page="10")["Location"]
    token = re.search(r"search=([\w-]+)", location).group(1)
    html = client.get(location).content.decode()
    export = next(link for link in links_of(html) if "/export/" in link)
    assert f"search={token}" in export and valid_national_id(77) not in export
    assert "ตามเลข" in html.split("volunteer-table")[1] and "หลายคน" not in html


def test_a_get_with_the_id_in_the_url_is_sent_on_without_it(client_for, lampang_officer, lampang_volunteer):
    response = client_for(lampang_officer).get(reverse("volunteers:list"), {"q": DASHED, "status": "active"})
    assert response.status_code == 302
    assert_no_id_in([response["Location"]])
    assert "status=active" in response["Location"]


def test_a_token_from_another_session_finds_no_one_by_it(client_for, lampang_officer, lampang_volunteer, many):
    from django.test import Client

    location = submit_search(client_for(lampang_officer), q=NATIONAL_ID)["Location"]
    stranger = Client()
    stranger.force_login(lampang_officer)
    html = stranger.get(location).content.decode()
    assert NATIONAL_ID not in html


def test_the_id_search_stays_within_scope(client_for, chiangmai_officer, lampang_volunteer):
    client = client_for(chiangmai_officer)
    location = submit_search(client, q=NATIONAL_ID)["Location"]
    assert "ขยันยิ่ง" not in client.get(location).content.decode()


@pytest.mark.parametrize(
    "text, holds",
    [
        ("1520100012349", True),
        ("1-5201-00012-34-9", True),
        ("1 5201 00012 34 9", True),
        ("๑๕๒๐๑๐๐๐๑๒๓๔๙", True),
        ("สมชาย 1520100012349", True),
        ("081-234-5678", False),
        ("สมชาย", False),
        ("", False),
        (None, False),
    ],
)
def test_what_counts_as_holding_a_national_id(text, holds):
    assert search.holds_national_id(text) is holds
