"""What a case needs is one of the monthly report's kinds of work, from the table HQ extends: a kind the admin names
as a need is offered on the case form the next time it opens, a kind without that name is refused in Thai."""

import pytest
from django.urls import reverse
from django.utils import translation

from activity.models import WorkKind
from cases.models import Case
from cases.tests.test_open_a_case import form_data

pytestmark = pytest.mark.django_db


def test_a_kind_hq_names_as_a_need_is_offered_and_saved(client_for, lampang_officer, lampang_volunteer):
    WorkKind.objects.create(
        code="elderly_jobs",
        name_th="ผู้สูงอายุที่ช่วยหางาน",
        name_en="Older people helped to find work",
        group=WorkKind.Group.SERVICE,
        sort_order=200,
        need_th="งานสำหรับผู้สูงอายุ",
        need_en="Work for older people",
    )
    client = client_for(lampang_officer)
    page = client.get(reverse("cases:create")).content.decode()
    assert "งานสำหรับผู้สูงอายุ" in page

    client.post(reverse("cases:create"), form_data(lampang_volunteer, needs=["elderly_jobs", "job_seekers"]))

    case = Case.objects.get()
    assert case.needs == ["elderly_jobs", "job_seekers"]
    assert case.needs_display == ["งานสำหรับผู้สูงอายุ", "หางานทำ / ลงทะเบียนผู้หางาน"]
    with translation.override("en"):
        assert case.needs_display == ["Work for older people", "A job / registering as a job seeker"]


def test_a_kind_not_named_as_a_need_is_refused(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    assert "สถานประกอบการขนาดเล็ก" not in client.get(reverse("cases:create")).content.decode()

    response = client.post(reverse("cases:create"), form_data(lampang_volunteer, needs=["small_workplaces"]))

    assert response.status_code == 200
    assert "“small_workplaces” ไม่อยู่ในรายการสิ่งที่ผู้รับบริการต้องการ" in response.content.decode()
    assert not Case.objects.exists()


def test_a_retired_need_is_no_longer_offered_but_old_cases_still_name_it(lampang_officer, lampang_volunteer):
    from cases.tests.factories import CaseFactory

    case = CaseFactory(volunteer=lampang_volunteer, needs=["complaints"])
    WorkKind.objects.filter(code="complaints").update(is_active=False)
    # update() sends no signal; a save does, as the admin's would.
    WorkKind.objects.get(code="complaints").save()

    assert "complaints" not in WorkKind.objects.case_needs().values_list("code", flat=True)
    assert Case.objects.get(pk=case.pk).needs_display == ["ร้องเรียนปัญหาแรงงาน"]
