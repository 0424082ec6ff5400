"""A Thai name typed with its tone mark before its vowel (ก, mai ek, sara u instead of ก, sara u, mai ek), or with sara am
split around its tone mark, looks the same on screen as the name written right but is another string: it was saved as
typed, and a search typed the other way did not find it. Every door now writes it in Unicode's order, the search
boxes read what is typed the same way, and a data migration put the names already stored in order."""

import importlib

import pytest
from django.db import connection
from django.urls import reverse

from core import thai
from core.people import clean_stored_names
from mentors.models import Mentor
from mentors.tests.factories import MentorFactory
from rosters.tests.factories import person, xlsx_bytes
from rosters.tests.helpers import check_file_content
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory
from volunteers.tests.test_register_volunteer import fix_check_digit, form_data  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

PHUMPHUANG = "\u0e1e\u0e38\u0e48\u0e21\u0e1e\u0e27\u0e07"  # พุ่มพวง: พ, sara u, mai ek, ม, พ, ว, ง
PHUMPHUANG_TONE_FIRST = "\u0e1e\u0e48\u0e38\u0e21\u0e1e\u0e27\u0e07"  # the same, typed mai ek before sara u
NAMPHUENG = "\u0e19\u0e49\u0e33\u0e1c\u0e36\u0e49\u0e07"  # น้ำผึ้ง
NAMPHUENG_AS_TYPED = (
    "\u0e19\u0e4d\u0e49\u0e32\u0e1c\u0e49\u0e36\u0e07"  # nikhahit, mai tho, sara aa; mai tho before sara ue
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (PHUMPHUANG_TONE_FIRST, PHUMPHUANG),
        (NAMPHUENG_AS_TYPED, NAMPHUENG),
        ("\u0e28\u0e31\u0e01\u0e14\u0e4c\u0e34", "\u0e28\u0e31\u0e01\u0e14\u0e34\u0e4c"),  # ศักดิ์, thanthakhat first
        (PHUMPHUANG, PHUMPHUANG),
        ("\u0e01\u0e47", "\u0e01\u0e47"),  # ก็: maitaikhu alone
    ],
)
def test_marks_are_put_in_the_order_a_name_written_right_has(typed, stored):
    assert thai.clean_text(typed) == stored


def test_a_name_registered_with_the_tone_mark_first_is_saved_in_order_and_found_typed_either_way(
    client_for,
    lampang_officer,
    form_data,  # noqa: F811
):
    fix_check_digit(form_data)
    form_data.update(first_name=NAMPHUENG_AS_TYPED, last_name=PHUMPHUANG_TONE_FIRST)
    client = client_for(lampang_officer)

    assert client.post(reverse("volunteers:create"), form_data).status_code == 302

    volunteer = Volunteer.objects.get()
    assert (volunteer.first_name, volunteer.last_name) == (NAMPHUENG, PHUMPHUANG)
    detail = f'href="{reverse("volunteers:detail", args=[volunteer.pk])}"'
    for typed in (PHUMPHUANG, PHUMPHUANG_TONE_FIRST, NAMPHUENG_AS_TYPED[:4]):
        assert detail in client.get(reverse("volunteers:list"), {"q": typed}).content.decode(), typed


def test_a_roster_row_with_the_tone_mark_first_is_imported_in_order(lampang):
    row = person(1, **{"ชื่อ": NAMPHUENG_AS_TYPED, "นามสกุล": PHUMPHUANG_TONE_FIRST})

    _table, checked = check_file_content(xlsx_bytes([row]), lampang)

    values = dict(zip(checked.fields, checked.new[0], strict=True))
    assert (values["first_name"], values["last_name"]) == (NAMPHUENG, PHUMPHUANG)


def test_a_mentor_is_found_by_a_search_typed_with_the_tone_mark_first(client_for, lampang_officer, lampang):
    mentor = MentorFactory(province=lampang, last_name=PHUMPHUANG)

    page = client_for(lampang_officer).get(reverse("mentors:list"), {"q": PHUMPHUANG_TONE_FIRST}).content.decode()

    assert reverse("mentors:detail", args=[mentor.pk]) in page


def test_names_stored_before_the_rule_are_written_again_in_order_and_others_are_left_alone(lampang):
    typed_before = VolunteerFactory(province=lampang, first_name="ดวงพร")
    written_right = VolunteerFactory(province=lampang, first_name="สมหญิง", last_name=PHUMPHUANG)
    # As an older version saved them: the rows as typed, past today's cleaning.
    Volunteer.objects.across_provinces("test").filter(pk=typed_before.pk).update(
        first_name=NAMPHUENG_AS_TYPED, last_name=PHUMPHUANG_TONE_FIRST
    )
    mentor = MentorFactory(province=lampang)
    Mentor.objects.across_provinces("test").filter(pk=mentor.pk).update(first_name=PHUMPHUANG_TONE_FIRST)
    untouched_at = Volunteer.objects.across_provinces("test").get(pk=written_right.pk).updated_at

    for app, module in (
        ("volunteers", "0021_names_with_marks_in_order"),
        ("mentors", "0010_names_with_marks_in_order"),
    ):
        migration = importlib.import_module(f"{app}.migrations.{module}")
        migration.Migration.operations[0].code(None, connection.schema_editor())

    typed_before.refresh_from_db()
    mentor.refresh_from_db()
    assert (typed_before.first_name, typed_before.last_name) == (NAMPHUENG, PHUMPHUANG)
    assert mentor.first_name == PHUMPHUANG
    written_right.refresh_from_db()
    assert (written_right.last_name, written_right.updated_at) == (PHUMPHUANG, untouched_at)
    with connection.cursor() as cursor:  # a second run finds nothing left to write
        assert clean_stored_names(cursor, "volunteers_volunteer", ["first_name", "last_name"]) == 0
