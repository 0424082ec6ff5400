"""The admin site saves a mentor under the mentor pages' rules (mentors.services), found by probing the admin."""

import pytest
from django.urls import reverse

from mentors.tests.factories import MentorFactory
from rosters.tests.factories import nid
from tests.admin_forms import form_as_posted

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


# Both admin pages that edit a mentor: the registry's, and the administrators' roster import/export.
MENTOR_CHANGE_PAGES = ["admin:mentors_mentor_change", "admin:rosters_mentorroster_change"]


@pytest.mark.parametrize("change_page", MENTOR_CHANGE_PAGES)
def test_a_mentor_saved_in_the_admin_has_the_phone_and_names_the_pages_would_keep(
    admin_client, lampang_mentor, change_page
):
    url = reverse(change_page, args=[lampang_mentor.pk])
    data = form_as_posted(admin_client, url)
    data.update(first_name="  วิไล\u200b  ", phone="054-222-333")

    assert admin_client.post(url, data).status_code == 302

    # Found by the list's exact phone search, as a mentor saved on the pages is.
    listed = admin_client.get(reverse("admin:mentors_mentor_changelist"), {"q": "054222333"}).content.decode()
    assert "วิไล พี่เลี้ยงดี" in listed
    lampang_mentor.refresh_from_db()
    assert (lampang_mentor.first_name, lampang_mentor.phone) == ("วิไล", "054222333")


def test_a_mentor_page_opened_before_an_admin_save_is_refused_as_out_of_date(
    client_for, admin_user, lampang_officer, lampang_mentor
):
    opened_at = client_for(lampang_officer).get(reverse("mentors:edit", args=[lampang_mentor.pk])).context["form"]
    posted = {name: opened_at[name].value() for name in opened_at.fields if opened_at[name].value() is not None}
    admin_client = client_for(admin_user)
    url = reverse("admin:mentors_mentor_change", args=[lampang_mentor.pk])
    assert admin_client.post(url, {**form_as_posted(admin_client, url), "position": "ผู้อำนวยการ"}).status_code == 302

    page = client_for(lampang_officer).post(reverse("mentors:edit", args=[lampang_mentor.pk]), posted)

    assert "ถูกแก้ไขไปแล้วเมื่อ" in page.content.decode()
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.position == "ผู้อำนวยการ"


@pytest.mark.parametrize("change_page", MENTOR_CHANGE_PAGES)
def test_a_mentor_is_not_linked_to_another_provinces_staff_account_in_the_admin(
    admin_client, lampang_mentor, chiangmai_officer, change_page
):
    url = reverse(change_page, args=[lampang_mentor.pk])
    data = {**form_as_posted(admin_client, url), "user": chiangmai_officer.pk}

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "ผูกกับพี่เลี้ยงได้เฉพาะบัญชีเจ้าหน้าที่ของจังหวัดลำปาง" in response.content.decode()
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.user is None


@pytest.mark.parametrize("change_page", MENTOR_CHANGE_PAGES)
def test_a_national_id_already_registered_is_refused_in_the_admin_when_typed_in_thai_digits(
    admin_client, lampang, lampang_mentor, change_page
):
    MentorFactory(province=lampang, national_id=nid(501))
    url = reverse(change_page, args=[lampang_mentor.pk])
    data = {
        **form_as_posted(admin_client, url),
        "national_id": nid(501).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")),
    }

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "เลขประจำตัวประชาชนนี้ลงทะเบียนเป็นพี่เลี้ยงแล้ว" in response.content.decode()
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.national_id is None
