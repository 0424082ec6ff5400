"""The HQ analyst's path through the reports in a real browser: dashboard, sorting, the map, Lampang, the .xlsx."""

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from reports.tests.factories import event_days, register
from trainings.models import Category, EventTarget
from trainings.tests.factories import EventFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

CANVAS_HAS_INK = """(id) => {
  const canvas = document.getElementById(id);
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) return true; }
  return false;
}"""

# A point inside Lampang's shape, in page coordinates, so that the click lands on Lampang and not a neighbour.
POINT_IN_PROVINCE = """(code) => {
  const path = document.querySelector(`a.map-province[data-code="${code}"] path`);
  const box = path.getBBox();
  const matrix = path.getScreenCTM();
  for (let fy = 0.5; fy < 1; fy += 0.05) {
    for (const fx of [0.5, 0.4, 0.6, 0.3, 0.7]) {
      const point = new DOMPoint(box.x + box.width * fx, box.y + box.height * fy);
      if (path.isPointInFill(point)) {
        const screen = point.matrixTransform(matrix);
        return [screen.x, screen.y];
      }
    }
  }
  return null;
}"""


@pytest.fixture
def lampang_network(lampang):
    subdistricts = list(lampang.subdistricts.order_by("code")[:6])
    for n, subdistrict in enumerate(subdistricts):
        VolunteerFactory(subdistrict=subdistrict, appointed_on=dt.date(2019 + n % 3, 1, 10))
    event = EventFactory(host_province=lampang, start_date=dt.date(2025, 1, 7), end_date=dt.date(2025, 1, 7))
    EventTarget.objects.create(event=event, category=Category.VOLUNTEER, target=10)
    (day,) = event_days(event)
    for n in range(4):
        register(event, Category.VOLUNTEER, province=lampang, name=f"ผู้เข้าร่วม {n}", days=[day] if n < 3 else [])
    return event


def test_hq_analyst_goes_from_the_dashboard_to_lampangs_report(browser_login, live_server, hq_analyst, lampang_network):
    page = browser_login(hq_analyst)
    page.goto(f"{live_server.url}/reports/dashboard/?fy=2568")
    expect(page.get_by_test_id("dashboard-title")).to_have_text("ภาพรวมประเทศ")
    assert page.evaluate(CANVAS_HAS_INK, "chart-national-trend")

    table = page.get_by_test_id("province-table")
    expect(table.locator("tbody tr")).to_have_count(77)
    page.get_by_test_id("sort-coverage").click()
    expect(table.locator("tbody tr").first).to_have_attribute("data-code", "52")
    expect(table.locator("tbody tr").first.locator('[data-col="coverage"]')).not_to_have_text("0.0%")

    page.get_by_test_id("region-filter").select_option("north")
    expect(table.locator("tbody tr:visible")).to_have_count(17)

    page.get_by_test_id("map-measure").select_option("active")
    lampang_fill = page.locator('a.map-province[data-code="52"] path').get_attribute("fill")
    assert lampang_fill == "#08519c"  # the darkest class: the only province with volunteers

    page.get_by_test_id("map").scroll_into_view_if_needed()
    x, y = page.evaluate(POINT_IN_PROVINCE, "52")
    page.mouse.click(x, y)
    expect(page.get_by_test_id("report-title")).to_contain_text("ลำปาง")
    expect(page.get_by_test_id("report-fy")).to_contain_text("2568")
    expect(page.get_by_test_id("stat-active")).to_have_text("6")
    for chart in ["chart-coverage", "chart-districts", "chart-age", "chart-trend"]:
        assert page.evaluate(CANVAS_HAS_INK, chart), chart

    page.get_by_test_id("fy-picker").get_by_label("ปีงบประมาณ").select_option("2567")
    expect(page.get_by_test_id("report-fy")).to_contain_text("2567")
    expect(page.get_by_test_id("hosted-table")).to_contain_text("ไม่มีกิจกรรมที่จังหวัดจัดในปีงบประมาณนี้")

    with page.expect_download() as download_info:
        page.get_by_test_id("download-xlsx").click()
    download = download_info.value
    assert download.suggested_filename == "report-52-2567.xlsx"
    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert book["สรุป"]["A1"].value == "สรุป จังหวัดลำปาง ปีงบประมาณ 2567"


def test_the_report_prints_on_a4_with_its_header(browser_login, live_server, lampang_officer, lampang_network):
    page = browser_login(lampang_officer)
    page.goto(f"{live_server.url}/reports/province/52/?fy=2568")
    page.emulate_media(media="print")
    expect(page.locator(".report-print-header")).to_be_visible()
    expect(page.locator(".portal-topbar")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


# On an A4 page less its margins (portal.css: 210 mm - 2 x 12 mm) at the browser's 96 px to the inch.
A4_PRINTED_WIDTH = round((210 - 24) / 25.4 * 96)

OVERFLOWS = """(width) => {
  const wider = [...document.querySelectorAll('.print-frame, .print-frame table, .card')]
    .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().right > width + 1)
    .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
  const spilled = [...document.querySelectorAll('.chart-box canvas')]
    .filter((canvas) => canvas.getBoundingClientRect().bottom > canvas.closest('.chart-box').getBoundingClientRect().bottom + 1)
    .map((canvas) => `canvas#${canvas.id}`);
  return [...wider, ...spilled];
}"""


@pytest.mark.parametrize("report", ["dashboard", "province"])
def test_a_printed_report_fits_the_width_of_a4_and_its_charts_their_boxes(
    browser_login, live_server, hq_analyst, lampang_network, report
):
    page = browser_login(hq_analyst)
    page.set_viewport_size({"width": A4_PRINTED_WIDTH, "height": 1100})
    url = "/reports/dashboard/?fy=2568" if report == "dashboard" else "/reports/province/52/?fy=2568"
    page.goto(f"{live_server.url}{url}")
    page.wait_for_function("() => document.querySelectorAll('.chart-box canvas').length > 0")

    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(300)

    assert page.evaluate(OVERFLOWS, A4_PRINTED_WIDTH) == []
