"""History pages name what changed as a reader does, in the page's language: a case's needs by the names of the work
kinds, not `['job_seekers']`; each field by its Thai name, the case's recorder too; and the user's admin log names
Django's own fields in Thai (found by probing the admin)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cases.tests.factories import CaseFactory
from core.tests.test_admin_in_thai import visible_text
from tests.admin_forms import form_as_posted

pytestmark = pytest.mark.django_db

JOB = ("หางานทำ / ลงทะเบียนผู้หางาน", "A job / registering as a job seeker")
TRAINING = ("ฝึกอบรมพัฒนาฝีมือแรงงาน", "Skills training")


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def case(lampang_volunteer, admin_user):
    case = CaseFactory(volunteer=lampang_volunteer, needs=["job_seekers"], created_by=admin_user)
    case.needs = ["job_seekers", "training_applicants"]
    case.save()
    return case


def test_the_cases_history_page_names_its_needs_and_its_recorder_in_thai(admin_client, case):
    text = visible_text(admin_client.get(reverse("admin:cases_case_history", args=[case.pk])).text)

    assert f"สิ่งที่ต้องการ: {JOB[0]} → {JOB[0]}, {TRAINING[0]}" in text
    assert "job_seekers" not in text and "['" not in text
    assert "บันทึกโดย:" in text and "created by" not in text


def test_the_list_of_changes_names_the_needs_in_the_pages_language(admin_client, case):
    url = reverse("admin:pghistory_events_changelist")
    params = {"method": "tracks", "obj": f"cases.Case:{case.pk}"}

    text = visible_text(admin_client.get(url, params).text)
    assert f"สิ่งที่ต้องการ: {JOB[0]} → {JOB[0]}, {TRAINING[0]}" in text
    assert "job_seekers" not in text

    admin_client.cookies["django_language"] = "en"
    text = visible_text(admin_client.get(url, params).text)
    assert f"{JOB[1]} → {JOB[1]}, {TRAINING[1]}" in text
    assert "job_seekers" not in text


def test_the_users_admin_log_names_djangos_own_fields_in_thai(admin_client):
    # An account in no group: the shared form helper posts a list of groups as text.
    account = get_user_model().objects.create_user("p3.viewer", password="x")
    url = reverse("admin:auth_user_change", args=[account.pk])
    data = {k: v for k, v in form_as_posted(admin_client, url).items() if k not in ("groups", "user_permissions")}
    data.update({"first_name": "สมศรี", "date_joined_0": "01/01/2563", "date_joined_1": "09:00:00"})
    assert admin_client.post(url, data).status_code == 302

    text = visible_text(admin_client.get(reverse("admin:auth_user_history", args=[account.pk])).text)

    assert "ชื่อ" in text and "วันที่เข้าร่วม" in text
    assert "Date joined" not in text and "First name" not in text
