"""Who may import: officers into their own province, administrators into the province they choose."""

import pytest
from django.urls import reverse

from rosters.models import ImportJob
from rosters.tests.factories import person, xlsx_bytes
from rosters.tests.helpers import upload
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def lampang_job(client_for, lampang_officer):
    _, job = upload(client_for(lampang_officer), xlsx_bytes([person(1), person(2, **{"ตำบล/แขวง": "ไม่มี"})]))
    assert job.status == ImportJob.Status.PREVIEW
    return job


def test_the_import_page_is_for_officers_and_administrators(client_for, personas):
    url = reverse("rosters:list")
    assert client_for(personas["lampang_officer"]).get(url).status_code == 200
    assert client_for(personas["admin"]).get(url).status_code == 200
    assert client_for(personas["lampang_viewer"]).get(url).status_code == 403
    assert client_for(personas["hq_analyst"]).get(url).status_code == 403


def test_the_nav_links_the_import_page_for_officers(client_for, lampang_officer):
    page = client_for(lampang_officer).get(reverse("rosters:list")).content.decode()
    assert f'href="{reverse("rosters:list")}"' in page
    assert "นำเข้าและส่งออกรายชื่อ" in page


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("rosters:list"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst"])
def test_viewers_and_hq_cannot_upload(client_for, personas, persona):
    response, job = upload(client_for(personas[persona]), xlsx_bytes([person(1)]))
    assert response.status_code == 403
    assert job is None


def test_an_officer_imports_into_their_own_province_only(client_for, lampang_officer, chiang_mai):
    response, job = upload(client_for(lampang_officer), xlsx_bytes([person(1)]), province=chiang_mai.pk)
    assert job.province.code == "52"  # the province field is not theirs to choose


def test_an_administrator_chooses_the_province(client_for, admin_user, chiang_mai):
    client = client_for(admin_user)
    row = person(1, **{"ตำบล/แขวง": "ศรีภูมิ", "อำเภอ/เขต": "เมืองเชียงใหม่"})

    response, job = upload(client, xlsx_bytes([row]))
    assert response.status_code == 400 and job is None
    assert "จังหวัด" in response.content.decode()

    response, job = upload(client, xlsx_bytes([row]), province=chiang_mai.pk)
    assert job.province == chiang_mai and job.new_count == 1
    client.post(reverse("rosters:confirm", args=[job.pk]))
    assert Volunteer.objects.get().province == chiang_mai


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("rosters:job", "get"),
        ("rosters:progress", "get"),
        ("rosters:failed_rows", "get"),
        ("rosters:confirm", "post"),
        ("rosters:cancel", "post"),
    ],
)
def test_another_province_gets_404(client_for, chiangmai_officer, lampang_job, name, method):
    client = client_for(chiangmai_officer)
    response = getattr(client, method)(reverse(name, args=[lampang_job.pk]))
    assert response.status_code == 404
    lampang_job.refresh_from_db()
    assert lampang_job.status == ImportJob.Status.PREVIEW


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst"])
def test_viewers_and_hq_see_an_import_but_cannot_confirm_it(client_for, personas, lampang_job, persona):
    client = client_for(personas[persona])
    page = client.get(reverse("rosters:job", args=[lampang_job.pk]))
    assert page.status_code == 200
    assert "ยืนยันนำเข้า" not in page.content.decode()
    assert client.post(reverse("rosters:confirm", args=[lampang_job.pk])).status_code == 403
    assert client.post(reverse("rosters:cancel", args=[lampang_job.pk])).status_code == 403
    assert client.get(reverse("rosters:failed_rows", args=[lampang_job.pk])).status_code == 403
    assert not Volunteer.objects.exists()


def test_the_history_shows_only_the_own_province(client_for, lampang_job, chiangmai_officer, admin_user):
    assert lampang_job.original_name not in client_for(chiangmai_officer).get(reverse("rosters:list")).content.decode()
    assert lampang_job.original_name in client_for(admin_user).get(reverse("rosters:list")).content.decode()
