"""Random input into the registry's forms: volunteers, their status, mentors and the list filters.

Whatever is typed, the portal answers with a page (never a server error), a refusal says in Thai what is wrong,
control characters (NUL, which PostgreSQL refuses in text, and the other invisible ones) are refused, and
whatever was stored is shown escaped.
"""

import itertools

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from core.tests.national_ids import valid_national_id
from mentors.models import Mentor
from mentors.tests.factories import MentorFactory
from provinces.models import Agency, Subdistrict
from tests.fuzz import (
    CONTROL,
    FUZZ,
    SCRIPT,
    assert_no_raw_markup,
    expected_for_query,
    has_thai_message,
    nasty_number,
    nasty_text,
)
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

serials = itertools.count(500_000)
TEXT_FIELDS = [
    "first_name",
    "last_name",
    "first_name_en",
    "last_name_en",
    "title_other",
    "line_id",
    "house_no",
    "village_name",
    "appointment_order",
    "education",
    "occupation",
    "skills",
    "notes",
]
MENTOR_TEXT_FIELDS = ["title", "first_name", "last_name", "position", "email", "phone", "national_id"]
OTHER_FIELDS = ["national_id", "phone", "email", "birth_date", "appointed_on", "village_no", "title", "gender"]


def volunteer_form_data(place, **changes) -> dict:
    data = {
        "national_id": valid_national_id(next(serials)),
        "title": "mr",
        "first_name": "ทดสอบ",
        "last_name": "สุ่มค่า",
        "subdistrict": place.pk,
        "phone": "0812345678",
    }
    return {**data, **changes}


def contains_control(values) -> bool:
    """Control characters that survive the forms' trimming of the ends (some, like \\x0c, count as spaces)."""
    return any(isinstance(v, str) and any(c in v.strip() for c in CONTROL) for v in values)


def check_answer(response, changes, free_text=TEXT_FIELDS) -> None:
    assert response.status_code < 500
    html = response.content.decode()
    assert_no_raw_markup(html)
    if contains_control(changes.values()):
        assert response.status_code == 200, "a value with a control character was saved"
        # Free text says "control character"; a date, number or choice says in its own words what it expects.
        if contains_control(v for k, v in changes.items() if k in free_text):
            assert "อักขระควบคุม" in html
    if response.status_code == 200:
        assert has_thai_message(html)


def check_stored(volunteer: Volunteer, client) -> None:
    for name in TEXT_FIELDS:
        value = getattr(volunteer, name)
        assert not contains_control([value]), (name, value)
    html = client.get(reverse("volunteers:detail", args=[volunteer.pk])).content.decode()
    assert_no_raw_markup(html)
    listing = client.get(reverse("volunteers:list"), {"q": volunteer.first_name[:90]})
    assert listing.status_code == 200
    assert_no_raw_markup(listing.content.decode())


@FUZZ
@given(
    field=st.sampled_from(TEXT_FIELDS + OTHER_FIELDS),
    value=nasty_text(),
    other=st.sampled_from(TEXT_FIELDS),
    other_value=st.one_of(st.just("ข้อความปกติ"), nasty_text()),
)
def test_registering_a_volunteer_with_random_text(
    client_for, lampang_officer, lampang, field, value, other, other_value
):
    client = client_for(lampang_officer)
    subdistrict = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    changes = {other: other_value, field: value}
    response = client.post(reverse("volunteers:create"), volunteer_form_data(subdistrict, **changes))
    check_answer(response, changes)
    if response.status_code == 302:
        check_stored(Volunteer.objects.order_by("-pk").first(), client)


@FUZZ
@given(field=st.sampled_from(["village_no", "subdistrict", "mentor", "district"]), value=nasty_number)
def test_registering_with_random_numbers_and_ids(client_for, lampang_officer, lampang, field, value):
    client = client_for(lampang_officer)
    subdistrict = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    response = client.post(reverse("volunteers:create"), volunteer_form_data(subdistrict, **{field: value}))
    check_answer(response, {field: value})


@FUZZ
@given(field=st.sampled_from(TEXT_FIELDS + OTHER_FIELDS + ["version", "subdistrict"]), value=nasty_text())
def test_editing_a_volunteer_with_random_text(client_for, lampang_officer, lampang, field, value):
    client = client_for(lampang_officer)
    volunteer = VolunteerFactory(province=lampang, first_name="แก้ไข", national_id=valid_national_id(next(serials)))
    data = volunteer_form_data(volunteer.subdistrict, national_id=volunteer.national_id, version=volunteer.version)
    data[field] = value
    response = client.post(reverse("volunteers:edit", args=[volunteer.pk]), data)
    check_answer(response, {field: value})
    volunteer.refresh_from_db()
    if response.status_code == 302:
        check_stored(volunteer, client)
    else:
        assert volunteer.first_name == "แก้ไข" and volunteer.version == 0


@FUZZ
@given(
    to_status=st.one_of(st.sampled_from(["suspended", "resigned", "deceased", "active"]), nasty_text()),
    changed_on=st.one_of(st.sampled_from(["1/1/2567", "31/2/2567", "01/01/3000", "0/0/0"]), nasty_text()),
    reason=nasty_text(),
)
def test_changing_status_with_random_input(client_for, lampang_officer, lampang, to_status, changed_on, reason):
    client = client_for(lampang_officer)
    volunteer = VolunteerFactory(province=lampang, national_id=valid_national_id(next(serials)))
    data = {"to_status": to_status, "changed_on": changed_on, "reason": reason}
    response = client.post(reverse("volunteers:status", args=[volunteer.pk]), data)
    check_answer(response, {"reason": reason}, free_text=["reason"])
    volunteer.refresh_from_db()
    if response.status_code == 302:
        change = volunteer.status_changes.get()
        assert not contains_control([change.reason])
        html = client.get(reverse("volunteers:detail", args=[volunteer.pk])).content.decode()
        assert_no_raw_markup(html)
    else:
        assert volunteer.status == "active" and not volunteer.status_changes.exists()


@FUZZ
@given(field=st.sampled_from(MENTOR_TEXT_FIELDS + ["agency", "user"]), value=nasty_text(), edit=st.booleans())
def test_mentor_form_with_random_text(client_for, lampang_officer, lampang, field, value, edit):
    client = client_for(lampang_officer)
    agency = Agency.objects.get(province=lampang, kind=Agency.Kind.LABOUR)
    data = {"title": "นาย", "first_name": "พี่เลี้ยง", "last_name": "สุ่ม", "agency": agency.pk, "is_active": "on"}
    if edit:
        mentor = MentorFactory(province=lampang, first_name="เดิม")
        data["version"] = mentor.version
        url = reverse("mentors:edit", args=[mentor.pk])
    else:
        url = reverse("mentors:create")
    data[field] = value
    before = Mentor.objects.count()
    response = client.post(url, data)
    check_answer(response, {field: value}, free_text=["title", "first_name", "last_name", "position"])
    if response.status_code == 302:
        saved = Mentor.objects.get(pk=response.url.rstrip("/").split("/")[-1])
        assert not contains_control([saved.first_name, saved.last_name, saved.position, saved.title])
        assert_no_raw_markup(client.get(response.url).content.decode())
        assert_no_raw_markup(client.get(reverse("mentors:list")).content.decode())
    elif not edit:
        assert Mentor.objects.count() == before


LIST_PARAMS = ["q", "province", "district", "subdistrict", "status", "mentor", "sort", "per_page", "page"]


@FUZZ
@given(
    params=st.dictionaries(st.sampled_from(LIST_PARAMS), st.one_of(nasty_text(), nasty_number), max_size=4),
    who=st.sampled_from(["lampang_officer", "hq_analyst"]),
)
def test_volunteer_and_mentor_lists_take_any_query(client_for, personas, lampang, params, who):
    client = client_for(personas[who])
    for url in (reverse("volunteers:list"), reverse("mentors:list")):
        # A search holding a national ID is sent on to a URL without it (core.search): follow it.
        response = client.get(url, params, follow=True)
        assert response.status_code in expected_for_query(params), (url, params)
        assert_no_raw_markup(response.content.decode())


@FUZZ
@given(volunteers=st.lists(nasty_number, max_size=3), mentor=nasty_number, next_url=nasty_text())
def test_bulk_mentor_assignment_takes_any_post(client_for, lampang_officer, lampang, volunteers, mentor, next_url):
    response = client_for(lampang_officer).post(
        reverse("volunteers:assign_mentor"), {"volunteers": volunteers, "mentor": mentor, "next": next_url}
    )
    assert response.status_code in (302, 403, 404)


def test_a_script_tag_in_a_name_is_shown_as_text(client_for, lampang_officer, lampang):
    client = client_for(lampang_officer)
    subdistrict = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    response = client.post(reverse("volunteers:create"), volunteer_form_data(subdistrict, notes=SCRIPT))
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert "&lt;script&gt;alert(&#x27;fuzz&#x27;)&lt;/script&gt;" in html
    assert SCRIPT not in html


@pytest.mark.parametrize("field", ["first_name", "notes", "house_no"])
def test_nul_is_refused_with_a_thai_message(client_for, lampang_officer, lampang, field):
    subdistrict = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    response = client_for(lampang_officer).post(
        reverse("volunteers:create"), volunteer_form_data(subdistrict, **{field: "สม\x00ชาย"})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "อักขระควบคุม" in html and "Null characters" not in html
    assert not Volunteer.objects.filter(first_name__startswith="สม").exists()
