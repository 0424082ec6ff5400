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
    with pghistory.context(user=lampang_officer.pk, source="นำเข้าจากไฟล์ roster.xlsx"):
        Volunteer.objects.filter(province=lampang).update(occupation="ค้าขาย")
    latest = volunteer_history(volunteer)[0]
    assert ("อาชีพ", "เกษตรกร", "ค้าขาย") in latest.changes
    assert latest.source == "นำเข้าจากไฟล์ roster.xlsx"
    assert latest.username == lampang_officer.get_full_name()


def test_history_on_the_page_masks_the_id_for_the_viewer(client_for, lampang_viewer, lampang_volunteer):
    html = client_for(lampang_viewer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    history = html.split('data-testid="change-history"')[1]
    assert "1-5201-xxxxx-xx-9" in history and "00012" not in history
