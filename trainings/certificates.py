"""Certificates of attendance as PDF, in Thai, shaped by HarfBuzz so that vowels and tone marks sit right."""

import io
from collections.abc import Callable, Iterable
from pathlib import Path

import segno
from django.utils import translation
from fpdf import FPDF

from core.thai import BE_OFFSET, MONTHS_LONG
from trainings.models import Event, Registration

FONT_DIR = Path(__file__).resolve().parent / "fonts"
NAVY = (27, 58, 107)
GOLD = (201, 162, 39)
INK = (33, 37, 41)


def date_phrase(event: Event) -> str:
    """เมื่อวันที่ 7 มกราคม พ.ศ. 2563, or ระหว่างวันที่ 7–9 มกราคม พ.ศ. 2563 for several days."""
    start, end = event.start_date, event.end_date

    def long(d, *, year=True):
        return _long_date(d) if year else f"{d.day} {MONTHS_LONG[d.month - 1]}"

    if start == end:
        return f"เมื่อวันที่ {long(start)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"ระหว่างวันที่ {start.day} - {long(end)}"
    if start.year == end.year:
        return f"ระหว่างวันที่ {long(start, year=False)} - {long(end)}"
    return f"ระหว่างวันที่ {long(start)} - {long(end)}"


def _long_date(value) -> str:
    return f"{value.day} {MONTHS_LONG[value.month - 1]} พ.ศ. {value.year + BE_OFFSET}"


def _attended_phrase(event: Event) -> str:
    # Titles usually begin with what the event was (ประชุม..., สัมมนา...): do not say it twice.
    if event.title.startswith(("ประชุม", "สัมมนา", "อบรม", "ฝึกอบรม", "การ", "โครงการ")):
        return "ได้เข้าร่วม"
    return f"ได้เข้าร่วม{event.get_kind_display()}"


def issuer_name(event: Event) -> str:
    if event.level == Event.Level.NATIONAL:
        return "สำนักงานปลัดกระทรวงแรงงาน กระทรวงแรงงาน"
    return f"สำนักงานแรงงาน{event.host_province.display_name}"


def wrap_at_spaces(
    pdf: FPDF, text: str, width: float, *, size: float, min_size: float, style: str = "", step: float = 0.5
) -> tuple[float, list[str]]:
    """(font size, lines): the largest size down to min_size at which no word is wider than the width, then lines
    broken at spaces only, since Thai writes no spaces between words and a word must never be cut."""
    words = text.split()
    while True:
        pdf.set_font("Sarabun", style, size)
        if all(pdf.get_string_width(w) <= width for w in words) or size <= min_size:
            break
        size -= step
    lines, current = [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and pdf.get_string_width(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return size, [*lines, current] if current else lines


class CertificatePDF(FPDF):
    def __init__(self):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.add_font("Sarabun", "", str(FONT_DIR / "Sarabun-Regular.ttf"))
        self.add_font("Sarabun", "B", str(FONT_DIR / "Sarabun-Bold.ttf"))
        self.set_text_shaping(True)
        self.set_auto_page_break(False)
        self.set_title("เกียรติบัตร")
        self.set_creator("ระบบเครือข่ายอาสาสมัครแรงงาน กระทรวงแรงงาน")

    def centred_lines(self, text: str, *, size: float, style: str = "", min_size: float = 12, line_height=1.45):
        """Centred text wrapped at spaces only: Thai has no spaces between words, so a word is never cut."""
        width = self.w - 2 * 30
        size, lines = wrap_at_spaces(self, text, width, size=size, min_size=min_size, style=style, step=1)
        height = size * 0.3528 * line_height
        for line in lines:
            self.set_x(30)
            self.cell(width, height, line, align="C", new_x="LMARGIN", new_y="NEXT")

    def frame(self):
        self.set_draw_color(*NAVY)
        self.set_line_width(1.6)
        self.rect(8, 8, self.w - 16, self.h - 16)
        self.set_draw_color(*GOLD)
        self.set_line_width(0.6)
        self.rect(12, 12, self.w - 24, self.h - 24)

    def certificate_page(self, registration: Registration, verify_url: str):
        event = registration.event
        self.add_page()
        self.frame()
        self.set_text_color(*NAVY)
        self.set_y(26)
        self.centred_lines(issuer_name(event), size=18, style="B")
        self.set_y(self.get_y() + 4)
        self.centred_lines("เกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า", size=20)
        self.set_text_color(*INK)
        self.set_y(self.get_y() + 3)
        self.centred_lines(registration.display_name, size=32, style="B", min_size=20)
        if registration.position_display or registration.agency_display:
            self.centred_lines(
                " ".join(p for p in [registration.position_display, registration.agency_display] if p), size=15
            )
        self.set_y(self.get_y() + 5)
        self.set_text_color(*NAVY)
        self.centred_lines(_attended_phrase(event), size=18)
        self.set_text_color(*INK)
        self.centred_lines(event.title, size=19, style="B", min_size=13)
        self.set_y(self.get_y() + 2)
        self.centred_lines(date_phrase(event), size=17)
        self.centred_lines(f"ณ {event.venue}", size=15)
        self.set_y(self.get_y() + 3)
        self.centred_lines(f"ให้ไว้ ณ วันที่ {_long_date(event.end_date)}", size=15)

        signatory = event.certificate_signatory or event.presiding_official
        position = event.certificate_signatory_position if event.certificate_signatory else event.presiding_position
        self.set_draw_color(*INK)
        self.set_line_width(0.3)
        sign_x, sign_w = self.w - 30 - 110, 110
        self.line(sign_x + 15, 168, sign_x + sign_w - 15, 168)
        self.set_y(170)
        for text, size in [(f"({signatory})" if signatory else "", 15), (position, 13)]:
            if text:
                self.set_font("Sarabun", "", size)
                self.set_x(sign_x)
                self.multi_cell(sign_w, size * 0.3528 * 1.4, text, align="C", new_x="LMARGIN", new_y="NEXT")

        self.verification_qr(verify_url, f"รหัสลงทะเบียน {registration.code}")

    def verification_qr(self, verify_url: str, caption: str) -> None:
        """The QR code to the public check page, bottom left, with what it checks beside it."""
        qr = segno.make(verify_url, error="m")
        png = io.BytesIO()
        qr.save(png, kind="png", scale=6, border=1)
        png.seek(0)
        self.image(png, x=22, y=150, w=30, h=30)
        self.set_font("Sarabun", "", 9)
        self.set_text_color(90, 100, 115)
        self.set_xy(54, 165)
        self.cell(80, 4.5, "ตรวจสอบเกียรติบัตรด้วย QR code นี้", new_x="LMARGIN", new_y="NEXT")
        self.set_x(54)
        self.cell(80, 4.5, caption, new_x="LMARGIN", new_y="NEXT")


@translation.override("th")  # a Thai document whatever the page's language: titles, categories, agencies
def render_certificates(
    registrations: Iterable[Registration],
    *,
    verify_url_for: Callable[[Registration], str],
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """One A4 landscape page per registration; on_page(n) is told after each page, for a progress bar."""
    pdf = CertificatePDF()
    for registration in registrations:
        pdf.certificate_page(registration, verify_url_for(registration))
        if on_page:
            on_page(pdf.page)
    if pdf.page == 0:
        raise ValueError("no certificate to render")
    return bytes(pdf.output())
