"""Coverage by quota in the reports: a subdistrict is covered when its serving leads reach its quota (3 per แขวง in
Bangkok, 1 elsewhere, changed by HQ); vacancies are the leads missing; network members are shown beside the leads and
fill no place. The province report, the dashboard, the map and the workbooks all show it."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.thai import current_fiscal_year
from provinces.models import Subdistrict
from reports import selectors
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

LEAD, NETWORK = Volunteer.Tier.LEAD, Volunteer.Tier.NETWORK


def volunteer(subdistrict, tier=LEAD, **fields):
    return VolunteerFactory(subdistrict=subdistrict, tier=tier, appointed_on=dt.date(2024, 10, 1), **fields)


def headline(province):
    return selectors.province_report(province, current_fiscal_year())["headline"]


def dashboard_row(code):
    return next(r for r in selectors.dashboard(current_fiscal_year())["rows"] if r["code"] == code)


def test_a_quota_raised_to_two_leaves_a_place_vacant_until_a_second_lead_serves(lampang):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    volunteer(first)
    before = headline(lampang)["coverage"]
    assert before["covered"] == 1 and before["filled"] == 1

    Subdistrict.objects.filter(pk=first.pk).update(quota=2)
    raised = headline(lampang)["coverage"]
    assert (raised["covered"], raised["quota"], raised["filled"]) == (0, before["quota"] + 1, 1)
    assert raised["vacancies"] == before["vacancies"] + 1

    volunteer(first, NETWORK)  # a network member fills no lead's place
    assert headline(lampang)["coverage"]["covered"] == 0
    volunteer(first)
    filled = headline(lampang)["coverage"]
    assert (filled["covered"], filled["filled"], filled["vacancies"]) == (1, 2, before["vacancies"])

    Subdistrict.objects.filter(pk=first.pk).update(quota=0)  # HQ asks for nobody here: covered, nothing missing
    assert headline(lampang)["coverage"]["quota"] == before["quota"] - 1


def test_bangkok_asks_three_leads_per_khwaeng(bangkok):
    khwaeng = Subdistrict.objects.filter(province=bangkok).order_by("code").first()
    assert khwaeng.quota == 3
    volunteer(khwaeng)
    volunteer(khwaeng)
    row = dashboard_row("10")
    assert row["quota"] == 3 * Subdistrict.objects.filter(province=bangkok).count()
    assert (row["covered"], row["filled"]) == (0, 2)
    district = next(d for d in selectors.province_report(bangkok, current_fiscal_year())["districts"] if d["filled"])
    assert (district["covered"], district["filled"], district["vacancies"]) == (0, 2, district["quota"] - 2)

    volunteer(khwaeng)
    volunteer(khwaeng)  # a fourth lead fills no other แขวง's place
    row = dashboard_row("10")
    assert (row["covered"], row["filled"], row["vacancies"]) == (1, 3, row["quota"] - 3)


def test_leads_and_network_members_serving_are_counted_apart(lampang):
    s1, s2 = Subdistrict.objects.filter(province=lampang).order_by("code")[:2]
    volunteer(s1)
    volunteer(s2)
    volunteer(s1, NETWORK)
    volunteer(s2, NETWORK, term_ends_on=dt.date(2020, 9, 30))  # ครบวาระ: neither
    volunteer(s2, NETWORK, status=Volunteer.Status.RESIGNED, status_changed_on=dt.date(2025, 1, 5))

    h = headline(lampang)
    assert (h["serving_lead"], h["serving_network"], h["active"]) == (2, 1, 3)
    report = selectors.province_report(lampang, current_fiscal_year())
    assert sum(d["leads"] for d in report["districts"]) == 2
    assert sum(d["network"] for d in report["districts"]) == 1
    row = dashboard_row("52")
    assert (row["serving_lead"], row["serving_network"]) == (2, 1)
    country = selectors.dashboard(current_fiscal_year())["country"]
    assert (country["serving_lead"], country["serving_network"]) == (2, 1)


def test_the_dashboard_shows_vacancies_at_once_after_a_quota_change_and_maps_them(client_for, hq_analyst, lampang):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    volunteer(first)
    client = client_for(hq_analyst)
    before = client.get(reverse("reports:dashboard")).context["data"]["country"]["vacancies"]

    Subdistrict.objects.filter(pk=first.pk).update(quota=2)  # kept in history, which the cached figures watch
    response = client.get(reverse("reports:dashboard"))
    assert response.context["data"]["country"]["vacancies"] == before + 1
    html = response.content.decode()
    assert 'data-testid="stat-vacancies"' in html
    assert 'value="vacancies"' in html and 'value="quota_coverage"' in html
    assert "ตำแหน่งว่าง (คน)" in html and "ความครอบคลุมตามโควตา (%)" in html
    classes = response.context["map"]["script"]
    assert (
        set(classes["vacancies"]["classes"]) == set(classes["quota_coverage"]["classes"])
        and len(classes["vacancies"]["classes"]) == 77
    )


def test_the_workbooks_carry_quota_vacancies_leads_network_and_terms_ending(client_for, hq_analyst, lampang):
    first = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    volunteer(first)
    volunteer(first, NETWORK)
    client = client_for(hq_analyst)

    book = load_workbook(io.BytesIO(client.get(reverse("reports:dashboard_xlsx", args=["provinces"])).content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[2]]
    lampang_row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "52")
    figures = dict(zip(header, lampang_row, strict=True))
    quota = Subdistrict.objects.filter(province=lampang).count()
    assert figures["โควตาแกนนำ (คน)"] == quota
    assert (figures["แกนนำเต็มโควตา (คน)"], figures["ตำแหน่งว่าง (คน)"]) == (1, quota - 1)
    assert (figures["แกนนำที่ปฏิบัติหน้าที่"], figures["เครือข่ายที่ปฏิบัติหน้าที่"]) == (1, 1)
    assert "วาระสิ้นสุดในปีงบประมาณ ยังไม่ต่อวาระ" in figures and "อสร. ดีเด่น" in figures

    book = load_workbook(io.BytesIO(client.get(reverse("reports:province_xlsx", args=["52"])).content))
    summary = dict(book["สรุป"].iter_rows(min_row=3, values_only=True))
    assert (summary["ตำแหน่งว่าง (คน)"], summary["แกนนำที่ปฏิบัติหน้าที่"]) == (quota - 1, 1)
