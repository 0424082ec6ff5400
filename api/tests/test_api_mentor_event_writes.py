"""Writing mentors, training events and registrations through the API: the pages' forms and services with their Thai
messages and history, optimistic locking on mentors (If-Match: 428 without it, 412 when stale), 403 for roles and
tokens that only read, 404 on another province's objects; and the lists of volunteers and mentors in the pages' Thai
name order, page after page."""

import datetime as dt

import pytest
from django.utils import timezone

from mentors.models import Mentor
from provinces.models import Agency
from trainings.models import Event, Registration
from trainings.tests.factories import RegistrationFactory
from volunteers.filters import VolunteerFilterForm
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

MENTORS = "/api/v1/mentors/"
EVENTS = "/api/v1/events/"
REGISTRATIONS = "/api/v1/registrations/"
VOLUNTEERS = "/api/v1/volunteers/"


@pytest.fixture
def new_mentor(lampang):
    return {
        "title": "นางสาว",
        "first_name": "พรรณี",
        "last_name": "ดูแลดี",
        "position": "นักวิชาการแรงงาน",
        "agency": Agency.objects.get(province=lampang, kind="employment").pk,
        "phone": "054-222-333",
    }


@pytest.fixture
def new_event(lampang):
    start = timezone.localdate() + dt.timedelta(days=10)
    return {
        "title": "อบรมเครือข่ายอาสาสมัครแรงงาน รุ่นที่ 1",
        "kind": "workshop",
        "topics": ["network", "labour_law"],
        "venue": "ห้องประชุมศาลากลางจังหวัดลำปาง",
        "start_date": str(start),
        "end_date": str(start + dt.timedelta(days=2)),
        "status": "open",
        "targets": [{"category": "volunteer", "target": 40, "capacity": 50}],
    }


# ----------------------------------------------------------------------------------------- mentors


def test_an_officer_registers_a_mentor_and_edits_it_with_if_match_and_the_history_keeps_both(
    api_as, lampang_officer, lampang, new_mentor
):
    client = api_as(lampang_officer)
    created = client.post(MENTORS, new_mentor, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["province"] == lampang.pk and body["phone"] == "054222333" and body["is_active"] is True
    assert created["ETag"] == f'"{body["version"]}"'
    url = f"{MENTORS}{body['id']}/"

    missing = client.patch(url, {"position": "นักวิชาการแรงงานชำนาญการ"}, format="json")
    assert missing.status_code == 428 and "If-Match" in missing.json()["detail"]
    done = client.patch(
        url, {"position": "นักวิชาการแรงงานชำนาญการ"}, format="json", HTTP_IF_MATCH=client.get(url)["ETag"]
    )
    assert done.status_code == 200, done.json()
    assert done.json()["position"] == "นักวิชาการแรงงานชำนาญการ" and done.json()["first_name"] == "พรรณี"
    stale = client.patch(url, {"position": "ทับของคนอื่น"}, format="json", HTTP_IF_MATCH=created["ETag"])
    assert stale.status_code == 412 and "ถูกแก้ไขไปแล้ว" in stale.json()["detail"]

    mentor = Mentor.objects.get(pk=body["id"])
    assert mentor.position == "นักวิชาการแรงงานชำนาญการ"
    history = list(mentor.events.order_by("pgh_id").select_related("pgh_context"))
    assert [e.pgh_label for e in history] == ["insert", "update"]
    assert [e.position for e in history] == ["นักวิชาการแรงงาน", "นักวิชาการแรงงานชำนาญการ"]
    assert {e.pgh_context.metadata["user"] for e in history} == {lampang_officer.pk}


def test_a_lampang_officer_cannot_register_a_mentor_in_a_chiang_mai_office(
    api_as, lampang_officer, chiang_mai, new_mentor
):
    new_mentor["agency"] = Agency.objects.get(province=chiang_mai, kind="labour").pk
    response = api_as(lampang_officer).post(MENTORS, new_mentor, format="json")
    assert response.status_code == 400
    assert "หน่วยงานที่เลือกไม่ได้อยู่ในจังหวัดลำปาง" in response.json()["errors"]["agency"][0]
    assert not Mentor.objects.filter(first_name="พรรณี").exists()


def test_an_administrator_registers_a_mentor_in_the_province_of_the_office_named(
    api_as, admin_user, chiang_mai, new_mentor
):
    new_mentor["agency"] = Agency.objects.get(province=chiang_mai, kind="labour").pk
    response = api_as(admin_user).post(MENTORS, new_mentor, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["province"] == chiang_mai.pk


def test_a_mentor_edit_gets_the_forms_thai_messages(api_as, lampang_officer, lampang_mentor):
    client = api_as(lampang_officer)
    url = f"{MENTORS}{lampang_mentor.pk}/"
    version = str(lampang_mentor.version)
    phone = client.patch(url, {"phone": "+1 202 555 0143"}, format="json", HTTP_IF_MATCH=version)
    assert phone.status_code == 400 and "ไม่ใช่หมายเลขโทรศัพท์ในประเทศไทย" in phone.json()["errors"]["phone"][0]
    unknown = client.patch(url, {"nickname": "วิ"}, format="json", HTTP_IF_MATCH=version)
    assert unknown.status_code == 400 and "ไม่รู้จักช่อง “nickname”" in unknown.json()["detail"]
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.phone == "0812223333" and lampang_mentor.version == int(version)


# ----------------------------------------------------------------------------------------- events


def test_an_officer_creates_an_event_whose_days_follow_its_dates_and_edits_it(
    api_as, lampang_officer, lampang, new_event
):
    client = api_as(lampang_officer)
    created = client.post(EVENTS, new_event, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    start = dt.date.fromisoformat(new_event["start_date"])
    assert body["level"] == "provincial" and body["host_province"] == lampang.pk
    assert [d["date"] for d in body["days"]] == [str(start + dt.timedelta(days=n)) for n in range(3)]
    assert body["targets"] == [{"category": "volunteer", "target": 40, "capacity": 50}]
    event = Event.objects.get(pk=body["id"])
    # The event's record of who made it, as the page keeps it.
    assert event.created_by == lampang_officer

    url = f"{EVENTS}{body['id']}/"
    change = {"end_date": str(start), "venue": "โรงแรมเวียงลคอร"}
    missing = client.patch(url, change, format="json")
    assert missing.status_code == 428 and "If-Match" in missing.json()["detail"]
    shorter = client.patch(url, change, format="json", HTTP_IF_MATCH=created["ETag"])
    assert shorter.status_code == 200, shorter.json()
    assert shorter["ETag"] == '"1"' and shorter.json()["version"] == 1
    # Someone who read the event before this edit cannot overwrite it.
    stale = client.patch(url, {"venue": "ทับของคนอื่น"}, format="json", HTTP_IF_MATCH=created["ETag"])
    assert stale.status_code == 412 and "ถูกแก้ไขไปแล้ว" in stale.json()["detail"]
    assert Event.objects.get(pk=body["id"]).venue == "โรงแรมเวียงลคอร"
    assert [d["date"] for d in shorter.json()["days"]] == [str(start)]
    assert shorter.json()["venue"] == "โรงแรมเวียงลคอร" and shorter.json()["title"] == new_event["title"]
    assert shorter.json()["targets"] == body["targets"] and client.get(url).json() == shorter.json()


def test_event_rules_answer_with_the_forms_thai_messages(api_as, lampang_officer, new_event):
    client = api_as(lampang_officer)
    backwards = client.post(
        EVENTS,
        {**new_event, "end_date": str(dt.date.fromisoformat(new_event["start_date"]) - dt.timedelta(days=1))},
        format="json",
    )
    assert backwards.status_code == 400 and "อยู่ก่อนวันเริ่ม" in backwards.json()["errors"]["end_date"][0]
    small = client.post(
        EVENTS, {**new_event, "targets": [{"category": "volunteer", "target": 40, "capacity": 10}]}, format="json"
    )
    assert small.status_code == 400
    assert "จำนวนรับสูงสุด (10) น้อยกว่าเป้าหมาย (40)" in small.json()["errors"]["targets.0.capacity"][0]
    twice = [{"category": "volunteer", "target": 5}, {"category": "volunteer", "target": 6}]
    repeated = client.post(EVENTS, {**new_event, "targets": twice}, format="json")
    assert repeated.status_code == 400 and "volunteer ส่งมาซ้ำ" in repeated.json()["errors"]["targets"][0]
    assert not Event.objects.filter(title=new_event["title"]).exists()


def test_only_hq_officers_and_administrators_create_national_events(
    api_as, lampang_officer, hq_officer, hq_analyst, bangkok, new_event
):
    national = {**new_event, "level": "national", "host_province": bangkok.pk}
    officer = api_as(lampang_officer).post(EVENTS, national, format="json")
    assert officer.status_code == 403 and "ระดับประเทศ" in officer.json()["detail"]
    analyst = api_as(hq_analyst).post(EVENTS, national, format="json")
    assert analyst.status_code == 403
    assert not Event.objects.filter(title=new_event["title"]).exists()
    hq = api_as(hq_officer).post(EVENTS, national, format="json")
    assert hq.status_code == 201, hq.json()
    assert hq.json()["level"] == "national" and hq.json()["host_province"] == bangkok.pk


def test_an_event_sent_without_level_or_status_is_what_the_new_event_page_prefills(
    api_as, admin_user, chiang_mai, new_event
):
    del new_event["status"]
    response = api_as(admin_user).post(EVENTS, {**new_event, "host_province": chiang_mai.pk}, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["level"], response.json()["status"]) == ("provincial", "draft")
    assert response.json()["host_province"] == chiang_mai.pk


# ----------------------------------------------------------------------------------------- registrations


def test_a_batch_registers_the_active_volunteers_and_names_the_inactive_one_with_why(
    api_as, lampang_officer, lampang, lampang_event, lampang_mentor
):
    active = [VolunteerFactory(province=lampang, first_name=name, last_name="ทดสอบ") for name in ("กมล", "ขวัญ")]
    resigned = VolunteerFactory(province=lampang, first_name="คำปัน", last_name="ลาออกแล้ว", status="resigned")
    response = api_as(lampang_officer).post(
        REGISTRATIONS,
        {
            "event": lampang_event.pk,
            "volunteers": [active[0].pk, resigned.pk, active[1].pk],
            "mentors": [lampang_mentor.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert sorted(r["display_name"] for r in body["registered"]) == sorted(
        [v.full_name for v in active] + [lampang_mentor.full_name]
    )
    assert body["not_registered"] == [{"name": resigned.full_name, "reason": "สถานะ “ลาออก/พ้นสภาพ”"}]
    assert body["already_registered"] == []
    registrations = Registration.objects.across_provinces("test").filter(event=lampang_event)
    assert {r.volunteer_id for r in registrations if r.volunteer_id} == {v.pk for v in active}
    assert {r.registered_by_id for r in registrations} == {lampang_officer.pk}

    again = api_as(lampang_officer).post(
        REGISTRATIONS, {"event": lampang_event.pk, "volunteers": [active[0].pk]}, format="json"
    )
    assert again.status_code == 200 and again.json()["already_registered"] == [active[0].full_name]


def test_a_batch_naming_someone_outside_the_officers_province_registers_nobody(
    api_as, lampang_officer, lampang_event, lampang_volunteer, chiangmai_volunteer
):
    response = api_as(lampang_officer).post(
        REGISTRATIONS,
        {"event": lampang_event.pk, "volunteers": [lampang_volunteer.pk, chiangmai_volunteer.pk]},
        format="json",
    )
    assert response.status_code == 400 and "ไม่พบผู้เข้าร่วม 1 คน" in response.json()["detail"]
    assert not Registration.objects.across_provinces("test").filter(event=lampang_event).exists()


def test_an_officer_cancels_a_registration_with_a_reason(api_as, lampang_officer, lampang_event, lampang_volunteer):
    registration = RegistrationFactory(event=lampang_event, volunteer=lampang_volunteer)
    client = api_as(lampang_officer)
    url = f"{REGISTRATIONS}{registration.pk}/cancel/"
    no_reason = client.post(url, {}, format="json")
    assert no_reason.status_code == 400 and "กรุณาระบุเหตุผลที่ยกเลิกการลงทะเบียน" in no_reason.json()["detail"]
    done = client.post(url, {"reason": "ป่วย เข้าร่วมไม่ได้"}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["cancelled_at"] and done.json()["cancel_reason"] == "ป่วย เข้าร่วมไม่ได้"
    registration.refresh_from_db()
    assert registration.cancelled_by == lampang_officer and registration.is_cancelled
    twice = client.post(url, {"reason": "ซ้ำ"}, format="json")
    assert twice.status_code == 400 and "ถูกยกเลิกไปแล้ว" in twice.json()["detail"]


# ----------------------------------------------------------------------------------------- who may


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst", "hq_officer", "lampang_anti_trafficking"])
def test_roles_that_only_read_get_403_on_every_write(
    persona, request, api_as, lampang, lampang_mentor, lampang_event, lampang_volunteer, new_mentor, new_event
):
    registration = RegistrationFactory(event=lampang_event, volunteer=lampang_volunteer)
    client = api_as(request.getfixturevalue(persona))
    answers = [
        client.post(MENTORS, new_mentor, format="json"),
        client.patch(f"{MENTORS}{lampang_mentor.pk}/", {"position": "แก้"}, format="json", HTTP_IF_MATCH="0"),
        # A provincial event: HQ officers run national events only.
        client.post(EVENTS, {**new_event, "level": "provincial", "host_province": lampang.pk}, format="json"),
        client.patch(f"{EVENTS}{lampang_event.pk}/", {"venue": "แก้"}, format="json", HTTP_IF_MATCH="0"),
        client.post(REGISTRATIONS, {"event": lampang_event.pk, "volunteers": [lampang_volunteer.pk]}, format="json"),
        client.post(f"{REGISTRATIONS}{registration.pk}/cancel/", {"reason": "ทดสอบ"}, format="json"),
    ]
    assert [a.status_code for a in answers] == [403] * 6
    assert all(a.json()["detail"] for a in answers)
    registration.refresh_from_db()
    lampang_mentor.refresh_from_db()
    assert not registration.is_cancelled and lampang_mentor.position != "แก้"
    assert not Mentor.objects.filter(first_name="พรรณี").exists()
    assert not Event.objects.filter(title=new_event["title"]).exists()


def test_a_read_only_token_of_an_officer_writes_nothing(api_as, lampang_officer, lampang_mentor, new_mentor):
    client = api_as(lampang_officer, read_only=True)
    created = client.post(MENTORS, new_mentor, format="json")
    patched = client.patch(f"{MENTORS}{lampang_mentor.pk}/", {"position": "แก้"}, format="json", HTTP_IF_MATCH="0")
    assert (created.status_code, patched.status_code) == (403, 403)
    assert "อ่านข้อมูลได้อย่างเดียว" in created.json()["detail"]
    assert not Mentor.objects.filter(first_name="พรรณี").exists()


def test_another_provinces_officer_gets_404_on_every_write(
    api_as, chiangmai_officer, lampang_mentor, lampang_event, lampang_volunteer
):
    registration = RegistrationFactory(event=lampang_event, volunteer=lampang_volunteer)
    client = api_as(chiangmai_officer)
    answers = [
        client.patch(f"{MENTORS}{lampang_mentor.pk}/", {"position": "แก้"}, format="json", HTTP_IF_MATCH="0"),
        client.patch(f"{EVENTS}{lampang_event.pk}/", {"venue": "แก้"}, format="json", HTTP_IF_MATCH="0"),
        client.post(REGISTRATIONS, {"event": lampang_event.pk, "volunteers": [lampang_volunteer.pk]}, format="json"),
        client.post(f"{REGISTRATIONS}{registration.pk}/cancel/", {"reason": "ทดสอบ"}, format="json"),
    ]
    assert [a.status_code for a in answers] == [404] * 4
    registration.refresh_from_db()
    lampang_event.refresh_from_db()
    assert not registration.is_cancelled and lampang_event.venue != "แก้"


# ----------------------------------------------------------------------------------------- ordering

# In Thai dictionary order a leading vowel (เ แ โ ใ ไ) sorts under the consonant after it: เกศินี before ขวัญ,
# although เ comes after ข in Unicode.
# The two of the same name fall on either side of a page boundary (pages of two).
THAI_ORDER = ["กมล", "เกศินี", "เกศินี", "ขวัญ", "ไข่มุก", "สมชาย"]


def walk(client, url: str) -> list[dict]:
    """Every row of a list, one cursor page of two at a time, following the `next` links."""
    rows, page = [], client.get(url)
    while True:
        assert page.status_code == 200, page.json()
        rows += page.json()["results"]
        if not page.json()["next"]:
            return rows
        page = client.get(page.json()["next"])


def test_volunteers_by_name_come_in_the_list_pages_thai_order_across_cursor_pages(api_as, lampang_officer, lampang):
    for first_name in reversed(THAI_ORDER):
        VolunteerFactory(province=lampang, first_name=first_name, last_name="ทดสอบ")
    client = api_as(lampang_officer)
    rows = walk(client, f"{VOLUNTEERS}?ordering=name&page_size=2")
    assert [r["first_name"] for r in rows] == THAI_ORDER
    # The two of the same name come by id, so a page boundary between them neither repeats nor drops one.
    assert len({r["id"] for r in rows}) == len(THAI_ORDER)
    page_order = VolunteerFilterForm({}, user=lampang_officer).filter(Volunteer.objects.visible_to(lampang_officer))
    assert [r["id"] for r in rows] == list(page_order.values_list("id", flat=True))
    backwards = walk(client, f"{VOLUNTEERS}?ordering=-name&page_size=2")
    assert [r["id"] for r in backwards] == [r["id"] for r in reversed(rows)]


def test_mentors_by_name_come_in_thai_order_and_an_unknown_ordering_is_refused_in_thai(
    api_as, lampang_officer, lampang
):
    from mentors.tests.factories import MentorFactory

    for first_name in reversed(THAI_ORDER):
        MentorFactory(province=lampang, first_name=first_name)
    client = api_as(lampang_officer)
    rows = walk(client, f"{MENTORS}?ordering=name&page_size=2")
    assert [r["first_name"] for r in rows] == THAI_ORDER
    by_id = walk(client, f"{MENTORS}?ordering=-id&page_size=4")
    assert [r["id"] for r in by_id] == sorted((r["id"] for r in rows), reverse=True)
    wrong = client.get(f"{MENTORS}?ordering=national_id")
    assert wrong.status_code == 400 and "เรียงตาม “national_id” ไม่ได้" in wrong.json()["detail"]


def test_errors_inside_lists_are_named_by_their_place_in_the_usual_shape(api_as, lampang_officer, new_event):
    response = api_as(lampang_officer).post(
        EVENTS, {**new_event, "topics": ["network", "cooking"], "targets": [{"category": "chefs"}]}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"topics.1", "targets.0.category"}
    assert all(isinstance(messages, list) and isinstance(messages[0], str) for messages in errors.values())


def test_an_event_dated_before_the_programme_began_is_refused(api_as, lampang_officer, new_event):
    old = {**new_event, "start_date": "1900-01-01", "end_date": "1900-01-02"}
    refused = api_as(lampang_officer).post(EVENTS, old, format="json")
    assert refused.status_code == 400
    assert "อยู่ก่อนมีโครงการอาสาสมัครแรงงาน (พ.ศ. 2548)" in refused.json()["errors"]["start_date"][0]
    assert not Event.objects.filter(title=new_event["title"]).exists()
