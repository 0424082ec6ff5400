"""The fiscal year's outstanding volunteers by region, as a page and a workbook: HQ sees the nation, province staff
their own province; and the counts the reports use."""

import io

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from openpyxl import load_workbook

from awards.models import Nomination
from awards.selectors import outstanding_counts
from awards.tests.factories import NominationFactory
from provinces.models import Province
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def winners(lampang_volunteer, chiangmai_volunteer, geography):
    songkhla = Province.objects.get(code="90")
    south = VolunteerFactory(province=songkhla, first_name="ปักษ์ใต้", last_name="ใจงาม")
    declined = VolunteerFactory(province=songkhla, first_name="ไม่ผ่าน", last_name="คัดเลือก")
    for volunteer in [lampang_volunteer, chiangmai_volunteer, south]:
        NominationFactory(volunteer=volunteer, fiscal_year=2568, status=Nomination.Status.SELECTED)
    NominationFactory(volunteer=declined, fiscal_year=2568, status=Nomination.Status.DECLINED)
    NominationFactory(volunteer=lampang_volunteer, fiscal_year=2567, status=Nomination.Status.SELECTED)
    return songkhla


def rows_of(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=3)]


def test_hq_sees_the_years_outstanding_volunteers_by_region(client_for, hq_analyst, winners):
    page = client_for(hq_analyst).get(reverse("awards:outstanding"), {"fy": 2568}).content.decode()
    assert "อาสาสมัครแรงงานดีเด่น ประจำปีงบประมาณ พ.ศ. 2568" in strip_tags(page)
    # The regions' tables, after the filter form (whose region list names every region).
    text = strip_tags(page[page.index('data-testid="region"') :])
    assert text.index("ภาคเหนือ") < text.index("ขยันยิ่ง") < text.index("ภาคใต้") < text.index("ปักษ์ใต้")
    assert "ไม่ผ่าน" not in text


def test_the_workbook_lists_them_by_region(client_for, hq_analyst, winners):
    response = client_for(hq_analyst).get(reverse("awards:outstanding_xlsx"), {"fy": 2568})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = rows_of(response)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("ภาคเหนือ", "เชียงใหม่", "นายคำแปง ไชยวงศ์"),
        ("ภาคเหนือ", "ลำปาง", "นายสมหมาย ขยันยิ่ง"),
        ("ภาคใต้", "สงขลา", "นายปักษ์ใต้ ใจงาม"),
    ]
    header = load_workbook(io.BytesIO(response.content)).active["A1"].value
    assert header == "อาสาสมัครแรงงานดีเด่น ประจำปีงบประมาณ พ.ศ. 2568 (3 คน)"


def test_province_staff_see_only_their_province(client_for, lampang_viewer, winners):
    client = client_for(lampang_viewer)
    text = strip_tags(client.get(reverse("awards:outstanding"), {"fy": 2568}).content.decode())
    assert "ขยันยิ่ง" in text and "คำแปง" not in text and "ปักษ์ใต้" not in text
    rows = rows_of(client.get(reverse("awards:outstanding_xlsx"), {"fy": 2568}))
    assert [r[2] for r in rows] == ["นายสมหมาย ขยันยิ่ง"]


def test_the_reports_count_the_selected_per_province(lampang, chiang_mai, winners):
    assert outstanding_counts(2568) == {lampang.pk: 1, chiang_mai.pk: 1, winners.pk: 1}
    assert outstanding_counts(2568, province_id=lampang.pk) == {lampang.pk: 1}
    assert outstanding_counts(2568, region_id=winners.region_id) == {winners.pk: 1}
    assert outstanding_counts(2566) == {}


def test_a_filter_that_cannot_be_used_leaves_the_others_in_force(client_for, hq_analyst, winners):
    client = client_for(hq_analyst)
    page = strip_tags(client.get(reverse("awards:outstanding"), {"fy": 2568, "province": "99"}).content.decode())
    assert "อาสาสมัครแรงงานดีเด่น ประจำปีงบประมาณ พ.ศ. 2568 3 คน" in " ".join(page.split())

    response = client.get(reverse("awards:outstanding_xlsx"), {"fy": 2568, "region": "N"})
    header = load_workbook(io.BytesIO(response.content)).active["A1"].value
    assert header == "อาสาสมัครแรงงานดีเด่น ประจำปีงบประมาณ พ.ศ. 2568 (3 คน)"

    review = strip_tags(client.get(reverse("awards:review"), {"fy": 2568, "status": "bogus"}).content.decode())
    assert "ปีงบประมาณ 2568" in review and "ขยันยิ่ง" in review


def test_a_year_that_cannot_be_shown_is_said_so(client_for, hq_analyst, winners):
    client = client_for(hq_analyst)
    page = strip_tags(client.get(reverse("awards:outstanding"), {"fy": "2400"}).content.decode())
    assert "ปีงบประมาณ “2400” ใช้ไม่ได้" in page and "จึงแสดงปีงบประมาณปัจจุบันแทน" in page


def test_the_year_as_english_pages_show_it_is_that_year(client_for, hq_analyst, winners):
    page = strip_tags(client_for(hq_analyst).get(reverse("awards:outstanding"), {"fy": "2025"}).content.decode())
    assert "อาสาสมัครแรงงานดีเด่น ประจำปีงบประมาณ พ.ศ. 2568 3 คน" in " ".join(page.split())


def test_a_workbook_of_a_year_not_offered_is_not_made_and_the_list_says_why(client_for, hq_analyst, winners):
    client = client_for(hq_analyst)
    response = client.get(reverse("awards:outstanding_xlsx"), {"fy": "2400"})
    assert response.status_code == 302 and response["Location"] == reverse("awards:outstanding")
    page = strip_tags(client.get(response["Location"]).content.decode())
    assert "ปีงบประมาณ “2400” ใช้ไม่ได้" in page and "ไฟล์ที่ขอจึงยังไม่ได้สร้าง" in page
