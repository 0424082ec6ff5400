"""An officer who saves a volunteer while an import of the same province runs waits for the import, rather than one
of them failing as a deadlock on the tallies' rows (reports/tallies.py, PROVINCE_WRITE_LOCK)."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction
from django.db.models import Case, Value, When

from reports.tests.test_report_tallies import assert_tallies_exact
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db(transaction=True)

FLIP_TIER = Case(When(tier="lead", then=Value("network")), default=Value("lead"))


def appointed_in(subdistrict, year: int, n: int) -> list[int]:
    return [
        VolunteerFactory(
            subdistrict=subdistrict, appointed_on=dt.date(year, 1, 10), term_ends_on=dt.date(2030, 9, 30), tier="lead"
        ).pk
        for _ in range(n)
    ]


def test_a_save_during_an_import_of_the_same_province_waits_for_it(lampang):
    subdistrict = lampang.subdistricts.order_by("code")[0]
    first_batch = appointed_in(subdistrict, 2020, 3)
    # The officer's volunteer and the import's second batch share their tally rows (appointed in 2018, leads),
    # which the import's first batch does not touch.
    officers_volunteer, *second_batch = appointed_in(subdistrict, 2018, 4)
    first_written, errors, finished = threading.Event(), [], []

    def run(name, work):
        try:
            work()
            finished.append(name)
        except Exception as error:  # whatever failed, the assertion below shows it
            errors.append((name, repr(error)))
        finally:
            connection.close()

    def roster_import():
        with transaction.atomic():
            Volunteer.objects.filter(pk__in=first_batch).update(tier=FLIP_TIER)
            first_written.set()
            time.sleep(1.5)  # the officer saves meanwhile; PostgreSQL looks for deadlocks after 1 s of waiting
            Volunteer.objects.filter(pk__in=second_batch).update(tier=FLIP_TIER)

    def officers_save():
        first_written.wait(10)
        volunteer = Volunteer.objects.get(pk=officers_volunteer)
        volunteer.tier = "network"
        volunteer.save()

    threads = [
        threading.Thread(target=run, args=("import", roster_import)),
        threading.Thread(target=run, args=("save", officers_save)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert finished == ["import", "save"], "the save waited for the import to commit"
    assert Volunteer.objects.filter(tier="network").count() == 3 + 3 + 1
    assert_tallies_exact()
