"""The grid of a large district comes in pages: the Lampang officer sees 50 rows a page, how far along the district
the page is and how many of its rows are in, narrows to one subdistrict's paper forms, and a row saved on page 2
comes back to page 2; the page reads the same number of queries for 60 volunteers as for 200."""

import re

import pytest
from django.urls import reverse

from provinces.models import District
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

MONTH = "2026-10"
GRID = reverse("activity:grid", args=["52"])


@pytest.fixture
def district(lampang, work_kinds):
    return District.objects.get(code="5201")


def fill(district, count):
    """`count` volunteers spread over the district's first three subdistricts."""
    subdistricts = list(district.subdistricts.order_by("code")[:3])
    for i in range(count):
        VolunteerFactory(province=district.province, subdistrict=subdistricts[i % 3])
    return subdistricts


def open_grid(client, **query):
    response = client.get(GRID, {"district": "5201", "month": MONTH, **query})
    assert response.status_code == 200
    return response.content.decode()


def rows_of(page):
    return page.count('data-testid="grid-row"')


def test_a_district_of_120_comes_in_pages_of_50(client_for, lampang_officer, district):
    fill(district, 120)
    client = client_for(lampang_officer)

    first = open_grid(client)
    assert rows_of(first) == 50
    assert "แถว 1–50 จาก 120" in first and "หน้านี้ส่งแล้ว 0 จาก 50 คน" in first
    # The page links keep the district and the month.
    assert "?district=5201&amp;month=2026-10&amp;page=2" in first

    third = open_grid(client, page=3)
    assert rows_of(third) == 20
    assert "แถว 101–120 จาก 120" in third
    assert 'data-testid="grid-next-page"' not in third and 'data-testid="grid-previous-page"' in third
    # A page past the end shows the last one, not an error.
    assert "แถว 101–120 จาก 120" in open_grid(client, page=9)


def test_the_subdistrict_filter_narrows_the_rows_and_the_links_keep_it(client_for, lampang_officer, district):
    subdistricts = fill(district, 120)
    chosen = subdistricts[1]
    page = open_grid(client_for(lampang_officer), subdistrict=chosen.code)
    assert rows_of(page) == 40
    assert "แถว 1–40 จาก 40" in page
    assert f'<option value="{chosen.code}" selected>{chosen.name_th}</option>' in page
    others = {s.name_th for s in subdistricts} - {chosen.name_th}
    rows = re.findall(r'<div class="small text-muted">([^<]*)</div><div class="row-message', page)
    assert len(rows) == 40 and not set(rows) & others
    # Each row's form remembers the filter, so a saved row comes back to it.
    assert page.count(f'name="subdistrict" value="{chosen.code}"') == 40


def test_a_row_saved_on_page_2_stays_on_page_2_and_is_counted(client_for, lampang_officer, district):
    fill(district, 120)
    client = client_for(lampang_officer)
    second = open_grid(client, page=2)
    volunteer = re.findall(r'name="volunteer" value="(\d+)"', second)[7]
    assert 'name="page" value="2"' in second

    response = client.post(
        GRID,
        {"volunteer": volunteer, "report": "", "district": "5201", "month": MONTH, "page": "2", "k_info_jobs": "6"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("page=2")
    page = response.content.decode()
    assert "แถว 51–100 จาก 120" in page
    assert "หน้านี้ส่งแล้ว 1 จาก 50 คน" in page
    assert f'id="row-{volunteer}"' in page and 'name="k_info_jobs" value="6"' in page
    # The first page has none of it.
    assert "หน้านี้ส่งแล้ว 0 จาก 50 คน" in open_grid(client)


def test_the_query_count_does_not_grow_with_the_district(
    client_for, lampang_officer, district, django_assert_max_num_queries, django_assert_num_queries
):
    client = client_for(lampang_officer)
    fill(district, 60)
    open_grid(client)  # the first request of a session reads what later ones find cached
    with django_assert_max_num_queries(40) as sixty:
        assert rows_of(open_grid(client, page=2)) == 10
    fill(district, 140)
    with django_assert_num_queries(len(sixty.captured_queries)):
        page = open_grid(client, page=2)
    assert rows_of(page) == 50 and "แถว 51–100 จาก 200" in page
