"""In the browser: a provincial officer follows the footer's link to the open data, in Thai, and downloads the CSV;
Lampang's three serving volunteers come out blank, Chiang Mai's twelve as counted."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.thai import current_fiscal_year
from reports.tests.test_open_data import network  # noqa: F401 (the same small national network)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_an_officer_finds_the_open_data_from_any_page_and_downloads_the_csv(
    browser_login,
    live_server,
    lampang_officer,
    network,  # noqa: F811
):
    page = browser_login(lampang_officer)
    expect.set_options(timeout=15_000)
    page.get_by_role("contentinfo").get_by_role("link", name="ข้อมูลเปิด").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ข้อมูลเปิด")
    expect(page.get_by_test_id("dataset")).to_contain_text("1 ถึง 4")

    with page.expect_download() as download:
        page.get_by_test_id("dataset").get_by_role("link", name="CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    fy = str(current_fiscal_year())
    by_province = {r["province_code"]: r for r in rows if r["fiscal_year"] == fy and r["level"] == "province"}
    assert by_province["52"]["province_name_th"] == "ลำปาง"
    assert by_province["52"]["volunteers_serving"] == ""
    assert by_province["50"]["volunteers_serving"] == "12"
