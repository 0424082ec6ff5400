"""The registry's one answer to "was this volunteer serving on day D" (volunteers.rules.out_of_office_on, read from
the record by volunteers.services.out_of_office_on): why not, with the dates the pages name."""

import datetime as dt

import pytest

from volunteers import rules
from volunteers.models import StatusChange, Term
from volunteers.services import out_of_office_on

D = dt.date


def reading(day, **story):
    values = {"appointed_on": D(2020, 1, 7), "status": "active", "status_changed_on": D(2020, 1, 7)}
    return rules.out_of_office_on(day, **{**values, **story})


def test_a_day_within_the_term_and_active_is_a_serving_day():
    assert reading(D(2021, 5, 1), terms=[(D(2020, 1, 7), D(2022, 1, 6))]) is None


def test_before_the_appointment_they_were_not_yet_appointed():
    assert reading(D(2019, 12, 31)) == rules.OutOfOffice(rules.NOT_YET_APPOINTED, D(2020, 1, 7))


def test_a_suspension_names_its_status_and_day_and_the_return_that_ended_it():
    changes = [(D(2021, 2, 1), "suspended"), (D(2021, 6, 1), "active")]

    assert reading(D(2021, 3, 1), changes=changes) == rules.OutOfOffice(
        rules.BY_STATUS, D(2021, 2, 1), status="suspended", until=D(2021, 6, 1)
    )
    assert reading(D(2021, 6, 1), changes=changes) is None


def test_the_record_alone_says_when_one_left_without_a_history_as_an_imported_leaver():
    assert reading(D(2023, 1, 1), status="resigned", status_changed_on=D(2022, 6, 15)) == rules.OutOfOffice(
        rules.BY_STATUS, D(2022, 6, 15), status="resigned"
    )


def test_between_two_terms_and_after_the_last_one_are_told_apart():
    terms = [(D(2020, 1, 7), D(2022, 1, 6)), (D(2022, 6, 1), D(2024, 5, 31))]

    assert reading(D(2022, 3, 1), terms=terms) == rules.OutOfOffice(
        rules.BETWEEN_TERMS, D(2022, 1, 6), until=D(2022, 6, 1)
    )
    assert reading(D(2025, 1, 1), terms=terms, term_ends_on=D(2024, 5, 31)) == rules.OutOfOffice(
        rules.AFTER_TERMS, D(2024, 5, 31)
    )


@pytest.mark.django_db
def test_the_record_with_its_history_and_terms_gives_the_same_answer(lampang_volunteer, lampang_officer):
    lampang_volunteer.appointed_on = D(2020, 1, 7)
    lampang_volunteer.term_ends_on = D(2022, 1, 6)
    lampang_volunteer.save()
    Term.objects.create(volunteer=lampang_volunteer, starts_on=D(2020, 1, 7), ends_on=D(2022, 1, 6))
    StatusChange.objects.create(
        volunteer=lampang_volunteer, from_status="active", to_status="suspended", changed_on=D(2021, 2, 1), reason="-"
    )
    StatusChange.objects.create(
        volunteer=lampang_volunteer, from_status="suspended", to_status="active", changed_on=D(2021, 6, 1), reason="-"
    )

    assert out_of_office_on(lampang_volunteer, D(2021, 3, 1)) == rules.OutOfOffice(
        rules.BY_STATUS, D(2021, 2, 1), status="suspended", until=D(2021, 6, 1)
    )
    assert out_of_office_on(lampang_volunteer, D(2021, 7, 1)) is None
    assert out_of_office_on(lampang_volunteer, D(2022, 2, 1)) == rules.OutOfOffice(rules.AFTER_TERMS, D(2022, 1, 6))
