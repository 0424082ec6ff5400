"""The volunteers' results in the province report and the national dashboard (issue 15): the reporting rate as the
reporting-rate board counts it (on the due day on time, the day after late), people reached by kind of work,
referrals by agency with the share resolved and the median days, the map's reporting-rate measure, the workbooks'
tables, and province staff kept to their own province."""

import datetime as dt
import io
import json
import re

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from activity import board
from activity import tallies as activity_tallies
from activity.models import MonthlyReport, ReportKindTally, WorkKind
from activity.services import save_report
from cases.models import Case
from cases.tests.factories import CaseFactory
from provinces.models import Agency, District
from reports import results, selectors
from reports import tallies as report_tallies
from reports.models import ProvinceKindTally
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

FY = 2569  # October 2025 to September 2026: every month of it is due by now
OCT, NOV = dt.date(2025, 10, 1), dt.date(2025, 11, 1)


@pytest.fixture
def volunteers(lampang):
    lampang_district, mae_moh = District.objects.get(code="5201"), District.objects.get(code="5203")
    return [
        VolunteerFactory(province=lampang, subdistrict=lampang_district.subdistricts.first()),
        VolunteerFactory(province=lampang, subdistrict=lampang_district.subdistricts.last()),
        VolunteerFactory(province=lampang, subdistrict=mae_moh.subdistricts.first()),
    ]


@pytest.fixture
def reports(volunteers, lampang_officer):
    a, b, c = volunteers
    # October's reports are due on 5 November: a's arrives that day (on time), b's the day after (late).
    save_report(
        volunteer=a,
        month=OCT,
        counts={"info_jobs": 3, "job_seekers": 2, "small_workplaces": 4},
        by=lampang_officer,
        today=dt.date(2025, 11, 5),
    )
    save_report(volunteer=b, month=OCT, counts={"info_jobs": 1}, by=lampang_officer, today=dt.date(2025, 11, 6))
    save_report(volunteer=c, month=NOV, counts={"complaints": 2}, by=lampang_officer, today=dt.date(2025, 12, 1))
    return volunteers


def done_case(volunteer, agency, referred_on, days, **extra):
    closed = referred_on + dt.timedelta(days=days)
    return CaseFactory(
        volunteer=volunteer,
        agency=agency,
        spotted_on=referred_on,
        referred_on=referred_on,
        status="done",
        accepted_on=referred_on,
        closed_on=closed,
        **extra,
    )


@pytest.fixture
def cases(volunteers, lampang):
    a = volunteers[0]
    employment = Agency.objects.get(province=lampang, kind="employment")
    welfare = Agency.objects.get(province=lampang, kind="welfare")
    done_case(a, employment, dt.date(2025, 10, 2), 4)
    done_case(a, employment, dt.date(2025, 10, 3), 10)
    CaseFactory(volunteer=a, agency=employment, spotted_on=dt.date(2025, 10, 4), referred_on=dt.date(2025, 10, 4))
    CaseFactory(
        volunteer=a,
        agency=employment,
        spotted_on=dt.date(2025, 10, 5),
        referred_on=dt.date(2025, 10, 5),
        status="accepted",
        accepted_on=dt.date(2025, 10, 6),
    )
    done_case(a, welfare, dt.date(2025, 10, 6), 7)
    CaseFactory(
        volunteer=a,
        agency=welfare,
        spotted_on=dt.date(2025, 10, 7),
        referred_on=dt.date(2025, 10, 7),
        status="not_referable",
        closed_on=dt.date(2025, 10, 9),
        not_referable_reason="ผู้รับบริการย้ายออกนอกพื้นที่",
    )
    # Flagged (suspected trafficking): counted, never named. Done in November, 20 days after its referral.
    done_case(a, welfare, dt.date(2025, 10, 25), 20, flagged=True, person_name="ผู้เสียหาย ลับมาก")
    return employment, welfare


def figures(province):
    return selectors.province_report(province, FY)["results"]


def test_the_reporting_rate_counts_the_due_day_on_time_and_the_day_after_late(lampang, reports, lampang_officer):
    rates = figures(lampang)["rates"]
    october = rates["months"][0]
    assert (october["expected"], october["received"], october["on_time"], october["percent"]) == (3, 2, 1, 66.7)
    # Three volunteers serving all year: 36 reports expected, 3 received, 2 on time.
    assert rates["total"] == {"expected": 36, "received": 3, "on_time": 2, "percent": 8.3, "on_time_percent": 5.6}
    by_district = {d["code"]: d for d in rates["districts"]}
    assert (by_district["5201"]["expected"], by_district["5201"]["received"], by_district["5201"]["on_time"]) == (
        24,
        2,
        1,
    )
    # One definition: the reporting-rate board gives the same year.
    b = board.province_board(lampang_officer, lampang, fiscal_year=FY, month=None, today=dt.date(2026, 11, 30))
    assert (b.total.total.expected, b.total.total.received, b.total.total.on_time) == (36, 3, 2)


def test_a_month_counts_as_expected_only_after_its_due_day(lampang, reports):
    districts = [(d.pk, d.code, d.name_th, d.name_en) for d in lampang.districts.order_by("code")]
    on_due_day = results.province_rates(lampang, FY, dt.date(2025, 11, 5), districts)
    assert on_due_day["months"][0]["due"] is False
    assert on_due_day["total"]["expected"] == 0  # October still open: nobody missing yet
    day_after = results.province_rates(lampang, FY, dt.date(2025, 11, 6), districts)
    assert day_after["months"][0]["due"] is True
    assert day_after["total"] == {"expected": 3, "received": 2, "on_time": 1, "percent": 66.7, "on_time_percent": 33.3}


def test_people_reached_sums_the_people_kinds_and_a_new_kind_appears(lampang, reports, lampang_officer):
    WorkKind.objects.create(
        code="info_migrant", name_th="แรงงานข้ามชาติ", name_en="Migrant workers", group="information", sort_order=55
    )
    save_report(
        volunteer=reports[2], month=OCT, counts={"info_migrant": 6}, by=lampang_officer, today=dt.date(2025, 11, 4)
    )
    people = figures(lampang)["people"]
    kinds = {k["code"]: k for k in people["kinds"]}
    assert kinds["info_jobs"]["months"][:2] == [4, 0] and kinds["info_jobs"]["year"] == 4
    assert kinds["info_migrant"]["year"] == 6 and kinds["info_migrant"]["people"]
    # Workplaces visited are places, not people: shown, but left out of ผู้รับบริการ.
    assert kinds["small_workplaces"]["year"] == 4 and not kinds["small_workplaces"]["people"]
    assert people["people_months"][:2] == [3 + 2 + 1 + 6, 2]
    assert people["people"] == 14


def test_referrals_by_agency_share_resolved_and_median_days(lampang, cases):
    employment, welfare = cases
    case_figures = figures(lampang)["cases"]
    agencies = {a["name"]: a for a in case_figures["agencies"]}
    e, w = agencies[employment.name_th], agencies[welfare.name_th]
    assert (e["referred"], e["open"], e["done"], e["not_referable"], e["resolved_percent"]) == (4, 2, 2, 0, 50.0)
    assert (w["referred"], w["open"], w["done"], w["not_referable"], w["resolved_percent"]) == (3, 0, 2, 1, 66.7)
    # Done ÷ all referred: 4 of 7.
    assert case_figures["total"]["resolved_percent"] == 57.1
    october, november = case_figures["months"][0], case_figures["months"][1]
    # Closed in October after 4, 10 and 7 days: the middle one. The year adds 20: the mean of the middle two.
    assert october["median_days"] == 7
    assert november["median_days"] == 20
    assert case_figures["total"]["median_days"] == 8.5


def test_median_of_a_histogram():
    assert results.median({}) is None
    assert results.median({3: 1}) == 3
    assert results.median({1: 1, 5: 1}) == 3
    assert results.median({2: 2, 9: 1}) == 2
    assert results.median({1: 1, 2: 1, 8: 2}) == 5


def test_the_province_report_shows_the_section_and_names_no_flagged_case(client_for, lampang_officer, reports, cases):
    html = client_for(lampang_officer).get(reverse("reports:province", args=["52"]) + f"?fy={FY}").content.decode()
    assert "ผลการปฏิบัติงานของ อสร." in html
    assert 'data-testid="stat-reporting-rate">8.3%<' in html
    assert 'data-testid="stat-people">8<' in html
    assert 'data-testid="stat-referred">7<' in html
    assert 'data-testid="stat-median-days">8.5<' in html
    assert "สัดส่วนที่แก้ไขแล้ว = เรื่องที่ดำเนินการเสร็จ ÷ เรื่องที่ส่งต่อทั้งหมด" in html
    assert "ไม่รวมสถานประกอบการขนาดเล็กที่เยี่ยม" in html
    assert "ผู้เสียหาย ลับมาก" not in html
    assert '<tr data-district="5201"><td>' in html
    charts = json.loads(re.search(r'id="report-charts" type="application/json">(.*?)</script>', html).group(1))
    assert charts["results"]["rate"][0] == 66.7 and charts["results"]["people"][:2] == [6, 2]


def test_the_dashboard_shows_regions_provinces_with_links_and_the_map_measure(client_for, hq_analyst, reports, cases):
    html = client_for(hq_analyst).get(reverse("reports:dashboard") + f"?fy={FY}").content.decode()
    row = re.search(r'<tr data-province="52">(.*?)</tr>', html, re.S).group(1)
    assert f'href="{reverse("reports:province", args=["52"])}?fy={FY}#results-title"' in row
    assert '<td class="text-end" data-col="rate">8.3%</td>' in row
    assert '<td class="text-end" data-col="people">8</td>' in row
    assert '<td class="text-end" data-col="referred">7</td>' in row
    assert '<td class="text-end" data-col="median">8.5</td>' in row
    assert '<option value="reporting_rate">อัตราการส่งรายงาน (%)</option>' in html
    assert 'data-legend="reporting_rate"' in html
    layers = json.loads(re.search(r'id="map-classes" type="application/json">(.*?)</script>', html).group(1))
    assert layers["reporting_rate"]["classes"]["52"] == 0  # 8.3% is in the lowest class (under 20%)
    assert layers["reporting_rate"]["classes"]["50"] is None  # nobody expected in Chiang Mai: no data
    assert "อัตราการส่งรายงาน 8.3%" in html  # the province's tooltip
    assert "ผู้เสียหาย ลับมาก" not in html


def charts_of(html: str) -> dict:
    return json.loads(re.search(r'id="report-charts" type="application/json">(.*?)</script>', html).group(1))


@pytest.mark.parametrize("page", ["reports:province", "reports:dashboard"])
def test_the_month_by_month_chart_heads_its_months_in_the_pages_language(client_for, hq_analyst, reports, page):
    client = client_for(hq_analyst)
    url = reverse(page, args=["52"] if page == "reports:province" else []) + f"?fy={FY}"
    assert charts_of(client.get(url).content.decode())["results"]["labels"][:2] == ["ต.ค. 68", "พ.ย. 68"]

    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()

    months = re.search(r'data-testid="results-months">(.*?)</table>', html, re.S).group(1)
    assert ">Oct 2025<" in months  # the table beneath
    labels = charts_of(html)["results"]["labels"]
    assert labels[:2] == ["Oct 25", "Nov 25"] and labels[-1] == "Sep 26"
    assert not any(re.search("[ก-๛]", label) for label in labels), labels


def test_the_workbooks_have_the_results_tables(client_for, hq_analyst, reports, cases):
    client = client_for(hq_analyst)
    book = load_workbook(io.BytesIO(client.get(reverse("reports:province_xlsx", args=["52"]) + f"?fy={FY}").content))
    for name in ("ผลรายเดือน", "อัตราการส่งรายงาน", "ผู้รับบริการ", "ส่งต่อหน่วยงาน"):
        assert name in book.sheetnames
    months = list(book["ผลรายเดือน"].iter_rows(min_row=3, values_only=True))
    assert months[0][:5] == ("ตุลาคม 2568", 3, 2, 1, 66.7)
    assert months[-1][0] == "ทั้งปีงบประมาณ" and months[-1][4] == 8.3
    kinds = list(book["ผู้รับบริการ"].iter_rows(min_row=2, values_only=True))
    assert kinds[0][1] == "ตุลาคม 2568"
    assert kinds[-1][0] == "ผู้รับบริการ" and kinds[-1][-1] == 8
    agencies = list(book["ส่งต่อหน่วยงาน"].iter_rows(min_row=3, values_only=True))
    assert agencies[-1] == ("รวม", 7, 2, 4, 1, 57.1)
    for table, first in [("results_months", "ตุลาคม 2568"), ("results_kinds", "การมีงานทำ"), ("results_agencies", None)]:
        response = client.get(reverse("reports:dashboard_xlsx", args=[table]) + f"?fy={FY}")
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=3, values_only=True))
        if first:
            assert rows[0][0] == first
    rows = list(
        load_workbook(
            io.BytesIO(client.get(reverse("reports:dashboard_xlsx", args=["results_provinces"]) + f"?fy={FY}").content)
        ).active.iter_rows(min_row=3, values_only=True)
    )
    lampang_row = next(r for r in rows if r[0] == "52")
    assert lampang_row[1:7] == ("ลำปาง", 36, 3, 2, 8.3, 5.6)


def test_province_staff_cannot_see_another_provinces_figures(client_for, chiangmai_officer, reports, cases):
    client = client_for(chiangmai_officer)
    assert client.get(reverse("reports:province", args=["52"]) + f"?fy={FY}").status_code == 404
    assert client.get(reverse("reports:province_xlsx", args=["52"]) + f"?fy={FY}").status_code == 404
    assert client.get(reverse("reports:dashboard_xlsx", args=["results_provinces"])).status_code == 404
    own = client.get(reverse("reports:province", args=["50"]) + f"?fy={FY}").content.decode()
    assert 'data-testid="stat-referred">0<' in own


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_map_shows_the_reporting_rate_chosen_by_keyboard(browser_login, live_server, hq_analyst, reports):
    page = browser_login(hq_analyst)
    page.goto(f"{live_server.url}/reports/dashboard/?fy={FY}")
    measure = page.get_by_test_id("map-measure")
    measure.focus()
    page.keyboard.press("End")  # the last measure, by keyboard alone
    expect(measure).to_have_value("reporting_rate")
    legend = page.locator('[data-testid="map-legend"] .legend-row:visible')
    expect(legend.get_by_test_id("map-legend-title")).to_have_text("อัตราการส่งรายงาน (%)")
    swatches = legend.locator(".legend-item:not([data-no-data]) rect").evaluate_all(
        "(rects) => rects.map((r) => r.getAttribute('fill'))"
    )
    fills = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.thailand-map a.map-province')]
          .map((a) => [a.dataset.code, a.querySelector('path').getAttribute('fill')]))"""
    )
    assert fills["52"] == swatches[0]  # 8.3 %: the lowest class
    assert fills["50"] == "url(#map-no-data)"  # nobody expected in Chiang Mai
    axes = page.evaluate(
        """(id) => Object.fromEntries(Object.entries(Chart.getChart(document.getElementById(id)).options.scales)
          .map(([name, scale]) => [name, scale.title.text]))""",
        "chart-results-months",
    )
    assert axes == {"x": "เดือน", "y": "คน-ครั้ง / เรื่อง", "y1": "อัตราการส่งรายงาน (ร้อยละ)"}


def test_a_new_report_and_a_case_step_show_at_once_on_the_cached_report(client_for, lampang_officer, reports, cases):
    client = client_for(lampang_officer)
    url = reverse("reports:province", args=["52"]) + f"?fy={FY}"
    assert 'data-testid="stat-reporting-rate">8.3%<' in client.get(url).content.decode()
    save_report(volunteer=reports[2], month=OCT, counts={}, by=lampang_officer, today=dt.date(2025, 11, 2))
    Case.objects.across_provinces("test").filter(status="accepted").update(
        status="done", closed_on=dt.date(2025, 10, 20)
    )
    html = client.get(url).content.decode()
    assert 'data-testid="stat-reporting-rate">11.1%<' in html  # 4 of 36
    assert 'data-testid="stat-resolved">71.4%<' in html  # 5 of 7 done


def province_sums() -> dict:
    sums: dict = {}
    for t in ReportKindTally.objects.across_provinces("test"):
        key = (t.province_id, t.month, t.kind)
        sums[key] = sums.get(key, 0) + t.amount
    return {k: v for k, v in sums.items() if v}


def province_tally() -> dict:
    return {(t.province_id, t.month, t.kind): t.amount for t in ProvinceKindTally.objects.all() if t.amount}


def test_the_province_kind_tally_follows_activitys_tally_through_every_write(reports, lampang_officer):
    a, b, c = reports
    assert province_tally() == province_sums()
    assert province_tally()[(a.province_id, OCT, "info_jobs")] == 4
    report = MonthlyReport.objects.across_provinces("test").get(volunteer=b, month=OCT)
    save_report(volunteer=b, month=OCT, counts={"info_jobs": 9}, by=lampang_officer, report_pk=report.pk)
    assert province_tally()[(a.province_id, OCT, "info_jobs")] == 12
    MonthlyReport.objects.across_provinces("test").filter(volunteer=c).delete()
    assert province_tally() == province_sums()
    assert (a.province_id, NOV, "complaints") not in province_tally()
    # A load that skipped every trigger, then activity's rebuild: this tally follows the rebuild's writes.
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute("DELETE FROM activity_reportkindtally")
            cursor.execute("DELETE FROM reports_provincekindtally")
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    activity_tallies.rebuild()
    assert province_tally() == province_sums() != {}
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE activity_monthlyreport CASCADE")
    assert province_tally() == province_sums() == {}
    report_tallies.rebuild_province_kinds()
    assert province_tally() == {}
