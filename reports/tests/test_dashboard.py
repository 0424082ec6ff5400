"""The national dashboard: the hand-built province's row, region and country totals, trend, map and .xlsx."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reports import selectors
from reports.tests.factories import event_days, leave, register
from trainings.models import Category, EventTarget
from trainings.tests.factories import EventFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def rows_by_code(data):
    return {row["code"]: row for row in data["rows"]}


def test_the_small_provinces_row(small_province):
    data = selectors.dashboard(2568)
    row = rows_by_code(data)["98"]
    expected = {
        "active": 4,
        "total": 7,
        "appointed": 1,
        "leavers": 1,
        "subdistricts": 5,
        "covered": 3,
        "coverage": 60.0,
        "mentors": 2,
        "per_mentor": 2.0,
        "events": 2,  # E1 and E5; E4 was cancelled
        "target": 8,
        "registered": 6,
        "attended": 4,
        "attendance_rate": 50.0,
        "people_trained": 4,  # V1, V2 and M1 at E1; M2 at the national seminar
    }
    assert {k: row[k] for k in expected} == expected


def test_hosts_and_home_provinces_of_participants(small_province):
    rows = rows_by_code(selectors.dashboard(2568))
    bangkok, chiang_mai = rows["10"], rows["50"]
    assert (bangkok["events"], bangkok["target"], bangkok["registered"], bangkok["attended"]) == (1, 100, 3, 2)
    assert bangkok["attendance_rate"] == 2.0
    assert chiang_mai["people_trained"] == 2 and chiang_mai["events"] == 0 and chiang_mai["attendance_rate"] is None


def test_region_and_country_totals(small_province):
    data = selectors.dashboard(2568)
    north = next(r for r in data["regions"] if r["code"] == "north")
    assert (north["provinces"], north["active"], north["events"], north["people_trained"]) == (18, 4, 2, 6)
    country = data["country"]
    assert (country["provinces"], country["active"], country["events"], country["target"]) == (78, 4, 3, 108)
    assert (country["registered"], country["attended"], country["attendance_rate"]) == (9, 6, 5.6)
    assert country["subdistricts"] == 7436 + 5 and country["covered"] == 3


def test_national_trend(small_province):
    trend = {t["fy"]: t for t in selectors.dashboard(2568)["trend"]}
    assert [trend[y]["active"] for y in sorted(trend)] == [6, 6, 6, 5, 4]
    assert (trend[2567]["leavers"], trend[2567]["events"], trend[2567]["target"]) == (1, 1, 10)
    assert (trend[2568]["appointed"], trend[2568]["events"], trend[2568]["target"]) == (1, 3, 108)


def test_several_targets_and_registrations_do_not_multiply(small_province):
    """The multi-join trap: one more target and two more people at E1 add exactly that, not a product."""
    e1 = small_province["events"][0]
    EventTarget.objects.create(event=e1, category=Category.OBSERVER, target=3)
    province = small_province["province"]
    day = e1.days.first()
    register(e1, Category.OBSERVER, province=province, name="ผู้สังเกตการณ์ 1", days=[day])
    register(e1, Category.OBSERVER, province=province, name="ผู้สังเกตการณ์ 2")
    row = rows_by_code(selectors.dashboard(2568))["98"]
    assert (row["target"], row["registered"], row["attended"]) == (11, 8, 5)


@pytest.mark.parametrize("page", ["dashboard", "province"])
def test_query_count_does_not_grow_with_the_data(client_for, hq_analyst, small_province, lampang, chiang_mai, page):
    client = client_for(hq_analyst)
    if page == "dashboard":
        url = reverse("reports:dashboard") + "?fy=2568&refresh=1"
    else:  # Lampang starts empty: no events, no leavers, nobody at a national event
        url = reverse("reports:province", args=["52"]) + "?fy=2568&refresh=1"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(30):
        VolunteerFactory(subdistrict=lampang.subdistricts.order_by("code")[n % 7])
    event = EventFactory(host_province=lampang, start_date=dt.date(2025, 2, 1), end_date=dt.date(2025, 2, 2))
    days = event_days(event)
    for n in range(20):
        register(event, Category.VOLUNTEER, province=chiang_mai if n % 3 else lampang, name=f"คน {n}", days=days)
    national = EventFactory(host_province=chiang_mai, level="national", start_date=dt.date(2025, 3, 1))
    register(national, Category.VOLUNTEER, province=lampang, name="คนลำปาง", days=event_days(national))
    leaver = VolunteerFactory(subdistrict=lampang.subdistricts.order_by("code")[0])
    leave(leaver, "resigned", dt.date(2025, 4, 1), "ย้ายภูมิลำเนา")
    with CaptureQueriesContext(connection) as big:
        client.get(url)
    assert len(big) == len(small)
    # The results section (issue 15) reads six tallies more: expected and received reports, people reached and
    # the kinds of work, cases and days to resolve.
    assert len(small) <= (25 if page == "dashboard" else 28)


def test_the_page_table_map_and_links(client_for, hq_analyst, small_province):
    html = client_for(hq_analyst).get(reverse("reports:dashboard") + "?fy=2568").content.decode()
    assert html.count('<tr data-code="') == 78
    assert 'data-testid="stat-active">4<' in html
    # every map province links to its report; Lampang's path is there and clickable
    assert html.count('class="map-province"') == 77
    assert f'href="{reverse("reports:province", args=["52"])}?fy=2568" data-code="52"' in html
    assert "MapSVG" in html and "CC BY 4.0" in html


@pytest.mark.parametrize("table", ["provinces", "regions", "trend"])
def test_every_table_downloads_as_xlsx(client_for, hq_analyst, small_province, table):
    response = client_for(hq_analyst).get(reverse("reports:dashboard_xlsx", args=[table]) + "?fy=2568")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    if table == "provinces":
        row = next(r for r in rows if r[0] == "98")
        assert row[1:10] == ("ทดสอบ", "ภาคเหนือ", 4, 7, 1, 1, 5, 3, 60.0)
        assert len(rows) == 78
    elif table == "regions":
        assert rows[-1][0] == "ทั้งประเทศ" and rows[-1][2] == 4
    else:
        assert [r[0] for r in rows] == [2564, 2565, 2566, 2567, 2568]


def test_the_province_table_downloads_for_one_region(client_for, hq_analyst, small_province):
    response = client_for(hq_analyst).get(
        reverse("reports:dashboard_xlsx", args=["provinces"]) + "?fy=2568&region=north"
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 18 and {r[2] for r in rows} == {"ภาคเหนือ"}
