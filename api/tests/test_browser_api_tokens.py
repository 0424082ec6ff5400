"""In the browser: from the account page an officer makes an API token, copies it once, sees it listed and revokes it;
the page fits a phone and axe-core finds nothing on it."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from rest_framework.test import APIClient

from tests.test_phone_width import PHONE, TOO_WIDE, WCAG_AA

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_an_officer_makes_copies_and_revokes_a_token_in_the_browser(browser_login, live_server, lampang_officer):
    page = browser_login(lampang_officer)
    expect.set_options(timeout=15_000)
    page.goto(f"{live_server.url}/accounts/security/")
    page.get_by_role("link", name="จัดการโทเค็น API").click()
    page.get_by_label("ชื่อโทเค็น").fill("ระบบรายงานของจัดหางาน")
    page.get_by_label("อ่านและบันทึกข้อมูล").check()
    page.get_by_role("button", name="สร้างโทเค็น").click()
    secret = page.get_by_label("โทเค็น", exact=True).input_value()
    assert secret.startswith("asr_")
    expect(page.get_by_test_id("token-row")).to_contain_text("อ่านและบันทึก")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/volunteers/").status_code == 200

    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/api-tokens/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.evaluate(TOO_WIDE)

    page.goto(f"{live_server.url}/accounts/api-tokens/")
    expect(page.get_by_label("โทเค็น", exact=True)).to_have_count(0)
    page.get_by_role("button", name="เพิกถอน ระบบรายงานของจัดหางาน").click()
    expect(page.get_by_role("alert")).to_contain_text("เพิกถอนโทเค็น “ระบบรายงานของจัดหางาน” แล้ว")
    expect(page.get_by_test_id("token-row")).to_contain_text("เพิกถอนแล้ว")
    assert api.get("/api/v1/volunteers/").status_code == 401


def test_a_long_token_name_with_nothing_to_break_at_wraps_and_leaves_the_table_its_width(
    browser_login, live_server, lampang_officer
):
    # A token is often named after the system that uses it, as its program names it, with no space or hyphen to break
    # at: such a name used to widen the token table past its box, the revoke button scrolled off to the right.
    name = "lampang_volunteer_registry_sync_nightly_export_job_for_the_provincial_labour_office_2570"
    page = browser_login(lampang_officer)
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(f"{live_server.url}/accounts/api-tokens/")
    page.get_by_label("ชื่อโทเค็น").fill(name)
    page.get_by_role("button", name="สร้างโทเค็น").click()
    expect(page.get_by_test_id("token-row")).to_contain_text(name)

    table = page.locator(".table-responsive").filter(has=page.get_by_test_id("token-row"))
    assert table.evaluate("wrapper => wrapper.scrollWidth <= wrapper.clientWidth"), table.evaluate(
        "wrapper => [wrapper.scrollWidth, wrapper.clientWidth]"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    expect(page.get_by_role("button", name=f"เพิกถอน {name}")).to_be_in_viewport()
