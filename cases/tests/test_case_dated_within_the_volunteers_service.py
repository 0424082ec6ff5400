"""A case is dated on a day its volunteer was serving: not before they were appointed, not while they were suspended
or after they resigned or died, not after their term ended nor between two terms. The case form, the API and the
admin refuse such a date with the reason and its date in พ.ศ., and write nothing; a case already saved stays valid and
is corrected as before (found by probing the API: a case spotted in 2563 by a volunteer appointed in 2569 was saved,
overdue and counted in fiscal 2563)."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api import tokens
from cases.models import Case
from cases.tests.factories import CaseFactory
from core import thai
from provinces.models import Agency
from tests.admin_forms import form_as_posted
from tests.english import english_name, field_errors, in_english
from volunteers import services as volunteer_services
from volunteers.models import Term, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"
DAY = dt.timedelta(days=1)


def be(day: dt.date) -> str:
    return thai.format_date_numeric_be(day)


def shown(day: dt.date) -> str:
    return thai.format_date_be(day)


def cases() -> int:
    return Case.objects.across_provinces("test").count()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def newcomer(lampang, today):
    """A Lampang volunteer appointed 30 days ago, serving since."""
    appointed = today - 30 * DAY
    volunteer = VolunteerFactory(
        province=lampang, appointed_on=appointed, status_changed_on=appointed, term_ends_on=appointed + 1000 * DAY
    )
    Term.objects.create(volunteer=volunteer, starts_on=appointed, ends_on=appointed + 1000 * DAY)
    return volunteer


def form_data(volunteer, spotted_on: dt.date, **changes) -> dict:
    return {
        "volunteer": volunteer.pk,
        "spotted_on": be(spotted_on),
        "subdistrict": volunteer.subdistrict_id,
        "needs": ["job_seekers"],
        "agency": Agency.objects.get(province_id=volunteer.province_id, kind=Agency.Kind.EMPLOYMENT).pk,
        **changes,
    }


def api_as(user) -> APIClient:
    api = APIClient()
    token = tokens.create_token(user=user, name=f"ทดสอบ {user.username}", days=30, read_only=False)[1]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


def api_body(volunteer, spotted_on: dt.date) -> dict:
    return {
        "volunteer": volunteer.pk,
        "spotted_on": str(spotted_on),
        "subdistrict": volunteer.subdistrict_id,
        "needs": ["job_seekers"],
        "agency": Agency.objects.get(province_id=volunteer.province_id, kind=Agency.Kind.EMPLOYMENT).pk,
    }


def test_the_api_refuses_a_case_spotted_before_the_volunteer_was_appointed(lampang_officer, newcomer, today):
    api = api_as(lampang_officer)

    refused = api.post(CASES, api_body(newcomer, dt.date(2020, 1, 1)), format="json")
    day_before = api.post(CASES, api_body(newcomer, newcomer.appointed_on - DAY), format="json")

    assert refused.status_code == 400, refused.content
    assert (
        f"{newcomer.full_name} ไม่ได้ปฏิบัติหน้าที่ในวันที่พบ 1 ม.ค. 2563 "
        f"เพราะเพิ่งได้รับแต่งตั้งเป็นอาสาสมัครเมื่อ {shown(newcomer.appointed_on)} วันที่พบต้องอยู่ในช่วงที่ปฏิบัติหน้าที่อยู่"
    ) in str(refused.json())
    assert day_before.status_code == 400
    assert cases() == 0
    opened = api.post(CASES, api_body(newcomer, newcomer.appointed_on), format="json")
    assert opened.status_code == 201, opened.content
    assert opened.json()["overdue"] is False


def test_the_case_form_refuses_it_under_the_date_and_keeps_what_was_typed(client_for, lampang_officer, newcomer):
    client = client_for(lampang_officer)

    response = client.post(reverse("cases:create"), form_data(newcomer, dt.date(2020, 1, 1)))

    assert response.status_code == 200
    assert field_errors(response)["spotted_on"] == [
        f"{newcomer.full_name} ไม่ได้ปฏิบัติหน้าที่ในวันที่พบ 1 ม.ค. 2563 "
        f"เพราะเพิ่งได้รับแต่งตั้งเป็นอาสาสมัครเมื่อ {shown(newcomer.appointed_on)} วันที่พบต้องอยู่ในช่วงที่ปฏิบัติหน้าที่อยู่"
    ]
    assert cases() == 0


def test_in_english_the_reason_and_its_date_are_in_english(client_for, lampang_officer, newcomer):
    client = in_english(client_for(lampang_officer))

    response = client.post(reverse("cases:create"), form_data(newcomer, dt.date(2020, 1, 1)))

    assert field_errors(response)["spotted_on"] == [
        f"{english_name(newcomer)} was not serving on the date spotted, 1 Jan 2020, because they were only appointed "
        f"on {thai.format_date_en(newcomer.appointed_on)}; the date spotted must fall while they were serving"
    ]


def test_a_case_spotted_while_the_volunteer_was_suspended_is_refused_and_one_after_they_came_back_is_recorded(
    client_for, lampang_officer, newcomer, today
):
    suspended_on, back_on = today - 20 * DAY, today - 10 * DAY
    for to_status, on in ((Volunteer.Status.SUSPENDED, suspended_on), (Volunteer.Status.ACTIVE, back_on)):
        volunteer_services.change_status(
            volunteer=newcomer, to_status=to_status, changed_on=on, reason="ทดสอบ", by=lampang_officer
        )
    client = client_for(lampang_officer)

    during = client.post(reverse("cases:create"), form_data(newcomer, suspended_on + DAY))
    after = client.post(reverse("cases:create"), form_data(newcomer, back_on))

    assert field_errors(during)["spotted_on"] == [
        f"{newcomer.full_name} ไม่ได้ปฏิบัติหน้าที่ในวันที่พบ {shown(suspended_on + DAY)} "
        f"เพราะมีสถานะ “พักการปฏิบัติหน้าที่” ตั้งแต่ {shown(suspended_on)} จนกลับมาปฏิบัติหน้าที่เมื่อ {shown(back_on)} "
        "วันที่พบต้องอยู่ในช่วงที่ปฏิบัติหน้าที่อยู่"
    ]
    assert after.status_code == 302
    assert list(Case.objects.across_provinces("test").values_list("spotted_on", flat=True)) == [back_on]


def test_a_case_spotted_between_two_terms_is_refused(client_for, lampang_officer, lampang, today):
    first_start, first_end, second_start = today - 800 * DAY, today - 100 * DAY, today - 50 * DAY
    volunteer = VolunteerFactory(province=lampang, appointed_on=first_start, term_ends_on=second_start + 1000 * DAY)
    Term.objects.create(volunteer=volunteer, starts_on=first_start, ends_on=first_end)
    Term.objects.create(volunteer=volunteer, starts_on=second_start, ends_on=second_start + 1000 * DAY)
    client = client_for(lampang_officer)

    between = client.post(reverse("cases:create"), form_data(volunteer, first_end + DAY))
    in_the_first = client.post(reverse("cases:create"), form_data(volunteer, first_end))

    assert field_errors(between)["spotted_on"] == [
        f"{volunteer.full_name} ไม่ได้ปฏิบัติหน้าที่ในวันที่พบ {shown(first_end + DAY)} "
        f"เพราะอยู่ระหว่างวาระ โดยวาระก่อนสิ้นสุดวันที่ {shown(first_end)} และวาระถัดไปเริ่มวันที่ {shown(second_start)} "
        "วันที่พบต้องอยู่ในช่วงที่ปฏิบัติหน้าที่อยู่"
    ]
    assert in_the_first.status_code == 302
    assert cases() == 1


# ----------------------------------------------------------------------------------------- the admin

ADD = "admin:cases_case_add"


def change_url(case) -> str:
    return reverse("admin:cases_case_change", args=[case.pk])


def page_of(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def test_the_admin_refuses_a_new_case_spotted_before_the_appointment(admin_client, lampang, newcomer):
    data = form_as_posted(admin_client, reverse(ADD))
    data.update(
        province=lampang.pk,
        volunteer=newcomer.pk,
        spotted_on="01/01/2563",
        referred_on="01/01/2563",
        subdistrict=newcomer.subdistrict_id,
        agency=Agency.objects.get(province=lampang, kind=Agency.Kind.EMPLOYMENT).pk,
        needs="job_seekers",
        status="referred",
    )

    response = admin_client.post(reverse(ADD), data)

    assert response.status_code == 200
    assert (
        f"{newcomer.full_name} ไม่ได้ปฏิบัติหน้าที่ในวันที่พบ 1 ม.ค. 2563 "
        f"เพราะเพิ่งได้รับแต่งตั้งเป็นอาสาสมัครเมื่อ {shown(newcomer.appointed_on)}"
    ) in page_of(response)
    assert cases() == 0


def test_a_case_is_not_moved_after_its_volunteer_resigned_but_is_still_corrected_otherwise(
    admin_client, lampang_officer, newcomer, today
):
    case = CaseFactory(volunteer=newcomer, spotted_on=today - 20 * DAY)
    resigned_on = today - 10 * DAY
    volunteer_services.change_status(
        volunteer=newcomer,
        to_status=Volunteer.Status.RESIGNED,
        changed_on=resigned_on,
        reason="ย้ายงาน",
        by=lampang_officer,
    )
    url = change_url(case)

    moved = admin_client.post(
        url, {**form_as_posted(admin_client, url), "spotted_on": be(resigned_on), "referred_on": be(resigned_on)}
    )

    assert (
        f"{newcomer.full_name} ไม่ได้ปฏิบัติหน้าที่ในวันที่พบ {shown(resigned_on)} "
        f"เพราะมีสถานะ “ลาออก/พ้นสภาพ” ตั้งแต่ {shown(resigned_on)} วันที่พบต้องอยู่ในช่วงที่ปฏิบัติหน้าที่อยู่"
    ) in page_of(moved)
    case.refresh_from_db()
    assert case.spotted_on == today - 20 * DAY

    labour = Agency.objects.get(province_id=case.province_id, kind=Agency.Kind.LABOUR)
    corrected = admin_client.post(url, {**form_as_posted(admin_client, url), "agency": labour.pk})
    earlier = admin_client.post(url, {**form_as_posted(admin_client, url), "spotted_on": be(today - 25 * DAY)})

    assert corrected.status_code == 302 and earlier.status_code == 302
    case.refresh_from_db()
    assert (case.agency, case.spotted_on) == (labour, today - 25 * DAY)


def test_a_case_is_not_moved_past_the_end_of_the_volunteers_term(admin_client, lampang, today):
    appointed, term_end = today - 900 * DAY, today - 40 * DAY
    volunteer = VolunteerFactory(province=lampang, appointed_on=appointed, term_ends_on=term_end)
    Term.objects.create(volunteer=volunteer, starts_on=appointed, ends_on=term_end)
    case = CaseFactory(volunteer=volunteer, spotted_on=term_end - 5 * DAY)
    url = change_url(case)

    moved = admin_client.post(
        url, {**form_as_posted(admin_client, url), "spotted_on": be(term_end + DAY), "referred_on": be(term_end + DAY)}
    )
    unmoved = admin_client.post(url, {**form_as_posted(admin_client, url), "needs": "job_seekers"})

    assert (
        f"{volunteer.full_name} ไม่ได้ปฏิบัติหน้าที่ในวันที่พบ {shown(term_end + DAY)} "
        f"เพราะวาระสิ้นสุดวันที่ {shown(term_end)} วันที่พบต้องอยู่ในช่วงที่ปฏิบัติหน้าที่อยู่"
    ) in page_of(moved)
    assert unmoved.status_code == 302
    case.refresh_from_db()
    assert case.spotted_on == term_end - 5 * DAY


def test_an_existing_case_dated_before_the_appointment_stays_and_is_corrected(admin_client, newcomer):
    case = CaseFactory(volunteer=newcomer, spotted_on=dt.date(2020, 1, 1), referred_on=dt.date(2020, 1, 1))
    labour = Agency.objects.get(province_id=case.province_id, kind=Agency.Kind.LABOUR)
    url = change_url(case)

    response = admin_client.post(url, {**form_as_posted(admin_client, url), "agency": labour.pk})

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.agency, case.spotted_on) == (labour, dt.date(2020, 1, 1))
