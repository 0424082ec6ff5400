"""Writing volunteers through the API: the registration and edit forms' own checks and Thai messages, the services'
history, optimistic locking by If-Match (428 without it, 412 when stale), and 403/404 as on the pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.thai import national_id_with_check_digit
from provinces.models import Subdistrict
from volunteers.models import StatusChange, Volunteer

pytestmark = pytest.mark.django_db

URL = "/api/v1/volunteers/"


@pytest.fixture
def new_volunteer(lampang, lampang_mentor):
    subdistrict = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    return {
        "national_id": national_id_with_check_digit("152010007788"),
        "title": "miss",
        "first_name": "ดวงพร",
        "last_name": "ศรีนวลแก้ว",
        "gender": "female",
        "birth_date": "1987-08-15",
        "phone": "089-123-4567",
        "subdistrict": subdistrict.pk,
        "village_no": 4,
        "appointed_on": "2020-01-07",
        "appointment_order": "คำสั่งจังหวัดลำปาง ที่ 15/2563",
        "mentor": lampang_mentor.pk,
    }


def test_an_officer_registers_a_volunteer_and_the_page_shows_the_same_record(
    api_as, client_for, lampang_officer, new_volunteer, lampang
):
    response = api_as(lampang_officer).post(URL, new_volunteer, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    volunteer = Volunteer.objects.get(pk=body["id"])
    assert volunteer.province == lampang and volunteer.phone == "0891234567"
    assert volunteer.appointed_on == dt.date(2020, 1, 7) and volunteer.terms.count() == 1
    assert body["national_id"] == "1-5201-xxxxx-xx-" + new_volunteer["national_id"][-1]
    assert response["ETag"] == f'"{volunteer.version}"'
    page = client_for(lampang_officer).get(reverse("volunteers:detail", args=[volunteer.pk])).content.decode()
    assert "ดวงพร" in page and "ลงทะเบียน" in page.split('data-testid="change-history"')[1]


def test_a_29_february_written_in_the_buddhist_era_is_the_day_it_names(api_as, lampang_officer, new_volunteer):
    client = api_as(lampang_officer)
    response = client.post(
        URL, {**new_volunteer, "birth_date": "2543-02-29", "appointed_on": "2563-02-29"}, format="json"
    )
    assert response.status_code == 201, response.json()
    volunteer = Volunteer.objects.get(pk=response.json()["id"])
    assert (volunteer.birth_date, volunteer.appointed_on) == (dt.date(2000, 2, 29), dt.date(2020, 2, 29))

    volunteer.delete()
    no_such_day = client.post(URL, {**new_volunteer, "birth_date": "2525-02-29"}, format="json")
    assert no_such_day.status_code == 400
    assert "ไม่มีวันที่ “2525-02-29” ในปฏิทิน" in no_such_day.json()["errors"]["birth_date"][0]


def test_a_wrong_check_digit_gets_the_forms_thai_message_and_nothing_is_saved(api_as, lampang_officer, new_volunteer):
    new_volunteer["national_id"] = new_volunteer["national_id"][:12] + str(
        (int(new_volunteer["national_id"][12]) + 1) % 10
    )
    response = api_as(lampang_officer).post(URL, new_volunteer, format="json")
    assert response.status_code == 400
    assert "เลขตรวจสอบหลักสุดท้ายไม่ตรง" in response.json()["errors"]["national_id"][0]
    assert response.json()["detail"].startswith("ข้อมูลไม่ถูกต้อง: ")
    assert not Volunteer.objects.filter(first_name="ดวงพร").exists()


@pytest.mark.parametrize("invisible", ["\u200b", "\u202e", "\u2067\u200f\ufeff"], ids=["zero-width", "rtl", "marks"])
def test_a_name_of_only_invisible_characters_gets_the_forms_thai_message(
    api_as, lampang_officer, new_volunteer, invisible
):
    new_volunteer["first_name"] = invisible
    response = api_as(lampang_officer).post(URL, new_volunteer, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["first_name"] == ["กรุณากรอกชื่อ"]
    assert not Volunteer.objects.exists()


def test_another_provinces_subdistrict_is_refused_as_on_the_page(api_as, lampang_officer, new_volunteer, chiang_mai):
    new_volunteer["subdistrict"] = Subdistrict.objects.filter(province=chiang_mai).first().pk
    response = api_as(lampang_officer).post(URL, new_volunteer, format="json")
    assert response.status_code == 400
    assert "ตำบล/แขวงที่เลือกไม่อยู่ในจังหวัดลำปาง" in response.json()["errors"]["subdistrict"][0]
    assert not Volunteer.objects.filter(first_name="ดวงพร").exists()


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"village_no": "สี่"}, "village_no", ""),
        ({"birth_date": "15/08/2530"}, "birth_date", ""),
        ({"nickname": "ดวง"}, "nickname", "ไม่รู้จักช่อง “nickname”"),
    ],
)
def test_wrong_types_and_unknown_fields_get_400_on_their_field(
    api_as, lampang_officer, new_volunteer, body, field, words
):
    response = api_as(lampang_officer).post(URL, {**new_volunteer, **body}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"] and words in response.json()["detail"]
    assert not Volunteer.objects.filter(first_name="ดวงพร").exists()


def test_a_body_of_json_null_is_refused_in_thai(api_as, lampang_officer):
    response = api_as(lampang_officer).generic("POST", URL, "null", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"] == ["ข้อมูลที่ส่งต้องเป็นออบเจกต์ JSON ({...})"]


@pytest.mark.parametrize("body", ['{"first_name": "ดวง', "[" * 100_000 + "]" * 100_000], ids=["cut short", "nested"])
def test_malformed_json_gets_400_in_thai(api_as, lampang_officer, body):
    response = api_as(lampang_officer).generic("POST", URL, body, content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"] and "อ่านข้อมูลที่ส่งมาไม่ได้" in response.json()["detail"]


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst", "hq_officer", "lampang_anti_trafficking"])
def test_roles_that_only_read_get_403_on_every_write(persona, request, api_as, lampang_volunteer, new_volunteer):
    client = api_as(request.getfixturevalue(persona))
    version = str(lampang_volunteer.version)
    answers = [
        client.post(URL, new_volunteer, format="json"),
        client.patch(f"{URL}{lampang_volunteer.pk}/", {"last_name": "แก้"}, format="json", HTTP_IF_MATCH=version),
        client.post(
            f"{URL}{lampang_volunteer.pk}/status/",
            {"to_status": "suspended", "changed_on": str(timezone.localdate()), "reason": "ทดสอบ"},
            format="json",
        ),
    ]
    assert [a.status_code for a in answers] == [403, 403, 403]
    assert all(a.json()["detail"] for a in answers)
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.last_name == "ขยันยิ่ง" and lampang_volunteer.status == "active"
    assert not Volunteer.objects.filter(first_name="ดวงพร").exists()


def test_another_provinces_officer_gets_404_on_every_write(api_as, chiangmai_officer, lampang_volunteer):
    client = api_as(chiangmai_officer)
    patch = client.patch(f"{URL}{lampang_volunteer.pk}/", {"last_name": "แก้"}, format="json", HTTP_IF_MATCH="0")
    status = client.post(f"{URL}{lampang_volunteer.pk}/status/", {}, format="json")
    assert (patch.status_code, status.status_code) == (404, 404)
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.last_name == "ขยันยิ่ง"


def test_an_update_needs_if_match_and_a_stale_version_gets_412(api_as, client_for, lampang_officer, lampang_volunteer):
    client = api_as(lampang_officer)
    url = f"{URL}{lampang_volunteer.pk}/"
    etag = client.get(url)["ETag"]
    missing = client.patch(url, {"last_name": "ขยันมาก"}, format="json")
    assert missing.status_code == 428
    assert "If-Match" in missing.json()["detail"]
    done = client.patch(url, {"last_name": "ขยันมาก"}, format="json", HTTP_IF_MATCH=etag)
    assert done.status_code == 200
    assert done.json()["last_name"] == "ขยันมาก" and done.json()["first_name"] == "สมหมาย"
    assert done["ETag"] != etag
    stale = client.patch(url, {"last_name": "ทับของคนอื่น"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert "ถูกแก้ไขไปแล้ว" in stale.json()["detail"]
    not_a_number = client.patch(url, {"last_name": "ทับ"}, format="json", HTTP_IF_MATCH="latest")
    assert not_a_number.status_code == 400
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.last_name == "ขยันมาก"
    page = client_for(lampang_officer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    history = page.split('data-testid="change-history"')[1]
    assert "ขยันยิ่ง" in history and "ขยันมาก" in history and "ทดสอบ" in history


def test_an_update_that_changes_nothing_records_no_edit(api_as, lampang_officer, lampang_volunteer):
    client = api_as(lampang_officer)
    url = f"{URL}{lampang_volunteer.pk}/"
    etag = client.get(url)["ETag"]
    before = lampang_volunteer.events.count()
    for body in ({}, {"last_name": lampang_volunteer.last_name}):
        same = client.patch(url, body, format="json", HTTP_IF_MATCH=etag)
        assert same.status_code == 200 and same["ETag"] == etag
    assert lampang_volunteer.events.count() == before


def test_a_status_change_goes_through_the_lifecycle_rule(api_as, lampang_officer, lampang_volunteer):
    client = api_as(lampang_officer)
    url = f"{URL}{lampang_volunteer.pk}/status/"
    today = timezone.localdate()
    future = client.post(
        url,
        {"to_status": "suspended", "changed_on": str(today + dt.timedelta(days=3)), "reason": "ทดสอบ"},
        format="json",
    )
    assert future.status_code == 400
    assert "อนาคต" in future.json()["detail"]
    done = client.post(
        url, {"to_status": "suspended", "changed_on": str(today), "reason": "ย้ายที่อยู่ชั่วคราว"}, format="json"
    )
    assert done.status_code == 200
    assert done.json()["status"] == "suspended"
    change = StatusChange.objects.get(volunteer=lampang_volunteer)
    assert change.changed_by == lampang_officer and change.reason == "ย้ายที่อยู่ชั่วคราว"
    stale = client.post(
        url, {"to_status": "active", "changed_on": str(today), "reason": "กลับมา"}, format="json", HTTP_IF_MATCH="0"
    )
    assert stale.status_code == 412
    assert StatusChange.objects.filter(volunteer=lampang_volunteer).count() == 1


def test_the_portals_own_javascript_writes_with_its_session_only_with_the_csrf_token(
    lampang_officer, lampang_volunteer
):
    from django.test import Client

    from conftest import verify_second_factor

    client = Client(enforce_csrf_checks=True)
    client.force_login(lampang_officer)
    verify_second_factor(client, lampang_officer)
    url = f"{URL}{lampang_volunteer.pk}/"
    assert client.get(url).json()["id"] == lampang_volunteer.pk
    refused = client.patch(url, {"last_name": "ไม่มี CSRF"}, content_type="application/json", HTTP_IF_MATCH="0")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.last_name == "ขยันยิ่ง"


def test_the_detail_lists_the_terms_as_the_page_does(api_as, lampang_officer, new_volunteer):
    client = api_as(lampang_officer)
    created = client.post(URL, new_volunteer, format="json").json()
    assert [(t["number"], t["starts_on"], t["order_no"]) for t in created["terms"]] == [
        (1, "2020-01-07", "คำสั่งจังหวัดลำปาง ที่ 15/2563")
    ]
    assert client.get(f"{URL}{created['id']}/").json()["terms"] == created["terms"]


def test_an_appointment_before_the_programme_or_before_the_age_of_15_is_refused(api_as, lampang_officer, new_volunteer):
    client = api_as(lampang_officer)
    too_early = client.post(URL, {**new_volunteer, "appointed_on": "1990-01-01"}, format="json")
    assert too_early.status_code == 400
    assert "อยู่ก่อนมีโครงการอาสาสมัครแรงงาน (พ.ศ. 2548)" in str(too_early.json()["errors"])
    too_young = client.post(
        URL, {**new_volunteer, "birth_date": "2011-05-05", "appointed_on": "2020-01-07"}, format="json"
    )
    assert too_young.status_code == 400
    assert "เมื่ออายุเพียง 8 ปี" in too_young.json()["errors"]["birth_date"][0]
    assert not Volunteer.objects.filter(first_name=new_volunteer["first_name"]).exists()
