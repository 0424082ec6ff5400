"""The "วาระจะสิ้นสุดใน 90 วัน" board: whose term ends soon and whose ended without re-appointment, per province, with
the mentor and the place, a workbook, and re-appointment of those picked."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.thai import format_date_be, format_date_en, format_date_numeric_be
from core.xlsx import BE_DATE_FORMAT
from volunteers.tests.factories import VolunteerFactory
from volunteers.tests.term_factories import days, ending_in, with_terms

pytestmark = pytest.mark.django_db

BOARD = "volunteers:terms_ending"


def section(html: str, name: str) -> str:
    start = html.index(f'data-testid="board-{name}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def lampang_terms(lampang, lampang_mentor):
    """Lampang's volunteers around the board's edges."""

    def make(name, n, **extra):
        return ending_in(VolunteerFactory(province=lampang, first_name=name, mentor=lampang_mentor, **extra), n)

    return {
        "last_day": make("สุดท้ายนี้", 0),
        "day_90": make("เก้าสิบวัน", 90),
        "day_91": make("เก้าสิบเอ็ดวัน", 91),
        "ended_yesterday": make("ครบเมื่อวาน", -1),
        "ended_long_ago": make("ครบนานแล้ว", -400),
        "resigned": make("ลาออกแล้ว", 10, status="resigned"),
        "reappointed": with_terms(
            VolunteerFactory(province=lampang, first_name="ต่อวาระแล้ว"), (days(-1000), days(5)), (days(6), days(1100))
        ),
    }


def test_the_officer_sees_who_ends_within_90_days_and_who_ended(client_for, lampang_officer, lampang_terms):
    html = client_for(lampang_officer).get(reverse(BOARD)).content.decode()
    assert "วาระจะสิ้นสุดใน 90 วัน" in html
    soon, ended = section(html, "soon"), section(html, "ended")
    assert "สุดท้ายนี้" in soon and "เก้าสิบวัน" in soon
    for absent in ("เก้าสิบเอ็ดวัน", "ลาออกแล้ว", "ต่อวาระแล้ว", "ครบเมื่อวาน"):
        assert absent not in soon
    assert "ครบเมื่อวาน" in ended
    assert "ครบนานแล้ว" not in ended and "สุดท้ายนี้" not in ended

    row = soon[soon.index(f'data-volunteer="{lampang_terms["day_90"].pk}"') :]
    row = row[: row.index("</tr>")]
    assert format_date_be(days(90)) in row
    assert 'data-testid="days">90<' in row
    assert "พี่เลี้ยงดี" in row  # the mentor
    subdistrict = lampang_terms["day_90"].subdistrict
    assert subdistrict.name_th in row and subdistrict.district.name_th in row
    assert 'data-status="term_ended">ครบวาระ' in ended


def test_the_board_follows_the_setting(client_for, lampang_officer, lampang_terms, settings):
    settings.TERM_ENDING_SOON_DAYS = 91
    html = client_for(lampang_officer).get(reverse(BOARD)).content.decode()
    assert "วาระจะสิ้นสุดใน 91 วัน" in html and "เก้าสิบเอ็ดวัน" in section(html, "soon")


def test_another_province_is_404_and_not_shown(client_for, chiangmai_officer, lampang_officer, lampang_terms):
    client = client_for(chiangmai_officer)
    assert client.get(reverse(BOARD), {"province": "52"}).status_code == 404
    assert client.get(reverse("volunteers:terms_ending_xlsx"), {"province": "52"}).status_code == 404
    assert "สุดท้ายนี้" not in client.get(reverse(BOARD)).content.decode()
    assert client_for(lampang_officer).get(reverse(BOARD), {"province": "52"}).status_code == 200


def test_hq_sees_every_province_grouped_and_picks_one(client_for, hq_analyst, lampang_terms, chiang_mai):
    ending_in(VolunteerFactory(province=chiang_mai, first_name="ดอยหลวง"), 15)
    client = client_for(hq_analyst)
    html = client.get(reverse(BOARD)).content.decode()
    soon = section(html, "soon")
    assert 'data-province="50"' in soon and 'data-province="52"' in soon
    assert "จังหวัดเชียงใหม่" in soon and "สุดท้ายนี้" in soon and "ดอยหลวง" in soon
    assert soon.index('data-province="50"') < soon.index('data-province="52"')  # เชียงใหม่ before ลำปาง

    only = section(client.get(reverse(BOARD), {"province": "50"}).content.decode(), "soon")
    assert "ดอยหลวง" in only and "สุดท้ายนี้" not in only
    # HQ reads: nothing to pick, no re-appointment
    assert 'name="volunteers"' not in html and "แต่งตั้งอีกวาระผู้ที่เลือก" not in html


def test_the_viewer_reads_without_reappointing(client_for, lampang_viewer, lampang_officer, lampang_terms):
    html = client_for(lampang_viewer).get(reverse(BOARD)).content.decode()
    assert "สุดท้ายนี้" in html
    assert 'name="volunteers"' not in html and "แต่งตั้งอีกวาระผู้ที่เลือก" not in html
    officer = client_for(lampang_officer).get(reverse(BOARD)).content.decode()
    assert f'name="volunteers" value="{lampang_terms["last_day"].pk}"' in officer
    assert "แต่งตั้งอีกวาระผู้ที่เลือก" in officer


def test_reappointed_from_the_board_they_leave_it(client_for, lampang_officer, lampang_terms):
    client = client_for(lampang_officer)
    picked = [lampang_terms["last_day"].pk, lampang_terms["ended_yesterday"].pk]
    board = reverse(BOARD)
    response = client.post(
        reverse("volunteers:reappoint_many"),
        {"volunteers": picked, "order_no": "ลป 50/2569", "starts_on": format_date_numeric_be(days(1)), "next": board},
    )
    assert response.status_code == 302 and response["Location"] == board
    html = client.get(board).content.decode()
    assert "แต่งตั้งอาสาสมัคร 2 คนอีกวาระ" in html
    assert "สุดท้ายนี้" not in section(html, "soon") and "ครบเมื่อวาน" not in section(html, "ended")


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return _sheet_of(response.content)


def _sheet_of(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    return [c.value for c in rows[0]], {r[2].value: r for r in rows[1:]}


def test_the_workbook_has_date_cells_in_be_and_masks_ids_for_hq(client_for, hq_analyst, lampang_officer, lampang_terms):
    headers, rows = _sheet(client_for(hq_analyst).get(reverse("volunteers:terms_ending_xlsx"), {"province": "52"}))
    assert headers[:3] == ["จังหวัด", "เลขประจำตัวประชาชน", "ชื่อ-นามสกุล"]
    day_90 = lampang_terms["day_90"]
    row = rows[day_90.full_name]
    end = row[headers.index("วาระสิ้นสุด")]
    assert end.value == dt.datetime.combine(days(90), dt.time()) and end.number_format == BE_DATE_FORMAT
    assert row[headers.index("เหลือ (วัน)")].value == 90
    assert row[headers.index("พี่เลี้ยง")].value == day_90.mentor.full_name
    assert row[1].value == f"{day_90.national_id[0]}-{day_90.national_id[1:5]}-xxxxx-xx-{day_90.national_id[12]}"
    ended = rows[lampang_terms["ended_yesterday"].full_name]
    assert ended[headers.index("เหลือ (วัน)")].value == -1
    assert ended[headers.index("สถานะ")].value == "ครบวาระ"
    assert lampang_terms["day_91"].full_name not in rows and lampang_terms["ended_long_ago"].full_name not in rows

    _headers, officer_rows = _sheet(client_for(lampang_officer).get(reverse("volunteers:terms_ending_xlsx")))
    assert officer_rows[day_90.full_name][1].value == day_90.national_id  # the officer's exports carry full IDs


def test_the_workbook_from_an_english_page_shows_its_dates_as_the_page_in_ce(
    client_for, lampang_officer, lampang_terms, tmp_path
):
    from rosters.tests.libreoffice import as_shown_csv

    client = client_for(lampang_officer)
    client.cookies["django_language"] = "en"
    day_90 = lampang_terms["day_90"]
    page = section(client.get(reverse(BOARD)).content.decode(), "soon")
    row = page[page.index(f'data-volunteer="{day_90.pk}"') :]
    assert format_date_en(days(90)) in row[: row.index("</tr>")]  # 5 Dec 2026, say

    content = client.get(reverse("volunteers:terms_ending_xlsx")).content

    headers, rows = _sheet_of(content)
    end = rows[day_90.full_name][headers.index("Term ends")]
    assert end.is_date and end.value == dt.datetime.combine(days(90), dt.time())  # still a date, to sort and filter
    shown = as_shown_csv(content, "terms-ending.xlsx", tmp_path / "profile", tmp_path)
    assert shown[0] == headers
    row = next(r for r in shown if r[2] == day_90.full_name)
    assert row[headers.index("Term ends")] == format_date_en(days(90))


def test_the_board_is_in_the_menu(client_for, lampang_officer):
    html = client_for(lampang_officer).get(reverse("volunteers:list")).content.decode()
    assert f'href="{reverse(BOARD)}"' in html
