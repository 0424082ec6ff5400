"""What the grid tells the officer when it refuses a row: a volunteer not serving in the month is refused with the
reason and its date (appointed later, another status since, the term ended), not with the status they have today;
and the text of "ปัญหาแรงงานในพื้นที่" refuses invisible control characters, on the grid and through the API, as
every registry form does."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from activity.models import MonthlyReport
from api import tokens
from provinces.models import District
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

GRID = reverse("activity:grid", args=["52"])


@pytest.fixture
def mueang(lampang, work_kinds):
    return District.objects.get(code="5201").subdistricts.order_by("code").first()


def save_row(client, volunteer, month="2026-10", **fields):
    data = {"volunteer": volunteer.pk, "district": "5201", "month": month, "report": "", "problems": "", **fields}
    return client.post(GRID, data, HTTP_ACCEPT="application/json")


def reports():
    return MonthlyReport.objects.across_provinces("test")


def test_a_volunteer_appointed_after_the_month_is_told_the_appointment_date(client_for, lampang_officer, mueang):
    later = VolunteerFactory(
        province=mueang.province, subdistrict=mueang, first_name="บุษบา", appointed_on=dt.date(2026, 11, 21)
    )

    response = save_row(client_for(lampang_officer), later, k_info_jobs="2")

    assert response.status_code == 400
    message = response.json()["message"]
    assert "ได้รับแต่งตั้งเมื่อ 21 พ.ย. 2569 หลังเดือนตุลาคม 2569" in message
    assert "สถานะ “ปฏิบัติหน้าที่”" not in message
    assert not reports().exists()


def test_a_volunteer_who_left_before_the_month_is_told_since_when(client_for, lampang_officer, mueang):
    gone = VolunteerFactory(
        province=mueang.province,
        subdistrict=mueang,
        appointed_on=dt.date(2024, 1, 15),
        status="resigned",
        status_changed_on=dt.date(2026, 8, 31),
    )

    message = save_row(client_for(lampang_officer), gone, k_info_jobs="2").json()["message"]

    assert "ตั้งแต่ 31 ส.ค. 2569 ก่อนเดือนตุลาคม 2569" in message


def test_a_control_character_in_the_problems_is_refused_on_the_grid(client_for, lampang_officer, mueang):
    volunteer = VolunteerFactory(province=mueang.province, subdistrict=mueang, appointed_on=dt.date(2024, 1, 15))

    response = save_row(client_for(lampang_officer), volunteer, k_info_jobs="2", problems="x\x07bell")

    assert response.status_code == 400
    error = response.json()["errors"]["problems"]
    assert error.startswith("ปัญหาแรงงานในพื้นที่: มีอักขระควบคุมที่มองไม่เห็น (รหัส U+0007) ที่ตำแหน่งที่ 2")
    assert not reports().exists()
    # Line breaks and tabs are text, not control characters to refuse.
    assert save_row(client_for(lampang_officer), volunteer, problems="ค่าจ้างต่ำ\nไม่มีประกัน\tสังคม").status_code == 200


def test_a_control_character_in_the_problems_is_refused_by_the_api(lampang_officer, mueang):
    volunteer = VolunteerFactory(province=mueang.province, subdistrict=mueang, appointed_on=dt.date(2024, 1, 15))
    api = APIClient()
    token = tokens.create_token(user=lampang_officer, name="ทดสอบ", days=30, read_only=False)[1]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = api.post(
        "/api/v1/monthly-reports/",
        {"volunteer": volunteer.pk, "month": "2026-10", "counts": {"info_jobs": 1}, "problems": "x\x1bbell"},
        format="json",
    )

    assert response.status_code == 400
    assert "อักขระควบคุม" in str(response.json())
    assert not reports().exists()
