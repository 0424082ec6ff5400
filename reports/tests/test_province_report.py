"""The province report of the hand-built province 98: every figure checked against the numbers in factories.py."""

import datetime as dt
import io

import pytest
from django.db.models import Count, Sum
from django.urls import reverse
from openpyxl import load_workbook

from core.thai import current_fiscal_year
from core.xlsx import BE_DATE_FORMAT
from reports import selectors
from trainings.models import Event
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def report(small_province, fy):
    return selectors.province_report(small_province["province"], fy)


def test_volunteer_figures_at_the_end_of_fiscal_year_2568(small_province):
    h = report(small_province, 2568)["headline"]
    # V1, V2, V3 and V8 (who resigned only in FY2569) serve; V4 suspended; V5 resigned and V6 died; V7 comes later.
    assert (h["active"], h["suspended"], h["resigned"], h["deceased"], h["total"]) == (4, 1, 1, 1, 7)
    assert h["appointed"] == 1  # V2, appointed 15 Nov 2024
    assert h["leavers"] == 1  # V5, who resigned in the year
    # S11, S12, S22 have a serving lead against a quota of one each; S13 (V4 suspended) and S21 (V5, V6 gone) are vacant
    assert h["coverage"] == {
        "subdistricts": 5,
        "covered": 3,
        "percent": 60.0,
        "quota": 5,
        "filled": 3,
        "vacancies": 2,
        "quota_coverage": 60.0,
    }
    assert h["active_mentors"] == 2 and h["per_mentor"] == 2.0
    assert h["without_mentor"] == 2  # V3 has none; V8's mentor M3 no longer serves


def test_the_volunteer_who_resigned_in_the_year_is_listed_with_the_reason(small_province):
    data = report(small_province, 2568)
    assert [(row["status"], row["changed_on"], row["reason"]) for row in data["leavers"]] == [
        ("ลาออก/พ้นสภาพ", dt.date(2025, 3, 15), "ย้ายภูมิลำเนา")
    ]
    assert data["leaver_reasons"] == [{"status": "ลาออก/พ้นสภาพ", "reason": "ย้ายภูมิลำเนา", "count": 1}]


def test_district_table(small_province):
    rows = {r["code"]: r for r in report(small_province, 2568)["districts"]}
    assert rows["9801"] | {} == rows["9801"]
    assert {k: rows["9801"][k] for k in ("active", "total", "subdistricts", "covered", "coverage", "mentors")} == {
        "active": 3,
        "total": 4,
        "subdistricts": 3,
        "covered": 2,
        "coverage": 66.7,
        "mentors": 1,
    }
    assert {k: rows["9802"][k] for k in ("active", "total", "subdistricts", "covered", "coverage", "mentors")} == {
        "active": 1,
        "total": 3,
        "subdistricts": 2,
        "covered": 1,
        "coverage": 50.0,
        "mentors": 1,
    }


def test_mentors_per_agency(small_province):
    rows = {r["kind"]: r for r in report(small_province, 2568)["mentors"]}
    assert (rows["labour"]["mentors"], rows["labour"]["active_mentors"], rows["labour"]["volunteers"]) == (2, 1, 2)
    assert rows["labour"]["per_mentor"] == 2.0
    assert (rows["employment"]["mentors"], rows["employment"]["active_mentors"], rows["employment"]["volunteers"]) == (
        1,
        1,
        0,
    )


def test_age_and_gender_of_serving_volunteers(small_province):
    age = report(small_province, 2568)["age_gender"]
    bands = {r["band"]: (r["male"], r["female"], r["total"]) for r in age["rows"]}
    assert bands == {
        "ต่ำกว่า 30": (0, 0, 0),
        "30–39": (0, 2, 2),  # V2 turned 30 in March 2025, V8 is 35
        "40–49": (0, 0, 0),
        "50–59": (1, 0, 1),  # V1
        "60 ขึ้นไป": (0, 1, 1),  # V3
        "ไม่ระบุวันเกิด": (0, 0, 0),
    }
    assert (age["totals"]["male"], age["totals"]["female"], age["totals"]["total"]) == (1, 3, 4)


@pytest.mark.django_db(transaction=True)
def test_the_memory_given_to_the_volunteers_count_ends_with_it(small_province):
    """The count of the volunteers by district and by age asks PostgreSQL for more memory than its default: for that
    query only, not for every later one on the same connection (a web worker keeps its connection for ten minutes)."""
    from django.db import connection

    def work_mem():
        with connection.cursor() as cursor:
            cursor.execute("SHOW work_mem")
            return cursor.fetchone()[0]

    before = work_mem()
    assert report(small_province, 2568)["age_gender"]["totals"]["total"] == 4
    assert work_mem() == before != "16MB"


def test_hosted_events_per_category_with_a_participant_from_another_province(small_province):
    hosted = report(small_province, 2568)["hosted"]
    titles = [row["event"].title for row in hosted["events"]]
    assert titles == ["E1 เสริมสร้างเครือข่าย", "E5 ยังไม่ลงเวลา"]  # E4 was cancelled, E2 is FY2567
    e1 = hosted["events"][0]
    assert [(c["category"], c["target"], c["registered"], c["attended"], c["rate"]) for c in e1["categories"]] == [
        ("volunteer", 4, 3, 2, 50.0),  # the cancelled registration does not count
        ("mentor", 2, 1, 1, 50.0),
        ("anti_trafficking", 2, 1, 1, 50.0),  # the officer from Chiang Mai
    ]
    assert e1["totals"] == {"target": 8, "registered": 5, "attended": 4, "rate": 50.0}
    assert hosted["totals"] == {"target": 8, "registered": 6, "attended": 4, "rate": 50.0}
    assert hosted["from_elsewhere"] == [
        {"home_province__name_th": "เชียงใหม่", "home_province__name_en": "Chiang Mai", "registered": 1, "attended": 1}
    ]


def test_the_provinces_people_in_national_events(small_province):
    national = report(small_province, 2568)["national"]
    assert [row["event"].title for row in national["events"]] == ["E3 สัมมนาระดับประเทศ"]
    assert national["totals"] == {"registered": 2, "attended": 1}  # Chiang Mai's mentor is not ours


def test_the_multi_join_trap_does_not_multiply_targets(small_province):
    e1 = small_province["events"][0]
    # What a single annotate() over two joins would say: the 8 targets counted once per registration.
    naive = Event.objects.filter(pk=e1.pk).annotate(t=Sum("targets__target"), r=Count("registrations")).get()
    assert (naive.t, naive.r) != (8, 6)
    e1_row = report(small_province, 2568)["hosted"]["events"][0]
    assert e1_row["totals"]["target"] == 8 and e1_row["totals"]["registered"] == 5


def test_fiscal_year_2567_and_the_trend(small_province):
    data = report(small_province, 2567)
    h = data["headline"]
    assert (h["active"], h["total"], h["appointed"], h["leavers"]) == (5, 6, 0, 1)  # V6 died in FY2567
    assert h["coverage"]["percent"] == 100.0
    assert [row["event"].title for row in data["hosted"]["events"]] == ["E2 ปีก่อน"]
    assert data["hosted"]["totals"]["rate"] == 20.0
    trend = {t["fy"]: t for t in report(small_province, 2568)["trend"]}
    assert list(trend) == [2564, 2565, 2566, 2567, 2568]
    assert [trend[y]["active"] for y in trend] == [6, 6, 6, 5, 4]
    assert (trend[2567]["leavers"], trend[2568]["leavers"], trend[2568]["appointed"]) == (1, 1, 1)
    assert (trend[2567]["events"], trend[2567]["attended"], trend[2568]["events"], trend[2568]["attended"]) == (
        1,
        2,
        2,
        4,
    )


def test_the_page_shows_the_figures_and_switches_year(client_for, hq_analyst, small_province):
    client = client_for(hq_analyst)
    html = client.get(reverse("reports:province", args=["98"]) + "?fy=2568").content.decode()
    assert 'data-testid="stat-active">4<' in html
    assert 'data-testid="stat-coverage">60.0%<' in html
    assert "ย้ายภูมิลำเนา" in html and "15 มี.ค. 2568" in html
    assert "ปีงบประมาณ 2568" in html and 'class="report-print-header"' in html
    older = client.get(reverse("reports:province", args=["98"]) + "?fy=2567").content.decode()
    assert 'data-testid="stat-active">5<' in older and "E2 ปีก่อน" in older


def test_a_fiscal_year_that_cannot_be_used_says_so_in_thai(client_for, hq_analyst, small_province):
    response = client_for(hq_analyst).get(reverse("reports:province", args=["98"]) + "?fy=abc")
    assert response.status_code == 200
    assert "ปีงบประมาณ “abc” ใช้ไม่ได้" in response.content.decode()


def test_the_xlsx_holds_the_same_tables(client_for, lampang_officer, hq_analyst, small_province):
    response = client_for(hq_analyst).get(reverse("reports:province_xlsx", args=["98"]) + "?fy=2568")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "สรุป",
        "รายอำเภอ",
        "พี่เลี้ยง",
        "พ้นสภาพ",
        "อายุและเพศ",
        "กิจกรรมที่จัด",
        "กิจกรรมส่วนกลาง",
        "แนวโน้ม",
        "ผลรายเดือน",
        "อัตราการส่งรายงาน",
        "ผู้รับบริการ",
        "ส่งต่อหน่วยงาน",
    ]
    districts = list(book["รายอำเภอ"].iter_rows(min_row=3, values_only=True))
    # code, name, serving, registered, subdistricts, covered, %, quota, filled, vacancies, % of quota, leads, network,
    # terms ending, mentors: S13's only volunteer is suspended, so its one place is vacant
    assert districts[0] == ("9801", "เมืองทดสอบ", 3, 4, 3, 2, 66.7, 3, 2, 1, 66.7, 3, 0, 0, 1)
    assert districts[-1][1:14] == ("รวม", 4, 7, 5, 3, 60.0, 5, 3, 2, 60.0, 4, 0, 0)
    leavers = list(book["พ้นสภาพ"].iter_rows(min_row=3, values_only=True))
    assert leavers[0][3:] == ("ลาออก/พ้นสภาพ", dt.datetime(2025, 3, 15), "ย้ายภูมิลำเนา")
    assert book["พ้นสภาพ"]["E3"].number_format == BE_DATE_FORMAT  # a date cell shown as 15/03/2568
    from core.models import AuditEvent

    assert AuditEvent.objects.filter(action="export", username=hq_analyst.username).exists()


def test_text_that_excel_would_run_as_a_formula_is_made_text_in_the_xlsx(client_for, hq_analyst, small_province):
    from volunteers.models import StatusChange

    e1 = small_province["events"][0]
    Event.objects.filter(pk=e1.pk).update(title='=HYPERLINK("x")')
    StatusChange.objects.filter(volunteer=small_province["volunteers"][4]).update(reason="=1+1")

    response = client_for(hq_analyst).get(reverse("reports:province_xlsx", args=["98"]) + "?fy=2568")
    book = load_workbook(io.BytesIO(response.content))
    leaver_reason = book["พ้นสภาพ"].cell(row=3, column=6)
    event_title = book["กิจกรรมที่จัด"].cell(row=3, column=1)
    for cell in (leaver_reason, event_title):
        assert cell.data_type != "f"
    assert leaver_reason.value == "'=1+1"
    assert event_title.value == '\'=HYPERLINK("x")'


def leaver_table(html: str) -> str:
    return html.split('data-testid="leaver-table"')[1].split("</table>")[0]


def test_the_report_switches_to_english(client_for, hq_analyst, small_province):
    client = client_for(hq_analyst)
    resigned = Volunteer.objects.get(subdistrict__code="980201", status=Volunteer.Status.RESIGNED)
    thai = client.get(reverse("reports:province", args=["98"]) + "?fy=2568").content.decode()
    assert f"นาย{resigned.first_name}" in leaver_table(thai) and "15 มี.ค. 2568" in leaver_table(thai)

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("reports:province", args=["98"]) + "?fy=2568").content.decode()
    assert "Province report" in html and "Fiscal year" in html and "Active volunteers" in html
    assert "Mueang Thotsop" in html
    # The departures: the title a word of its own, the date in the Common Era.
    assert f"Mr {resigned.first_name}" in leaver_table(html) and "15 Mar 2025" in leaver_table(html)


def test_a_year_typed_as_english_pages_show_it_opens_that_year(client_for, hq_analyst, small_province):
    # English pages show fiscal year 2568 as 2025: typed into the address, it opens 2568, not the current year.
    client = client_for(hq_analyst)
    html = client.get(reverse("reports:province", args=["98"]) + "?fy=2025").content.decode()
    assert "ปีงบประมาณ 2568" in html and "ใช้ไม่ได้" not in html
    assert 'data-testid="stat-active">4<' in html


def test_an_unusable_year_is_explained_in_the_readers_era(client_for, hq_analyst, small_province):
    client = client_for(hq_analyst)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("reports:province", args=["98"]) + "?fy=1999").content.decode()
    first, last = current_fiscal_year() - 9 - 543, current_fiscal_year() - 543
    assert f"Fiscal year “1999” cannot be used; choose from {first} to {last}." in html


def test_people_from_other_provinces_are_named_in_the_readers_language(client_for, hq_analyst, small_province):
    client = client_for(hq_analyst)
    for language, shown, hidden in (("th", "เชียงใหม่", "Chiang Mai"), ("en", "Chiang Mai", "เชียงใหม่")):
        client.cookies["django_language"] = language
        html = client.get(reverse("reports:province", args=["98"]) + "?fy=2568").content.decode()
        line = html.split('data-testid="from-elsewhere"')[1].split("</div>")[0]
        assert shown in line and hidden not in line, language
