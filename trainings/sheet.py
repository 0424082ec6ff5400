"""The sign-in sheet (ใบลงทะเบียน) of one day as an A4 PDF: the title and the table's header on every page, and
"หน้า n / m" at the foot of every page.

A PDF rather than the browser's print of the HTML page: Chromium and Firefox differ on page counters in print
margins, and the officer's own print settings add or drop headers; the PDF prints the same from any browser.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import translation
from fpdf import FPDF

from core import thai
from trainings.certificates import FONT_DIR, wrap_at_spaces
from trainings.models import Event, EventDay, Registration

MARGIN = 15
ROW = 10  # mm: room to sign by hand
COLUMNS = (("ลำดับ", 13), ("ชื่อ-นามสกุล", 57), ("ตำแหน่ง/หน่วยงาน", 60), ("ลายมือชื่อ", 50))
LINE = 0.3528 * 1.25  # mm per point of font size, with Thai's room above and below


@dataclass(frozen=True)
class SheetHeading:
    title: str
    lines: Sequence[str]  # the event, its day and its venue


@translation.override("th")  # a Thai document whatever the page's language: titles, categories, agencies
def heading_for(
    event: Event, day: EventDay, *, day_number: int, day_total: int, category_label: str = ""
) -> SheetHeading:
    when = f"วันที่ {thai.format_date_be(day.date, long=True)}"
    if day_total > 1:
        when += f" (วันที่ {day_number} จาก {day_total} วัน)"
    lines = [event.title, when, f"ณ {event.venue}"]
    if category_label:
        lines.append(f"ประเภทผู้เข้าร่วม: {category_label}")
    return SheetHeading(title="ใบลงทะเบียน", lines=lines)


class SheetPDF(FPDF):
    def __init__(self, heading: SheetHeading):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.heading = heading
        self.add_font("Sarabun", "", str(FONT_DIR / "Sarabun-Regular.ttf"))
        self.add_font("Sarabun", "B", str(FONT_DIR / "Sarabun-Bold.ttf"))
        self.set_text_shaping(True)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        self.alias_nb_pages()
        self.set_title(f"{heading.title} {heading.lines[0]}")
        self.set_creator("ระบบเครือข่ายอาสาสมัครแรงงาน กระทรวงแรงงาน")

    @property
    def width(self) -> float:
        return self.w - 2 * MARGIN

    def wrap(
        self, text: str, width: float, *, size: float, min_size: float, style: str = ""
    ) -> tuple[float, list[str]]:
        return wrap_at_spaces(self, text, width, size=size, min_size=min_size, style=style)

    def header(self):
        self.set_y(MARGIN)
        self.set_text_color(0, 0, 0)
        self.set_font("Sarabun", "B", 16)
        self.cell(self.width, 8, self.heading.title, align="C", new_x="LMARGIN", new_y="NEXT")
        for n, text in enumerate(self.heading.lines):
            size, lines = self.wrap(
                text, self.width, size=13 if n == 0 else 12, min_size=10, style="B" if n == 0 else ""
            )
            for line in lines:
                self.cell(self.width, size * LINE + 0.8, line, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)
        self.set_font("Sarabun", "B", 11)
        self.set_fill_color(238, 242, 247)
        self.set_draw_color(51, 51, 51)
        self.set_line_width(0.25)
        for label, width in COLUMNS:
            self.cell(width, 8, label, border=1, align="C", fill=True)
        self.ln(8)

    def footer(self):
        self.set_y(-12)
        self.set_font("Sarabun", "", 10)
        self.set_text_color(60, 60, 60)
        self.cell(self.width, 6, f"หน้า {self.page_no()} / {{nb}}", align="C")

    def room_for(self, height: float):
        if self.get_y() + height > self.h - MARGIN - 6:
            self.add_page()

    def category_row(self, label: str):
        self.room_for(7 + ROW)  # never a category's name alone at the foot of a page
        self.set_font("Sarabun", "B", 11)
        self.set_fill_color(246, 248, 251)
        self.cell(self.width, 7, label, border=1, fill=True, new_x="LMARGIN", new_y="NEXT")

    def text_in(self, x: float, y: float, width: float, lines: list[str], size: float):
        # A name of one long word (100 letters typed without a space) is made smaller, and cut only as the last
        # resort, rather than run into the next column.
        while True:
            self.set_font("Sarabun", "", size)
            fitted = [part for line in lines for part in self.cut_to_fit(line, width - 2)]
            if len(fitted) * size * LINE <= ROW - 0.5 or size <= 4:
                break
            size -= 0.5
        lines = fitted
        height = size * LINE
        top = y + (ROW - height * len(lines)) / 2
        for n, line in enumerate(lines):
            self.set_xy(x + 1, top + n * height)
            self.cell(width - 2, height, line)

    def cut_to_fit(self, line: str, width: float) -> list[str]:
        """The line as it is if it fits, else cut between letters (never before a vowel or tone mark above or
        below its consonant) into pieces that do."""
        if self.get_string_width(line) <= width:
            return [line]
        pieces, current = [], ""
        for char in line:
            if current and unicodedata.category(char) != "Mn" and self.get_string_width(current + char) > width:
                pieces.append(current)
                current = ""
            current += char
        return [*pieces, current]

    def person_row(self, number: int | None, name_parts: tuple[str, str] | None, where: str):
        self.room_for(ROW)
        x, y = self.l_margin, self.get_y()
        widths = [w for _label, w in COLUMNS]
        for width in widths:
            self.rect(x, y, width, ROW)
            x += width
        self.set_font("Sarabun", "", 11)
        if number is not None:
            self.set_xy(self.l_margin, y)
            self.cell(widths[0], ROW, str(number), align="C")
        if name_parts:
            full = " ".join(p for p in name_parts if p)
            size, lines = self.wrap(full, widths[1] - 2, size=11, min_size=9)
            if len(lines) > 1:
                # Two lines at most, broken between the first and the last name only.
                lines = [p for p in name_parts if p]
                size = min(size, 10)
            self.text_in(self.l_margin + widths[0], y, widths[1], lines, size)
        if where:
            size, lines = self.wrap(where, widths[2] - 2, size=10, min_size=8)
            self.text_in(self.l_margin + widths[0] + widths[1], y, widths[2], lines[:2], size)
        self.set_xy(self.l_margin, y + ROW)


@translation.override("th")
def render_sheet(
    heading: SheetHeading, registrations: Sequence[Registration], *, blank_rows: int, group_by_category: bool
) -> bytes:
    """The sheet's PDF: everyone registered, grouped by category when the sheet is of every category, then blank
    numbered rows for walk-ins."""
    pdf = SheetPDF(heading)
    pdf.add_page()
    category = None
    for number, registration in enumerate(registrations, start=1):
        if group_by_category and registration.category != category:
            category = registration.category
            pdf.category_row(registration.get_category_display())
        where = " ".join(p for p in [registration.position_display, registration.agency_display] if p)
        pdf.person_row(number, registration.name_parts(), where)
    for number in range(len(registrations) + 1, len(registrations) + 1 + blank_rows):
        pdf.person_row(number, None, "")
    return bytes(pdf.output())
