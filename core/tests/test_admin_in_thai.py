"""The admin site reads as Thai in Thai mode: app and model names, columns, messages and refusals, dates in พ.ศ., history
and deletion pages."""

import datetime as dt
import re
from html import unescape

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from pghistory.models import Events

from cases.tests.factories import CaseFactory
from mentors.tests.factories import MentorFactory
from provinces.models import Subdistrict
from tests.admin_forms import form_as_posted
from trainings.models import Attendance, Category, CertificateBatch
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.models import StatusChange, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

# What the admin showed in English before (issue 13), and Django's English that its Thai catalogue lacked.
ENGLISH_LEFTOVERS = [
    "Access attempts",
    "Access logs",
    "Access failures",
    "TOTP devices",
    "Task Results",
    "Task Result",
    "Show counts",
    "Hide counts",
    "FULL NAME",
    "Full name",
    "was changed successfully",
    "was added successfully",
    "Events",
    "AXES",
    "Axes",
    "MENTORS",
    "Mentors",
    "Volunteers",
    "Trainings",
    "Rosters",
    "Otp_Totp",
    "Pghistory",
    "Tasks Database Backend",
    "Attempt Time",
    "enqueued at",
    "Identity",
    "Timestamps",
    "Clear all filters",
    "Skip to main content",
    "Django administration",
    "Certificate batchs",
]


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", text)


def english_leftovers(html: str) -> list[str]:
    text = visible_text(html)
    return [word for word in ENGLISH_LEFTOVERS if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def rows(lampang, admin_user):
    """At least one row of every registered model, so that every change page is opened."""
    mentor = MentorFactory(province=lampang)
    volunteer = VolunteerFactory(province=lampang, mentor=mentor, appointed_on=dt.date(2020, 1, 7))
    StatusChange.objects.create(
        volunteer=volunteer,
        from_status="active",
        to_status="active",
        changed_on=dt.date(2020, 1, 7),
        reason="ทดสอบ",
    )
    event = EventFactory(host_province=lampang)
    registration = RegistrationFactory(event=event, volunteer=volunteer, category=Category.VOLUNTEER)
    Attendance.objects.create(registration=registration, day=event.days.first())
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
    CaseFactory(volunteer=volunteer)
    subdistrict = Subdistrict.objects.filter(district__province=lampang).order_by("code").first()
    subdistrict.quota = (subdistrict.quota or 0) + 1  # a quota change in the history
    subdistrict.save()
    return {"volunteer": volunteer, "mentor": mentor, "event": event}


def admin_urls():
    """(changelist, add) of every registered model; add only where the admin may add."""
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        yield model, reverse("admin:{}_{}_changelist".format(*info)), reverse("admin:{}_{}_add".format(*info))


def test_the_admin_index_names_every_app_and_model_in_thai(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert english_leftovers(response.text) == []
    app_names = [app["name"] for app in response.context["app_list"]]
    for name in app_names:
        assert re.search(r"[\u0e00-\u0e7f]", str(name)), f"app name not Thai: {name}"
    for expected in ["อาสาสมัครแรงงาน", "พี่เลี้ยงอาสาสมัครแรงงาน", "การป้องกันการเดารหัสผ่าน", "งานเบื้องหลัง"]:
        assert expected in app_names
    for app in response.context["app_list"]:
        for model in app["models"]:
            assert re.search(r"[\u0e00-\u0e7f]", str(model["name"])), f"model name not Thai: {model['name']}"


def test_every_changelist_add_and_change_page_is_thai(admin_client, rows):
    problems, opened = {}, 0

    def check(url):
        response = admin_client.get(url)
        if response.status_code != 200:
            problems[url] = response.status_code
        elif leftovers := english_leftovers(response.text):
            problems[url] = leftovers
        return response

    for model, changelist, add in admin_urls():
        response = check(changelist)
        model_admin = admin.site._registry[model]
        request = response.wsgi_request
        if model_admin.has_add_permission(request):
            check(add)
        obj = model_admin.get_queryset(request).first()
        if obj is not None and model._meta.model_name != "events":
            check(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]))
            opened += 1
    assert problems == {}
    assert opened >= 10


def test_the_page_that_confirms_an_events_deletion_names_what_goes_with_it_in_thai(admin_client, admin_user, rows):
    # Only an event nobody attended is deleted (trainings/tests/test_event_admin_delete.py).
    Attendance.objects.filter(day__event=rows["event"]).delete()
    CertificateBatch.objects.create(event=rows["event"], requested_by=admin_user, verify_url="https://x/{token}/")

    response = admin_client.get(reverse("admin:trainings_event_delete", args=[rows["event"].pk]))

    assert response.status_code == 200
    assert english_leftovers(response.text) == []
    assert "ชุดเกียรติบัตร" in response.text


def column_titles(html: str) -> list[str]:
    heads = re.findall(r'<th scope="col"[^>]*>.*?<div class="text">(.*?)</div>', html, flags=re.S)
    return [visible_text(h).strip() for h in heads]


def test_every_column_title_is_thai(admin_client, rows):
    untranslated = {}
    for _model, changelist, _add in admin_urls():
        titles = column_titles(admin_client.get(changelist).text)
        english = [t for t in titles if t and t != "ID" and not re.search(r"[\u0e00-\u0e7f]", t)]
        if english:
            untranslated[changelist] = english
    assert untranslated == {}


def test_a_column_without_a_field_has_a_thai_title(admin_client, rows):
    response = admin_client.get(reverse("admin:volunteers_volunteer_changelist"))
    assert "ชื่อ-สกุล" in response.text
    response = admin_client.get(reverse("admin:mentors_mentor_changelist"))
    assert "ชื่อ-สกุล" in response.text


def test_dates_are_shown_in_buddhist_era(admin_client, rows):
    volunteer = rows["volunteer"]
    response = admin_client.get(reverse("admin:volunteers_volunteer_changelist"))
    assert "7 ม.ค. 2563" in response.text
    assert "2020" not in visible_text(response.text)
    response = admin_client.get(reverse("admin:volunteers_volunteer_change", args=[volunteer.pk]))
    assert 'value="07/01/2563"' in response.text


@pytest.mark.parametrize("typed", ["07/01/2563", "07/01/2020"])
def test_a_date_typed_in_either_era_is_saved_as_the_same_day(admin_client, rows, typed):
    volunteer = rows["volunteer"]
    Volunteer.objects.filter(pk=volunteer.pk).update(appointed_on=dt.date(2021, 5, 5))
    volunteer.refresh_from_db()
    data = form_as_posted(admin_client, reverse("admin:volunteers_volunteer_change", args=[volunteer.pk]))
    data["appointed_on"] = typed
    response = admin_client.post(reverse("admin:volunteers_volunteer_change", args=[volunteer.pk]), data, follow=True)
    assert response.status_code == 200
    assert not response.context.get("errors"), response.context.get("errors")
    volunteer.refresh_from_db()
    assert volunteer.appointed_on == dt.date(2020, 1, 7)
    # The message after the save, and the change recorded in the admin's log, are Thai.
    assert "บันทึกการแก้ไข" in response.text and "เรียบร้อยแล้ว" in response.text
    assert english_leftovers(response.text) == []
    entry = LogEntry.objects.filter(object_id=str(volunteer.pk)).latest("action_time")
    assert "วันที่แต่งตั้ง" in entry.get_change_message() and "Changed" not in entry.get_change_message()


def test_a_date_and_time_field_takes_a_buddhist_era_date(admin_client, admin_user):
    url = reverse("admin:auth_user_change", args=[admin_user.pk])
    response = admin_client.get(url)
    field = response.context["adminform"].form.fields["date_joined"]
    assert field.clean(["07/01/2563", "09:30"]) == timezone.make_aware(dt.datetime(2020, 1, 7, 9, 30))
    assert field.clean(["07/01/2020", "09:30"]) == timezone.make_aware(dt.datetime(2020, 1, 7, 9, 30))
    admin_user.date_joined = timezone.make_aware(dt.datetime(2020, 1, 7, 9, 30))
    admin_user.save()
    response = admin_client.get(url)
    assert 'value="07/01/2563"' in response.text and 'value="09:30:00"' in response.text


def test_the_history_page_shows_field_changes_in_thai_and_local_time(admin_client, rows, admin_user):
    volunteer = rows["volunteer"]
    volunteer.phone = "0899999999"
    volunteer.save()
    response = admin_client.get(reverse("admin:volunteers_volunteer_history", args=[volunteer.pk]))
    assert response.status_code == 200
    assert 'data-testid="field-history"' in response.text
    assert "โทรศัพท์" in response.text or "เบอร์" in response.text
    assert "phone" not in visible_text(response.text)
    local = timezone.localtime(volunteer.events.latest("pgh_id").pgh_created_at)
    assert f"{local:%H:%M} น." in response.text
    assert str(local.year + 543) in response.text
    assert english_leftovers(response.text) == []

    mentor = rows["mentor"]
    mentor.position = "นักวิชาการแรงงานชำนาญการ"
    mentor.save()
    response = admin_client.get(reverse("admin:mentors_mentor_history", args=[mentor.pk]))
    assert "ตำแหน่ง" in response.text and "นักวิชาการแรงงานชำนาญการ" in response.text


def test_the_list_of_changes_names_fields_in_thai_not_json(admin_client, rows):
    volunteer = rows["volunteer"]
    volunteer.phone = "0899999999"
    volunteer.save()
    url = reverse("admin:pghistory_events_changelist")
    response = admin_client.get(url, {"method": "tracks", "obj": f"volunteers.Volunteer:{volunteer.pk}"})
    assert response.status_code == 200
    assert "โทรศัพท์" in response.text or "เบอร์" in response.text
    assert '"phone"' not in response.text and "{&quot;" not in response.text
    assert english_leftovers(response.text) == []


def test_admin_and_error_pages_have_the_favicon(admin_client, rows):
    favicon = 'rel="icon"'
    assert favicon in admin_client.get(reverse("admin:index")).text
    assert favicon in admin_client.get(reverse("admin:volunteers_volunteer_changelist")).text
    assert favicon in admin_client.get("/admin/no-such-page/").text
    assert favicon in admin_client.get("/no-such-page/").text
    stale_form = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})
    assert stale_form.status_code == 403 and favicon in stale_form.text


def test_english_mode_keeps_the_admin_in_english(admin_client, rows):
    admin_client.cookies["django_language"] = "en"
    response = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert "Access attempts" in response.text or "access attempts" in response.text


# ---------------------------------------------------------------------------------------------------------------
# What helper E's sweep of every admin page found in English (5 Dec 2026): the rows Django makes to join a user to a
# group named on a deletion page, the other apps' rows named in titles, pghistory's fields with their help, the
# report tallies and histories in the permissions list, a TOTP key that is not hexadecimal, a work kind's code that
# is not a slug, a list item refused and two rows of one category, each now in Thai.

# What these pages showed in English before.
ENGLISH_SHOWN_BEFORE = [
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


def english_on(response) -> list[str]:
    text = unescape(visible_text(response.content.decode()))
    return [phrase for phrase in ENGLISH_SHOWN_BEFORE if phrase in text]


def refusals(response) -> list[str]:
    lists = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), flags=re.S)
    return [
        unescape(visible_text(item)).strip() for found in lists for item in re.findall(r"<li>(.*?)</li>", found, re.S)
    ]


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
