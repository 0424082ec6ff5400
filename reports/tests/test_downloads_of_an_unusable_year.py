"""A report download asked for a fiscal year that cannot be used makes no file: the reader is sent to the page it is
downloaded from, which shows the current year and says which years can be asked for (found by probing: the
workbook of the current year came back under the asked-for year's link, with no message)."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from core.thai import current_fiscal_year

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats"


def follow_download(client, url, fy):
    response = client.get(url, {"fy": fy})
    assert not response.get("Content-Type", "").startswith(XLSX)
    return response


def test_the_province_workbook_of_an_unusable_year_goes_back_to_the_report_with_the_reason(client_for, lampang_officer):
    client = client_for(lampang_officer)

    response = follow_download(client, reverse("reports:province_xlsx", args=["52"]), "2550")

    assert response.status_code == 302 and response.url == reverse("reports:province", args=["52"])
    page = client.get(response.url)
    html = page.content.decode()
    first, last = current_fiscal_year() - 9, current_fiscal_year()
    assert f"ปีงบประมาณ “2550” ใช้ไม่ได้ เลือกได้ตั้งแต่ {first} ถึง {last}" in html
    assert "ไฟล์ที่ขอจึงยังไม่ได้สร้าง" in html
    assert page.context["fy"] == last
    # No workbook naming the year's leavers was handed out, so none is recorded as exported.
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.parametrize(
    ("download", "page"),
    [
        (reverse("reports:dashboard_xlsx", args=["provinces"]), reverse("reports:dashboard")),
        (reverse("reports:dashboard_xlsx", args=["results_months"]), reverse("reports:dashboard")),
        (reverse("reports:completeness_xlsx", args=["empty_districts"]), reverse("reports:completeness")),
    ],
)
def test_the_national_workbooks_of_an_unusable_year_go_back_to_their_page(client_for, hq_analyst, download, page):
    client = client_for(hq_analyst)

    response = follow_download(client, download, "abc")

    assert response.status_code == 302 and response.url == page
    html = client.get(response.url).content.decode()
    assert "ปีงบประมาณ “abc” ใช้ไม่ได้" in html and "ไฟล์ที่ขอจึงยังไม่ได้สร้าง" in html


def test_the_reason_is_given_in_english_with_the_years_as_english_pages_show_them(client_for, hq_analyst):
    client = client_for(hq_analyst)
    client.cookies["django_language"] = "en"

    response = follow_download(client, reverse("reports:dashboard_xlsx", args=["provinces"]), "1999")

    html = client.get(response.url).content.decode()
    first, last = current_fiscal_year() - 9 - 543, current_fiscal_year() - 543
    assert f"Fiscal year “1999” cannot be used; choose from {first} to {last}." in html
    assert "The file asked for was therefore not made" in html


def test_a_usable_year_or_none_still_downloads(client_for, lampang_officer, hq_analyst):
    officer = client_for(lampang_officer)
    for fy in (str(current_fiscal_year() - 2), str(current_fiscal_year() - 2 - 543), ""):
        response = officer.get(reverse("reports:province_xlsx", args=["52"]), {"fy": fy})
        assert response.status_code == 200 and response["Content-Type"].startswith(XLSX), fy
    hq = client_for(hq_analyst)
    response = hq.get(reverse("reports:dashboard_xlsx", args=["provinces"]), {"fy": current_fiscal_year() - 9})
    assert response["Content-Type"].startswith(XLSX)


def test_another_provinces_workbook_is_missing_whatever_the_year(client_for, chiangmai_officer):
    client = client_for(chiangmai_officer)
    assert client.get(reverse("reports:province_xlsx", args=["52"]), {"fy": "2550"}).status_code == 404
