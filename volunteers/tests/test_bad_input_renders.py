"""Bad input still draws a tidy page (issue 13): a 100-character Thai name, a name of stacked combining marks
(ก็็็็, as a stuck key or a copied text makes), and a province with no volunteers at all, on a 1366 px screen and a
390 px phone. No page grows wider than the screen, a name wraps inside its own box, and the report's charts draw
without NaN or a script error."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentors.tests.factories import MentorFactory
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

SCREENS = [{"width": 1366, "height": 900}, {"width": 390, "height": 844}]
LONG_FIRST = ("ศรีสุวรรณ" * 12)[:100]
LONG_LAST = ("ประเสริฐวงศ์" * 9)[:100]
STACKED = "ก" + "\u0e47" * 20 + "\u0e49" * 20 + "\u0e38" * 20
TAMED = "ก\u0e47\u0e49\u0e38"
PAYAO = "56"

# Elements whose content runs past their own box sideways (a name that did not wrap); a table inside a box that
# scrolls sideways on purpose is left out.
OVERFLOWING = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.scrollWidth > e.clientWidth + 1)
  .map((e) => `${e.tagName} ${e.scrollWidth} > ${e.clientWidth}: ${e.textContent.trim().slice(0, 30)}`)"""

# Each chart.js canvas has drawn something: some pixel is not transparent.
CHARTS_DRAWN = """() => [...document.querySelectorAll('canvas')].map((canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = false;
  for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) { painted = true; break; } }
  return [canvas.id, canvas.width > 0 && canvas.height > 0 && painted];
})"""


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on("console", lambda message: message.type == "error" and errors.append(f"console: {message.text}"))
    return errors


def assert_fits(page, where: str):
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{where}: the page is {width[0]} px wide on a {width[1]} px screen"
    assert page.evaluate(OVERFLOWING, "h1, .name-part, td:has(> a > .name-part), [data-testid=mentor-name]") == [], (
        where
    )


@pytest.fixture
def odd_names(lampang):
    mentor = MentorFactory(province=lampang, title="นาง", first_name=STACKED, last_name=LONG_LAST)
    long_one = VolunteerFactory(
        province=lampang, first_name=LONG_FIRST, last_name=LONG_LAST, mentor=mentor, appointed_on=dt.date(2025, 11, 1)
    )
    stacked = VolunteerFactory(
        province=lampang,
        title=Volunteer.Title.MISS,
        first_name=STACKED,
        last_name=STACKED,
        mentor=mentor,
        appointed_on=dt.date(2025, 11, 1),
    )
    return long_one, stacked, mentor


def test_long_and_stacked_names_wrap_inside_their_boxes_on_a_desktop_and_a_phone(
    browser_login, live_server, lampang_officer, odd_names
):
    long_one, stacked, mentor = odd_names
    page = browser_login(lampang_officer)
    errors = watch_errors(page)
    pages = [
        reverse("volunteers:list"),
        reverse("volunteers:detail", args=[long_one.pk]),
        reverse("volunteers:detail", args=[stacked.pk]),
        reverse("mentors:list"),
        reverse("mentors:detail", args=[mentor.pk]),
    ]
    for screen in SCREENS:
        page.set_viewport_size(screen)
        for path in pages:
            page.goto(f"{live_server.url}{path}")
            assert_fits(page, f"{path} at {screen['width']} px")
        page.goto(f"{live_server.url}{reverse('volunteers:detail', args=[long_one.pk])}")
        # The whole name is there, wrapped onto more lines rather than cut.
        expect(page.get_by_test_id("volunteer-name")).to_have_text(f"นาย{LONG_FIRST} {LONG_LAST}")
        assert page.get_by_test_id("volunteer-name").bounding_box()["height"] > 60
        # A pile of sixty marks is drawn as the three different ones, not as a tower over the lines above.
        page.goto(f"{live_server.url}{reverse('volunteers:detail', args=[stacked.pk])}")
        expect(page.get_by_test_id("volunteer-name")).to_have_text(f"นางสาว{TAMED} {TAMED}")
        page.goto(f"{live_server.url}{reverse('volunteers:list')}")
        expect(page.locator(f'tr[data-volunteer="{stacked.pk}"] a').first).to_have_text(f"นางสาว{TAMED} {TAMED}")
    assert errors == []


def test_an_empty_province_draws_its_report_and_dashboard_row_without_nan(
    browser_login, live_server, hq_analyst, odd_names
):
    page = browser_login(hq_analyst)
    errors = watch_errors(page)
    for screen in SCREENS:
        page.set_viewport_size(screen)
        page.goto(f"{live_server.url}{reverse('reports:dashboard')}")
        assert_fits(page, f"the dashboard at {screen['width']} px")
        page.locator('[data-testid="province-table"] a', has_text="พะเยา").click()
        page.wait_for_url(f"**/reports/province/{PAYAO}/**")
        page.wait_for_load_state("networkidle")
        expect(page.locator("h1")).to_contain_text("พะเยา")
        assert "NaN" not in page.inner_text("body") and "undefined" not in page.inner_text("body")
        drawn = page.evaluate(CHARTS_DRAWN)
        assert drawn and all(painted for _, painted in drawn), drawn
        assert_fits(page, f"Phayao's report at {screen['width']} px")
        # Lampang, with the odd names in it, draws too.
        page.goto(f"{live_server.url}{reverse('reports:province', args=['52'])}")
        page.wait_for_load_state("networkidle")
        assert "NaN" not in page.inner_text("body")
        assert_fits(page, f"Lampang's report at {screen['width']} px")
    assert errors == []


def test_real_names_keep_every_mark_and_a_pile_is_cut_down():
    from core.people import tame_marks

    for name in ["สิทธิ์", "ปั่นแก้ว", "อิ่นต๊ะ", "กิ่งกาญจน์", "ณ อยุธยา"]:
        assert tame_marks(name) == name
    assert tame_marks("ก็็็็") == "ก็"
    assert tame_marks(STACKED) == TAMED
