"""Every page fits a 390 px phone and axe-core finds nothing on it, for every persona (issue 13).

The pages are those of tests/test_every_demo_page_opens.py, whose walk it reuses: Django's URL resolver, filled from
the demo data, each persona opening what POLICIES lets it open, on the first demo object of each kind in its scope
(one object per kind keeps the walk to a few minutes). Files (PDF, workbooks, JSON) and the admin site are left out.

On a phone (390 × 844) no page may be wider than the screen: a wide table scrolls in its own box, a bar of buttons
wraps. On a desktop (1366 px) axe-core (the copy bundled with axe-playwright-python) must report no violation of
WCAG 2.x A/AA, as the Thai government web standards ask.
"""

import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.test_every_demo_page_opens import ANONYMOUS, load_demo, one_page_of_each_kind

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
DEMO_PASSWORD = "demo-2568"
# The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe's tags), not its best practices.
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


# The outermost elements that reach past the right edge of the screen, to say what makes a page too wide.
TOO_WIDE = """() => {
  const edge = document.documentElement.clientWidth;
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map((c) => '.' + c).join('');
  const wide = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > edge + 1);
  return wide.filter((e) => !wide.includes(e.parentElement)).slice(0, 3)
    .map((e) => `${name(e)} in ${name(e.parentElement)} (${Math.round(e.getBoundingClientRect().right)} px)`);
}"""


def new_context(chromium, viewport, **options):
    context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport=viewport, **options)
    context.set_default_timeout(20_000)
    return context


def test_every_page_fits_a_phone_and_axe_finds_nothing_for_every_persona(
    chromium, live_server, browser_login, geography
):
    scopes = load_demo()
    walk = one_page_of_each_kind(scopes)
    phone = new_context(chromium, PHONE)
    # axe is injected by Playwright as a script of its own, which the portal's Content-Security-Policy would refuse.
    desktop = new_context(chromium, DESKTOP, bypass_csp=True)
    axe = Axe()
    too_wide, violations, not_opened, opened = [], [], [], 0
    started = time.perf_counter()
    try:
        on_phone, on_desktop = phone.new_page(), desktop.new_page()
        for persona, pages in walk.items():
            cookies = []
            if persona != ANONYMOUS:
                login_page = browser_login(scopes.users[persona], password=DEMO_PASSWORD)
                cookies = login_page.context.cookies()
                login_page.context.clear_cookies()
            for context in (phone, desktop):
                context.clear_cookies()
                context.add_cookies(cookies)
            for name, path in pages:
                url = f"{live_server.url}{path}"
                # Asked first without drawing: Chromium shows no page for a download or an empty 405 (a button's
                # target that only takes a POST), and its error page would break the next navigation.
                answer = phone.request.get(url)
                kind = answer.headers.get("content-type", "")
                answer.dispose()
                if answer.status != 200 or not kind.startswith("text/html"):
                    not_opened.append(f"{path} as {persona}: {answer.status} {kind}")
                    continue
                on_phone.goto(url)
                opened += 1
                width = on_phone.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    culprits = "; ".join(on_phone.evaluate(TOO_WIDE))
                    too_wide.append(f"{width} px: {name} {path} as {persona}: {culprits}")
                on_desktop.goto(url)
                for violation in axe.run(on_desktop, options=WCAG_AA).response["violations"]:
                    targets = [
                        f"{' '.join(map(str, node['target']))} ({node['failureSummary'].splitlines()[-1].strip()[:120]})"
                        for node in violation["nodes"]
                    ]
                    violations.append(f"{violation['id']} on {path} as {persona}: {targets[:5]}")
    finally:
        phone.close()
        desktop.close()
    print(f"{opened} pages in {time.perf_counter() - started:.0f} s; not opened: {not_opened}")
    problems = []
    if too_wide:
        problems.append(f"{len(too_wide)} pages wider than a {PHONE['width']} px phone:\n" + "\n".join(too_wide))
    if violations:
        problems.append(f"{len(violations)} axe violations:\n" + "\n".join(violations))
    assert not problems, "\n\n".join(problems)


def test_the_reports_print_frame_is_fluid_on_screen_and_an_a4_table_on_paper(browser_login, live_server, geography):
    scopes = load_demo()
    page = browser_login(scopes.users["lampang.officer"], password=DEMO_PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/reports/province/52/")
    frame = "(selector) => getComputedStyle(document.querySelector(selector)).display"
    assert page.evaluate(frame, ".print-frame") == "block"
    assert page.evaluate(frame, ".print-frame > thead") == "none"
    page.emulate_media(media="print")
    # On paper it stays the table whose head (the report's title and date) repeats on every A4 page.
    assert page.evaluate(frame, ".print-frame") == "table"
    assert page.evaluate(frame, ".print-frame > thead") == "table-header-group"
