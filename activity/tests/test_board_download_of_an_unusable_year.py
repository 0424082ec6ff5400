"""The reporting-rate board's workbooks of a fiscal year the board does not offer (it offers three) are not made: the
reader is sent to the board, which shows the current year and says which years can be asked for, as the reports'
downloads do (found by probing: the current year's workbook came back with no message)."""

import pytest
from django.urls import reverse

from core import thai

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats"


def test_a_provinces_board_workbook_of_a_year_not_offered_goes_back_to_the_board(client_for, lampang_officer):
    client = client_for(lampang_officer)
    current = thai.current_fiscal_year()
    too_old = current - 4  # the reports offer it, the board does not

    response = client.get(reverse("activity:province_rates_xlsx", args=["52"]), {"fy": too_old})

    assert not response.get("Content-Type", "").startswith(XLSX)
    assert response.status_code == 302 and response.url == reverse("activity:province_rates", args=["52"])
    page = client.get(response.url)
    html = page.content.decode()
    assert f"ปีงบประมาณ “{too_old}” ใช้ไม่ได้ เลือกได้ตั้งแต่ {current - 2} ถึง {current}" in html
    assert "ไฟล์ที่ขอจึงยังไม่ได้สร้าง" in html
    assert page.context["fiscal_year"] == current


def test_the_national_board_workbook_of_an_unusable_year_goes_back_to_the_board(client_for, hq_analyst):
    client = client_for(hq_analyst)

    response = client.get(reverse("activity:rates_xlsx"), {"fy": "abc", "month": "2026-10"})

    assert response.status_code == 302 and response.url == reverse("activity:rates")
    assert "ปีงบประมาณ “abc” ใช้ไม่ได้" in client.get(response.url).content.decode()


def test_an_offered_year_still_downloads_and_another_province_stays_missing(
    client_for, lampang_officer, chiangmai_officer
):
    current = thai.current_fiscal_year()
    officer = client_for(lampang_officer)
    for fy in (current, current - 2, ""):
        response = officer.get(reverse("activity:province_rates_xlsx", args=["52"]), {"fy": fy})
        assert response.status_code == 200 and response["Content-Type"].startswith(XLSX), fy
    stranger = client_for(chiangmai_officer)
    assert stranger.get(reverse("activity:province_rates_xlsx", args=["52"]), {"fy": "1999"}).status_code == 404
