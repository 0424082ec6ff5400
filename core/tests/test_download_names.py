"""A downloaded file's name counts its year as the page it came from counts years (core.downloads): พ.ศ. on Thai
pages, A.D. on English ones, so that one Downloads folder does not hold volunteers-52-20261205.xlsx beside
report-52-2570.xlsx. A Thai name has an ASCII name beside it that still says what the file is."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from core import thai

pytestmark = pytest.mark.django_db


def disposition(client, url: str, language: str = "th", **query) -> str:
    client.cookies["django_language"] = language
    response = client.get(url, query)
    assert response.status_code == 200, response.status_code
    return response["Content-Disposition"]


def test_the_registry_export_is_named_by_the_buddhist_era_date_on_a_thai_page(client_for, lampang_officer):
    today = timezone.localdate()

    name = disposition(client_for(lampang_officer), reverse("rosters:export_volunteers", args=["xlsx"]))

    assert f'filename="volunteers-52-{today.year + thai.BE_OFFSET}-{today:%m-%d}-' in name
    assert f"-{today.year}{today:%m%d}-" not in name


def test_the_registry_export_is_named_by_the_christian_era_date_on_an_english_page(client_for, lampang_officer):
    today = timezone.localdate()

    name = disposition(client_for(lampang_officer), reverse("rosters:export_volunteers", args=["xlsx"]), "en")

    assert f'filename="volunteers-52-{today:%Y-%m-%d}-' in name


def test_the_monthly_report_form_is_named_by_the_buddhist_era_month(client_for, lampang_officer):
    month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)

    name = disposition(client_for(lampang_officer), reverse("rosters:template", args=["reports"]), province="52")

    assert f'filename="monthly-report-{month.year + thai.BE_OFFSET}-{month:%m}-52.xlsx"' in name


def test_the_province_report_counts_its_fiscal_year_as_the_page_does(client_for, hq_analyst):
    client = client_for(hq_analyst)
    url = reverse("reports:province_xlsx", args=["52"])

    assert 'filename="report-52-2567.xlsx"' in disposition(client, url, "th", fy=2567)
    assert 'filename="report-52-2024.xlsx"' in disposition(client, url, "en", fy=2567)


def test_a_thai_name_has_an_ascii_name_that_still_says_what_the_file_is(client_for, lampang_officer):
    client = client_for(lampang_officer)
    today = timezone.localdate()
    be_today = f"{today.year + thai.BE_OFFSET}-{today:%m-%d}"

    vacancies = disposition(client, reverse("coverage:vacancies_xlsx", args=["52"]))
    assert f'filename="vacancies-52-{be_today}.xlsx"' in vacancies
    assert f"filename*=UTF-8''{quote(f'ตำแหน่งว่าง-ลำปาง-{be_today}.xlsx')}" in vacancies

    rates = disposition(client, reverse("activity:province_rates_xlsx", args=["52"]))
    assert 'filename="reporting-rates-52-' in rates
    assert 'filename="-52-' not in rates
