"""An administrator in a Thai session meets no English on the admin's pages nor in its refusals: the rows Django makes
to join a user to a group named in Thai on a deletion page, the other apps' rows named in Thai in titles, pghistory's
fields with Thai names and help, the report tallies and histories named in Thai in the permissions list, a TOTP key
that is not hexadecimal, a work kind's code that is not a slug, a list item refused and two rows of one category
each refused in Thai (found by helper E's sweep of every admin page)."""

import html
import re

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from pghistory.models import Events

from mentors.tests.factories import MentorFactory
from provinces.models import Subdistrict
from tests.admin_forms import form_as_posted
from trainings.models import Category
from trainings.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

# What these pages showed in English before.
ENGLISH = [
    "User-group relationship",
    "Group-permission relationship",
    "User_groups object",
    "Group_permissions object",
    "Attempted Access",
    "Events object",
    "Pgh slug",
    "Pgh data",
    "The unique identifier across all event tables",
    "The date and time when this device was initially created in the system",
    "The most recent date and time this device was used",
    "case event",
    "case tally",
    "serving tally",
    "month closure event",
    "volunteer year tally",
    "subdistrict quota event",
    "term event",
    "quota_change",
    "is not valid hex-encoded data",
    "Enter a valid “slug”",
    "in the array did not validate",
    "duplicate data for category",
    "ใน category",
]


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def english_on(response) -> list[str]:
    text = visible_text(response.content.decode())
    return [phrase for phrase in ENGLISH if phrase in text]


def refusals(response) -> list[str]:
    lists = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), flags=re.S)
    return [visible_text(item).strip() for found in lists for item in re.findall(r"<li>(.*?)</li>", found, re.S)]


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def rows(lampang, admin_user):
    """A row behind each page that showed English: a locked-out try, a mentor's history, a subdistrict's quota change,
    an event (the administrator belongs to their role's group)."""
    AccessAttempt.objects.create(
        username="someone",
        ip_address="127.0.0.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    MentorFactory(province=lampang)
    subdistrict = Subdistrict.objects.filter(district__province=lampang).order_by("code").first()
    subdistrict.quota = (subdistrict.quota or 0) + 1
    subdistrict.save()
    return {"event": EventFactory(host_province=lampang)}


def admin_pages(client):
    """Every registered model's list, its add form where the admin may add, and its first row's change, history and
    deletion pages where it may."""
    for model, model_admin in admin.site._registry.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        response = client.get(reverse(f"{info}_changelist"))
        yield response
        request = response.wsgi_request
        if model_admin.has_add_permission(request):
            yield client.get(reverse(f"{info}_add"))
        row = model_admin.get_queryset(request).first()
        if row is None:
            continue
        for view, allowed in [
            ("change", model_admin.has_view_or_change_permission(request, row)),
            ("history", True),
            ("delete", model_admin.has_delete_permission(request, row)),
        ]:
            try:
                url = reverse(f"{info}_{view}", args=[row.pk])
            except NoReverseMatch:
                continue
            if allowed:
                yield client.get(url)


def test_no_admin_page_shows_the_english_it_showed(admin_client, rows):
    found, opened = {}, 0
    for response in admin_pages(admin_client):
        opened += 1
        assert response.status_code == 200, response.wsgi_request.path
        if english := english_on(response):
            found[response.wsgi_request.path] = english
    assert found == {}
    assert opened >= 70


def test_a_users_deletion_names_their_groups_in_thai(admin_client, admin_user):
    response = admin_client.get(reverse("admin:auth_user_delete", args=[admin_user.pk]))
    text = visible_text(response.content.decode())
    assert "การสังกัดกลุ่มของผู้ใช้: 1" in text
    assert "การสังกัดกลุ่มของผู้ใช้: admin – ผู้ดูแลระบบ" in text


def test_the_permissions_list_names_the_tallies_and_histories_in_thai(admin_client, admin_user):
    text = visible_text(admin_client.get(reverse("admin:auth_user_change", args=[admin_user.pk])).content.decode())
    assert "ชี้เป้า คัดกรอง ส่งต่อ | ดูยอดเรื่องส่งต่อ (สรุปสำหรับรายงาน)" in text
    assert "ชี้เป้า คัดกรอง ส่งต่อ | ดูประวัติเรื่องส่งต่อ" in text


def test_the_list_of_changes_names_a_quota_change_and_its_fields_in_thai(admin_client, rows):
    changes = visible_text(admin_client.get(reverse("admin:pghistory_events_changelist")).content.decode())
    assert "เปลี่ยนโควตา" in changes
    first = Events.objects.filter(pgh_obj_model="mentors.Mentor").first()
    page = visible_text(admin_client.get(reverse("admin:pghistory_events_change", args=[first.pk])).content.decode())
    assert "รหัสประวัติ:" in page and "รหัสที่ไม่ซ้ำกันในตารางประวัติทุกตาราง" in page
    assert f"เพิ่ม พี่เลี้ยงอาสาสมัครแรงงาน {first.pgh_obj_id} เมื่อ" in page


def test_a_totp_key_that_is_not_hexadecimal_is_refused_in_thai(admin_client, admin_user):
    url = reverse("admin:otp_totp_totpdevice_add")
    data = {**form_as_posted(admin_client, url), "user": admin_user.pk, "name": "โทรศัพท์", "key": "zz"}

    response = admin_client.post(url, data)

    assert "กุญแจลับต้องเป็นเลขฐานสิบหก (ตัวเลข 0–9 และตัวอักษร a–f) ที่มีจำนวนหลักเป็นเลขคู่ เช่น 3132333435" in (refusals(response))
    assert english_on(response) == []
    help_texts = visible_text(response.content.decode())
    assert "วันเวลาที่เพิ่มอุปกรณ์นี้" in help_texts and "วันเวลาที่ใช้ล่าสุด" in help_texts


def test_a_work_kinds_code_that_is_not_a_slug_is_refused_in_thai(admin_client):
    url = reverse("admin:activity_workkind_add")
    data = {**form_as_posted(admin_client, url), "code": "งาน ใหม่", "name_th": "งานใหม่", "name_en": "New work"}
    data["group"] = "service"

    response = admin_client.post(url, data)

    assert "กรุณากรอกรหัสเป็นตัวอักษรภาษาอังกฤษ ตัวเลข ขีดล่าง (_) หรือขีดกลาง (-) เท่านั้น ไม่เว้นวรรค" in refusals(response)
    assert english_on(response) == []


def test_an_events_topic_not_on_the_list_is_refused_in_thai(admin_client, rows):
    url = reverse("admin:trainings_event_change", args=[rows["event"].pk])

    response = admin_client.post(url, {**form_as_posted(admin_client, url), "topics": "no_such_topic"})

    assert any(message.startswith("รายการที่ 1 ไม่ถูกต้อง:") for message in refusals(response))
    assert english_on(response) == []


def test_two_targets_of_one_category_are_refused_by_the_categorys_thai_name(admin_client, rows):
    url = reverse("admin:trainings_event_change", args=[rows["event"].pk])
    data = {k: v for k, v in form_as_posted(admin_client, url).items() if not k.startswith("targets-")}
    data.update({"targets-TOTAL_FORMS": "2", "targets-INITIAL_FORMS": "0"})
    for n in (0, 1):
        data.update(
            {f"targets-{n}-category": Category.VOLUNTEER, f"targets-{n}-target": "1", f"targets-{n}-capacity": "5"}
        )

    response = admin_client.post(url, data)

    assert "ประเภทผู้เข้าร่วมซ้ำกันในหลายแถว แต่ละแถวต้องมีประเภทผู้เข้าร่วมไม่ซ้ำกัน" in refusals(response)
    assert english_on(response) == []
