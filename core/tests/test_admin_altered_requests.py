"""An admin request altered by hand (a form's autocomplete field posted as text, the view-on-site redirect with a kind
of row that has no page) answers the form's Thai refusal or the Thai 404 page, never a 500 (found by probing the
admin; the list actions already refuse altered row keys: accounts.admin_site)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from pghistory.models import Events

from tests.admin_forms import form_as_posted
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

NOT_A_CHOICE = "เลือกตัวเลือกที่ถูกต้อง"


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def change_urls(lampang_volunteer, lampang_mentor, lampang_event):
    # An account in no group: the shared form helper posts a list of groups as text.
    account = get_user_model().objects.create_user("p3.noprofile", password="x")
    return {
        "volunteer": reverse("admin:volunteers_volunteer_change", args=[lampang_volunteer.pk]),
        "mentor": reverse("admin:mentors_mentor_change", args=[lampang_mentor.pk]),
        "event": reverse("admin:trainings_event_change", args=[lampang_event.pk]),
        "user": reverse("admin:auth_user_change", args=[account.pk]),
    }


@pytest.mark.parametrize("typed", ["abc", "1.5", "99999999999999999999"])
@pytest.mark.parametrize(
    "form, field",
    [
        ("volunteer", "mentor"),
        ("volunteer", "subdistrict"),
        ("mentor", "agency"),
        ("mentor", "user"),
        ("event", "host_province"),
        ("user", "staff_profile-0-province"),
        ("user", "staff_profile-0-agency"),
    ],
)
def test_an_autocomplete_field_posted_as_text_is_refused_in_thai(admin_client, change_urls, form, field, typed):
    url = change_urls[form]
    data = {k: v for k, v in form_as_posted(admin_client, url).items() if k not in ("groups", "user_permissions")}
    data[field] = typed

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert NOT_A_CHOICE in response.text
    assert f'<option value="{typed}"' not in response.text


def test_the_user_add_form_with_a_province_posted_as_text_is_refused_in_thai(admin_client):
    url = reverse("admin:auth_user_add")
    data = form_as_posted(admin_client, url)
    data.update(
        {
            "username": "p3.hq.withprov",
            "password1": "ยาวพอสมควร-2568-xyz",
            "password2": "ยาวพอสมควร-2568-xyz",
            "usable_password": "true",
            "staff_profile-0-role": "provincial_officer",
            "staff_profile-0-province": "abc",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert NOT_A_CHOICE in response.text


def test_a_chosen_row_still_shows_in_its_box_when_the_form_is_refused(admin_client, change_urls, lampang_mentor):
    data = form_as_posted(admin_client, change_urls["volunteer"])
    data["subdistrict"] = "abc"

    response = admin_client.post(change_urls["volunteer"], data)

    assert f'<option value="{lampang_mentor.pk}" selected>{lampang_mentor}</option>' in response.text


@pytest.mark.parametrize("kind", ["events", "volunteer", "none"])
@pytest.mark.parametrize("key", ["1", "abc"])
def test_the_view_on_site_redirect_of_a_row_without_a_page_is_the_thai_404_page(admin_client, kind, key):
    content_type = {
        "events": lambda: ContentType.objects.get_for_model(Events).pk,
        "volunteer": lambda: ContentType.objects.get_for_model(Volunteer).pk,
        "none": lambda: 99999999,
    }[kind]()

    response = admin_client.get(f"/admin/r/{content_type}/{key}/")

    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.text
