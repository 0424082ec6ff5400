"""Every change is kept, including bulk writes that never call save(): the triggers see them all."""

import pghistory
import pytest
from django.urls import reverse

from volunteers import services
from volunteers.models import Volunteer
from volunteers.selectors import volunteer_history
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_bulk_mentor_assignment_appears_in_each_history_with_who(lampang, lampang_officer, lampang_mentor):
    volunteers = VolunteerFactory.create_batch(3, province=lampang)
    services.assign_mentor(volunteers=volunteers, mentor=lampang_mentor, by=lampang_officer)
    for volunteer in volunteers:
        latest = volunteer_history(volunteer)[0]
        assert latest.label == "update"
        assert latest.username == lampang_officer.get_full_name()
        assert ("พี่เลี้ยง", "", "นายวิไล พี่เลี้ยงดี") in latest.changes
        assert latest.at is not None


def test_raw_queryset_update_like_an_import_is_recorded(lampang, lampang_officer):
    volunteer = VolunteerFactory(province=lampang, occupation="เกษตรกร")
    with pghistory.context(user=lampang_officer.pk, source="roster_import", import_file="roster.xlsx"):
        Volunteer.objects.filter(province=lampang).update(occupation="ค้าขาย")
    latest = volunteer_history(volunteer)[0]
    assert ("อาชีพ", "เกษตรกร", "ค้าขาย") in latest.changes
    assert latest.source == "นำเข้าจากไฟล์ roster.xlsx"
    assert latest.username == lampang_officer.get_full_name()


def test_history_on_the_page_masks_the_id_for_the_viewer(client_for, lampang_viewer, lampang_volunteer):
    html = client_for(lampang_viewer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    history = html.split('data-testid="change-history"')[1]
    assert "1-5201-xxxxx-xx-9" in history and "00012" not in history


def test_history_names_the_source_in_thai_without_paths_or_commands(client_for, lampang, lampang_officer):
    from volunteers.tests.test_editing_at_the_same_time import form_data

    with pghistory.context(source="ข้อมูลตัวอย่าง (load_demo)"):
        volunteer = VolunteerFactory(province=lampang, occupation="เกษตรกร")
    with pghistory.context(source="roster_import", import_file="roster_lampang.xlsx"):
        Volunteer.objects.filter(pk=volunteer.pk).update(occupation="ค้าขาย")
    volunteer.refresh_from_db()
    client = client_for(lampang_officer)
    url = reverse("volunteers:edit", args=[volunteer.pk])
    page = client.get(url).content.decode()
    assert client.post(url, form_data(page, volunteer, notes="แก้ผ่านฟอร์ม")).status_code == 302

    html = client.get(reverse("volunteers:detail", args=[volunteer.pk])).content.decode()
    history = html.split('data-testid="change-history"')[1].split("</table>")[0]
    assert "แก้ไขผ่านแบบฟอร์ม" in history
    assert "นำเข้าจากไฟล์ roster_lampang.xlsx" in history
    assert "ข้อมูลตัวอย่าง" in history
    assert "/volunteers/" not in history and "load_demo" not in history and "roster_import" not in history
