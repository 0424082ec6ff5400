"""The admin's case form refuses a case by the case pages' own rules (cases.services), each told once in their words:
a referral before the spotting with the spotting's date, not again by the model's shorter constraint message, and a
day the volunteer was not yet serving as the case form says it (found by helper E)."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from cases.services import spotted_out_of_office_error
from core import thai
from tests.admin_forms import form_as_posted
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

REFERRED_BEFORE_SPOTTED = "วันที่ส่งต่อต้องไม่ก่อนวันที่พบ"


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def be(day: dt.date) -> str:
    return thai.format_date_numeric_be(day)


def change(client, case, **fields):
    url = reverse("admin:cases_case_change", args=[case.pk])
    return client.post(url, {**form_as_posted(client, url), **fields})


def test_a_referral_before_the_spotting_is_told_once_beside_the_volunteers_service(admin_client, lampang_case):
    today = timezone.localdate()
    Volunteer.objects.across_provinces("test").filter(pk=lampang_case.volunteer_id).update(
        appointed_on=today - dt.timedelta(days=10)
    )
    volunteer = Volunteer.objects.across_provinces("test").get(pk=lampang_case.volunteer_id)
    spotted, referred = today - dt.timedelta(days=20), today - dt.timedelta(days=25)

    response = change(admin_client, lampang_case, spotted_on=be(spotted), referred_on=be(referred))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "spotted_on": [spotted_out_of_office_error(volunteer, spotted)],
        "referred_on": [f"{REFERRED_BEFORE_SPOTTED} ({thai.format_date_be(spotted)})"],
    }
    assert html.unescape(response.content.decode()).count(REFERRED_BEFORE_SPOTTED) == 1
    assert (
        f"ไม่ได้ปฏิบัติหน้าที่ในวันที่พบ {thai.format_date_be(spotted)} "
        f"เพราะเพิ่งได้รับแต่งตั้งเป็นอาสาสมัครเมื่อ {thai.format_date_be(volunteer.appointed_on)}"
    ) in html.unescape(response.content.decode())
    lampang_case.refresh_from_db()
    assert (lampang_case.spotted_on, lampang_case.referred_on) == (today - dt.timedelta(days=3),) * 2


def test_one_save_lists_the_models_refusal_and_the_case_rules_each_once(
    admin_client, lampang_case, chiangmai_volunteer
):
    spotted = lampang_case.spotted_on

    response = change(
        admin_client,
        lampang_case,
        volunteer=chiangmai_volunteer.pk,
        referred_on=be(spotted - dt.timedelta(days=1)),
    )

    errors = response.context["adminform"].form.errors
    assert errors.keys() == {"volunteer", "referred_on"}
    assert "เป็นอาสาสมัครของจังหวัดเชียงใหม่ ไม่ใช่จังหวัดลำปาง" in errors["volunteer"][0]
    assert errors["referred_on"] == [f"{REFERRED_BEFORE_SPOTTED} ({thai.format_date_be(spotted)})"]
    assert html.unescape(response.content.decode()).count(REFERRED_BEFORE_SPOTTED) == 1
    assert Case.objects.across_provinces("test").get().volunteer_id == lampang_case.volunteer_id
