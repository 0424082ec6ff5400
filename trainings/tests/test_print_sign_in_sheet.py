import unicodedata

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from trainings.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_the_sign_in_sheet_lists_everyone_with_a_signature_column(
    client_for, lampang_viewer, lampang_event, lampang_registration
):
    RegistrationFactory(
        event=lampang_event,
        name="นายวิทยากร เก่งมาก",
        category="speaker",
        position="วิทยากร",
        agency_name="มหาวิทยาลัยราชภัฏลำปาง",
    )
    cancelled = RegistrationFactory(event=lampang_event, name="นายยกเลิก แล้ว")
    cancelled.cancelled_at = cancelled.registered_at
    cancelled.save()
    day = lampang_event.days.get()
    page = client_for(lampang_viewer).get(reverse("trainings:sheet", args=[lampang_event.pk, day.pk])).content.decode()
    assert "ใบลงทะเบียน" in page
    assert lampang_event.title in page
    assert "วันที่ 7 มกราคม 2563" in page
    assert lampang_event.venue in page
    for header in ["ลำดับ", "ชื่อ-นามสกุล", "ตำแหน่ง/หน่วยงาน", "ลายมือชื่อ"]:
        assert f">{header}</th>" in page
    assert "นายสมหมาย ขยันยิ่ง" in strip_tags(page)
    assert "วิทยากร มหาวิทยาลัยราชภัฏลำปาง" in page
    assert "นายยกเลิก" not in page
    assert page.count('class="sign"') == 2 + 5  # two people and five blank rows for walk-ins


def test_the_sheet_prints_on_a4_without_the_portal_around_it(client_for, lampang_officer, lampang_event):
    day = lampang_event.days.get()
    page = client_for(lampang_officer).get(reverse("trainings:sheet", args=[lampang_event.pk, day.pk])).content.decode()
    assert "trainings/trainings.css" in page
    assert 'class="d-flex flex-wrap justify-content-between align-items-end gap-2 mb-3 no-print"' in page


def test_a_national_events_sheet_shows_a_province_only_its_own_people(
    client_for, lampang_officer, chiangmai_officer, national_event, lampang_volunteer, chiangmai_volunteer
):
    from trainings import services

    services.register_people(event=national_event, volunteers=[lampang_volunteer], by=lampang_officer)
    services.register_people(event=national_event, volunteers=[chiangmai_volunteer], by=chiangmai_officer)
    day = national_event.days.get()
    page = (
        client_for(lampang_officer).get(reverse("trainings:sheet", args=[national_event.pk, day.pk])).content.decode()
    )
    assert "สมหมาย ขยันยิ่ง" in strip_tags(page) and "คำแปง" not in strip_tags(page)


A4_POINTS = (595.28, 841.89)


def skeleton(text: str) -> str:
    """Thai text as a PDF reader gets it back: vowel and tone marks may come out split or lost, so compare without."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and c != "\x00" and unicodedata.category(c) != "Mn")


@pytest.mark.django_db(transaction=True)
@pytest.mark.browser
def test_chromium_prints_the_sheet_on_a4_pages_with_only_the_sheet_on_them(
    browser_login, live_server, lampang_officer, lampang
):
    import io

    from pypdf import PdfReader

    from trainings.tests.factories import EventFactory

    event = EventFactory(host_province=lampang, title="การประชุมประจำเดือน ณ ลำปาง")
    for n in range(40):  # at 10 mm a row, more than one A4 page
        RegistrationFactory(event=event, name=f"นายทดสอบ แถว{n + 1}")
    page = browser_login(lampang_officer)
    page.goto(f"{live_server.url}/trainings/{event.pk}/days/{event.days.get().pk}/sheet/")
    portal_words = [w.strip() for w in page.locator(".portal-topbar .nav-link").all_inner_texts() if w.strip()]
    assert portal_words  # the screen shows the portal's menu around the sheet

    page.emulate_media(media="print")
    style = "(s) => { const c = getComputedStyle(s); return [c.paddingLeft, c.paddingTop]; }"
    assert page.eval_on_selector("[data-testid=sign-in-sheet]", style) == ["0px", "0px"]
    assert page.eval_on_selector("main", style) == ["0px", "0px"]
    # As the browser's print dialog lays it out: the page size comes from the CSS @page rule.
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    assert len(pdf.pages) >= 2
    for number, pdf_page in enumerate(pdf.pages, start=1):
        size = (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1), f"page {number} is {size} pt, not A4"
    text = skeleton("".join(p.extract_text() for p in pdf.pages))
    assert skeleton("ใบลงทะเบียน การประชุมประจำเดือน ณ ลำปาง") in text
    assert skeleton("นายทดสอบ แถว40") in text
    assert skeleton("ลายมือชื่อ") in skeleton(pdf.pages[-1].extract_text())  # the header row repeats on every page
    for hidden in portal_words + ["พิมพ์ใบลงทะเบียน", "กลับไปหน้ากิจกรรม", "ประเภทผู้เข้าร่วม"]:
        assert skeleton(hidden) not in text, f"“{hidden}” is printed"
