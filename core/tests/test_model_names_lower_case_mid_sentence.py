"""In English a model's name is lower case, as Django expects ("Select training event to change", "The training event
“X” was changed successfully"), and a heading, a column or a list item that starts with it capitalises it itself
(Django's capfirst): "Training events" in the admin's index, "Training event “X” cannot be deleted". Only proper
nouns and acronyms keep their capitals ("Ministry of Labour agency", "API token"). Thai, which has no case, reads as
before."""

import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from core.tests.test_admin_polish import visible_text
from mentors.tests.factories import MentorFactory
from tests.english import in_english
from trainings import services
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.tests.factories import VolunteerFactory

# The names that start with a proper noun or an acronym, and so with a capital mid-sentence too.
PROPER_STARTS = ("Ministry of Labour", "API ")

# (changelist, the model's name mid-sentence, the list's name in the index), with a row for each list.
LISTS = [
    ("admin:trainings_event_changelist", "training event", "Training events"),
    ("admin:volunteers_volunteer_changelist", "volunteer", "Volunteers"),
    ("admin:mentors_mentor_changelist", "mentor officer", "Mentor officers"),
]


def thai_named_models() -> list[type]:
    """Every model the project names in Thai: its own, and the installed packages' it names (core.admin)."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        with translation.override("th"):
            if re.search("[\u0e00-\u0e7f]", str(model._meta.verbose_name)):
                found.append(model)
    return found


def test_every_english_model_name_is_lower_case_but_a_proper_noun():
    assert len(thai_named_models()) > 60  # the project's models and the packages' ones, not none by a wrong filter
    capitalised = []
    for model in thai_named_models():
        opts = model._meta
        with translation.override("en"):
            names = [str(opts.verbose_name), str(opts.verbose_name_plural)]
        capitalised += [
            f"{opts.label}: {name!r}" for name in names if name[0].isupper() and not name.startswith(PROPER_STARTS)
        ]
    assert capitalised == []


def test_thai_names_read_as_before():
    with translation.override("th"):
        from trainings.models import Event
        from volunteers.models import Volunteer

        assert (str(Event._meta.verbose_name), str(Event._meta.verbose_name_plural)) == ("กิจกรรมฝึกอบรม",) * 2
        assert (str(Volunteer._meta.verbose_name), str(Volunteer._meta.verbose_name_plural)) == ("อาสาสมัครแรงงาน",) * 2


@pytest.mark.django_db
@pytest.mark.parametrize(("changelist", "one", "many"), LISTS)
def test_the_english_admin_says_the_name_lower_case_mid_sentence_and_capitalises_its_headings(
    client_for, admin_user, lampang, changelist, one, many
):
    EventFactory(host_province=lampang)
    VolunteerFactory(province=lampang)
    MentorFactory(province=lampang)
    client = in_english(client_for(admin_user))

    response = client.get(reverse(changelist))
    listed = visible_text(response.text)
    index = client.get(reverse("admin:index")).text

    assert response.status_code == 200
    assert f"Select {one} to change" in listed
    assert re.search(rf"<title>\s*Select {one} to change \|", response.text)
    assert f"Add {one}" in listed
    assert f"› {many}" in listed  # the breadcrumbs
    assert re.search(rf'<a href="{reverse(changelist)}"[^>]*>{many}</a>', index)  # the index's row of the list


@pytest.fixture
def attended_event(lampang, admin_user):
    event = EventFactory(title="อบรมเครือข่าย ลำปาง", host_province=lampang)
    registration = RegistrationFactory(event=event)
    services.check_in(day=event.days.first(), registration=registration, method="tick", by=admin_user)
    return event


@pytest.mark.django_db
def test_the_refused_delete_page_starts_its_title_and_its_list_with_a_capital(client_for, admin_user, attended_event):
    client = client_for(admin_user)
    url = reverse("admin:trainings_event_delete", args=[attended_event.pk])

    thai = visible_text(client.get(url).text)
    english = visible_text(in_english(client).get(url).text)

    assert "ลบกิจกรรมฝึกอบรม “อบรมเครือข่าย ลำปาง” ไม่ได้" in thai
    assert "การลงทะเบียน: 1 รายการ" in thai
    assert "Training event “อบรมเครือข่าย ลำปาง” cannot be deleted" in english
    assert "Records that refer to this training event:" in english
    assert re.search(r"\bRegistrations: 1\b", english)
    assert "Back to training event “อบรมเครือข่าย ลำปาง”" in english


@pytest.mark.django_db
def test_the_list_of_a_rows_changes_names_its_kind_with_a_capital(client_for, admin_user, lampang):
    volunteer = VolunteerFactory(province=lampang)
    volunteer.phone = "0811111111"
    volunteer.save()
    client = in_english(client_for(admin_user))

    response = client.get(
        reverse("admin:pghistory_events_changelist"),
        {"method": "tracks", "obj": f"volunteers.Volunteer:{volunteer.pk}"},
    )

    assert response.status_code == 200
    assert str(response.context["subtitle"]).startswith("Volunteer ")
    assert re.search(r"\bVolunteer\b", visible_text(response.text).split("Changes", 1)[-1])
