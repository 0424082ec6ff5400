"""Officers and the anti-trafficking officer record a case from a volunteer's page or the list; bad input gets a Thai
message and nothing is saved."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Status
from core import thai
from core.tests.national_ids import valid_national_id
from provinces.models import Agency

pytestmark = pytest.mark.django_db


def be(day) -> str:
    return thai.format_date_numeric_be(day)


def form_data(volunteer, **changes):
    today = timezone.localdate()
    data = {
        "volunteer": volunteer.pk,
        "spotted_on": be(today),
        "subdistrict": volunteer.subdistrict_id,
        "needs": ["job_seekers", "section40_applicants"],
        "agency": Agency.objects.get(province_id=volunteer.province_id, kind=Agency.Kind.EMPLOYMENT).pk,
        "person_name": "นายมานะ หางาน",
        "person_contact": "089 123 4567",
    }
    return {**data, **changes}


def test_an_officer_opens_a_case_from_the_volunteers_page(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    url = reverse("cases:create") + f"?volunteer={lampang_volunteer.pk}"
    page = client.get(url).content.decode()
    assert f'value="{lampang_volunteer.pk}" selected' in page
    response = client.post(url, form_data(lampang_volunteer))
    case = Case.objects.get()
    assert response.url == reverse("cases:detail", args=[case.pk])
    assert case.province_id == lampang_volunteer.province_id
    assert case.status == Status.REFERRED and case.referred_on == timezone.localdate()
    assert case.needs == ["job_seekers", "section40_applicants"]
    detail = client.get(response.url).content.decode()
    assert "ส่งต่อแล้ว" in detail and "สำนักงานจัดหางานจังหวัดลำปาง" in detail and "นายมานะ หางาน" in detail


def test_another_provinces_agency_is_refused_in_thai(client_for, lampang_officer, lampang_volunteer, chiang_mai):
    client = client_for(lampang_officer)
    chiangmai_agency = Agency.objects.get(province=chiang_mai, kind=Agency.Kind.EMPLOYMENT)
    response = client.post(reverse("cases:create"), form_data(lampang_volunteer, agency=chiangmai_agency.pk))
    assert response.status_code == 200
    assert "เลือกได้เฉพาะหน่วยงานในจังหวัดเดียวกัน" in response.content.decode()
    assert not Case.objects.exists()


def test_the_service_refuses_another_provinces_agency_too(lampang_officer, lampang_volunteer, chiang_mai):
    from django.core.exceptions import ValidationError

    from cases.services import open_case

    with pytest.raises(ValidationError) as error:
        open_case(
            by=lampang_officer,
            volunteer=lampang_volunteer,
            spotted_on=timezone.localdate(),
            subdistrict=lampang_volunteer.subdistrict,
            agency=Agency.objects.get(province=chiang_mai, kind=Agency.Kind.LABOUR),
            needs=["job_seekers"],
        )
    assert "ไม่อยู่ในจังหวัดลำปาง" in str(error.value.message_dict["agency"])
    assert not Case.objects.exists()


def test_a_national_id_only_when_the_referral_needs_it(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    person_id = valid_national_id(77, prefix="11002")
    unasked = client.post(reverse("cases:create"), form_data(lampang_volunteer, national_id=person_id))
    assert "เว้นแต่การส่งต่อจำเป็นต้องใช้" in unasked.content.decode()
    wrong_digit = person_id[:-1] + str((int(person_id[-1]) + 1) % 10)
    bad = client.post(
        reverse("cases:create"), form_data(lampang_volunteer, national_id_needed="on", national_id=wrong_digit)
    )
    assert "หลักตรวจสอบ" in bad.content.decode() or "ไม่ถูกต้อง" in bad.content.decode()
    missing = client.post(reverse("cases:create"), form_data(lampang_volunteer, national_id_needed="on"))
    assert "กรุณากรอกเลขประจำตัวประชาชนที่ต้องใช้ในการส่งต่อ" in missing.content.decode()
    assert not Case.objects.exists()
    saved = client.post(
        reverse("cases:create"), form_data(lampang_volunteer, national_id_needed="on", national_id=person_id)
    )
    case = Case.objects.get()
    assert case.national_id == person_id
    page = client.get(saved.url).content.decode()
    # Masked on the page, as volunteers' IDs are.
    assert person_id not in page and thai.format_national_id(person_id) not in page
    assert thai.mask_national_id(person_id) in page


def test_a_flagged_case_opened_by_an_officer_is_refused_in_thai(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    form = client.get(reverse("cases:create")).content.decode()
    assert 'name="flagged"' not in form
    assert "ให้แจ้งเจ้าหน้าที่ป้องกันการค้ามนุษย์ของจังหวัดเป็นผู้บันทึกเรื่อง" in form
    response = client.post(reverse("cases:create"), form_data(lampang_volunteer, flagged="on"))
    assert response.status_code == 200
    assert "บันทึกได้เฉพาะเจ้าหน้าที่ป้องกันการค้ามนุษย์ของจังหวัดหรือผู้ดูแลระบบ" in response.content.decode()
    assert not Case.objects.exists()


def test_the_service_refuses_a_flag_from_an_officer(lampang_officer, lampang_volunteer):
    from django.core.exceptions import ValidationError

    from cases.services import open_case

    with pytest.raises(ValidationError, match="บันทึกได้เฉพาะเจ้าหน้าที่ป้องกันการค้ามนุษย์"):
        open_case(
            by=lampang_officer,
            volunteer=lampang_volunteer,
            spotted_on=timezone.localdate(),
            subdistrict=lampang_volunteer.subdistrict,
            agency=Agency.objects.get(province_id=lampang_volunteer.province_id, kind=Agency.Kind.LABOUR),
            needs=["info_protection"],
            flagged=True,
        )
    assert not Case.objects.exists()


def test_the_anti_trafficking_officer_opens_a_flagged_case(client_for, lampang_anti_trafficking, lampang_volunteer):
    client = client_for(lampang_anti_trafficking)
    assert 'name="flagged"' in client.get(reverse("cases:create")).content.decode()
    response = client.post(reverse("cases:create"), form_data(lampang_volunteer, flagged="on"))
    case = Case.objects.get()
    assert case.flagged
    assert "สงสัยเป็นการบังคับใช้แรงงานหรือการค้ามนุษย์" in client.get(response.url).content.decode()


def test_viewers_and_hq_cannot_open_cases(client_for, lampang_viewer, hq_analyst, lampang_volunteer):
    for user in (lampang_viewer, hq_analyst):
        client = client_for(user)
        assert client.get(reverse("cases:create")).status_code == 403
        assert client.post(reverse("cases:create"), form_data(lampang_volunteer)).status_code == 403
    assert not Case.objects.exists()


def test_a_case_date_in_the_future_or_referred_before_spotted_is_refused(
    client_for, lampang_officer, lampang_volunteer
):
    import datetime as dt

    client = client_for(lampang_officer)
    today = timezone.localdate()
    future = client.post(reverse("cases:create"), form_data(lampang_volunteer, spotted_on=be(today + dt.timedelta(1))))
    assert "วันที่ต้องไม่เป็นวันในอนาคต" in future.content.decode()
    early = client.post(
        reverse("cases:create"),
        form_data(lampang_volunteer, spotted_on=be(today), referred_on=be(today - dt.timedelta(2))),
    )
    assert "วันที่ส่งต่อต้องไม่ก่อนวันที่พบ" in early.content.decode()
    assert not Case.objects.exists()


def test_the_volunteers_page_lists_their_cases_and_opens_a_new_one(
    client_for, lampang_officer, lampang_viewer, lampang_volunteer
):
    from cases.tests.factories import CaseFactory

    shown = CaseFactory(volunteer=lampang_volunteer)
    hidden = CaseFactory(volunteer=lampang_volunteer, flagged=True)
    new_case = reverse("cases:create") + f"?volunteer={lampang_volunteer.pk}"
    page = client_for(lampang_officer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    assert f"#{shown.pk}<" in page and f"#{hidden.pk}<" not in page
    assert new_case in page
    page = client_for(lampang_viewer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    assert f"#{shown.pk}<" in page and new_case not in page
