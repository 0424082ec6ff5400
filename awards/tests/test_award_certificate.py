"""A selected volunteer's award certificate: a Thai PDF with the name, province and year, and a QR code to a public
page that confirms the award without the national ID."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from pypdf import PdfReader

from awards.models import Nomination
from awards.tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    # HarfBuzz draws ำ (sara am) as two glyphs; pypdf reads the second back as \x03 or '"' after it. The printed
    # page is right: only the extracted text has them.
    return re.sub('(?<=ำ)[\x03"]', "", text)


@pytest.fixture
def selected(lampang_volunteer, hq_officer):
    return NominationFactory(
        volunteer=lampang_volunteer,
        fiscal_year=2568,
        status=Nomination.Status.SELECTED,
        reviewed_by=hq_officer,
        reviewed_at=timezone.now(),
    )


def test_the_certificate_names_the_volunteer_the_province_and_the_year(client_for, lampang_officer, selected):
    response = client_for(lampang_officer).get(reverse("awards:certificate", args=[selected.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "นายสมหมาย ขยันยิ่ง" in text
    assert "อาสาสมัครแรงงานดีเด่น ประจำปีงบประมาณ พ.ศ. 2568" in text
    assert "จังหวัดลำปาง" in text
    assert "เกียรติบัตร" in text
    assert selected.volunteer.national_id not in re.sub(r"\D", "", text)


def test_hq_prints_any_provinces_certificate_and_another_province_gets_404(
    client_for, hq_analyst, chiangmai_officer, selected
):
    assert client_for(hq_analyst).get(reverse("awards:certificate", args=[selected.pk])).status_code == 200
    assert client_for(chiangmai_officer).get(reverse("awards:certificate", args=[selected.pk])).status_code == 404


def test_no_certificate_before_hq_selects(client_for, lampang_officer, lampang_volunteer):
    nomination = NominationFactory(volunteer=lampang_volunteer)
    response = client_for(lampang_officer).get(reverse("awards:certificate", args=[nomination.pk]), follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert "ยังไม่มีเกียรติบัตร" in response.content.decode()


def test_the_qr_code_opens_a_public_page_with_name_province_and_year(client, selected):
    response = client.get(reverse("awards:verify", args=[selected.verification_code]))
    assert response.status_code == 200
    text = strip_tags(response.content.decode())
    assert "นายสมหมาย ขยันยิ่ง" in text and "จังหวัดลำปาง" in text and "2568" in text
    assert "ได้รับคัดเลือก" in text and "เกียรติบัตรฉบับนี้ออกโดยระบบจริง" in text
    assert selected.volunteer.national_id not in text
    assert client.get(reverse("awards:verify", args=["not-a-real-code"])).status_code == 404


def test_a_decision_reversed_makes_the_certificate_invalid(client, selected):
    Nomination.objects.filter(pk=selected.pk).update(status=Nomination.Status.DECLINED)
    text = strip_tags(client.get(reverse("awards:verify", args=[selected.verification_code])).content.decode())
    assert "ไม่พบเกียรติบัตรที่ใช้ได้" in text and "ได้รับคัดเลือก —" not in text
