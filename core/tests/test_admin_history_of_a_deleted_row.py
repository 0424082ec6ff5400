"""The admin's list of changes (pghistory's events list) opens for a row that was deleted, which is when one needs
its history most, and says it was deleted; a parameter none of its links writes answers the Thai 404 page, not 500
(found by probing the admin)."""

import pytest
from django.urls import reverse

from cases.models import Case
from cases.tests.factories import CaseFactory
from trainings.models import Attendance
from trainings.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

EVENTS = "admin:pghistory_events_changelist"


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def delete_in_the_list(client, model, pk):
    """The list's "delete the chosen rows" action, confirmed, as the probe did it."""
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = client.post(url, {"action": "delete_selected", "_selected_action": [pk], "post": "yes"})
    assert response.status_code == 302
    assert not model._base_manager.filter(pk=pk).exists()


def subtitle_of(response) -> str:
    return str(response.context["subtitle"])


def test_the_history_of_a_case_deleted_in_the_admin_opens_and_shows_who_deleted_it(
    admin_client, admin_user, lampang_volunteer
):
    case = CaseFactory(volunteer=lampang_volunteer)
    delete_in_the_list(admin_client, Case, case.pk)

    response = admin_client.get(reverse(EVENTS), {"method": "tracks", "obj": f"cases.Case:{case.pk}"})

    assert response.status_code == 200
    assert subtitle_of(response) == f"เรื่องส่งต่อ {case.pk} (ลบแล้ว)"
    events = list(response.context["cl"].result_list)
    assert {event.pgh_label for event in events} == {"insert", "delete"}
    deleted = next(event for event in events if event.pgh_label == "delete")
    assert deleted.pgh_context["user"] == admin_user.pk
    assert "ลบ" in response.text


def test_an_attendance_deleted_in_the_admin_opens_at_the_probes_address(admin_client, lampang_volunteer, lampang_event):
    registration = RegistrationFactory(event=lampang_event, volunteer=lampang_volunteer)
    attendance = Attendance.objects.create(registration=registration, day=lampang_event.days.first())
    delete_in_the_list(admin_client, Attendance, attendance.pk)

    # Without a method pghistory would list every row's changes under this row's name: its own are listed instead.
    response = admin_client.get(reverse(EVENTS), {"obj": f"trainings.Attendance:{attendance.pk}"}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith(f"obj=trainings.Attendance%3A{attendance.pk}&method=tracks")
    assert subtitle_of(response) == f"การลงชื่อเข้าร่วม {attendance.pk} (ลบแล้ว)"


def test_a_row_that_never_existed_is_named_as_not_found(admin_client, lampang_volunteer):
    response = admin_client.get(reverse(EVENTS), {"method": "tracks", "obj": "volunteers.Volunteer:99999999"})

    assert response.status_code == 200
    assert subtitle_of(response) == "อาสาสมัครแรงงาน 99999999 (ไม่พบรายการนี้)"
    assert list(response.context["cl"].result_list) == []


def test_a_row_still_there_is_named_by_its_name(admin_client, lampang_volunteer):
    response = admin_client.get(
        reverse(EVENTS), {"method": "tracks", "obj": f"volunteers.Volunteer:{lampang_volunteer.pk}"}
    )

    assert response.status_code == 200
    assert subtitle_of(response) == f"อาสาสมัครแรงงาน {lampang_volunteer}"
    assert len(response.context["cl"].result_list) == 1  # its insert


@pytest.mark.parametrize(
    "params",
    [
        {"method": "tracks", "obj": "volunteers.Volunteer:abc"},
        {"method": "references", "obj": "volunteers.Volunteer:abc"},
        {"obj": "volunteers.Volunteer:abc"},
        {"method": "tracks", "obj": "x.y:1"},
        {"method": "tracks", "obj": "volunteers.Volunteer"},
        {"method": "sideways", "obj": "volunteers.Volunteer:1"},
        {"event_model": "x.y"},
        {"event_model": "volunteers.Volunteer"},
        {"model": "x.y"},
    ],
)
def test_a_parameter_no_link_writes_answers_the_thai_404_page(admin_client, params):
    response = admin_client.get(reverse(EVENTS), params)

    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.text


def test_the_back_link_goes_only_to_a_page_of_this_site(admin_client, lampang_volunteer):
    obj = f"volunteers.Volunteer:{lampang_volunteer.pk}"
    back = reverse("admin:volunteers_volunteer_change", args=[lampang_volunteer.pk])

    response = admin_client.get(reverse(EVENTS), {"method": "tracks", "obj": obj, "back": back})
    assert f'href="{back}" class="back"' in response.text

    response = admin_client.get(reverse(EVENTS), {"method": "tracks", "obj": obj, "back": "javascript:alert(1)"})
    assert response.status_code == 200
    assert 'class="back"' not in response.text
