"""The sign-in sheet printed from its PDF: its title and "หน้า n / m" on every page (issue 13)."""

import io
import re
import unicodedata

import pytest
from django.urls import reverse
from pypdf import PdfReader

from trainings import services
from trainings.tests.factories import EventFactory, RegistrationFactory
from trainings.tests.test_print_sign_in_sheet import A4_POINTS
from trainings.tests.test_print_sign_in_sheet import skeleton as base_skeleton

pytestmark = pytest.mark.django_db


def skeleton(text: str) -> str:
    """As base_skeleton; also without า and ำ, which pypdf reads back from the shaped ำ as "า#", and without the
    private-use glyphs Chromium's PDF gives for some tone marks."""
    return "".join(c for c in base_skeleton(text) if c not in "าำ#" and unicodedata.category(c) != "Co")


def pages_of(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_every_page_of_a_long_sheet_has_the_title_the_event_and_its_page_number(client_for, lampang_viewer, lampang):
    event = EventFactory(host_province=lampang, title="การประชุมเชิงปฏิบัติการเครือข่ายอาสาสมัครแรงงาน จังหวัดลำปาง")
    for n in range(60):
        RegistrationFactory(event=event, name=f"นายทดสอบ แถว{n + 1}")
    RegistrationFactory(event=event, name="นายวิทยากร เก่งมาก", category="speaker", position="วิทยากร")
    day = event.days.get()

    response = client_for(lampang_viewer).get(reverse("trainings:sheet_pdf", args=[event.pk, day.pk]))

    pages = pages_of(response)
    total = len(pages)
    assert total >= 3
    for number, text in enumerate(pages, start=1):
        flat = skeleton(text)
        assert skeleton("ใบลงทะเบียน") in flat, f"page {number} has no title"
        assert skeleton(event.title) in flat, f"page {number} does not name the event"
        assert skeleton("ลายมือชื่อ") in flat, f"page {number} has no header row"
        assert re.search(rf"หน้า\s*{number}\s*/\s*{total}\b", text), f"page {number} is not numbered: {text[-80:]!r}"
    everything = skeleton("".join(pages))
    assert skeleton("วันที่ 7 มกราคม 2563") in everything
    assert skeleton("นายทดสอบ แถว60") in everything and skeleton("วิทยากร") in everything
    assert skeleton(str(61 + 5)) in skeleton(pages[-1])  # five numbered blank rows for walk-ins follow everyone
    for page in PdfReader(io.BytesIO(response.content)).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_POINTS, abs=1)


def test_the_print_button_opens_the_pdf_of_the_category_chosen(client_for, lampang_officer, lampang_event):
    RegistrationFactory(event=lampang_event, name="นายวิทยากร เก่งมาก", category="speaker", position="วิทยากร")
    RegistrationFactory(event=lampang_event, name="นางสาวอาสา ใจดี")
    day = lampang_event.days.get()
    client = client_for(lampang_officer)
    page = client.get(reverse("trainings:sheet", args=[lampang_event.pk, day.pk]), {"category": "speaker"}).content
    pdf_url = reverse("trainings:sheet_pdf", args=[lampang_event.pk, day.pk]) + "?category=speaker"
    assert f'href="{pdf_url}"'.encode() in page

    text = skeleton("".join(pages_of(client.get(pdf_url))))

    assert skeleton("นายวิทยากร เก่งมาก") in text and skeleton("อาสา ใจดี") not in text
    assert skeleton("ประเภทผู้เข้าร่วม: วิทยากร") in text


def test_a_national_events_sheet_pdf_shows_a_province_only_its_own_people(
    client_for, lampang_officer, chiangmai_officer, national_event, lampang_volunteer, chiangmai_volunteer
):
    services.register_people(event=national_event, volunteers=[lampang_volunteer], by=lampang_officer)
    services.register_people(event=national_event, volunteers=[chiangmai_volunteer], by=chiangmai_officer)
    day = national_event.days.get()

    text = skeleton(
        "".join(
            pages_of(client_for(lampang_officer).get(reverse("trainings:sheet_pdf", args=[national_event.pk, day.pk])))
        )
    )

    assert skeleton(lampang_volunteer.last_name) in text and skeleton(chiangmai_volunteer.last_name) not in text


def test_another_provinces_officer_gets_no_sheet(client_for, chiangmai_officer, lampang_event):
    day = lampang_event.days.get()
    response = client_for(chiangmai_officer).get(reverse("trainings:sheet_pdf", args=[lampang_event.pk, day.pk]))
    assert response.status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.browser
def test_printed_from_the_browser_too_every_page_has_the_title_and_its_number(
    browser_login, live_server, lampang_officer, lampang
):
    event = EventFactory(host_province=lampang, title="การประชุมประจำเดือน เครือข่ายอาสาสมัครแรงงาน")
    for n in range(60):
        RegistrationFactory(event=event, name=f"นายทดสอบ แถว{n + 1}")
    page = browser_login(lampang_officer)
    page.goto(f"{live_server.url}/trainings/{event.pk}/days/{event.days.get().pk}/sheet/")
    page.emulate_media(media="print")

    pages = [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages]

    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        flat = skeleton(text)
        assert skeleton("ใบลงทะเบียน") in flat and skeleton(event.title) in flat, f"page {number} has no title"
        assert re.search(rf"หน{number}/{len(pages)}(?!\d)", flat), f"page {number} is not numbered: {flat[:40]}"
    assert skeleton("ใบลงทะเบียน") not in skeleton(pages[0].replace("ใบลงทะเบียน", "", 1))  # once a page, not twice


def test_a_hundred_letter_name_stays_inside_its_column(client_for, lampang_officer, lampang_event):
    from trainings.sheet import COLUMNS, SheetPDF, heading_for

    long_name = "นาย" + "ก" * 97  # typed without a space: nowhere to wrap
    registration = RegistrationFactory(event=lampang_event, name=long_name)
    day = lampang_event.days.get()
    pdf = SheetPDF(heading_for(lampang_event, day, day_number=1, day_total=1))
    pdf.add_page()
    drawn = []
    real_cell = pdf.cell
    pdf.cell = lambda w=None, h=None, text="", **kw: (
        drawn.append((w, pdf.get_string_width(text), text)),
        real_cell(w, h, text, **kw),
    )[1]
    pdf.person_row(1, registration.name_parts(), "")
    name_cells = [(width, used) for width, used, text in drawn if "ก" * 5 in text]
    assert name_cells and all(used <= COLUMNS[1][1] - 2 and width <= COLUMNS[1][1] for width, used in name_cells)
    text = "".join(
        pages_of(client_for(lampang_officer).get(reverse("trainings:sheet_pdf", args=[lampang_event.pk, day.pk])))
    )
    name_column = text.split("นาย", 1)[1].split(registration.position)[0]
    assert re.sub(r"\s", "", name_column) == "ก" * 97  # all of it, however small
