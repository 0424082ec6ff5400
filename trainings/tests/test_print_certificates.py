import io
import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from pypdf import PdfReader

from trainings import services
from trainings.certificates import date_phrase
from trainings.models import Event
from trainings.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def attended(lampang_officer, lampang_event, lampang_registration):
    services.check_in(
        day=lampang_event.days.get(), registration=lampang_registration, method="tick", by=lampang_officer
    )
    return lampang_registration


def test_a_participant_who_attended_downloads_a_thai_certificate(client_for, lampang_officer, attended):
    response = client_for(lampang_officer).get(reverse("trainings:certificate", args=[attended.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "นายสมหมาย ขยันยิ่ง" in text
    assert "7 มกราคม พ.ศ. 2563" in text
    assert "เกียรติบัตร" in text
    assert attended.code in text
    # The volunteer's national ID never goes on the certificate.
    assert attended.volunteer.national_id not in re.sub(r"\D", "", text)


def test_a_certificate_printed_from_an_english_page_is_still_thai(client_for, lampang_officer, attended):
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"

    text = pdf_text(client.get(reverse("trainings:certificate", args=[attended.pk])).content)

    assert "นายสมหมาย ขยันยิ่ง" in text and "อาสาสมัครแรงงาน" in text
    assert "Mr" not in text and "Volunteer" not in text


def test_the_certificate_qr_code_opens_a_public_page_with_name_and_event_only(client, attended):
    response = client.get(reverse("trainings:verify", args=[attended.certificate_token]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "นายสมหมาย ขยันยิ่ง" in strip_tags(page) and attended.event.title in strip_tags(page)
    assert "เกียรติบัตรฉบับนี้ออกโดยระบบจริง" in page
    assert attended.volunteer.national_id not in page
    assert "xxxxx" not in page  # not even masked
    assert client.get(reverse("trainings:verify", args=["not-a-real-token"])).status_code == 404


def test_a_cancelled_certificate_is_no_longer_valid(client, lampang_officer, attended):
    services.cancel_registration(registration=attended, reason="ลงทะเบียนผิดคน", by=lampang_officer)
    page = client.get(reverse("trainings:verify", args=[attended.certificate_token])).content.decode()
    assert "ไม่พบเกียรติบัตรที่ใช้ได้" in page


def test_no_certificate_without_attending_every_day(client_for, lampang_officer, lampang):
    event = EventFactory(
        host_province=lampang, start_date=EventFactory.start_date, end_date=EventFactory.start_date.replace(day=8)
    )
    registration = RegistrationFactory(event=event, name="นางมาลี บุญมา")
    services.check_in(day=event.days.first(), registration=registration, method="tick", by=lampang_officer)
    response = client_for(lampang_officer).get(reverse("trainings:certificate", args=[registration.pk]), follow=True)
    assert "ยังไม่มีสิทธิ์รับเกียรติบัตร" in response.content.decode()
    services.check_in(day=event.days.last(), registration=registration, method="tick", by=lampang_officer)
    response = client_for(lampang_officer).get(reverse("trainings:certificate", args=[registration.pk]))
    assert "ระหว่างวันที่ 7 - 8 มกราคม พ.ศ. 2563" in pdf_text(response.content)


def test_all_certificates_at_once(client_for, lampang_officer, lampang_event, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    day = lampang_event.days.get()
    people = [
        RegistrationFactory(event=lampang_event, name=n) for n in ["นายสมชาย ใจดี", "นางสาวสุดา แก้วมณี", "นายวีระ ทองอินทร์"]
    ]
    for person in people[:2]:
        services.check_in(day=day, registration=person, method="tick", by=lampang_officer)
    client = client_for(lampang_officer)
    client.post(reverse("trainings:certificates", args=[lampang_event.pk]))
    content = b"".join(client.get(reverse("trainings:certificates_file", args=[lampang_event.pk])).streaming_content)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 2
    text = pdf_text(content)
    assert "นายสมชาย ใจดี" in text and "นางสาวสุดา แก้วมณี" in text and "นายวีระ" not in text


def test_date_phrases_across_months_and_years(lampang):
    import datetime as dt

    event = EventFactory.build(start_date=dt.date(2020, 12, 30), end_date=dt.date(2021, 1, 2))
    assert date_phrase(event) == "ระหว่างวันที่ 30 ธันวาคม พ.ศ. 2563 - 2 มกราคม พ.ศ. 2564"
    event = EventFactory.build(start_date=dt.date(2020, 1, 30), end_date=dt.date(2020, 2, 1))
    assert date_phrase(event) == "ระหว่างวันที่ 30 มกราคม - 1 กุมภาพันธ์ พ.ศ. 2563"


def test_a_cancelled_event_gives_no_certificate_and_its_qr_code_says_it_was_cancelled(
    client, client_for, lampang_officer, attended
):
    Event.objects.filter(pk=attended.event_id).update(status=Event.Status.CANCELLED)
    officer = client_for(lampang_officer)

    response = officer.get(reverse("trainings:certificate", args=[attended.pk]), follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert "กิจกรรมนี้ถูกยกเลิกแล้ว จึงไม่มีเกียรติบัตร" in response.content.decode()
    event_page = officer.get(reverse("trainings:detail", args=[attended.event_id])).content.decode()
    assert 'data-testid="all-certificates"' not in event_page
    batch_page = officer.post(reverse("trainings:certificates", args=[attended.event_id])).content.decode()
    assert "กิจกรรมนี้ถูกยกเลิกแล้ว จึงไม่มีเกียรติบัตรให้พิมพ์" in batch_page

    page = client.get(reverse("trainings:verify", args=[attended.certificate_token])).content.decode()
    assert "กิจกรรมนี้ถูกยกเลิก เกียรติบัตรของกิจกรรมนี้จึงใช้ไม่ได้" in page
    assert "เกียรติบัตรฉบับนี้ออกโดยระบบจริง" not in page
