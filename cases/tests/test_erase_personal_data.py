"""PDPA: a case's name, contact and national ID are erased CASE_PERSONAL_DATA_DAYS after it closed; the case stays,
so the counts stay, and no copy is left in its history."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cases.models import Case, Status
from cases.services import erase_expired_personal_data
from cases.tests.factories import CaseFactory
from core.tests.national_ids import valid_national_id

pytestmark = pytest.mark.django_db


def closed_case(volunteer, days_ago: int, **extra):
    today = timezone.localdate()
    closed_on = today - dt.timedelta(days=days_ago)
    return CaseFactory(
        volunteer=volunteer,
        spotted_on=closed_on - dt.timedelta(days=5),
        status=Status.DONE,
        accepted_on=closed_on,
        closed_on=closed_on,
        national_id_needed=True,
        national_id=valid_national_id(days_ago, prefix="11003"),
        **extra,
    )


def scoped():
    return Case.objects.across_provinces("test")


def test_personal_data_is_erased_on_the_retention_day_and_the_counts_stay(lampang_volunteer, settings):
    settings.CASE_PERSONAL_DATA_DAYS = 365
    kept = closed_case(lampang_volunteer, 364)
    erased = closed_case(lampang_volunteer, 365)
    still_open = CaseFactory(volunteer=lampang_volunteer, spotted_on=timezone.localdate() - dt.timedelta(days=400))
    before = scoped().filter(province=lampang_volunteer.province).count()
    assert erase_expired_personal_data() == 1
    for case in (kept, erased, still_open):
        case.refresh_from_db()
    assert (erased.person_name, erased.person_contact, erased.national_id) == ("", "", "")
    assert erased.personal_data_erased_on == timezone.localdate()
    assert kept.person_name and kept.national_id and still_open.person_name
    # The case is still counted, with its status, agency and needs.
    assert scoped().filter(province=lampang_volunteer.province).count() == before
    assert erased.status == Status.DONE and erased.needs and erased.agency_id
    assert erase_expired_personal_data() == 0


def test_no_copy_of_the_personal_data_is_left_in_the_history(lampang_volunteer):
    case = closed_case(lampang_volunteer, 400, person_name="นายลับเฉพาะ ไม่ควรเหลือ")
    erase_expired_personal_data()
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_to_json(e)::text FROM cases_caseevent e WHERE pgh_obj_id = %s", [case.pk])
        events = " ".join(row[0] for row in cursor.fetchall())
    assert events and "ลับเฉพาะ" not in events and case.national_id not in events


def test_the_page_says_the_personal_data_was_erased(client_for, lampang_officer, lampang_volunteer):
    from django.urls import reverse

    case = closed_case(lampang_volunteer, 500)
    erase_expired_personal_data()
    page = client_for(lampang_officer).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "ลบแล้วเมื่อ" in page and "นางสาวทดสอบ" not in page


def test_the_management_command_and_the_task_erase_too(lampang_volunteer, tasks_at_once):
    first = closed_case(lampang_volunteer, 366)
    out = StringIO()
    call_command("erase_case_personal_data", stdout=out)
    assert "erased from 1 cases" in out.getvalue()
    first.refresh_from_db()
    assert first.person_name == ""
    second = closed_case(lampang_volunteer, 370)
    call_command("erase_case_personal_data", "--queue", stdout=StringIO())
    second.refresh_from_db()
    assert second.person_name == "" and second.personal_data_erased_on is not None
