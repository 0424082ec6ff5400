"""The outstanding volunteer's award certificate: the training certificates' page (trainings.certificates: the
Sarabun fonts, HarfBuzz shaping, the frame and the centred Thai lines) with the award's wording and its QR code."""

from django.utils import timezone, translation

from awards.models import Nomination
from core.thai import BE_OFFSET, MONTHS_LONG
from trainings.certificates import GOLD, INK, NAVY, CertificatePDF

ISSUER = "สำนักงานปลัดกระทรวงแรงงาน กระทรวงแรงงาน"
SIGNATORY_POSITION = "ปลัดกระทรวงแรงงาน"


def award_title(fiscal_year: int) -> str:
    return f"อาสาสมัครแรงงานดีเด่น ประจำปีงบประมาณ พ.ศ. {fiscal_year}"


def _long_date(value) -> str:
    return f"{value.day} {MONTHS_LONG[value.month - 1]} พ.ศ. {value.year + BE_OFFSET}"


class AwardCertificatePDF(CertificatePDF):
    def award_page(self, nomination: Nomination, verify_url: str, *, issued_on):
        volunteer = nomination.volunteer
        self.add_page()
        self.frame()
        self.set_text_color(*NAVY)
        self.set_y(26)
        self.centred_lines(ISSUER, size=18, style="B")
        self.set_y(self.get_y() + 4)
        self.centred_lines("เกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า", size=20)
        self.set_text_color(*INK)
        self.set_y(self.get_y() + 3)
        self.centred_lines(volunteer.full_name, size=32, style="B", min_size=20)
        self.centred_lines(f"อาสาสมัครแรงงาน{nomination.province.display_name}", size=17)
        self.set_y(self.get_y() + 5)
        self.set_text_color(*NAVY)
        self.centred_lines("ได้รับการคัดเลือกเป็น", size=18)
        self.set_text_color(*GOLD)
        self.centred_lines(award_title(nomination.fiscal_year), size=24, style="B", min_size=16)
        self.set_text_color(*INK)
        self.set_y(self.get_y() + 2)
        self.centred_lines("ขอให้มีความสุข ความเจริญ และเป็นแบบอย่างที่ดีแก่อาสาสมัครแรงงานต่อไป", size=15)
        self.centred_lines(f"ให้ไว้ ณ วันที่ {_long_date(issued_on)}", size=15)

        self.set_draw_color(*INK)
        self.set_line_width(0.3)
        sign_x, sign_w = self.w - 30 - 110, 110
        self.line(sign_x + 15, 168, sign_x + sign_w - 15, 168)
        self.set_font("Sarabun", "", 13)
        self.set_xy(sign_x, 170)
        self.cell(sign_w, 6, SIGNATORY_POSITION, align="C")

        self.verification_qr(verify_url, f"ปีงบประมาณ {nomination.fiscal_year} · {nomination.province.name_th}")


@translation.override("th")  # a Thai document whatever the page's language: the volunteer's title
def render_award_certificate(nomination: Nomination, *, verify_url: str) -> bytes:
    """One A4 landscape page; dated the day HQ selected the volunteer."""
    if not nomination.is_selected:
        raise ValueError("only a selected nomination has a certificate")
    pdf = AwardCertificatePDF()
    pdf.set_title(f"เกียรติบัตร{award_title(nomination.fiscal_year)}")
    issued = nomination.reviewed_at
    pdf.award_page(nomination, verify_url, issued_on=timezone.localdate(issued) if issued else timezone.localdate())
    return bytes(pdf.output())
