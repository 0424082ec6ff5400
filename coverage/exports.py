"""The recruitment sheet of a province's vacancies: an .xlsx workbook and an A4 PDF in Thai, with the same columns.

Both carry the names and phones of the nearest serving volunteers and of the district's mentors, whom the officer
calls to find a recruit; the views record who took the sheet."""

import io

from django.http import HttpResponse
from fpdf import FPDF
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core import thai
from core.downloads import as_attachment, date_in_name
from core.xlsx import set_date
from coverage.selectors import Vacancy, VacancyList
from rosters.writers import XLSX_CONTENT_TYPE, safe_cell
from trainings.certificates import FONT_DIR

TITLE = "บัญชีตำแหน่งว่าง อสร. แกนนำระดับตำบล (ใช้สรรหา)"
NEIGHBOURS_NOTE = (
    "อสร. ใกล้เคียง: ผู้ปฏิบัติหน้าที่ในตำบล/แขวงอื่นของอำเภอ/เขตเดียวกัน เรียงตามรหัสตำบลที่ใกล้ที่สุด "
    "(ข้อมูลภูมิศาสตร์ไม่มีพิกัด) · พี่เลี้ยง: ผู้ดูแล อสร. ที่ปฏิบัติหน้าที่ในอำเภอ/เขตนั้น "
    "หากไม่มีจึงแสดงพี่เลี้ยงของสำนักงานแรงงานจังหวัด"
)
COLUMNS = [
    ("ลำดับ", 11),
    ("อำเภอ/เขต", 34),
    ("ตำบล/แขวง", 34),
    ("โควตา", 14),
    ("แกนนำที่มี", 18),
    ("ขาด", 12),
    ("อสร. ใกล้เคียงที่ติดต่อได้", 84),
    ("พี่เลี้ยง", 60),
]


def _neighbours_text(vacancy: Vacancy) -> str:
    if not vacancy.neighbours:
        return "ไม่มี อสร. ปฏิบัติหน้าที่ในอำเภอ/เขตเดียวกัน"
    return "\n".join(
        f"{n.name}: " + "; ".join(f"{c.name} {c.phone} ({c.detail})".replace(" ()", "") for c in n.volunteers)
        for n in vacancy.neighbours
    )


def _mentors_text(vacancy: Vacancy) -> str:
    if not vacancy.mentors:
        return "ยังไม่มีพี่เลี้ยง"
    lines = [f"{m.name} {m.phone}".strip() for m in vacancy.mentors]
    if vacancy.mentors_from_office:
        lines.insert(0, "(สำนักงานแรงงานจังหวัด)")
    return "\n".join(lines)


def rows(found: VacancyList) -> list[list]:
    return [
        [
            number,
            v.district_name,
            v.subdistrict_name,
            v.place.quota,
            v.place.leads,
            v.place.missing,
            _neighbours_text(v),
            _mentors_text(v),
        ]
        for number, v in enumerate(found.vacancies, start=1)
    ]


def heading(found: VacancyList) -> list[str]:
    province = found.coverage.province
    place = province.display_name
    if found.district_code:
        district = next((d for d in found.coverage.districts if d.code == found.district_code), None)
        if district:
            place = f"{found.coverage.district_name(district)} {place}"
    totals = found.coverage.totals
    return [
        f"{TITLE} {place}",
        f"ข้อมูล ณ วันที่ {thai.format_date_be(found.coverage.on, long=True)} · ตำแหน่งว่าง {found.missing} ตำแหน่ง "
        f"ใน {len(found.vacancies)} {province.subdistrict_word} · ทั้งจังหวัดมีแกนนำ {totals.filled} จากโควตา {totals.quota}",
    ]


def _attachment(content: bytes, content_type: str, found: VacancyList, ext: str) -> HttpResponse:
    """Saved as ตำแหน่งว่าง-ลำปาง-2569-12-05.xlsx (vacancies-52-2569-12-05.xlsx where only ASCII is read)."""
    province = found.coverage.province
    suffix = f"-{found.district_code}" if found.district_code else ""
    day = date_in_name(found.coverage.on)
    return as_attachment(
        HttpResponse(content, content_type=content_type),
        f"ตำแหน่งว่าง-{province.name_th}{suffix}-{day}.{ext}",
        f"vacancies-{province.code}{suffix}-{day}.{ext}",
    )


def vacancy_workbook(found: VacancyList) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "ตำแหน่งว่าง"
    title, summary = heading(found)
    sheet.append([safe_cell(title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([safe_cell(summary)])
    sheet.append(["ข้อมูล ณ วันที่"])
    set_date(sheet.cell(row=3, column=2), found.coverage.on)
    sheet.append([safe_cell(NEIGHBOURS_NOTE)])
    sheet.append([label for label, _width in COLUMNS])
    header = sheet.max_row
    for cell in sheet[header]:
        cell.fill = PatternFill("solid", fgColor="1B3A6B")
        cell.font = Font(bold=True, color="FFFFFF")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows(found):
        sheet.append([safe_cell(value) for value in row])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, (_label, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(8, width * 0.6)
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(buffer.getvalue(), XLSX_CONTENT_TYPE, found, "xlsx")


class VacancyPDF(FPDF):
    MARGIN = 15

    def __init__(self, lines: list[str]):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.lines = lines
        self.add_font("Sarabun", "", str(FONT_DIR / "Sarabun-Regular.ttf"))
        self.add_font("Sarabun", "B", str(FONT_DIR / "Sarabun-Bold.ttf"))
        self.set_text_shaping(True)
        self.set_margins(self.MARGIN, self.MARGIN, self.MARGIN)
        self.set_auto_page_break(True, margin=self.MARGIN)
        self.alias_nb_pages()
        self.set_title(lines[0])
        self.set_creator("ระบบเครือข่ายอาสาสมัครแรงงาน กระทรวงแรงงาน")

    def footer(self):
        self.set_y(-12)
        self.set_font("Sarabun", "", 9)
        self.set_text_color(60, 60, 60)
        self.cell(0, 6, f"{self.lines[0]} · หน้า {self.page_no()} / {{nb}}", align="C")


def vacancy_pdf(found: VacancyList) -> HttpResponse:
    lines = heading(found)
    pdf = VacancyPDF(lines)
    pdf.add_page()
    pdf.set_font("Sarabun", "B", 15)
    pdf.multi_cell(0, 8, lines[0], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sarabun", "", 11)
    pdf.multi_cell(0, 6, lines[1], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sarabun", "", 9)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(0, 5, NEIGHBOURS_NOTE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    table_rows = rows(found)
    if not table_rows:
        pdf.set_font("Sarabun", "B", 12)
        pdf.cell(0, 10, "ทุกตำบล/แขวงมีแกนนำครบตามโควตา", align="C")
    else:
        pdf.set_font("Sarabun", "", 9.5)
        pdf.set_draw_color(80, 80, 80)
        with pdf.table(
            col_widths=[width for _label, width in COLUMNS],
            line_height=5,
            headings_style=FontFace(emphasis="BOLD", fill_color=(238, 242, 247)),
            text_align="LEFT",
            repeat_headings=1,
        ) as table:
            table.row([label for label, _width in COLUMNS])
            for row in table_rows:
                table.row([str(value) for value in row])
    return _attachment(bytes(pdf.output()), "application/pdf", found, "pdf")
