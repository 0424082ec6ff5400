"""A mentor officer retires or moves: the officer ends the mentor, and the volunteers in their care are left without a
mentor (counted so, offered to another mentor), whichever door ended the mentor; the volunteers' history keeps who
their mentor was."""

import html as html_lib
import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.http import urlencode
from rest_framework.test import APIClient

from api import tokens
from mentors.models import Mentor
from mentors.tests.factories import MentorFactory
from provinces.models import District, Subdistrict
from tests.admin_forms import form_as_posted
from tests.english import in_english
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mae_phrik(lampang):
    return District.objects.get(province=lampang, name_th="แม่พริก")


@pytest.fixture
def in_care(lampang, lampang_mentor, mae_phrik):
    """Three active volunteers of แม่พริก in the mentor's care, one who resigned, and two of แม่พริก without one."""
    subdistrict = Subdistrict.objects.filter(district=mae_phrik).order_by("code").first()
    cared = [
        VolunteerFactory(province=lampang, subdistrict=subdistrict, mentor=lampang_mentor, last_name=f"ในความดูแล{n}")
        for n in range(1, 4)
    ]
    VolunteerFactory(
        province=lampang,
        subdistrict=subdistrict,
        mentor=lampang_mentor,
        last_name="ลาออกแล้ว",
        status=Volunteer.Status.RESIGNED,
    )
    VolunteerFactory.create_batch(2, province=lampang, subdistrict=subdistrict, last_name="ยังไม่มีใคร")
    return cared


@pytest.fixture
def other_mentor(lampang):
    return MentorFactory(province=lampang, first_name="สมศรี", last_name="รับช่วง")


def text(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def section(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}"')[1].split("</table>")[0]


def panel_row(client, district) -> str:
    """The mentor list's row of "อาสาสมัครที่ยังไม่มีพี่เลี้ยง รายอำเภอ" for the district: name, without, active."""
    html = client.get(reverse("mentors:list")).content.decode()
    rows = section(html, "districts-without-mentor").split("<tr>")
    return next(text(row) for row in rows if district.name_th in row)


def end(client, mentor):
    """The officer opens the mentor's edit page and saves it with "ยังปฏิบัติหน้าที่" unticked."""
    url = reverse("mentors:edit", args=[mentor.pk])
    form = client.get(url).context["form"]
    posted = {name: form[name].value() for name in form.fields if form[name].value() not in (None, "")}
    posted.pop("is_active")
    return client.post(url, posted, follow=True)


def test_ending_a_mentor_leaves_their_volunteers_without_one_and_offers_them_to_another_mentor(
    client_for, lampang_officer, lampang_mentor, in_care, other_mentor, mae_phrik
):
    client = client_for(lampang_officer)
    assert panel_row(client, mae_phrik) == "แม่พริก 2 5"
    edit_page = client.get(reverse("mentors:edit", args=[lampang_mentor.pk])).content.decode()
    assert "อาสาสมัครที่ปฏิบัติหน้าที่ 3 คนอยู่ในความดูแลของพี่เลี้ยงรายนี้" in edit_page

    page = end(client, lampang_mentor)

    # Told how many now need a mentor, with a link to the volunteers without one where a mentor is assigned.
    html = page.content.decode()
    assert page.redirect_chain[-1][0] == reverse("mentors:detail", args=[lampang_mentor.pk])
    assert (
        "บันทึกการแก้ไขข้อมูลพี่เลี้ยง นายวิไล พี่เลี้ยงดี แล้ว อาสาสมัครที่ปฏิบัติหน้าที่ 3 คนซึ่งเคยอยู่ในความดูแลของพี่เลี้ยงรายนี้ยังไม่มีพี่เลี้ยง"
    ) in text(html)
    link = (
        reverse("volunteers:list") + "?" + urlencode({"district": mae_phrik.pk, "mentor": "none", "status": "active"})
    )
    assert f'href="{html_lib.escape(link)}"' in html
    # The ended mentor's page has nobody left in their care.
    assert "พ้นหน้าที่แล้ว" in html
    assert "ในความดูแล" not in section(html, "mentor-volunteers").replace("ยังไม่มีอาสาสมัครในความดูแล", "")
    # The district panel counts them as without a mentor, and the mentor list counts none for the ended mentor.
    assert panel_row(client, mae_phrik) == "แม่พริก 5 5"
    listed = client.get(reverse("mentors:list")).content.decode()
    assert text(section(listed, "mentor-table").split("พี่เลี้ยงดี")[1].split("</tr>")[0]).endswith("0 พ้นหน้าที่แล้ว")
    # The link lists them, with a mentor to choose; another mentor's page offers them too.
    linked = text(section(client.get(link).content.decode(), "volunteer-table"))
    assert all(f"ในความดูแล{n}" in linked for n in range(1, 4)) and "ลาออกแล้ว" not in linked
    offered = section(
        client.get(reverse("mentors:detail", args=[other_mentor.pk])).content.decode(), "unassigned-volunteers"
    )
    assert all(f"ในความดูแล{n}" in offered for n in range(1, 4))

    assigned = client.post(
        reverse("volunteers:assign_mentor"),
        {"volunteers": [v.pk for v in in_care], "mentor": other_mentor.pk, "next": link},
        follow=True,
    )

    assert "มอบหมายพี่เลี้ยง นายสมศรี รับช่วง ให้อาสาสมัคร 3 คนแล้ว" in text(assigned.content.decode())
    assert panel_row(client, mae_phrik) == "แม่พริก 2 5"


def test_the_volunteers_history_keeps_the_mentor_who_ended(client_for, lampang_officer, lampang_mentor, in_care):
    client = client_for(lampang_officer)
    end(client, lampang_mentor)

    html = client.get(reverse("volunteers:detail", args=[in_care[0].pk])).content.decode()

    assert text(html.split('data-testid="mentor-name"')[1].split("</div>")[0]).endswith("ยังไม่มีพี่เลี้ยง")
    history = text(section(html, "change-history"))
    # The newest entry: the officer who ended the mentor took them off the volunteer.
    assert history.split(" น. ")[1].startswith(f"{lampang_officer.get_full_name()} แก้ไข พี่เลี้ยง : นายวิไล พี่เลี้ยงดี → –")


def test_ending_a_mentor_with_nobody_in_their_care_says_only_saved(client_for, lampang_officer, other_mentor):
    page = end(client_for(lampang_officer), other_mentor)

    html = page.content.decode()
    assert "บันทึกการแก้ไขข้อมูลพี่เลี้ยง นายสมศรี รับช่วง แล้ว" in text(html)
    assert "ยังไม่มีพี่เลี้ยง" not in text(html.split('role="alert"')[1].split("</div>")[0])
    assert 'data-testid="assign-released"' not in html


def test_an_officer_reading_in_english_is_told_in_english(client_for, lampang_officer, lampang_mentor, in_care):
    client = in_english(client_for(lampang_officer))
    assert (
        "3 active volunteers are in this mentor&#x27;s care"
        in client.get(reverse("mentors:edit", args=[lampang_mentor.pk])).content.decode()
    )

    html = end(client, lampang_mentor).content.decode()

    assert "3 active volunteers who were in this mentor's care now have no mentor Assign a new mentor" in text(html)


def test_an_administrator_is_linked_to_the_list_of_the_mentors_province(
    client_for, admin_user, lampang_mentor, in_care
):
    html = end(client_for(admin_user), lampang_mentor).content.decode()

    assert "?province=52&amp;district=" in html.split('data-testid="assign-released"')[0]


def test_the_api_ending_a_mentor_leaves_their_volunteers_without_one(
    api_client_for, lampang_officer, lampang_mentor, in_care
):
    api = api_client_for(lampang_officer)
    url = f"/api/v1/mentors/{lampang_mentor.pk}/"

    done = api.patch(url, {"is_active": False}, format="json", HTTP_IF_MATCH=api.get(url)["ETag"])

    assert done.status_code == 200, done.json()
    assert not Volunteer.objects.filter(pk__in=[v.pk for v in in_care], mentor__isnull=False).exists()
    listed = api.get("/api/v1/volunteers/", {"mentor": "none"}).json()
    assert {v.pk for v in in_care} <= {row["id"] for row in listed["results"]}


@pytest.mark.parametrize("changed", ["admin:mentors_mentor_change", "admin:rosters_mentorroster_change"])
def test_the_admin_ending_a_mentor_leaves_their_volunteers_without_one(
    client_for, admin_user, lampang_officer, lampang_mentor, in_care, mae_phrik, changed
):
    admin = client_for(admin_user)
    url = reverse(changed, args=[lampang_mentor.pk])
    data = form_as_posted(admin, url)
    data.pop("is_active")

    assert admin.post(url, data).status_code == 302

    lampang_mentor.refresh_from_db()
    assert not lampang_mentor.is_active
    assert panel_row(client_for(lampang_officer), mae_phrik) == "แม่พริก 5 5"


def test_a_mentor_ended_again_or_saved_while_ended_releases_nobody_twice(lampang_officer, lampang_mentor, in_care):
    Mentor.objects.filter(pk=lampang_mentor.pk).update(is_active=False)
    lampang_mentor.refresh_from_db()
    lampang_mentor.position = "ผู้อำนวยการ"
    lampang_mentor.save()
    assert lampang_mentor.released.active == 3 and lampang_mentor.released.total == 4
    lampang_mentor.save()
    assert lampang_mentor.released.total == 0
    assert all(v.events.filter(mentor=None).count() == 1 for v in Volunteer.objects.filter(last_name__startswith="ใน"))


def test_volunteers_left_with_a_mentor_ended_before_this_release_are_released_by_the_migration(
    client_for, lampang_officer, lampang_mentor, in_care, mae_phrik
):
    Mentor.objects.filter(pk=lampang_mentor.pk).update(is_active=False)  # ended by a door that released nobody
    client = client_for(lampang_officer)
    assert panel_row(client, mae_phrik) == "แม่พริก 2 5"

    importlib.import_module("mentors.migrations.0009_release_volunteers_of_ended_mentors").release(apps, None)

    assert panel_row(client, mae_phrik) == "แม่พริก 5 5"


@pytest.fixture
def api_client_for():
    def client(user) -> APIClient:
        api = APIClient()
        api.credentials(
            HTTP_AUTHORIZATION=f"Bearer {tokens.create_token(user=user, name='ทดสอบ', days=30, read_only=False)[1]}"
        )
        return api

    return client
