"""A report's workbook speaks the language of the page it is downloaded from: from an English page its sheets,
headings, labels, place names and fiscal years are in English, and its dates are A.D. days as the English pages show
them (5 Dec 2026); from a Thai page it is Thai throughout, as it always was, whichever language computed the figures
kept in the cache first."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from core.xlsx import BE_DATE_FORMAT, CE_DATE_FORMAT
from trainings.models import Category, Event
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

THAI = re.compile("[ก-๛]")


def english(label) -> str:
    with translation.override("en"):
        return str(label)


def download(client, url: str, language: str):
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def rows(sheet, min_row: int = 3) -> list[tuple]:
    return list(sheet.iter_rows(min_row=min_row, values_only=True))


def header(sheet) -> list:
    return list(next(sheet.iter_rows(min_row=2, max_row=2, values_only=True)))


@pytest.fixture
def analyst(client_for, hq_analyst):
    return client_for(hq_analyst)


def test_the_province_workbook_from_an_english_page_is_english(analyst, small_province):
    url = reverse("reports:province_xlsx", args=["98"]) + "?fy=2568"
    analyst.cookies["django_language"] = "en"
    analyst.get(reverse("reports:province", args=["98"]) + "?fy=2568")  # the English figures, kept in the cache

    book = download(analyst, url, "en")

    assert book.sheetnames[:4] == ["Summary", "By district", "Mentors", "Leavers"]
    assert book.sheetnames[-4:] == ["Results by month", "Reporting rate", "People served", "Referred"]
    summary = book["Summary"]
    assert summary["A1"].value == "Summary, Thotsop, fiscal year 2025"
    assert header(summary) == ["Measure", "Number"]
    assert rows(summary)[0] == ("Active volunteers", 4)

    districts = book["By district"]
    assert header(districts)[:3] == ["Code", "District", "Active volunteers"]
    assert rows(districts)[0][:2] == ("9801", "Mueang Thotsop")
    assert rows(districts)[-1][1] == "Total"

    leaver = rows(book["Leavers"])[0]
    assert leaver[3:5] == (english(Volunteer.Status.RESIGNED.label), dt.datetime(2025, 3, 15))
    assert book["Leavers"]["E3"].number_format == CE_DATE_FORMAT  # shown as 15 Mar 2025

    age = book["Age and gender"]
    assert {english(Volunteer.Gender.MALE.label), english(Volunteer.Gender.FEMALE.label)} <= set(header(age))
    assert not {"ชาย", "หญิง"} & set(header(age))

    hosted = book["Events hosted"]
    assert english(Category.ANTI_TRAFFICKING.label) in {row[2] for row in rows(hosted)}
    assert hosted["B3"].number_format == CE_DATE_FORMAT
    national = rows(book["National events"])
    assert national[0][1] == "Bangkok"  # the host province by its English name

    trend = book["Trend"]
    assert trend["A1"].value == "Trend, Thotsop, fiscal years 2021–2025"
    assert [row[0] for row in rows(trend)] == [2021, 2022, 2023, 2024, 2025]
    months = rows(book["Results by month"])
    assert months[0][0] == "Oct 2024" and months[-1][0] == "Whole fiscal year"

    headings_and_labels = [
        str(value)
        for sheet in book.worksheets
        for value in (*header(sheet), sheet["A1"].value, sheet.title)
        if value is not None
    ]
    assert not [text for text in headings_and_labels if THAI.search(text)]


def test_the_province_workbook_from_a_thai_page_stays_thai_after_an_english_one(analyst, small_province):
    url = reverse("reports:province_xlsx", args=["98"]) + "?fy=2568"
    download(analyst, url, "en")

    book = download(analyst, url, "th")

    assert book.sheetnames[:4] == ["สรุป", "รายอำเภอ", "พี่เลี้ยง", "พ้นสภาพ"]
    assert book["สรุป"]["A1"].value == "สรุป จังหวัดทดสอบ ปีงบประมาณ 2568"
    assert rows(book["รายอำเภอ"])[0][:2] == ("9801", "เมืองทดสอบ")
    assert rows(book["พ้นสภาพ"])[0][3:5] == ("ลาออก/พ้นสภาพ", dt.datetime(2025, 3, 15))
    assert book["พ้นสภาพ"]["E3"].number_format == BE_DATE_FORMAT  # shown as 15/03/2568
    assert {"ชาย", "หญิง"} <= set(header(book["อายุและเพศ"]))
    assert [row[0] for row in rows(book["แนวโน้ม"])] == [2564, 2565, 2566, 2567, 2568]
    assert rows(book["ผลรายเดือน"])[0][0].startswith("ตุลาคม 2567")


@pytest.mark.parametrize(
    ("table", "english_sheet", "english_heading", "thai_sheet", "thai_heading"),
    [
        ("provinces", "Province", "Labour volunteers by province, fiscal year 2025", "จังหวัด", None),
        ("regions", "Region", "Totals by region, fiscal year 2025", "ภาค", "สรุปรายภาค ปีงบประมาณ 2568"),
        ("trend", "Trend", "National trend, fiscal years 2021–2025", "แนวโน้ม", None),
        ("results_months", "Results by month", None, "ผลรายเดือน", None),
        ("results_provinces", "Results by province", None, "ผลรายจังหวัด", None),
        ("results_kinds", "People served", None, "ผู้รับบริการ", None),
        ("results_agencies", "Referred", "Referrals to agencies, whole country, fiscal year 2025", "ส่งต่อหน่วยงาน", None),
    ],
)
def test_each_dashboard_table_downloads_in_the_pages_language(
    analyst, small_province, table, english_sheet, english_heading, thai_sheet, thai_heading
):
    url = reverse("reports:dashboard_xlsx", args=[table]) + "?fy=2568"

    in_english = download(analyst, url, "en").active
    in_thai = download(analyst, url, "th").active

    assert in_english.title == english_sheet and in_thai.title == thai_sheet
    if english_heading:
        assert in_english["A1"].value == english_heading
    if thai_heading:
        assert in_thai["A1"].value == thai_heading
    assert not THAI.search(in_english["A1"].value) and not [c for c in header(in_english) if THAI.search(str(c))]
    assert THAI.search(in_thai["A1"].value) and THAI.search(str(header(in_thai)[0]))


def test_the_dashboards_places_years_and_months_are_named_as_the_english_page_names_them(analyst, small_province):
    def table(name, language):
        return rows(download(analyst, reverse("reports:dashboard_xlsx", args=[name]) + "?fy=2568", language).active)

    thotsop = next(row for row in table("provinces", "en") if row[0] == "98")
    assert thotsop[1:4] == ("Thotsop", "North", 4)
    assert next(row for row in table("provinces", "th") if row[0] == "98")[1:3] == ("ทดสอบ", "ภาคเหนือ")
    assert table("regions", "en")[-1][0] == "Whole country"
    assert [row[0] for row in table("trend", "en")] == [2021, 2022, 2023, 2024, 2025]
    assert [row[0] for row in table("trend", "th")] == [2564, 2565, 2566, 2567, 2568]
    months = [row[0] for row in table("results_months", "en")]
    assert months[0] == "Oct 2024" and months[-1] == "Whole fiscal year"
    assert {"North", "Thotsop"} <= {row[1] for row in table("results_provinces", "en")}


def test_the_completeness_workbooks_follow_the_pages_language(analyst, small_province):
    url = reverse("reports:completeness_xlsx", args=["events_without_attendance"]) + "?fy=2568"
    june_1 = dt.datetime(2025, 6, 1)

    in_english = download(analyst, url, "en").active
    in_thai = download(analyst, url, "th").active

    held = english(Event.Status.DONE.label)
    assert in_english["A1"].value == "Finished events without attendance recorded, fiscal year 2025"
    assert header(in_english) == ["Event", "Host province", "Start date", "End date", "Status", "Registered (people)"]
    assert rows(in_english) == [("E5 ยังไม่ลงเวลา", "Thotsop", june_1, june_1, held, 1)]
    assert in_english["C3"].number_format == in_english["D3"].number_format == CE_DATE_FORMAT
    assert rows(in_thai) == [("E5 ยังไม่ลงเวลา", "ทดสอบ", june_1, june_1, "จัดเสร็จแล้ว", 1)]
    assert in_thai["C3"].number_format == BE_DATE_FORMAT

    stale = download(analyst, reverse("reports:completeness_xlsx", args=["stale_provinces"]), "en").active
    assert header(stale) == ["Code", "Province", "Region", "Last changed"]
    assert ("52", "Lampang", "North") in {row[:3] for row in rows(stale)}


def test_a_count_of_events_is_headed_events_on_the_english_dashboard_and_its_trend_workbook(analyst, small_province):
    """ "กิจกรรม" is an event where a row is one and a number of them where a column counts them."""

    def trend_header(language):
        return header(
            download(analyst, reverse("reports:dashboard_xlsx", args=["trend"]) + "?fy=2568", language).active
        )

    assert "Events" in trend_header("en") and "Event" not in trend_header("en")
    assert "กิจกรรม" in trend_header("th")
    analyst.cookies["django_language"] = "en"
    page = analyst.get(reverse("reports:dashboard"), {"fy": 2568}).content.decode()
    assert page.count('data-sort="number">Events</th>') == 1
    assert ">Event</th>" not in page
