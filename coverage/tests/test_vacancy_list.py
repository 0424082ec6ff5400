"""The vacancy list of a province: each subdistrict below its quota, how many are missing, the serving volunteers of
the nearest subdistricts of its district and the district's mentors, on the page, in the .xlsx and in the A4 PDF."""

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from mentors.tests.factories import MentorFactory
from provinces.models import Agency, District, Subdistrict
from volunteers.rules import Tier
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mueang_lampang(lampang):
    """Lampang's first district: its first subdistrict has nobody, the second a lead, the fourth a network member;
    the lead's mentor is of the employment office, and the labour office has a mentor of its own."""
    district = District.objects.filter(province=lampang).order_by("code").first()
    places = list(Subdistrict.objects.filter(district=district).order_by("code"))
    coach = MentorFactory(
        province=lampang,
        agency=Agency.objects.get(province=lampang, kind=Agency.Kind.EMPLOYMENT),
        first_name="จันทร์เพ็ญ",
        last_name="ดูแลดี",
        phone="0899990000",
    )
    MentorFactory(province=lampang, first_name="สำนักงาน", last_name="แรงงาน", phone="054111222")
    VolunteerFactory(subdistrict=places[1], first_name="บุญมี", last_name="ใกล้บ้าน", phone="0891112222", mentor=coach)
    VolunteerFactory(subdistrict=places[3], first_name="แสงดาว", last_name="เครือข่าย", tier=Tier.NETWORK)
    # Quota filled everywhere else in the district, so only the first subdistrict is vacant there.
    for place in places[2:]:
        VolunteerFactory(subdistrict=place, first_name=f"เต็ม{place.code}")
    return district, places


def test_the_vacant_subdistrict_shows_what_is_missing_whom_to_call_nearby_and_the_districts_mentor(
    client_for, lampang_officer, mueang_lampang
):
    district, places = mueang_lampang

    page = client_for(lampang_officer).get(f"/coverage/province/52/vacancies/?district={district.code}")
    html = page.content.decode()

    row = html.split(f'data-subdistrict="{places[0].code}"')[1].split("</tr>")[0]
    assert 'data-testid="missing">1<' in row
    assert "บุญมี ใกล้บ้าน" in row and "089-111-2222" in row
    assert "แสงดาว เครือข่าย" in row  # a network member is someone to ask, though they fill no quota
    assert "จันทร์เพ็ญ ดูแลดี" in row and "สำนักงาน แรงงาน" not in row
    assert f'data-subdistrict="{places[1].code}"' not in html  # covered: not a vacancy
    assert "ไม่มีพิกัด" in html  # the page says how "nearest" is decided


def test_a_district_without_volunteers_lists_the_labour_offices_mentors(client_for, lampang_officer, mueang_lampang):
    other = District.objects.filter(province=mueang_lampang[0].province).order_by("code")[1]

    html = client_for(lampang_officer).get(f"/coverage/province/52/vacancies/?district={other.code}").content.decode()

    assert "(สำนักงานแรงงานจังหวัด)" in html and "สำนักงาน แรงงาน" in html
    assert "จันทร์เพ็ญ ดูแลดี" not in html
    assert "ไม่มี อสร. ปฏิบัติหน้าที่ในอำเภอ/เขตเดียวกัน" in html


def test_an_unknown_district_shows_the_whole_province_with_a_thai_warning(client_for, lampang_officer, lampang):
    html = client_for(lampang_officer).get("/coverage/province/52/vacancies/?district=5001").content.decode()

    assert "ไม่พบอำเภอรหัส “5001” ในจังหวัดลำปาง จึงแสดงทุกอำเภอ" in html
    assert html.count("data-subdistrict=") == Subdistrict.objects.filter(province=lampang).count()


def test_the_recruitment_workbook_lists_each_vacancy_with_its_contacts(client_for, hq_analyst, mueang_lampang):
    district, places = mueang_lampang

    response = client_for(hq_analyst).get(f"/coverage/province/52/vacancies.xlsx?district={district.code}")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0].startswith("บัญชีตำแหน่งว่าง อสร. แกนนำระดับตำบล (ใช้สรรหา) อำเภอเมืองลำปาง จังหวัดลำปาง")
    header = values.index(["ลำดับ", "อำเภอ/เขต", "ตำบล/แขวง", "โควตา", "แกนนำที่มี", "ขาด", "อสร. ใกล้เคียงที่ติดต่อได้", "พี่เลี้ยง"])
    (only,) = values[header + 1 :]
    assert only[:6] == [1, "อำเภอเมืองลำปาง", f"ตำบล{places[0].name_th}", 1, 0, 1]
    assert "บุญมี ใกล้บ้าน 089-111-2222 (แกนนำระดับตำบล)" in only[6]
    assert only[6].index(places[1].name_th) < only[6].index(places[3].name_th)  # nearest code first
    assert "จันทร์เพ็ญ ดูแลดี 089-999-0000" in only[7]


def test_the_a4_pdf_is_in_thai_with_the_same_vacancies(client_for, lampang_viewer, mueang_lampang):
    district, places = mueang_lampang

    response = client_for(lampang_viewer).get(f"/coverage/province/52/vacancies.pdf?district={district.code}")

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    # HarfBuzz draws ำ as two glyphs, and pypdf reads a control character between them: drop it before reading.
    text = re.sub(r"[\x00-\x09\x0b-\x1f]", "", "\n".join(page.extract_text() for page in reader.pages))
    assert "บัญชีตำแหน่งว่าง" in text and "อำเภอเมืองลำปาง" in text
    assert places[0].name_th in text and "บุญมี" in text and "089-111-2222" in text and "จันทร์เพ็ญ" in text


def test_bangkoks_khwaeng_with_two_leads_is_listed_one_short(client_for, hq_officer, bangkok):
    khwaeng = Subdistrict.objects.filter(province=bangkok).order_by("code").first()
    VolunteerFactory(subdistrict=khwaeng)
    VolunteerFactory(subdistrict=khwaeng)

    html = client_for(hq_officer).get(f"/coverage/province/10/vacancies/?district={khwaeng.district.code}")
    row = html.content.decode().split(f'data-subdistrict="{khwaeng.code}"')[1].split("</tr>")[0]

    assert f"แขวง{khwaeng.name_th}" in row.replace("แขวงแขวง", "แขวง")
    assert 'data-testid="missing">1<' in row


def test_the_workbook_taken_from_an_english_page_is_the_same_thai_sheet(client_for, hq_analyst, mueang_lampang):
    from tests.english import in_english

    district, _places = mueang_lampang
    client = in_english(client_for(hq_analyst))
    sheet = load_workbook(
        io.BytesIO(client.get(f"/coverage/province/52/vacancies.xlsx?district={district.code}").content)
    ).active
    (only,) = [row for row in sheet.iter_rows(values_only=True) if row[0] == 1]
    assert "บุญมี ใกล้บ้าน 089-111-2222 (แกนนำระดับตำบล)" in only[6]
    assert "Subdistrict lead" not in only[6]
