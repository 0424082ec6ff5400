"""The reporting rates count a report only from a volunteer expected in its month, where the volunteer is expected:
after a write that left reports outside their volunteer's months (an appointment date moved after months already
reported, through a door that does not check it) or in another district (a volunteer moved within the province),
the month summary, the province board and the national board never show more received than expected, and their
districts and provinces add up to the totals."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from activity import services
from provinces.models import District
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

FY = 2570
JUNE, OCTOBER = dt.date(2026, 6, 1), dt.date(2026, 10, 1)
MONTHS = [dt.date(2026, m, 1) for m in range(6, 12)]  # June to November 2569
AFTER_OCTOBER_DUE = dt.date(2026, 11, 20)


@pytest.fixture
def mae_moh(lampang, work_kinds, lampang_officer):
    """แม่เมาะ as in the probe: one volunteer appointed in June who reported June to November, one who reported
    October."""
    district = District.objects.get(code="5202")
    june = VolunteerFactory(
        province=lampang, subdistrict=district.subdistricts.first(), first_name="เดือนมิถุนา", appointed_on=JUNE
    )
    steady = VolunteerFactory(
        province=lampang,
        subdistrict=district.subdistricts.last(),
        first_name="ส่งประจำ",
        appointed_on=dt.date(2024, 1, 15),
    )
    for month in MONTHS:
        services.save_report(volunteer=june, month=month, counts={}, by=lampang_officer, today=month + dt.timedelta(33))
    services.save_report(volunteer=steady, month=OCTOBER, counts={}, by=lampang_officer, today=dt.date(2026, 11, 3))
    return {"district": district, "june": june, "steady": steady}


def appointed_later_without_the_check(volunteer, day):
    """The write the edit page now refuses (volunteers.services.check_appointment), as a door that skips it (a data
    fix, the admin until it asks the rule) still can."""
    Volunteer.objects.across_provinces("test").filter(pk=volunteer.pk).update(appointed_on=day)


def summary_rows(client, month="2026-10") -> tuple[dict, list]:
    page = client.get(reverse("activity:summary", args=["52"]), {"month": month}).content.decode()
    rows = {}
    for row in page.split('data-testid="rate-row"')[1:]:
        name = re.search(r'<a href="[^"]*">([^<]+)</a>', row).group(1)
        rows[name] = [
            cell.strip() for cell in re.findall(r'<td class="text-end[^"]*">([^<]*)</td>', row.split("</tr>")[0])
        ]
    total = page.split('data-testid="rate-total"')[1].split("</tr>")[0]
    return rows, [cell.strip() for cell in re.findall(r'<td class="text-end">([^<]*)</td>', total)]


def board_sheet(client, url, params) -> list[tuple]:
    response = client.get(url, params)
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))


@pytest.fixture
def today_is(monkeypatch):
    monkeypatch.setattr("activity.views.timezone.localdate", lambda: AFTER_OCTOBER_DUE)


def test_an_appointment_moved_after_reported_months_leaves_no_district_above_100_percent(
    client_for, lampang_officer, hq_analyst, mae_moh, today_is
):
    appointed_later_without_the_check(mae_moh["june"], dt.date(2026, 11, 15))
    client = client_for(lampang_officer)

    rows, total = summary_rows(client)
    # ต้องส่ง, ได้รับแล้ว, ตรงเวลา, ส่งช้า, ยังไม่ส่ง, อัตรา: the June volunteer is not expected in October any more,
    # and their October report is not counted either (it was 1 expected, 2 received, 200.0%).
    assert rows["อำเภอแม่เมาะ"][:2] == ["1", "1"] and rows["อำเภอแม่เมาะ"][-1] == "100.0%"
    for cells in rows.values():
        assert int(cells[1]) <= int(cells[0])
    assert int(total[4]) == sum(int(cells[4]) for cells in rows.values())

    sheet = board_sheet(client, reverse("activity:province_rates_xlsx", args=["52"]), {"fy": FY, "month": "2026-10"})
    districts = [r for r in sheet if r[1] == "อำเภอ"]
    mae_moh_row = next(r for r in districts if "แม่เมาะ" in r[0])
    assert mae_moh_row[2:4] == (1, 1) and mae_moh_row[7] == 100.0
    assert all(r[3] <= r[2] for r in districts)
    # The total's "ยังไม่ส่ง" is the districts' own, added up (it was one short of them).
    assert sheet[-1][6] == sum(r[6] for r in districts)

    nation = board_sheet(client_for(hq_analyst), reverse("activity:rates_xlsx"), {"fy": FY, "month": "2026-10"})
    provinces = [r for r in nation if r[1] == "จังหวัด"]
    assert next(r for r in provinces if "ลำปาง" in r[0])[2:4] == (1, 1)
    assert all(r[3] <= r[2] for r in provinces) and nation[-1][6] == sum(r[6] for r in provinces)


def test_a_volunteer_moved_to_another_district_is_counted_received_where_expected(
    client_for, lampang_officer, mae_moh, today_is
):
    muang = District.objects.get(code="5201")
    Volunteer.objects.across_provinces("test").filter(pk=mae_moh["steady"].pk).update(
        subdistrict=muang.subdistricts.first()
    )

    rows, total = summary_rows(client_for(lampang_officer))

    # The October report was made in แม่เมาะ; the volunteer is expected in เมืองลำปาง now, and counted there.
    assert rows["อำเภอเมืองลำปาง"][:2] == ["1", "1"]
    assert rows["อำเภอแม่เมาะ"][:2] == ["1", "1"]  # the June volunteer, serving in October
    assert total[:2] == ["2", "2"] and total[4] == "0"
