"""core:search, where every list's search form posts: back to the list as a GET, a national ID swapped for a token
kept in the session, and only ever back to a page of this site."""

import pytest
from django.urls import reverse

from core import search

pytestmark = pytest.mark.django_db


def test_the_form_goes_back_to_the_list_with_its_filters_and_without_the_csrf_token_or_page(
    client_for, lampang_officer
):
    response = client_for(lampang_officer).post(
        reverse("core:search"),
        {"next": "/volunteers/", "q": "สมชาย", "status": "active", "page": "3", "csrfmiddlewaretoken": "x", "sort": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == "/volunteers/?q=%E0%B8%AA%E0%B8%A1%E0%B8%8A%E0%B8%B2%E0%B8%A2&status=active"


def test_an_id_is_kept_in_the_session_and_the_same_search_reuses_its_token(client_for, lampang_officer):
    client = client_for(lampang_officer)
    first = client.post(reverse("core:search"), {"next": "/volunteers/", "q": "1520100012349"})["Location"]
    again = client.post(reverse("core:search"), {"next": "/volunteers/", "q": "1520100012349"})["Location"]
    assert first == again and "1520100012349" not in first
    token = first.split("search=")[1]
    assert client.session[search.SESSION_KEY][token] == "1520100012349"


def test_the_session_keeps_only_the_latest_searches(client_for, lampang_officer):
    client = client_for(lampang_officer)
    for n in range(search.KEEP + 5):
        client.post(reverse("core:search"), {"next": "/volunteers/", "q": f"15201000{n:05d}"})
    kept = client.session[search.SESSION_KEY]
    assert len(kept) == search.KEEP
    assert f"15201000{search.KEEP + 4:05d}" in kept.values() and "1520100000000" not in kept.values()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "volunteers:list", ""])
def test_it_goes_back_only_to_a_page_of_this_site(target, client_for, lampang_officer):
    response = client_for(lampang_officer).post(reverse("core:search"), {"next": target, "q": "สมชาย"})
    assert response.status_code == 302
    assert response["Location"].startswith("/?") or response["Location"] == "/"


def test_a_query_in_next_is_dropped_so_an_id_cannot_ride_along(client_for, lampang_officer):
    response = client_for(lampang_officer).post(
        reverse("core:search"), {"next": "/volunteers/?q=1520100012349", "status": "active"}
    )
    assert response["Location"] == "/volunteers/?status=active"


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.post(reverse("core:search"), {"next": "/volunteers/", "q": "1520100012349"})
    assert response.status_code == 302 and "1520100012349" not in response["Location"]
