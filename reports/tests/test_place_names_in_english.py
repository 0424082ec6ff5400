"""Regions and provinces are named in the reader's language (issue 13): their Thai names are the portal's data with an
English name beside them, so English pages show that one, and Thai pages are as they were."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.tests.factories import NominationFactory
from core.tests.test_english_mode import THAI
from volunteers.models import StatusChange, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client_for):
    """A signed-in client for `user` in `language`."""

    def read(user, language):
        client = client_for(user)
        client.cookies["django_language"] = language
        return client

    return read


def page_title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, flags=re.S)[1]


def test_the_awards_review_names_the_region_and_province_in_english(reader, hq_officer, lampang_officer, lampang):
    NominationFactory(volunteer=VolunteerFactory(province=lampang), province=lampang, nominated_by=lampang_officer)

    english = reader(hq_officer, "en").get(reverse("awards:review")).text
    thai = reader(hq_officer, "th").get(reverse("awards:review")).text

    row = re.search(r"<tbody>.*?</tbody>", english, flags=re.S)[0]
    assert "North" in row and "Lampang" in row
    assert "ภาคเหนือ" not in row and "ลำปาง" not in row
    assert "ภาคเหนือ" in thai and "ลำปาง" in thai


def test_the_reporting_boards_title_names_the_province_in_english(reader, lampang_officer, lampang):
    url = reverse("activity:province_rates", args=[lampang.code])

    assert page_title(reader(lampang_officer, "en").get(url).text).startswith("Reporting rate · Lampang")
    assert "· ลำปาง" in page_title(reader(lampang_officer, "th").get(url).text)


def test_the_monthly_report_grid_names_its_district_in_english(reader, lampang_officer, lampang, lampang_volunteer):
    district = lampang_volunteer.subdistrict.district
    url = reverse("activity:grid", args=[lampang.code]) + f"?district={district.code}"

    english = reader(lampang_officer, "en").get(url).text
    thai = reader(lampang_officer, "th").get(url).text

    heading = re.search(r"<h1>(.*?)</h1>", english, flags=re.S)[1]
    assert district.name_en in heading and district.name_en in page_title(english)
    assert not THAI.search(heading) and not THAI.search(page_title(english))
    assert district.display_name in thai


def test_the_province_page_names_its_region_in_english(reader, lampang_officer, lampang):
    url = reverse("provinces:detail", args=[lampang.code])

    assert "North · Province code 52" in reader(lampang_officer, "en").get(url).text
    assert "ภาคเหนือ · รหัสจังหวัด 52" in reader(lampang_officer, "th").get(url).text


def test_the_completeness_page_names_provinces_and_regions_in_english(reader, hq_analyst, lampang):
    english = reader(hq_analyst, "en").get(reverse("reports:completeness")).text
    thai = reader(hq_analyst, "th").get(reverse("reports:completeness")).text

    row = re.search(rf'<tr data-code="{lampang.code}">.*?</tr>', english, flags=re.S)[0]
    assert "Lampang" in row and "North" in row and not THAI.search(row)
    assert re.search(rf'<tr data-code="{lampang.code}">.*?ลำปาง.*?ภาคเหนือ', thai, flags=re.S)


def test_a_departure_without_a_reason_reads_not_stated_in_english(reader, hq_analyst, lampang):
    volunteer = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7))
    today = timezone.localdate()
    Volunteer.objects.filter(pk=volunteer.pk).update(status=Volunteer.Status.RESIGNED, status_changed_on=today)
    StatusChange.objects.create(
        volunteer=volunteer, from_status="active", to_status=Volunteer.Status.RESIGNED, changed_on=today, reason=""
    )
    url = reverse("reports:province", args=[lampang.code])

    english = reader(hq_analyst, "en").get(url).text
    thai = reader(hq_analyst, "th").get(url).text

    assert "Not stated" in english and "ไม่ระบุ" not in english
    assert "ไม่ระบุ" in thai


def test_the_open_data_page_gives_its_coverage_in_english_and_the_metadata_stays_thai(reader, hq_analyst, client):
    english = reader(hq_analyst, "en").get(reverse("open_data:index")).text
    thai = reader(hq_analyst, "th").get(reverse("open_data:index")).text
    metadata = client.get(reverse("open_data:metadata")).json()

    described = re.search(r'<dl class="row mb-0">.*?</dl>', english, flags=re.S)[0]
    assert "Thailand, 77 provinces (by province, by region and nationwide)" in described
    assert not THAI.search(described)
    assert "ประเทศไทย 77 จังหวัด (แยกรายจังหวัด รายภาค และทั้งประเทศ)" in thai
    assert "สำนักงานปลัดกระทรวงแรงงาน · กระทรวงแรงงาน" in thai
    assert metadata["spatial_coverage"] == "ประเทศไทย 77 จังหวัด (แยกรายจังหวัด รายภาค และทั้งประเทศ)"
