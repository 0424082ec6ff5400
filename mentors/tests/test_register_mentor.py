"""The officer registers and edits mentor officers of the province's agencies."""

import pytest
from django.urls import reverse

from core.tests.national_ids import valid_national_id
from mentors.models import Mentor
from mentors.tests.factories import MentorFactory
from provinces.models import Agency

pytestmark = pytest.mark.django_db


def data(agency, **changes):
    return {
        "title": "นางสาว",
        "first_name": "พรรณี",
        "last_name": "ดูแลดี",
        "position": "นักวิชาการแรงงาน",
        "agency": agency.pk,
        "phone": "054-222-333",
        "is_active": "on",
        **changes,
    }


def test_officer_registers_a_mentor(client_for, lampang_officer, lampang):
    agency = Agency.objects.get(province=lampang, kind="employment")
    response = client_for(lampang_officer).post(reverse("mentors:create"), data(agency))
    mentor = Mentor.objects.get(first_name="พรรณี")
    assert response.status_code == 302
    assert mentor.province == lampang and mentor.phone == "054222333"
    html = client_for(lampang_officer).get(response["Location"]).content.decode()
    assert "นางสาวพรรณี ดูแลดี" in html and "สำนักงานจัดหางานจังหวัดลำปาง" in html


def test_agency_of_another_province_is_refused(client_for, lampang_officer, chiang_mai):
    agency = Agency.objects.get(province=chiang_mai, kind="labour")
    response = client_for(lampang_officer).post(reverse("mentors:create"), data(agency))
    assert "หน่วยงานที่เลือกไม่ได้อยู่ในจังหวัดลำปาง" in response.content.decode()
    assert not Mentor.objects.exists()


def test_foreign_phone_is_refused(client_for, lampang_officer, lampang):
    agency = Agency.objects.get(province=lampang, kind="labour")
    response = client_for(lampang_officer).post(reverse("mentors:create"), data(agency, phone="+1 202 555 0143"))
    assert "ไม่ใช่หมายเลขโทรศัพท์ในประเทศไทย" in response.content.decode()
    assert not Mentor.objects.exists()


def test_officer_edits_a_mentor_and_history_keeps_it(client_for, lampang_officer, lampang_mentor):
    response = client_for(lampang_officer).post(
        reverse("mentors:edit", args=[lampang_mentor.pk]),
        data(lampang_mentor.agency, first_name="วิไลวรรณ", is_active="", version=lampang_mentor.version),
    )
    assert response.status_code == 302
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.first_name == "วิไลวรรณ" and not lampang_mentor.is_active
    event = lampang_mentor.events.order_by("-pgh_id").first()
    assert event.first_name == "วิไลวรรณ" and event.pgh_context.metadata["user"] == lampang_officer.pk


def test_a_name_of_only_invisible_spaces_is_refused_and_a_pasted_one_is_cleaned(client_for, lampang_officer, lampang):
    agency = Agency.objects.get(province=lampang, kind="employment")
    client = client_for(lampang_officer)

    refused = client.post(reverse("mentors:create"), data(agency, first_name="\u200b\u200b"))

    assert refused.status_code == 200 and refused.context["form"].errors["first_name"] == ["กรุณากรอกชื่อ"]
    assert not Mentor.objects.exists()

    client.post(reverse("mentors:create"), data(agency, first_name="\u200bพรรณี\u00a0", last_name="ดูแล\u0e4d\u0e32ดี"))

    assert Mentor.objects.get().full_name == "นางสาวพรรณี ดูแลำดี"


def test_officer_saves_a_mentor_with_a_national_id_and_one_registered_in_another_province_is_refused(
    client_for, lampang_officer, lampang, chiang_mai
):
    agency = Agency.objects.get(province=lampang, kind="employment")
    client = client_for(lampang_officer)
    response = client.post(reverse("mentors:create"), data(agency, national_id=valid_national_id(71)))
    assert response.status_code == 302
    mentor = Mentor.objects.get(first_name="พรรณี")
    assert mentor.national_id == valid_national_id(71)

    response = client.post(
        reverse("mentors:edit", args=[mentor.pk]),
        data(agency, national_id=mentor.national_id, is_active="", version=mentor.version),
    )
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert not mentor.is_active

    MentorFactory(province=chiang_mai, national_id=valid_national_id(72))
    response = client.post(
        reverse("mentors:create"), data(agency, first_name="สมใจ", national_id=valid_national_id(72))
    )
    assert response.status_code == 200
    assert "เลขประจำตัวประชาชนนี้ลงทะเบียนเป็นพี่เลี้ยงแล้ว" in response.content.decode()
    assert not Mentor.objects.filter(first_name="สมใจ").exists()
