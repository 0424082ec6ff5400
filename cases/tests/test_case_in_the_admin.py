"""An administrator adding or changing a case in the admin is refused what the case form and the status page refuse,
with their reasons, and nothing is written: a volunteer of another province or one no longer serving, a date ahead
of today or before the programme, a need not on the list, a national ID with a wrong check digit, a status moved
back or past a step, a step's date missing or out of order (found by probing the admin, p7 D1)."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Status
from cases.tests.factories import CaseFactory
from core import thai
from provinces.models import Agency, Subdistrict
from tests.admin_forms import form_as_posted
from tests.english import in_english
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

ADD = "admin:cases_case_add"
BAD_CHECKSUM = "1234567890123"


def be(day: dt.date) -> str:
    return thai.format_date_numeric_be(day)


def change_url(case) -> str:
    return reverse("admin:cases_case_change", args=[case.pk])


def page_of(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def new_case(client, province, volunteer, **changes) -> dict:
    subdistrict = Subdistrict.objects.filter(province=province).order_by("code").first()
    data = form_as_posted(client, reverse(ADD))
    today = timezone.localdate()
    data.update(
        province=province.pk,
        volunteer=volunteer.pk,
        spotted_on=be(today),
        referred_on=be(today),
        subdistrict=subdistrict.pk,
        agency=Agency.objects.get(province=province, kind=Agency.Kind.EMPLOYMENT).pk,
        needs="job_seekers",
        status=Status.REFERRED,
    )
    data.update(changes)
    return data


def test_a_case_of_lampang_found_by_a_chiang_mai_volunteer_in_the_future_is_refused_for_every_reason(
    admin_client, lampang, chiangmai_volunteer
):
    next_year = timezone.localdate() + dt.timedelta(days=400)
    data = new_case(
        admin_client,
        lampang,
        chiangmai_volunteer,
        spotted_on=be(next_year),
        referred_on=be(next_year + dt.timedelta(days=1)),
        needs="bogus_need",
        national_id_needed="on",
        national_id=BAD_CHECKSUM,
    )

    response = admin_client.post(reverse(ADD), data)

    assert response.status_code == 200
    page = page_of(response)
    assert f"{chiangmai_volunteer.full_name} เป็นอาสาสมัครของจังหวัดเชียงใหม่ ไม่ใช่จังหวัดลำปาง ของเรื่องนี้" in page
    assert "วันที่พบต้องไม่เป็นวันในอนาคต" in page
    assert "วันที่ส่งต่อต้องไม่เป็นวันในอนาคต" in page
    assert "ไม่รู้จักสิ่งที่ต้องการ: bogus_need" in page
    assert "เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง)" in page
    assert not Case.objects.across_provinces("test").exists()


def test_a_volunteer_who_no_longer_serves_is_refused_and_a_serving_one_of_the_province_is_recorded(
    admin_client, admin_user, lampang
):
    resigned = VolunteerFactory(province=lampang, status=Volunteer.Status.RESIGNED)
    serving = VolunteerFactory(province=lampang)

    refused = admin_client.post(reverse(ADD), new_case(admin_client, lampang, resigned))
    saved = admin_client.post(reverse(ADD), new_case(admin_client, lampang, serving))

    assert f"{resigned.full_name} ไม่ได้ปฏิบัติหน้าที่อยู่ (ลาออก/พ้นสภาพ)" in page_of(refused)
    assert saved.status_code == 302
    case = Case.objects.across_provinces("test").get()
    assert (case.volunteer, case.province, case.created_by) == (serving, lampang, admin_user)


def test_a_done_case_is_not_moved_back_to_referred_nor_dated_before_the_programme(admin_client, lampang_volunteer):
    today = timezone.localdate()
    case = CaseFactory(
        volunteer=lampang_volunteer,
        status=Status.DONE,
        accepted_on=today - dt.timedelta(days=2),
        closed_on=today - dt.timedelta(days=1),
    )
    data = form_as_posted(admin_client, change_url(case))
    data.update(status=Status.REFERRED, accepted_on="", closed_on="", spotted_on="01/01/2547", referred_on="01/01/2547")

    response = admin_client.post(change_url(case), data)

    page = page_of(response)
    assert "เรื่องนี้ปิดแล้ว (ดำเนินการเสร็จ) เปลี่ยนสถานะต่อไม่ได้" in page
    assert "วันที่พบ 1 ม.ค. 2547 อยู่ก่อนมีโครงการอาสาสมัครแรงงาน (พ.ศ. 2548)" in page
    case.refresh_from_db()
    assert (case.status, case.spotted_on, case.closed_on) == (
        Status.DONE,
        today - dt.timedelta(days=3),
        today - dt.timedelta(days=1),
    )


def test_a_status_moves_by_the_status_pages_steps_each_with_its_date_in_order(admin_client, lampang_case):
    today = timezone.localdate()
    url = change_url(lampang_case)

    skipped = admin_client.post(
        url, {**form_as_posted(admin_client, url), "status": Status.DONE, "closed_on": be(today)}
    )
    ahead = admin_client.post(
        url,
        {
            **form_as_posted(admin_client, url),
            "status": Status.ACCEPTED,
            "accepted_on": be(today + dt.timedelta(days=1)),
        },
    )
    early = admin_client.post(
        url,
        {
            **form_as_posted(admin_client, url),
            "status": Status.ACCEPTED,
            "accepted_on": be(lampang_case.referred_on - dt.timedelta(days=1)),
        },
    )
    undated = admin_client.post(url, {**form_as_posted(admin_client, url), "accepted_on": be(today)})

    assert "สถานะย้อนกลับหรือข้ามขั้นไม่ได้: เรื่องนี้อยู่ที่ “ส่งต่อแล้ว” เปลี่ยนเป็น “ดำเนินการเสร็จ” ไม่ได้" in page_of(skipped)
    assert "วันที่ต้องไม่เป็นวันในอนาคต" in page_of(ahead)
    assert f"วันที่ต้องไม่ก่อนขั้นก่อนหน้า ({thai.format_date_be(lampang_case.referred_on)})" in page_of(early)
    assert "เรื่องที่อยู่ที่ “ส่งต่อแล้ว” ยังไม่มีวันที่รับเรื่อง" in page_of(undated)
    lampang_case.refresh_from_db()
    assert (lampang_case.status, lampang_case.accepted_on, lampang_case.closed_on) == (Status.REFERRED, None, None)

    accepted = admin_client.post(
        url, {**form_as_posted(admin_client, url), "status": Status.ACCEPTED, "accepted_on": be(today)}
    )
    assert accepted.status_code == 302
    lampang_case.refresh_from_db()
    assert (lampang_case.status, lampang_case.accepted_on) == (Status.ACCEPTED, today)


def test_a_case_whose_volunteer_left_and_whose_id_was_erased_is_still_corrected(admin_client, lampang_volunteer):
    today = timezone.localdate()
    case = CaseFactory(
        volunteer=lampang_volunteer,
        status=Status.DONE,
        accepted_on=today - dt.timedelta(days=2),
        closed_on=today - dt.timedelta(days=1),
        national_id_needed=True,
        needs=["job_seekers", "a_need_since_retired"],
        personal_data_erased_on=today,
        person_name="",
        person_contact="",
    )
    Volunteer.objects.across_provinces("test").filter(pk=lampang_volunteer.pk).update(status=Volunteer.Status.RESIGNED)
    labour = Agency.objects.get(province_id=case.province_id, kind=Agency.Kind.LABOUR)
    data = {**form_as_posted(admin_client, change_url(case)), "agency": labour.pk}

    response = admin_client.post(change_url(case), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    case.refresh_from_db()
    assert case.agency == labour


def test_in_english_the_admin_gives_the_reasons_in_english(admin_client, lampang, chiangmai_volunteer):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = new_case(admin_client, lampang, chiangmai_volunteer, spotted_on=be(tomorrow), referred_on=be(tomorrow))

    page = page_of(in_english(admin_client).post(reverse(ADD), data))

    assert "is a volunteer of Chiang Mai, not of Lampang, the province of this case" in page
    assert "The date spotted must not be in the future" in page
    assert "อาสาสมัครของจังหวัด" not in page and "ต้องไม่เป็นวันในอนาคต" not in page
    assert not Case.objects.across_provinces("test").exists()
