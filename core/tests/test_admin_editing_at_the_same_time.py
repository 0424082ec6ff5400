"""A row the portal's pages edit under optimistic locking (a volunteer, a mentor, an event) is edited in the admin
under the same lock: neither an admin save nor a page save overwrites the other's change unseen."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentors.tests.factories import MentorFactory
from tests.admin_forms import form_as_posted
from trainings.tests.factories import EventFactory
from volunteers import services
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db
STALE = "ถูกแก้ไขไปแล้วเมื่อ"


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def test_a_volunteer_page_opened_before_an_admin_save_is_refused_and_the_admins_change_kept(
    admin_client, lampang, lampang_officer
):
    volunteer = VolunteerFactory(province=lampang, phone="0811111111")
    opened_at = volunteer.version
    url = reverse("admin:volunteers_volunteer_change", args=[volunteer.pk])
    data = form_as_posted(admin_client, url)
    data["phone"] = "0822222222"
    assert admin_client.post(url, data).status_code == 302

    with pytest.raises(ValidationError) as refused:
        services.update_volunteer(
            volunteer=Volunteer.objects.get(pk=volunteer.pk),
            data={"phone": "0833333333"},
            expected_version=opened_at,
            by=lampang_officer,
        )

    assert STALE in str(refused.value)
    assert Volunteer.objects.get(pk=volunteer.pk).phone == "0822222222"


def test_an_admin_form_opened_before_a_page_save_is_refused_in_thai_and_the_pages_change_kept(
    admin_client, lampang, lampang_officer
):
    volunteer = VolunteerFactory(province=lampang, phone="0811111111")
    url = reverse("admin:volunteers_volunteer_change", args=[volunteer.pk])
    data = form_as_posted(admin_client, url)
    services.update_volunteer(
        volunteer=volunteer, data={"phone": "0833333333"}, expected_version=volunteer.version, by=lampang_officer
    )
    data["phone"] = "0822222222"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert STALE in response.content.decode() and "การแก้ไขของท่านยังไม่ได้บันทึก" in response.content.decode()
    assert Volunteer.objects.get(pk=volunteer.pk).phone == "0833333333"
    # Sent again from the refused page, it is still refused: only a page opened afresh saves.
    assert STALE in admin_client.post(url, {**data, "_opened_at_version": response.context["opened_at_version"]}).text


def test_the_form_carries_the_version_it_was_opened_at_only_for_rows_edited_under_the_lock(admin_client, lampang):
    rows = {
        "volunteers_volunteer": VolunteerFactory(province=lampang),
        "mentors_mentor": MentorFactory(province=lampang),
        "trainings_event": EventFactory(host_province=lampang),
    }
    for name, row in rows.items():
        page = admin_client.get(reverse(f"admin:{name}_change", args=[row.pk])).content.decode()
        assert f'name="_opened_at_version" value="{row.version}"' in page, name
    agency = rows["mentors_mentor"].agency
    page = admin_client.get(reverse("admin:provinces_agency_change", args=[agency.pk])).content.decode()
    assert "_opened_at_version" not in page
