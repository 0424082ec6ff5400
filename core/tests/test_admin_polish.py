"""What an administrator reads in the admin, in Thai: a province's delete page says why provinces are not deleted and
what to do instead, and no refusal tells a superuser to "ask your administrator"; background tasks are named by what
they do, the province's fields have Thai help, and the other apps' rows keep their Thai names, given once the apps
are ready."""

import datetime as dt
import re
from html import unescape

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.db import models
from django.urls import reverse
from django_tasks_db.models import DBTaskResult, get_date_max

from provinces.models import District, Province, Subdistrict
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

ENQUEUED_AT = dt.datetime(2026, 12, 5, 7, 5, tzinfo=dt.UTC)  # 14:05 in Bangkok


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def task_result(task_path: str, status: str = "SUCCESSFUL") -> DBTaskResult:
    result = DBTaskResult.objects.create(
        task_path=task_path,
        status=status,
        args_kwargs={"args": [12], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=result.pk).update(enqueued_at=ENQUEUED_AT)
    result.refresh_from_db()
    return result


def test_a_provinces_delete_page_tells_a_superuser_why_not_and_what_to_do_instead(admin_client, admin_user, lampang):
    VolunteerFactory(province=lampang)
    url = reverse("admin:provinces_province_delete", args=[lampang.pk])

    response = admin_client.get(url)

    assert admin_user.is_superuser
    assert response.status_code == 403
    text = visible_text(response.text)
    assert "ลบจังหวัด “ลำปาง” ไม่ได้" in text
    assert "ติดต่อผู้ดูแลระบบ" not in text
    assert "รวมทั้งบัญชีที่มีสถานะผู้ใช้พิเศษ" in text
    districts = District.objects.filter(province=lampang).count()
    subdistricts = Subdistrict.objects.filter(province=lampang).count()
    assert f"อำเภอ/เขต: {districts} รายการ" in text
    assert f"ตำบล/แขวง: {subdistricts} รายการ" in text
    assert "อาสาสมัครแรงงาน: 1 รายการ" in text
    assert "python manage.py load_geography" in text
    assert reverse("admin:provinces_province_change", args=[lampang.pk]) in response.text

    # Deleting stays refused.
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Province.objects.filter(pk=lampang.pk).exists()


def test_the_province_page_helps_in_thai(admin_client, lampang):
    response = admin_client.get(reverse("admin:provinces_province_change", args=[lampang.pk]))

    text = visible_text(response.text)
    assert "id in @svg-maps/thailand" not in text
    assert "รหัสของจังหวัดบนแผนที่ประเทศไทยของระบบ (แพ็กเกจ @svg-maps/thailand)" in text


def test_a_background_task_is_named_by_what_it_does_when_and_how_it_went(admin_client):
    checked = task_result("rosters.tasks.check_import")
    unnamed = task_result("rosters.tasks.some_new_task", status="FAILED")

    listed = visible_text(admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).text)
    page = admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[checked.pk]))

    assert "ตรวจไฟล์รายชื่อที่อัปโหลดเพื่อนำเข้า" in listed
    assert "rosters.tasks" not in listed
    assert "ตรวจไฟล์รายชื่อที่อัปโหลดเพื่อนำเข้า (สำเร็จ) เข้าคิวเมื่อ 5 ธ.ค. 2569 14:05 น." in visible_text(page.text)
    assert "DBTaskResult object" not in visible_text(page.text)
    assert str(unnamed) == "some_new_task (ล้มเหลว) เข้าคิวเมื่อ 5 ธ.ค. 2569 14:05 น."


def test_a_refusal_tells_a_superuser_no_permission_is_missing_not_to_ask_the_administrator(admin_client, admin_user):
    # A background task's record is deleted by no account: its delete page is the 403, read by the administrator.
    url = reverse("admin:django_tasks_database_dbtaskresult_delete", args=[task_result("rosters.tasks.run_import").pk])

    thai = admin_client.get(url)
    admin_client.cookies["django_language"] = "en"
    english = visible_text(admin_client.get(url).text)

    assert admin_user.is_superuser and thai.status_code == 403
    assert "ติดต่อผู้ดูแลระบบ" not in visible_text(thai.text)
    assert "บัญชีของท่านเป็นบัญชีผู้ดูแลระบบซึ่งมีสิทธิ์ครบทุกส่วนแล้ว" in visible_text(thai.text)
    assert "contact the administrator" not in english
    assert "already holds every permission" in english


def test_the_core_app_names_the_other_apps_rows_when_it_is_ready(monkeypatch):
    # As if nothing had named them: the names come from CoreConfig.ready(), not from importing the admin.
    for model in [DBTaskResult, AccessLog]:
        monkeypatch.setattr(model, "__str__", models.Model.__str__)

    apps.get_app_config("core").ready()

    log = AccessLog(username="admin", attempt_time=ENQUEUED_AT)
    assert str(log) == "การเข้าสู่ระบบของ admin เมื่อ 5 ธ.ค. 2569 14:05 น."
    task = task_result("cases.tasks.erase_personal_data", status="READY")
    assert str(task) == "ลบข้อมูลส่วนบุคคลของเรื่องส่งต่อที่ปิดครบกำหนด (รอทำงาน) เข้าคิวเมื่อ 5 ธ.ค. 2569 14:05 น."
