"""Why a volunteer was out of office on a day is worded in one place (volunteers.rules.out_of_office_reason): a short
phrase with its dates in พ.ศ. (in English dates for an English reader) and the status held, which each page puts in
its own sentence after "เพราะ". The attendance refusal, the registration's note on the days that cannot be marked and
a case's spotted date outside service therefore tell the same story in the same words."""

import datetime as dt

import pytest
from django.utils import translation

from cases import services as case_services
from trainings import services as training_services
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers import rules

D = dt.date

# Each reading of the registry, with its phrase in Thai and in English.
REASONS = {
    "not yet appointed": (
        rules.OutOfOffice(rules.NOT_YET_APPOINTED, D(2025, 3, 10)),
        "เพิ่งได้รับแต่งตั้งเป็นอาสาสมัครเมื่อ 10 มี.ค. 2568",
        "they were only appointed on 10 Mar 2025",
    ),
    "resigned": (
        rules.OutOfOffice(rules.BY_STATUS, D(2025, 3, 5), status="resigned"),
        "มีสถานะ “ลาออก/พ้นสภาพ” ตั้งแต่ 5 มี.ค. 2568",
        "they have been “Resigned” since 5 Mar 2025",
    ),
    "suspended and back": (
        rules.OutOfOffice(rules.BY_STATUS, D(2025, 3, 1), status="suspended", until=D(2025, 3, 6)),
        "มีสถานะ “พักการปฏิบัติหน้าที่” ตั้งแต่ 1 มี.ค. 2568 จนกลับมาปฏิบัติหน้าที่เมื่อ 6 มี.ค. 2568",
        "they were “Suspended” from 1 Mar 2025 until they came back on 6 Mar 2025",
    ),
    "between terms": (
        rules.OutOfOffice(rules.BETWEEN_TERMS, D(2025, 3, 4), until=D(2025, 4, 1)),
        "อยู่ระหว่างวาระ โดยวาระก่อนสิ้นสุดวันที่ 4 มี.ค. 2568 และวาระถัดไปเริ่มวันที่ 1 เม.ย. 2568",
        "they are between terms, the earlier one ending on 4 Mar 2025 and the next beginning on 1 Apr 2025",
    ),
    "after the last term": (
        rules.OutOfOffice(rules.AFTER_TERMS, D(2025, 2, 28)),
        "วาระสิ้นสุดวันที่ 28 ก.พ. 2568",
        "their term ends on 28 Feb 2025",
    ),
}


@pytest.mark.parametrize("case", list(REASONS))
def test_the_reason_names_why_and_its_dates_in_the_buddhist_era(case):
    out, thai, _english = REASONS[case]

    with translation.override("th"):
        assert rules.out_of_office_reason(out) == thai


@pytest.mark.parametrize("case", list(REASONS))
def test_an_english_reader_reads_it_in_english_with_dates_of_the_common_era(case):
    out, _thai, english = REASONS[case]

    with translation.override("en"):
        assert rules.out_of_office_reason(out) == english


# The three pages that say it -------------------------------------------------------------------------------------


@pytest.fixture
def workshop(lampang):
    """Three days, 4 to 6 March 2568."""
    return EventFactory(host_province=lampang, start_date=D(2025, 3, 4), end_date=D(2025, 3, 6))


@pytest.fixture
def registration(workshop, lampang_volunteer):
    return RegistrationFactory(event=workshop, volunteer=lampang_volunteer)


def messages_for(out, registration, workshop, monkeypatch) -> dict[str, str]:
    """What each page says of a volunteer the registry calls out of office as `out` on the workshop's later days."""
    monkeypatch.setattr(training_services, "out_of_office_on", lambda volunteer, day: out)
    monkeypatch.setattr(
        training_services,
        "out_of_office_on_days",
        lambda volunteers, days: {v.pk: dict.fromkeys(days, out) for v in volunteers},
    )
    monkeypatch.setattr(case_services, "out_of_office_on", lambda volunteer, day: out)
    volunteer = registration.volunteer
    return {
        "attendance refusal": training_services.out_of_office_error(
            registration, workshop.days.get(date=D(2025, 3, 5))
        ),
        "registration note": training_services.attendance_cut_short(workshop, [volunteer])[volunteer.pk],
        "spotted date": case_services.spotted_out_of_office_error(volunteer, D(2025, 3, 5)),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("case", list(REASONS))
def test_the_attendance_the_registration_and_the_case_give_the_same_reason(
    case, language, registration, workshop, monkeypatch
):
    out = REASONS[case][0]

    with translation.override(language):
        because = ("เพราะ" if language == "th" else "because ") + rules.out_of_office_reason(out)
        said = messages_for(out, registration, workshop, monkeypatch)

    assert {page: because in message for page, message in said.items()} == dict.fromkeys(said, True), said
