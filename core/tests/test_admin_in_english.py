"""The admin site reads as English in English mode (issue 13): headings, fieldsets, column and filter titles, actions,
permission names and the change history of the main models' pages. The only Thai left is data: people's names,
places, agencies, what an officer typed."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation

from activity.models import MonthlyReport
from cases.tests.factories import CaseFactory
from core.admin import permission_label
from core.tests.test_admin_in_thai import rows, visible_text  # noqa: F401
from core.tests.test_english_mode import THAI
from core.tests.test_english_pages import thai_of_data
from rosters.models import ImportJob
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_admin(client_for, admin_user):
    client = client_for(admin_user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def main_rows(rows, lampang):  # noqa: F811 (the fixture imported above)
    """A row of each main model: volunteer, mentor, event (from `rows`), import job, case, monthly report."""
    volunteer = rows["volunteer"]
    case = CaseFactory(volunteer=volunteer, person_name="นายบุญมี ใจดี")
    job = ImportJob.objects.create(
        token="english".ljust(32, "0"),
        province=lampang,
        original_name="รายชื่อ อสร. ลำปาง.xlsx",
        file_format="xlsx",
        status=ImportJob.Status.DONE,
        finished_at=timezone.now(),
    )
    report = MonthlyReport.objects.create(
        volunteer=volunteer,
        province=lampang,
        district=volunteer.subdistrict.district,
        month=dt.date(2026, 5, 1),
        counts={},
        received_on=dt.date(2026, 6, 3),
        on_time=True,
    )
    return {**rows, "case": case, "import job": job, "monthly report": report}


def thai_not_data(html: str, data: set[str]) -> dict[str, str]:
    """Each Thai word of the page that is not data, with the text around it to find where it comes from."""
    text = visible_text(html)
    return {
        word: text[max(0, text.find(word) - 50) : text.find(word) + len(word) + 30]
        for word in sorted(set(THAI.findall(text)) - data)
    }


def data_words(lampang) -> set[str]:
    """Thai that is data on these pages: people's names, places, agencies, event titles, the file's name."""
    words = thai_of_data(lampang)
    for case in CaseFactory._meta.model.objects.all():
        words.update(THAI.findall(f"{case.person_name} {case.not_referable_reason}"))
    for name in ImportJob.objects.values_list("original_name", flat=True):
        words.update(THAI.findall(name))
    return words


ADMIN_NAMES = {
    "volunteer": "volunteers_volunteer",
    "mentor": "mentors_mentor",
    "event": "trainings_event",
    "import job": "rosters_importjob",
    "case": "cases_case",
    "monthly report": "activity_monthlyreport",
}


def test_the_main_models_lists_and_forms_show_no_thai_but_data(english_admin, main_rows, lampang):
    data = data_words(lampang)
    pages = {"index": reverse("admin:index")}
    for kind, name in ADMIN_NAMES.items():
        pages[f"{kind} list"] = reverse(f"admin:{name}_changelist")
        pages[f"{kind} form"] = reverse(f"admin:{name}_change", args=[main_rows[kind].pk])
    pages["volunteer history"] = reverse("admin:volunteers_volunteer_history", args=[main_rows["volunteer"].pk])

    thai = {}
    for page, url in pages.items():
        response = english_admin.get(url)
        assert response.status_code == 200, page
        if left := thai_not_data(response.text, data):
            thai[page] = left
    contexts = {word: context for words in thai.values() for word, context in words.items()}
    assert thai == {}, (
        "Thai that is not data, by page:\n"
        + "\n".join(f"{page}: {sorted(words)}" for page, words in thai.items())
        + "\nwhere each is seen:\n"
        + "\n".join(f"{word}: …{context}…" for word, context in contexts.items())
    )


def test_the_volunteer_pages_headings_and_columns_are_english(english_admin, main_rows):
    listed = visible_text(english_admin.get(reverse("admin:volunteers_volunteer_changelist")).text)
    form = visible_text(
        english_admin.get(reverse("admin:volunteers_volunteer_change", args=[main_rows["volunteer"].pk])).text
    )

    assert "Full name" in listed and "ชื่อ-สกุล" not in listed
    for heading in ["Contact", "Address", "Appointment", "Record"]:
        assert heading in form
    assert "ติดต่อ" not in form and "การแต่งตั้ง" not in form


def test_the_list_of_changes_is_english_with_ce_dates(english_admin, main_rows):
    volunteer = main_rows["volunteer"]
    Volunteer.objects.filter(pk=volunteer.pk).update(phone="0899999999")
    volunteer.refresh_from_db()
    volunteer.phone = "0811111111"
    volunteer.save()

    response = english_admin.get(
        reverse("admin:pghistory_events_changelist"),
        {"method": "tracks", "obj": f"volunteers.Volunteer:{volunteer.pk}"},
    )

    text = visible_text(response.text)
    assert response.status_code == 200
    for column in ["Time", "Record ID", "Action", "By", "Changes"]:
        assert column in text
    now = timezone.localtime()
    assert str(now.year) in text and str(now.year + 543) not in text
    assert "น." not in text and "การเปลี่ยนแปลง" not in text


def test_permissions_are_named_in_the_pages_language(lampang):
    permission = Permission.objects.get(codename="change_volunteer")

    with translation.override("en"):
        english = permission_label(permission)
    with translation.override("th"):
        thai = permission_label(permission)

    # The app's name before the bar comes from its apps.py.
    action = english.rpartition(" | ")[2]
    assert action.startswith("Can change ") and not THAI.search(action)
    assert thai == "อาสาสมัครแรงงาน | แก้ไขอาสาสมัครแรงงาน"


def test_the_user_list_columns_are_english(english_admin, lampang_officer):
    text = visible_text(english_admin.get(reverse("admin:auth_user_changelist")).text)

    assert "Role" in text and "Province" in text
    assert "บทบาท" not in text
