"""Rows an import writes in bulk get their "insert" history from the import, once; every other insert keeps
pghistory's own, in the same transaction too."""

import pytest
from django.db import connection, transaction

from core.bulk_history import history_written_here
from mentors.models import MentorEvent
from mentors.tests.factories import MentorFactory
from volunteers.models import VolunteerEvent
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_inside_the_block_the_row_trigger_writes_no_history_and_after_it_writes_again(lampang):
    with transaction.atomic(), connection.cursor() as cursor:
        with history_written_here(cursor):
            written_by_caller = VolunteerFactory(province=lampang)
            mentor_by_caller = MentorFactory(province=lampang)
        after = VolunteerFactory(province=lampang)

    assert not VolunteerEvent.objects.filter(pgh_obj=written_by_caller).exists()
    assert not MentorEvent.objects.filter(pgh_obj=mentor_by_caller).exists()
    assert list(VolunteerEvent.objects.filter(pgh_obj=after).values_list("pgh_label", flat=True)) == ["insert"]


def test_an_update_inside_the_block_writes_no_history_and_after_it_does(lampang):
    volunteer = VolunteerFactory(province=lampang)
    with transaction.atomic(), connection.cursor() as cursor:
        with history_written_here(cursor):
            cursor.execute("UPDATE volunteers_volunteer SET last_name = 'ในบล็อก' WHERE id = %s", [volunteer.pk])
        cursor.execute("UPDATE volunteers_volunteer SET last_name = 'หลังบล็อก' WHERE id = %s", [volunteer.pk])

    updates = VolunteerEvent.objects.filter(pgh_obj=volunteer, pgh_label="update")
    assert list(updates.values_list("last_name", flat=True)) == ["หลังบล็อก"]


def test_an_error_inside_the_block_rolls_the_setting_back_with_the_rows(lampang):
    with (
        pytest.raises(RuntimeError),
        transaction.atomic(),
        connection.cursor() as cursor,
        history_written_here(cursor),
    ):
        VolunteerFactory(province=lampang)
        raise RuntimeError

    volunteer = VolunteerFactory(province=lampang)

    assert VolunteerEvent.objects.filter(pgh_obj=volunteer, pgh_label="insert").count() == 1
