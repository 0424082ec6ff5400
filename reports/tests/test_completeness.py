"""The completeness board: stale rosters, finished events without attendance, districts with nobody serving."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.xlsx import BE_DATE_FORMAT
from reports import selectors
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def test_what_is_missing(small_province):
    data = selectors.completeness(2568)
    stale = {p["code"] for p in data["stale_provinces"]}
    assert "98" not in stale and "52" in stale and len(stale) == 77
    assert [e["title"] for e in data["events_without_attendance"]] == ["E5 ยังไม่ลงเวลา"]
    assert data["events_without_attendance"][0]["registered"] == 1
    empty = {d["code"] for d in data["empty_districts"]}
    assert "9801" not in empty and "9802" not in empty and len(empty) == 928


def test_a_roster_untouched_for_more_than_90_days_is_stale(small_province):
    long_ago = timezone.now() - dt.timedelta(days=91)
    Volunteer.objects.filter(province=small_province["province"]).update(updated_at=long_ago)
    stale = {p["code"]: p for p in selectors.completeness(2568)["stale_provinces"]}
    assert stale["98"]["last_change"] == long_ago


def test_a_district_whose_only_volunteer_left_shows_up(small_province):
    v8 = small_province["volunteers"][7]
    v8.status = Volunteer.Status.RESIGNED
    v8.status_changed_on = dt.date(2025, 9, 1)  # inside FY2568, so nobody served S22 at the end of the year
    v8.save()
    assert "9802" in {d["code"] for d in selectors.completeness(2568)["empty_districts"]}


def test_the_board_and_its_downloads(client_for, hq_analyst, small_province):
    client = client_for(hq_analyst)
    html = client.get(reverse("reports:completeness") + "?fy=2568").content.decode()
    assert 'data-testid="count-events">1<' in html and "E5 ยังไม่ลงเวลา" in html
    response = client.get(reverse("reports:completeness_xlsx", args=["events_without_attendance"]) + "?fy=2568")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    june_1 = dt.datetime(2025, 6, 1)  # date cells, shown as 01/06/2568
    assert rows == [("E5 ยังไม่ลงเวลา", "ทดสอบ", june_1, june_1, "จัดเสร็จแล้ว", 1)]
    assert sheet["C3"].number_format == sheet["D3"].number_format == BE_DATE_FORMAT
    for table in ["stale_provinces", "empty_districts"]:
        assert client.get(reverse("reports:completeness_xlsx", args=[table])).status_code == 200
    assert client.get(reverse("reports:completeness_xlsx", args=["nothing"])).status_code == 404
