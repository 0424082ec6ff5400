"""In the browser, on a narrow phone: a long Thai name on the mentor list wraps between first and last name only; the
last name stays on one line."""

import pytest

from mentors.tests.factories import MentorFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PARTS_ON_MORE_THAN_ONE_LINE = """
() => Array.from(document.querySelectorAll('.name-part'))
  .filter(span => span.getClientRects().length !== 1)
  .map(span => span.textContent)
"""


def test_a_long_name_on_the_mentor_list_wraps_only_between_its_parts(
    browser_login, live_server, lampang_officer, lampang
):
    MentorFactory(
        province=lampang,
        title="นางสาว",
        first_name="ประภัสสรวรรณกมลทิพย์",
        last_name="อินต๊ะปันแก้วศรีสุวรรณวงศ์",
    )
    page = browser_login(lampang_officer)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/mentors/")
    last_name = page.locator(".name-part", has_text="อินต๊ะปันแก้วศรีสุวรรณวงศ์")
    assert last_name.count() == 1
    assert last_name.evaluate("span => span.getClientRects().length") == 1
    assert page.evaluate(PARTS_ON_MORE_THAN_ONE_LINE) == []
    # The cell is narrower than the whole name, so the name did wrap: between the two parts.
    first_name = page.locator(".name-part", has_text="ประภัสสรวรรณกมลทิพย์")
    assert first_name.bounding_box()["y"] < last_name.bounding_box()["y"]
