"""Two officers open the same record; the one who saves second is told it changed, and nothing is overwritten."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from mentors.tests.factories import MentorFactory
from volunteers import services
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def form_data(page_html: str, volunteer, **changes) -> dict:
    """What the edit page would post back: the record as it was when the page opened, plus the changes."""
    version = page_html.split('name="version" value="')[1].split('"')[0]
    data = {
        "national_id": volunteer.national_id,
        "title": volunteer.title,
        "first_name": volunteer.first_name,
        "last_name": volunteer.last_name,
        "phone": volunteer.phone,
        "subdistrict": volunteer.subdistrict_id,
        "mentor": volunteer.mentor_id or "",
        "notes": volunteer.notes,
        "version": version,
    }
    return {**data, **changes}


@pytest.fixture
def second_officer(lampang):
    return StaffFactory(username="lampang.officer2", role="officer", province=lampang, first_name="สมศรี")


def test_second_save_is_told_the_volunteer_changed(client, lampang_officer, second_officer, lampang_volunteer):
    from django.test import Client

    from conftest import verify_second_factor

    first, second = Client(), Client()
    first.force_login(lampang_officer)
    second.force_login(second_officer)
    verify_second_factor(second, second_officer)
    url = reverse("volunteers:edit", args=[lampang_volunteer.pk])
    first_page = first.get(url).content.decode()
    second_page = second.get(url).content.decode()

    assert first.post(url, form_data(first_page, lampang_volunteer, last_name="แก้โดยคนแรก")).status_code == 302
    response = second.post(url, form_data(second_page, lampang_volunteer, notes="หมายเหตุของคนที่สอง"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="stale-edit"' in html
    assert "ถูกแก้ไขไปแล้วเมื่อ" in html and "การแก้ไขของท่านยังไม่ได้บันทึก" in html
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.last_name == "แก้โดยคนแรก"
    assert lampang_volunteer.notes == ""
    assert lampang_volunteer.version == 1

    # Reopening the page shows the first officer's change, and the second save then goes through.
    fresh = second.get(url).content.decode()
    assert "แก้โดยคนแรก" in fresh
    volunteer = Volunteer.objects.get(pk=lampang_volunteer.pk)
    assert second.post(url, form_data(fresh, volunteer, notes="หมายเหตุของคนที่สอง")).status_code == 302
    volunteer.refresh_from_db()
    assert (volunteer.last_name, volunteer.notes, volunteer.version) == ("แก้โดยคนแรก", "หมายเหตุของคนที่สอง", 2)


def test_a_status_change_in_between_also_stops_an_old_edit_form(client_for, lampang_officer, lampang_volunteer):
    import datetime as dt

    client = client_for(lampang_officer)
    url = reverse("volunteers:edit", args=[lampang_volunteer.pk])
    page = client.get(url).content.decode()
    services.change_status(
        volunteer=Volunteer.objects.get(pk=lampang_volunteer.pk),
        to_status="suspended",
        changed_on=dt.date.today(),
        reason="ป่วย",
        by=lampang_officer,
    )
    response = client.post(url, form_data(page, lampang_volunteer, first_name="เปลี่ยนชื่อ"))
    assert 'data-testid="stale-edit"' in response.content.decode()
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.first_name == "สมหมาย" and lampang_volunteer.status == "suspended"


def test_a_form_without_its_version_is_not_saved(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    url = reverse("volunteers:edit", args=[lampang_volunteer.pk])
    data = form_data(client.get(url).content.decode(), lampang_volunteer, first_name="ไม่มีรุ่น")
    del data["version"]
    response = client.post(url, data)
    assert "แบบฟอร์มนี้ไม่สมบูรณ์" in response.content.decode()
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.first_name == "สมหมาย"


def test_history_has_no_entry_for_the_version_counter(client_for, lampang_officer, lampang_volunteer):
    before = lampang_volunteer.events.count()
    # A save that changes nothing moves the version on but is no change a reader would want to see.
    services.update_volunteer(volunteer=lampang_volunteer, data={}, expected_version=0, by=lampang_officer)
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.version == 1
    assert lampang_volunteer.events.count() == before
    page = client_for(lampang_officer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk]))
    assert "รุ่นของข้อมูล" not in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_saves_racing_in_two_connections_never_both_win(lampang_officer, lampang):
    """The row lock is held from the version check to the commit, so of two simultaneous saves exactly one wins."""
    volunteer = VolunteerFactory(province=lampang, first_name="แข่ง", last_name="กัน")
    barrier = threading.Barrier(2)
    outcomes = []

    def save(last_name):
        try:
            fresh = Volunteer.objects.select_related("subdistrict").get(pk=volunteer.pk)
            barrier.wait()
            services.update_volunteer(
                volunteer=fresh, data={"last_name": last_name}, expected_version=0, by=lampang_officer
            )
            outcomes.append(("saved", last_name))
        except Exception as exc:
            outcomes.append(("refused", type(exc).__name__))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("หนึ่ง", "สอง")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(kind for kind, _ in outcomes) == ["refused", "saved"], outcomes
    assert ("refused", "ValidationError") in outcomes
    winner = next(name for kind, name in outcomes if kind == "saved")
    volunteer.refresh_from_db()
    assert volunteer.last_name == winner and volunteer.version == 1


def test_second_save_is_told_the_mentor_changed(lampang_officer, second_officer, lampang):
    from django.test import Client

    mentor = MentorFactory(province=lampang, first_name="วิไล", last_name="เดิม", position="")
    first, second = Client(), Client()
    first.force_login(lampang_officer)
    second.force_login(second_officer)
    url = reverse("mentors:edit", args=[mentor.pk])

    def data(html, **changes):
        version = html.split('name="version" value="')[1].split('"')[0]
        base = {
            "title": mentor.title,
            "first_name": mentor.first_name,
            "last_name": mentor.last_name,
            "position": mentor.position,
            "agency": mentor.agency_id,
            "phone": mentor.phone,
            "is_active": "on",
            "version": version,
        }
        return {**base, **changes}

    first_page, second_page = first.get(url).content.decode(), second.get(url).content.decode()
    assert first.post(url, data(first_page, last_name="ใหม่")).status_code == 302
    response = second.post(url, data(second_page, position="นักวิชาการแรงงาน"))
    html = response.content.decode()
    assert 'data-testid="stale-edit"' in html and "ข้อมูลของพี่เลี้ยง" in html
    mentor.refresh_from_db()
    assert (mentor.last_name, mentor.position, mentor.version) == ("ใหม่", "", 1)


def test_a_stale_edit_does_not_ask_to_fix_fields_in_red(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    url = reverse("volunteers:edit", args=[lampang_volunteer.pk])
    page = client.get(url).content.decode()
    services.update_volunteer(
        volunteer=Volunteer.objects.get(pk=lampang_volunteer.pk), data={"notes": "แก้ก่อน"}, by=lampang_officer
    )
    html = client.post(url, form_data(page, lampang_volunteer, notes="แก้ทีหลัง")).content.decode()
    assert 'data-testid="stale-edit"' in html
    assert "สีแดง" not in html

    # A field error still gets the banner.
    html = client.post(url, form_data(page, lampang_volunteer, first_name="")).content.decode()
    assert "สีแดง" in html
