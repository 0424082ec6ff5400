"""What HQ sees drawn: the map's classes, hatching and legend per measure, and every chart axis titled with its unit."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from reports.tests.factories import event_days, register
from trainings.models import Category, EventTarget
from trainings.tests.factories import EventFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

FILLS = """() => Object.fromEntries([...document.querySelectorAll('.thailand-map a.map-province')]
  .map((a) => [a.dataset.code, a.querySelector('path').getAttribute('fill')]))"""

# Per chart, per axis: its title if shown, and the tick precision.
AXES = """(id) => {
  const chart = Chart.getChart(document.getElementById(id));
  return Object.fromEntries(Object.entries(chart.options.scales).map(([name, scale]) =>
    [name, {title: scale.title.display ? scale.title.text : null, precision: scale.ticks.precision ?? null}]));
}"""


def hosted_event(province, *, target, attended):
    event = EventFactory(host_province=province, start_date=dt.date(2025, 1, 7))
    EventTarget.objects.create(event=event, category=Category.VOLUNTEER, target=target)
    (day,) = event_days(event)
    for n in range(attended):
        register(event, Category.VOLUNTEER, province=province, name=f"ผู้เข้าร่วม {n}", days=[day])


@pytest.fixture
def attendance(lampang, chiang_mai):
    """Lampang 17 of 25 (68 %), Chiang Mai 3 of 100 (3 %); no other province hosted anything (no data)."""
    for n, subdistrict in enumerate(lampang.subdistricts.order_by("code")[:4]):
        VolunteerFactory(
            subdistrict=subdistrict, appointed_on=dt.date(2019 + n % 3, 1, 10), birth_date=dt.date(1970, 1, 1)
        )
    hosted_event(lampang, target=25, attended=17)
    hosted_event(chiang_mai, target=100, attended=3)


def test_the_participation_map_has_classes_hatching_and_a_legend(browser_login, live_server, hq_analyst, attendance):
    page = browser_login(hq_analyst)
    page.goto(f"{live_server.url}/reports/dashboard/?fy=2568")
    lampang_row = page.locator('[data-testid="province-table"] tr[data-code="52"] [data-col="attendance_rate"]')
    expect(lampang_row).to_have_text("68.0%")

    page.get_by_test_id("map-measure").select_option("attendance_rate")
    fills = page.evaluate(FILLS)
    assert len(fills) == 77
    assert len(set(fills.values())) > 1
    assert fills["52"] != fills["50"]  # Lampang 68 %, Chiang Mai 3 %
    assert fills["52"].startswith("#") and fills["50"].startswith("#")
    assert fills["10"] == "url(#map-no-data)"  # Bangkok hosted nothing: no target, no rate
    assert page.locator("pattern#map-no-data").count() == 1

    legend = page.locator('[data-testid="map-legend"] .legend-row:visible')
    expect(legend).to_have_count(1)
    expect(legend.get_by_test_id("map-legend-title")).to_have_text("อัตราเข้าร่วมเทียบเป้าหมาย (%)")
    expect(legend.locator(".legend-item")).to_have_text(
        ["0–19.9 %", "20–39.9 %", "40–59.9 %", "60–79.9 %", "80 % ขึ้นไป", "ไม่มีข้อมูล"]
    )
    expect(legend.locator(".legend-item[data-no-data] rect")).to_have_attribute("fill", "url(#map-no-data)")
    swatches = legend.locator(".legend-item:not([data-no-data]) rect").evaluate_all(
        "(rects) => rects.map((r) => r.getAttribute('fill'))"
    )
    assert len(set(swatches)) == 5 and fills["52"] == swatches[3] and fills["50"] == swatches[0]

    page.locator(".thailand-map").scroll_into_view_if_needed()
    map_card = page.locator(".thailand-map").locator(
        "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' card ')]"
    )
    map_card.screenshot(path="/tmp/map.png")

    # Back to a head count: the legend follows, and nobody lacks a count.
    page.get_by_test_id("map-measure").select_option("active")
    expect(page.get_by_test_id("map-legend").locator(".legend-row:visible .legend-title")).to_have_text(
        "อสร. ปฏิบัติหน้าที่ (คน)"
    )
    assert "url(#map-no-data)" not in page.evaluate(FILLS).values()


def test_every_chart_axis_has_a_title_and_head_counts_tick_whole(browser_login, live_server, hq_analyst, attendance):
    page = browser_login(hq_analyst)
    page.goto(f"{live_server.url}/reports/dashboard/?fy=2568")
    assert page.evaluate(AXES, "chart-national-trend") == {
        "x": {"title": "ปีงบประมาณ (พ.ศ.)", "precision": None},
        "y": {"title": "อสร. ปฏิบัติหน้าที่ (คน)", "precision": 0},
        "y1": {"title": ["แต่งตั้งใหม่ / พ้นสภาพ (คน)"], "precision": 0},
    }

    page.goto(f"{live_server.url}/reports/province/52/?fy=2568")
    assert page.evaluate(AXES, "chart-trend")["y1"] == {
        "title": ["แต่งตั้งใหม่ / พ้นสภาพ /", "ผู้เข้าร่วมกิจกรรม (คน)"],
        "precision": 0,
    }
    assert page.evaluate(AXES, "chart-districts") == {
        "x": {"title": "อำเภอ/เขต", "precision": None},
        "y": {"title": "อสร. (คน)", "precision": 0},
    }
    assert page.evaluate(AXES, "chart-age") == {
        "x": {"title": "ช่วงอายุ (ปี)", "precision": None},
        "y": {"title": "อสร. ปฏิบัติหน้าที่ (คน)", "precision": 0},
    }
    assert page.evaluate(AXES, "chart-coverage") == {}  # the half-doughnut gauge has no axes
    for chart in ["chart-trend", "chart-districts", "chart-age"]:
        for name, axis in page.evaluate(AXES, chart).items():
            assert axis["title"], (chart, name)


def test_the_trend_chart_counts_fiscal_years_in_ce_in_english(browser_login, live_server, hq_analyst, attendance):
    page = browser_login(hq_analyst)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/reports/dashboard/?fy=2568")
    labels = page.evaluate("(id) => Chart.getChart(document.getElementById(id)).data.labels", "chart-national-trend")
    assert labels[-1] == "2025"  # fiscal year 2568 BE
    assert page.evaluate(AXES, "chart-national-trend")["x"]["title"] == "Fiscal year"
