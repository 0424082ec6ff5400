"""An officer corrects a volunteer's details; the change lands in the history with who and when."""

import pytest
from django.urls import reverse

from provinces.models import Subdistrict

pytestmark = pytest.mark.django_db


def edit_data(volunteer, **changes):
    data = {
        "national_id": volunteer.national_id,
        "title": volunteer.title,
        "first_name": volunteer.first_name,
        "last_name": volunteer.last_name,
        "phone": volunteer.phone,
        "subdistrict": volunteer.subdistrict_id,
        "mentor": volunteer.mentor_id or "",
        "version": volunteer.version,
    }
    return {**data, **changes}


def test_officer_edits_and_history_shows_who(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    url = reverse("volunteers:edit", args=[lampang_volunteer.pk])
    assert "สมหมาย" in client.get(url).content.decode()
    response = client.post(url, edit_data(lampang_volunteer, last_name="ขยันมาก", phone="0899999999"))
    assert response.status_code == 302
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.last_name == "ขยันมาก"
    page = client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    history = page.split('data-testid="change-history"')[1]
    assert "ขยันยิ่ง" in history and "ขยันมาก" in history
    assert "ทดสอบ" in history  # the officer's name (StaffFactory first name)
    assert "แก้ไข" in history


def test_editing_into_another_province_is_refused(client_for, lampang_officer, lampang_volunteer, chiang_mai):
    other = Subdistrict.objects.filter(province=chiang_mai).first()
    response = client_for(lampang_officer).post(
        reverse("volunteers:edit", args=[lampang_volunteer.pk]), edit_data(lampang_volunteer, subdistrict=other.pk)
    )
    assert response.status_code == 200
    assert "ตำบล/แขวงที่เลือกไม่อยู่ในจังหวัดลำปาง" in response.content.decode()
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.subdistrict.province.code == "52"


def test_district_and_subdistrict_must_agree(client_for, lampang_officer, lampang_volunteer, lampang):
    wrong_district = lampang.districts.exclude(pk=lampang_volunteer.subdistrict.district_id).first()
    response = client_for(lampang_officer).post(
        reverse("volunteers:edit", args=[lampang_volunteer.pk]),
        edit_data(lampang_volunteer, district=wrong_district.pk),
    )
    assert f"ไม่ได้อยู่ในอำเภอ{wrong_district.name_th}" in response.content.decode()
