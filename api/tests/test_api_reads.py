"""Reading through the API, persona by persona and resource by resource: the rows of the persona's scope (the pages'
visible_to), 404 on another province's object, national IDs masked as on the pages, the full ID only with a purpose
and recorded as the page records it, and the volunteer list's own filters."""

from urllib.parse import parse_qs, urlsplit

import pytest
from rest_framework.test import APIClient

from core.models import AuditEvent
from core.thai import mask_national_id
from tests.test_access_matrix import ProvinceWorld

pytestmark = pytest.mark.django_db

# Resource -> the attribute of ProvinceWorld that is its object.
RESOURCES = {
    "volunteers": "volunteer",
    "mentors": "mentor",
    "events": "event",
    "registrations": "registration",
    "import-jobs": "job",
}
# Persona -> the provinces whose objects it sees (every resource here is province-owned).
SEES = {
    "admin": {"52", "50"},
    "hq_analyst": {"52", "50"},
    "hq_officer": {"52", "50"},
    "lampang_officer": {"52"},
    "lampang_viewer": {"52"},
    "lampang_anti_trafficking": {"52"},
    "chiangmai_officer": {"50"},
}


@pytest.fixture
def people(personas, lampang_anti_trafficking, lampang_agency_staff):
    return {
        **personas,
        "lampang_anti_trafficking": lampang_anti_trafficking,
        "lampang_agency_staff": lampang_agency_staff,
    }


@pytest.fixture
def world(lampang, chiang_mai, people):
    return {"52": ProvinceWorld(lampang, 9201), "50": ProvinceWorld(chiang_mai, 9202)}


def every_id(client: APIClient, url: str) -> set[int]:
    """Every row's id, following the cursor pages to the end."""
    ids = set()
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        ids |= {row["id"] for row in body["results"]}
        url = body["next"]
    return ids


@pytest.mark.parametrize("persona", sorted(SEES))
@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_each_persona_lists_and_opens_only_the_objects_of_its_scope(persona, resource, world, people, api_as):
    client = api_as(people[persona])
    listed = every_id(client, f"/api/v1/{resource}/?page_size=2")
    for code, objects in world.items():
        obj = getattr(objects, RESOURCES[resource])
        detail = client.get(f"/api/v1/{resource}/{obj.pk}/")
        if code in SEES[persona]:
            assert obj.pk in listed
            assert detail.status_code == 200
            assert detail.json()["id"] == obj.pk
        else:
            assert obj.pk not in listed
            assert detail.status_code == 404
            assert detail.json()["detail"] == "ไม่พบข้อมูลที่ขอ หรือข้อมูลนี้อยู่นอกจังหวัดที่ท่านมีสิทธิ์ดู"


def test_a_province_officer_sees_the_national_events_too(world, people, api_as, bangkok):
    from trainings.models import Event
    from trainings.tests.factories import EventFactory

    national = EventFactory(host_province=bangkok, level=Event.Level.NATIONAL)
    assert national.pk in every_id(api_as(people["chiangmai_officer"]), "/api/v1/events/")


def test_events_are_listed_by_a_fiscal_year_in_the_buddhist_era_and_any_other_is_refused(world, people, api_as):
    from core import thai

    client = api_as(people["hq_analyst"])
    event = world["52"].event
    year = thai.fiscal_year(event.start_date)
    assert event.pk in every_id(client, f"/api/v1/events/?fiscal_year={year}")
    for wrong in (str(year - 543), "0", "abc"):
        refused = client.get("/api/v1/events/", {"fiscal_year": wrong})
        assert refused.status_code == 400 and "ปีงบประมาณต้องเป็นปี พ.ศ." in refused.json()["detail"], wrong


@pytest.mark.parametrize("persona", sorted(SEES))
def test_national_ids_are_masked_for_every_persona_as_on_the_pages(persona, world, people, api_as):
    client = api_as(people[persona])
    code = sorted(SEES[persona])[0]
    volunteer, mentor = world[code].volunteer, world[code].mentor
    shown = client.get(f"/api/v1/volunteers/{volunteer.pk}/").json()["national_id"]
    assert shown == mask_national_id(volunteer.national_id) and volunteer.national_id not in str(shown)
    listed = client.get(f"/api/v1/volunteers/?province={code}").content.decode()
    assert volunteer.national_id not in listed
    if mentor.national_id:
        assert client.get(f"/api/v1/mentors/{mentor.pk}/").json()["national_id"] == mask_national_id(mentor.national_id)


def test_the_officer_reads_the_full_id_with_a_purpose_and_the_view_is_recorded_as_on_the_page(world, people, api_as):
    volunteer = world["52"].volunteer
    client = api_as(people["lampang_officer"])
    url = f"/api/v1/volunteers/{volunteer.pk}/national-id/"
    missing = client.post(url, {}, format="json")
    assert missing.status_code == 400
    assert "purpose" in missing.json()["errors"]
    assert not AuditEvent.objects.filter(action="view_national_id").exists()
    other = client.post(url, {"purpose": "other"}, format="json")
    assert other.status_code == 400
    assert "กรุณาระบุวัตถุประสงค์" in other.json()["detail"]
    response = client.post(url, {"purpose": "refer"}, format="json")
    assert response.status_code == 200
    assert response.json() == {"id": volunteer.pk, "national_id": volunteer.national_id}
    event = AuditEvent.objects.get(action="view_national_id")
    assert event.user == people["lampang_officer"]
    assert event.object_id == str(volunteer.pk) and event.detail["purpose"] == "refer"
    assert event.detail["purpose_label"] == "ส่งต่อหน่วยงาน"


@pytest.mark.parametrize(
    ("persona", "status"), [("lampang_viewer", 403), ("hq_analyst", 403), ("chiangmai_officer", 404)]
)
def test_those_who_may_not_see_the_full_id_are_refused_and_nothing_is_recorded(persona, status, world, people, api_as):
    volunteer = world["52"].volunteer
    response = api_as(people[persona]).post(
        f"/api/v1/volunteers/{volunteer.pk}/national-id/", {"purpose": "refer"}, format="json"
    )
    assert response.status_code == status
    assert volunteer.national_id not in response.content.decode()
    assert not AuditEvent.objects.filter(action="view_national_id").exists()


def test_the_volunteer_list_takes_the_list_pages_filters(world, people, api_as, lampang):
    from volunteers.tests.factories import VolunteerFactory

    resigned = VolunteerFactory(province=lampang, first_name="ลาออกแล้ว", status="resigned")
    client = api_as(people["hq_analyst"])
    by_name = every_id(client, "/api/v1/volunteers/?q=อาสาลำปาง")
    assert by_name == {world["52"].volunteer.pk}
    by_status = every_id(client, "/api/v1/volunteers/?province=52&status=resigned")
    assert by_status == {resigned.pk}
    by_mentor = every_id(client, f"/api/v1/volunteers/?province=52&mentor={world['52'].mentor.pk}")
    assert by_mentor == {world["52"].volunteer.pk}
    wrong = client.get("/api/v1/volunteers/?status=nonsense")
    assert wrong.status_code == 400
    assert "status" in wrong.json()["errors"]


def test_a_national_id_is_searched_in_the_body_never_in_the_url(world, people, api_as):
    volunteer = world["52"].volunteer
    client = api_as(people["lampang_officer"])
    in_url = client.get(f"/api/v1/volunteers/?q={volunteer.national_id}")
    assert in_url.status_code == 400
    assert "POST /api/v1/volunteers/search/" in in_url.json()["detail"]
    found = client.post("/api/v1/volunteers/search/", {"q": volunteer.national_id}, format="json")
    assert found.status_code == 200
    assert [row["id"] for row in found.json()["results"]] == [volunteer.pk]
    # Chiang Mai's officer searching for the same ID finds nobody: the search runs inside the scope.
    elsewhere = api_as(people["chiangmai_officer"]).post(
        "/api/v1/volunteers/search/", {"q": volunteer.national_id}, format="json"
    )
    assert elsewhere.json()["results"] == []


@pytest.mark.parametrize("cursor", ["bz1hYmMmcD0x", "bz0xJnA9enp6"], ids=["undecodable", "a position of text"])
def test_a_tampered_cursor_gets_400_in_thai(world, people, api_as, cursor):
    response = api_as(people["hq_analyst"]).get(f"/api/v1/volunteers/?cursor={cursor}")
    assert response.status_code == 400
    assert "ตัวชี้หน้า (cursor) ไม่ถูกต้อง" in response.json()["detail"]


@pytest.mark.parametrize(
    "elsewhere",
    ["/api/v1/volunteers/?page_size=1", "/api/v1/volunteers/?page_size=1&ordering=updated_at", "/api/v1/mentors/"],
)
def test_a_next_link_rebuilt_with_another_ordering_gets_400_in_thai(world, people, api_as, elsewhere):
    client = api_as(people["hq_analyst"])
    next_link = client.get("/api/v1/volunteers/?ordering=-name&page_size=1").json()["next"]
    cursor = parse_qs(urlsplit(next_link).query)["cursor"][0]
    response = client.get(elsewhere, {"cursor": cursor})
    assert response.status_code == 400
    assert "ตัวชี้หน้า (cursor) ไม่ถูกต้อง" in response.json()["detail"]


def test_reference_data_is_the_same_for_every_role(world, people, api_as, lampang):
    for persona in ("lampang_viewer", "chiangmai_officer", "hq_analyst"):
        client = api_as(people[persona])
        districts = client.get(f"/api/v1/districts/?province={lampang.pk}&page_size=200").json()["results"]
        assert {d["province"] for d in districts} == {lampang.pk} and len(districts) == lampang.districts.count()
        assert client.get(f"/api/v1/provinces/{lampang.pk}/").json()["code"] == "52"


def test_a_url_of_no_route_and_a_nul_character_get_json_under_api_and_the_thai_pages_elsewhere(
    client_for, lampang_officer, api_as
):
    client = api_as(lampang_officer)
    no_route = client.get("/api/v1/volunteers/abc/")
    assert no_route.status_code == 404 and "ไม่มีที่อยู่นี้ใน API" in no_route.json()["detail"]
    nul = client.get("/api/v1/volunteers/?q=%00")
    assert nul.status_code == 400 and "NUL" in nul.json()["detail"]
    page = client_for(lampang_officer).get("/volunteers/abc/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_a_body_over_the_size_limit_is_refused_as_too_large_not_as_a_bad_character(api_as, lampang_officer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = '{"first_name": "' + "ก" * 600_000 + '"}'  # 1.8 MB of UTF-8
    response = api_as(lampang_officer).post("/api/v1/volunteers/", body, content_type="application/json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "ขนาดเกิน 1,048,576 ไบต์ (1 MB)" in detail and "NUL" not in detail
