"""The reporting-rate board (อัตราการส่งรายงาน): expected, received and on time per district, province, region and
nation for fiscal year 2570 (October 2026 to September 2027), months not yet due, who is missing two months or more,
the .xlsx, who may open which board, and a national board whose queries do not grow with the reports."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from activity import board, services
from activity.models import MonthlyReport
from provinces.models import District
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

FY = 2570
OCTOBER, NOVEMBER, DECEMBER = dt.date(2026, 10, 1), dt.date(2026, 11, 1), dt.date(2026, 12, 1)
# November's reports are due on 5 December: on the 6th November counts, on the 5th it does not yet.
AFTER_NOVEMBER_DUE, ON_NOVEMBER_DUE = dt.date(2026, 12, 6), dt.date(2026, 12, 5)
APPOINTED = dt.date(2025, 6, 1)


@pytest.fixture
def people(lampang, work_kinds):
    muang, mae_moh = District.objects.get(code="5201"), District.objects.get(code="5203")
    return {
        "a": VolunteerFactory(
            province=lampang, subdistrict=muang.subdistricts.first(), first_name="ส่งครบ", appointed_on=APPOINTED
        ),
        "b": VolunteerFactory(
            province=lampang, subdistrict=muang.subdistricts.last(), first_name="ส่งช้า", appointed_on=APPOINTED
        ),
        "c": VolunteerFactory(
            province=lampang, subdistrict=mae_moh.subdistricts.first(), first_name="ไม่เคยส่ง", appointed_on=OCTOBER
        ),
    }


def send(volunteer, month, received_on, officer):
    return services.save_report(
        volunteer=volunteer, month=month, counts={"info_jobs": "2"}, by=officer, today=received_on
    )


@pytest.fixture
def reported(people, lampang_officer):
    a, b = people["a"], people["b"]
    send(a, OCTOBER, dt.date(2026, 11, 5), lampang_officer)  # the due day itself: on time
    send(b, OCTOBER, dt.date(2026, 11, 6), lampang_officer)  # a day after: late
    send(a, NOVEMBER, dt.date(2026, 12, 2), lampang_officer)
    send(a, DECEMBER, dt.date(2026, 12, 6), lampang_officer)  # early for a month not yet due
    return people


def district_row(data, code):
    return next(r for r in data.rows if r.code == code)


def test_rates_count_the_months_due_with_on_time_at_the_boundary_day(lampang_officer, lampang, reported):
    data = board.province_board(lampang_officer, lampang, fiscal_year=FY, month=None, today=AFTER_NOVEMBER_DUE)
    muang, mae_moh = district_row(data, "5201"), district_row(data, "5203")
    # Two volunteers in Mueang for October and November; received three, on time two (the 5th on time, the 6th late).
    assert (muang.total.expected, muang.total.received, muang.total.on_time) == (4, 3, 2)
    assert muang.total.percent == 75.0 and muang.on_time_percent == 50.0
    assert (mae_moh.total.expected, mae_moh.total.received, mae_moh.total.missing) == (2, 0, 2)
    assert (data.total.total.expected, data.total.total.received, data.total.total.on_time) == (6, 3, 2)
    assert data.total.total.percent == 50.0 and data.total.on_time_percent == 33.3
    # December is not due: its early report shows in its column but expects nobody and stays out of the year.
    december = data.months.index(DECEMBER)
    assert not data.due[december] and muang.months[december].received == 1 and muang.months[december].expected == 0
    assert data.last_due == NOVEMBER

    # On 5 December November is still open: only October counts.
    data = board.province_board(lampang_officer, lampang, fiscal_year=FY, month=None, today=ON_NOVEMBER_DUE)
    assert data.last_due == OCTOBER
    assert (data.total.total.expected, data.total.total.received) == (3, 2)

    # One month chosen: October alone.
    data = board.province_board(lampang_officer, lampang, fiscal_year=FY, month=OCTOBER, today=AFTER_NOVEMBER_DUE)
    assert data.months == [OCTOBER]
    assert (data.total.total.expected, data.total.total.received, data.total.total.on_time) == (3, 2, 1)


def test_a_volunteer_who_resigned_or_whose_term_ended_is_not_expected_after(lampang_officer, lampang, people):
    muang = District.objects.get(code="5201")
    VolunteerFactory(
        province=lampang,
        subdistrict=muang.subdistricts.first(),
        appointed_on=APPOINTED,
        status="resigned",
        status_changed_on=dt.date(2026, 10, 20),
    )
    VolunteerFactory(
        province=lampang,
        subdistrict=muang.subdistricts.first(),
        appointed_on=dt.date(2023, 11, 1),
        term_ends_on=dt.date(2026, 10, 31),
    )
    # Appointed in November: not expected for October.
    VolunteerFactory(province=lampang, subdistrict=muang.subdistricts.first(), appointed_on=dt.date(2026, 11, 10))
    data = board.province_board(lampang_officer, lampang, fiscal_year=FY, month=None, today=AFTER_NOVEMBER_DUE)
    row = district_row(data, "5201")
    assert [row.months[0].expected, row.months[1].expected] == [4, 3]


def test_the_missing_list_holds_two_months_running_up_to_the_last_month_due(lampang_officer, lampang, reported):
    data = board.province_board(lampang_officer, lampang, fiscal_year=FY, month=None, today=AFTER_NOVEMBER_DUE)
    # c sent neither month; b missed November only; a sent both.
    assert [(m.volunteer.first_name, m.months, m.since) for m in data.missing] == [("ไม่เคยส่ง", 2, OCTOBER)]
    # Before November is due, c has missed one month only: nobody is listed.
    data = board.province_board(lampang_officer, lampang, fiscal_year=FY, month=None, today=ON_NOVEMBER_DUE)
    assert data.missing == []
    # In February January is due: c has missed four months since being appointed, b three; a sent December early and
    # has missed January only.
    data = board.province_board(lampang_officer, lampang, fiscal_year=FY, month=None, today=dt.date(2027, 2, 10))
    assert [(m.volunteer.first_name, m.months) for m in data.missing] == [("ไม่เคยส่ง", 4), ("ส่งช้า", 3)]
    # A volunteer who has not reported for longer than the board looks back shows as "12+".
    old = VolunteerFactory(
        province=lampang, subdistrict=reported["a"].subdistrict, first_name="หายไปนาน", appointed_on=APPOINTED
    )
    data = board.province_board(lampang_officer, lampang, fiscal_year=FY, month=None, today=dt.date(2027, 2, 10))
    assert [m.months_label for m in data.missing if m.volunteer.pk == old.pk] == ["12+"]


def test_regions_and_the_nation_add_up_their_provinces(
    hq_analyst, lampang_officer, chiangmai_officer, reported, chiang_mai
):
    district = District.objects.filter(province=chiang_mai).order_by("code").first()
    d = VolunteerFactory(province=chiang_mai, subdistrict=district.subdistricts.first(), appointed_on=APPOINTED)
    send(d, OCTOBER, dt.date(2026, 11, 1), chiangmai_officer)
    data = board.national_board(hq_analyst, fiscal_year=FY, month=None, today=AFTER_NOVEMBER_DUE)
    provinces = {r.code: r for r in data.rows if r.level == "province"}
    assert (provinces["52"].total.expected, provinces["52"].total.received) == (6, 3)
    assert (provinces["50"].total.expected, provinces["50"].total.received, provinces["50"].total.on_time) == (2, 1, 1)
    regions = [r for r in data.rows if r.level == "region"]
    north = next(r for r in regions if r.key == reported["a"].province.region_id)
    assert (north.total.expected, north.total.received) == (8, 4)
    assert (data.total.total.expected, data.total.total.received, data.total.total.on_time) == (8, 4, 3)
    assert data.total.total.percent == 50.0
    assert sum(r.total.expected for r in regions) == 8


@pytest.fixture
def today_is(monkeypatch):
    def set_today(day):
        monkeypatch.setattr("activity.views.timezone.localdate", lambda: day)

    return set_today


def test_hq_drills_down_from_the_nation_to_a_province(client_for, hq_analyst, reported, today_is):
    today_is(AFTER_NOVEMBER_DUE)
    page = client_for(hq_analyst).get(reverse("activity:rates"), {"fy": FY}).content.decode()
    assert "อัตราการส่งรายงาน" in page and "ทั้งประเทศ" in page
    province_url = reverse("activity:province_rates", args=["52"])
    assert f'href="{province_url}?fy={FY}"' in page
    page = client_for(hq_analyst).get(province_url, {"fy": FY}).content.decode()
    assert "ไม่เคยส่ง" in page and "75.0%" in page and "50.0%" in page
    # Linked from the month summary and from the page the nav's รายงานประจำเดือน opens for HQ.
    assert province_url in client_for(hq_analyst).get(reverse("activity:summary", args=["52"])).content.decode()
    assert reverse("activity:rates") in client_for(hq_analyst).get(reverse("activity:home")).content.decode()


def test_province_staff_see_their_province_only(client_for, lampang_viewer, chiangmai_officer, reported, today_is):
    today_is(AFTER_NOVEMBER_DUE)
    response = client_for(lampang_viewer).get(reverse("activity:rates"), {"fy": FY})
    assert response.status_code == 302 and response.url.startswith(reverse("activity:province_rates", args=["52"]))
    assert "ไม่เคยส่ง" in client_for(lampang_viewer).get(response.url).content.decode()
    client = client_for(chiangmai_officer)
    assert client.get(reverse("activity:province_rates", args=["52"])).status_code == 404
    assert client.get(reverse("activity:province_rates_xlsx", args=["52"])).status_code == 404
    assert client.get(reverse("activity:rates_xlsx")).status_code == 404


def test_the_xlsx_holds_the_board_and_the_missing_list(client_for, lampang_officer, reported, today_is):
    today_is(AFTER_NOVEMBER_DUE)
    response = client_for(lampang_officer).get(reverse("activity:province_rates_xlsx", args=["52"]), {"fy": FY})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["อัตราการส่งรายงาน", "รายเดือน", "ไม่ส่ง 2 เดือนขึ้นไป"]
    rows = list(workbook["อัตราการส่งรายงาน"].iter_rows(values_only=True))
    assert "อัตราการส่งรายงาน" in rows[0][0] and "ปีงบประมาณ 2570" in rows[0][0]
    muang = next(r for r in rows if r[0] and "เมืองลำปาง" in str(r[0]))
    assert muang[2:9] == (4, 3, 2, 1, 1, 75.0, 50.0)
    assert rows[-1][2:5] == (6, 3, 2)
    missing = list(workbook["ไม่ส่ง 2 เดือนขึ้นไป"].iter_rows(values_only=True))
    assert any(r[0] and "ไม่เคยส่ง" in r[0] and r[3] == 2 for r in missing)


def test_the_xlsx_from_an_english_page_heads_its_months_in_english(client_for, lampang_officer, reported, today_is):
    today_is(AFTER_NOVEMBER_DUE)
    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"

    response = client.get(reverse("activity:province_rates_xlsx", args=["52"]), {"fy": FY})

    by_month = list(load_workbook(io.BytesIO(response.content)).worksheets[1].iter_rows(max_row=2, values_only=True))
    text = " ".join(str(cell) for row in by_month for cell in row if cell)
    assert "Fiscal year 2027" in text and "Oct 2026" in text and "(not yet due)" in text and "District" in text
    assert not re.search("[ก-๛]", text.replace("ภาค / จังหวัด", "")), text


def test_the_missing_sheet_says_since_when_as_the_page_does_in_each_language(
    client_for, lampang_officer, reported, today_is
):
    today_is(AFTER_NOVEMBER_DUE)
    client = client_for(lampang_officer)
    page, download = (
        reverse("activity:province_rates", args=["52"]),
        reverse("activity:province_rates_xlsx", args=["52"]),
    )

    def since_in_the_workbook():
        missing = list(load_workbook(io.BytesIO(client.get(download, {"fy": FY}).content)).worksheets[2].values)
        return next(row[4] for row in missing if row[0] and "ไม่เคยส่ง" in row[0])

    def since_on_the_page():
        row = client.get(page, {"fy": FY}).content.decode().split('data-testid="missing-row"')[1]
        return re.findall(r"<td>([^<]*)</td>", row.split("</tr>")[0])[-1]

    assert since_in_the_workbook() == since_on_the_page() == "ตุลาคม 2569"
    client.cookies["django_language"] = "en"
    assert since_in_the_workbook() == since_on_the_page() == "Oct 2026"


def test_the_national_board_reads_as_many_queries_whatever_the_number_of_reports(
    client_for, hq_analyst, lampang, lampang_officer, people, today_is
):
    today_is(AFTER_NOVEMBER_DUE)
    client = client_for(hq_analyst)
    url = reverse("activity:rates")
    client.get(url)  # the session and the user, as on any later visit
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"fy": FY}).status_code == 200
    muang = District.objects.get(code="5201")
    more = [
        VolunteerFactory(province=lampang, subdistrict=muang.subdistricts.first(), appointed_on=APPOINTED)
        for _i in range(8)
    ]
    MonthlyReport.objects.bulk_create(
        MonthlyReport(volunteer=v, province=lampang, district=muang, month=m, counts={}, received_on=m, on_time=True)
        for v in more
        for m in (OCTOBER, NOVEMBER)
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"fy": FY})
    assert len(many) == len(few)
    assert "activity_monthlyreport" not in " ".join(q["sql"] for q in many.captured_queries)
    province = next(r for r in response.context["board"].rows if r.code == "52")
    assert province.total.received == 16


def test_a_year_typed_as_english_pages_show_it_opens_that_year_and_a_wrong_one_says_so(
    client_for, hq_analyst, reported, today_is
):
    today_is(AFTER_NOVEMBER_DUE)
    client = client_for(hq_analyst)
    province_url = reverse("activity:province_rates", args=["52"])
    page = client.get(reverse("activity:rates"), {"fy": FY - 1 - 543}).content.decode()
    assert f'href="{province_url}?fy={FY - 1}"' in page and "ใช้ไม่ได้" not in page
    page = client.get(reverse("activity:rates"), {"fy": "1999"}).content.decode()
    assert f'href="{province_url}?fy={FY}"' in page
    assert f"ปีงบประมาณ “1999” ใช้ไม่ได้ เลือกได้ตั้งแต่ {FY - 2} ถึง {FY}" in page
