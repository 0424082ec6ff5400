"""On the tick list of a day a registered volunteer is out of office (resigned, term ended, suspended), their line has
no box to tick nor a "มาแล้ว" button: it says, in the words the desk's refusal uses, that they cannot be marked that
day and why, in Thai or in English. The other days, and the other people, are ticked as before, and the page reads
the registry at once, however many are on the list."""

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.english import english_name, in_english
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.models import StatusChange, Term, Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

RESIGNED_ON_THE_5TH = (
    "นายสมหมาย ขยันยิ่ง ไม่ได้ปฏิบัติหน้าที่ในวันที่ 5 มี.ค. 2568 เพราะมีสถานะ “ลาออก/พ้นสภาพ” ตั้งแต่ 5 มี.ค. 2568 "
    "จึงบันทึกการเข้าร่วมของวันนั้นไม่ได้"
)


@pytest.fixture
def workshop(lampang):
    """Three days, 4 to 6 March 2568."""
    return EventFactory(host_province=lampang, start_date=dt.date(2025, 3, 4), end_date=dt.date(2025, 3, 6))


@pytest.fixture
def resigned(workshop, lampang_volunteer):
    """Registered for the workshop, then resigned from its second day, 5 March."""
    registration = RegistrationFactory(event=workshop, volunteer=lampang_volunteer)
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(
        appointed_on=dt.date(2024, 1, 10), status="resigned", status_changed_on=dt.date(2025, 3, 5)
    )
    StatusChange.objects.create(
        volunteer=lampang_volunteer,
        from_status="active",
        to_status="resigned",
        changed_on=dt.date(2025, 3, 5),
        reason="-",
    )
    return registration


def tick_list(client, event, day: int):
    response = client.get(reverse("trainings:tick", args=[event.pk, event.days.get(date=dt.date(2025, 3, day)).pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def line_of(page: str, registration) -> str:
    return re.search(rf'<tr [^>]*data-registration="{registration.pk}".*?</tr>', page, re.S).group(0)


def test_the_line_of_a_day_out_of_office_says_why_and_has_no_box(client_for, lampang_officer, workshop, resigned):
    guest = RegistrationFactory(event=workshop, name="นางวิทยากร ภายนอก")

    page = tick_list(client_for(lampang_officer), workshop, 5)

    line = line_of(page, resigned)
    assert RESIGNED_ON_THE_5TH in line
    assert 'data-testid="out-of-office"' in line
    assert 'role="button"' not in line and "มาแล้ว" not in line and "bi-circle" not in line
    guest_line = line_of(page, guest)
    assert 'role="button"' in guest_line and "มาแล้ว" in guest_line
    assert page.count('data-testid="out-of-office"') == 1


def test_the_day_before_the_resignation_has_the_box_as_before(client_for, lampang_officer, workshop, resigned):
    line = line_of(tick_list(client_for(lampang_officer), workshop, 4), resigned)

    assert 'role="button"' in line and "มาแล้ว" in line
    assert "บันทึกการเข้าร่วมของวันนั้นไม่ได้" not in line


def test_in_english_the_line_says_it_in_english(client_for, lampang_officer, workshop, resigned):
    page = tick_list(in_english(client_for(lampang_officer)), workshop, 6)

    line = line_of(page, resigned)
    assert (
        f"{english_name(resigned.volunteer)} was not serving on 6 Mar 2025 because they have been “Resigned” since "
        "5 Mar 2025, so their attendance of that day cannot be recorded"
    ) in line
    assert "บันทึก" not in line


def on_the_list(workshop, lampang, count: int, first: int) -> None:
    """`count` volunteers registered whose term, on record, ended on the workshop's first day."""
    for n in range(first, first + count):
        volunteer = VolunteerFactory(
            province=lampang, first_name=f"อาสา{n}", last_name="ครบวาระ", term_ends_on=dt.date(2025, 3, 4)
        )
        Term.objects.create(volunteer=volunteer, starts_on=dt.date(2023, 3, 5), ends_on=dt.date(2025, 3, 4))
        RegistrationFactory(event=workshop, volunteer=volunteer)


def test_a_list_of_thirty_out_of_office_takes_no_more_queries_than_one_of_three(
    client_for, lampang_officer, lampang, workshop
):
    client = client_for(lampang_officer)
    on_the_list(workshop, lampang, 3, first=1)
    with CaptureQueriesContext(connection) as three_read:
        tick_list(client, workshop, 5)
    on_the_list(workshop, lampang, 27, first=4)
    with CaptureQueriesContext(connection) as thirty_read:
        page = tick_list(client, workshop, 5)

    assert len(thirty_read) <= len(three_read)
    assert page.count('data-testid="out-of-office"') == 30
    assert "นายอาสา30 ครบวาระ ไม่ได้ปฏิบัติหน้าที่ในวันที่ 5 มี.ค. 2568 เพราะวาระสิ้นสุดวันที่ 4 มี.ค. 2568" in page
