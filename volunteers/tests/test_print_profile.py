"""A printed volunteer profile (issue 13) has who the volunteer is, the appointment and the mentor on its first A4
page; the change and status histories follow from the next page. On paper the page's two columns stack, and the
change history (pages long for a volunteer edited often) used to come between the details and the appointment."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from volunteers.tests.factories import VolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_the_printed_profile_has_appointment_and_mentor_on_page_one_and_the_history_after(
    browser_login, live_server, lampang, lampang_officer, lampang_mentor
):
    lampang_mentor.phone = "0812345678"
    lampang_mentor.save()
    volunteer = VolunteerFactory(
        province=lampang,
        first_name="กาญจนา",
        last_name="ศรีวิชัย",
        mentor=lampang_mentor,
        appointed_on=dt.date(2020, 11, 2),
        appointment_order="ORDER-12/2563",
    )
    # An officer who corrected the record many times: a change history longer than a page.
    for n in range(40):
        volunteer.notes = f"Note {n}"
        volunteer.save()

    page = browser_login(lampang_officer)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}{reverse('volunteers:detail', args=[volunteer.pk])}")

    # A4's width at 96 dpi: the page as the printer lays it out, its columns stacked.
    page.set_viewport_size({"width": 794, "height": 1123})
    page.emulate_media(media="print")
    top = {
        name: page.get_by_test_id(test_id).bounding_box()["y"]
        for name, test_id in [
            ("appointment", "appointed-on"),
            ("mentor", "mentor-name"),
            ("changes", "change-history"),
            ("statuses", "status-history"),
        ]
    }
    assert top["appointment"] < top["mentor"] < top["changes"] < top["statuses"], top

    pages = [sheet.extract_text() for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
    first = pages[0]
    assert "Personal details" in first and "ORDER-12/2563" in first and "081-234-5678" in first
    assert "Change history" not in first and "Status history" not in first
    changes = next(n for n, text in enumerate(pages) if "Change history" in text)
    statuses = next(n for n, text in enumerate(pages) if "Status history" in text)
    assert 1 == changes <= statuses, (changes, statuses)
