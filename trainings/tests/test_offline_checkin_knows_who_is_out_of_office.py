"""The copy of the day a phone keeps for check-in without signal carries who may not be marked present that day (a
volunteer whose term ended, who resigned or is suspended, or is not yet appointed) with the words the server's refusal
uses, in Thai or in English, read from the registry at once however many are on the list. Offline, the phone refuses
such a code there and then, as it does a code nobody has, and queues nothing; a serving volunteer is queued as before.
The server still refuses at sync, as the phone's copy may be older than a change of status."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.english import THAI, english_name, in_english
from trainings import services
from trainings.models import Attendance
from trainings.tests.factories import EventFactory, RegistrationFactory
from trainings.tests.test_offline_checkin_in_browser import SLOW, checkin_url, prepare, signal  # noqa: F401
from volunteers.models import Term
from volunteers.tests.factories import VolunteerFactory

TERM_ENDED_ON_THE_3RD = (
    "นายสมหมาย ขยันยิ่ง ไม่ได้ปฏิบัติหน้าที่ในวันที่ 5 มี.ค. 2568 เพราะวาระสิ้นสุดวันที่ 3 มี.ค. 2568 จึงบันทึกการเข้าร่วมของวันนั้นไม่ได้"
)


def end_term(volunteer, ended_on: dt.date) -> None:
    """The volunteer's only term, on record, ended on `ended_on`."""
    volunteer.appointed_on = ended_on - dt.timedelta(days=730)
    volunteer.term_ends_on = ended_on
    volunteer.save()
    Term.objects.create(volunteer=volunteer, starts_on=volunteer.appointed_on, ends_on=ended_on)


@pytest.fixture
def workshop(lampang):
    """Three days, 4 to 6 March 2568."""
    return EventFactory(host_province=lampang, start_date=dt.date(2025, 3, 4), end_date=dt.date(2025, 3, 6))


@pytest.fixture
def fifth(workshop):
    return workshop.days.get(date=dt.date(2025, 3, 5))


def offline_list(client, event, day) -> dict:
    response = client.get(reverse("trainings:offline_list", args=[event.pk, day.pk]))
    assert response.status_code == 200
    return response.json()


def person_of(data, registration) -> dict:
    return next(p for p in data["people"] if p["id"] == registration.pk)


@pytest.mark.django_db
def test_the_copy_carries_the_reason_a_volunteer_whose_term_ended_cannot_be_marked(
    client_for, lampang_officer, lampang, workshop, fifth, lampang_volunteer
):
    end_term(lampang_volunteer, dt.date(2025, 3, 3))
    ended = RegistrationFactory(event=workshop, volunteer=lampang_volunteer)
    serving = RegistrationFactory(event=workshop, volunteer=VolunteerFactory(province=lampang))
    guest = RegistrationFactory(event=workshop, name="นางวิทยากร ภายนอก")

    data = offline_list(client_for(lampang_officer), workshop, fifth)

    assert person_of(data, ended)["out_of_office"] == {"2025-03-05": TERM_ENDED_ON_THE_3RD}
    assert person_of(data, serving)["out_of_office"] == {}
    assert person_of(data, guest)["out_of_office"] == {}


@pytest.mark.django_db
def test_in_english_the_copy_carries_the_reason_in_english(
    client_for, lampang_officer, workshop, fifth, lampang_volunteer
):
    end_term(lampang_volunteer, dt.date(2025, 3, 3))
    ended = RegistrationFactory(event=workshop, volunteer=lampang_volunteer)

    data = offline_list(in_english(client_for(lampang_officer)), workshop, fifth)

    why = person_of(data, ended)["out_of_office"]["2025-03-05"]
    assert why == (
        f"{english_name(lampang_volunteer)} was not serving on 5 Mar 2025 because their term ends on 3 Mar 2025, "
        "so their attendance of that day cannot be recorded"
    )
    assert not THAI.search(why.replace(lampang_volunteer.first_name, "").replace(lampang_volunteer.last_name, ""))


def on_the_list(workshop, lampang, count: int, first: int) -> None:
    """`count` volunteers registered whose term, on record, ended on the workshop's first day."""
    for n in range(first, first + count):
        volunteer = VolunteerFactory(province=lampang, first_name=f"อาสา{n}", last_name="ครบวาระ")
        end_term(volunteer, dt.date(2025, 3, 4))
        RegistrationFactory(event=workshop, volunteer=volunteer)


@pytest.mark.django_db
def test_a_copy_of_thirty_out_of_office_takes_no_more_queries_than_one_of_three(
    client_for, lampang_officer, lampang, workshop, fifth
):
    client = client_for(lampang_officer)
    on_the_list(workshop, lampang, 3, first=1)
    with CaptureQueriesContext(connection) as three_read:
        offline_list(client, workshop, fifth)
    on_the_list(workshop, lampang, 27, first=4)
    with CaptureQueriesContext(connection) as thirty_read:
        data = offline_list(client, workshop, fifth)

    assert len(thirty_read) <= len(three_read)
    assert sum(1 for p in data["people"] if p["out_of_office"]) == 30


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_offline_a_code_of_a_volunteer_whose_term_ended_is_refused_at_once_and_not_queued(
    browser_login,
    live_server,
    lampang_officer,
    lampang,
    lampang_volunteer,
    signal,  # noqa: F811
):
    today = timezone.localdate()
    event = EventFactory(host_province=lampang, start_date=today, title="อบรมอาสาสมัครแรงงาน ณ วัดพระธาตุ")
    day = event.days.get()
    end_term(lampang_volunteer, today - dt.timedelta(days=1))
    ended = RegistrationFactory(event=event, volunteer=lampang_volunteer)
    serving = RegistrationFactory(event=event, volunteer=VolunteerFactory(province=lampang, first_name="บุญมี"))
    why = services.out_of_office_error(ended, day)
    assert why and why.startswith("นายสมหมาย ขยันยิ่ง ไม่ได้ปฏิบัติหน้าที่ในวันที่") and "เพราะวาระสิ้นสุดวันที่" in why
    page = browser_login(lampang_officer)
    prepare(page, live_server, event, 2)

    signal.lose(page.context)
    # The tick list's copy on the phone: the line says why and a tap on it waits for nothing.
    page.reload()
    line = page.locator(f"tr.tick-row[data-registration='{ended.pk}']")
    expect(line).to_contain_text(why)
    line.click(force=True)
    expect(page.get_by_test_id("offline-pending")).to_be_hidden()

    page.goto(checkin_url(live_server, event))
    code = page.locator("#code-form input[name=code]")
    code.fill(ended.code.lower())
    page.locator("#code-form").evaluate("(form) => form.requestSubmit()")
    expect(page.get_by_test_id("checkin-result")).to_have_text(why)
    expect(page.get_by_test_id("offline-pending")).to_be_hidden()
    queued = page.evaluate(
        """() => new Promise((resolve, reject) => {
          const r = indexedDB.open("portal-checkin");
          r.onerror = () => reject(r.error);
          r.onsuccess = () => {
            const count = r.result.transaction("queue").objectStore("queue").count();
            count.onsuccess = () => { resolve(count.result); r.result.close(); };
          };
        })"""
    )
    assert queued == 0

    code.fill(serving.code)
    page.locator("#code-form").evaluate("(form) => form.requestSubmit()")
    expect(page.get_by_test_id("checkin-result")).to_contain_text(f"บันทึกการเข้าร่วมของ {serving.display_name} แล้ว")
    expect(page.get_by_test_id("offline-pending")).to_have_text("รอส่ง 1 รายการ")
    assert not Attendance.objects.exists()

    signal.restore(page.context)
    expect(page.get_by_test_id("offline-results")).to_have_text("ส่งแล้ว 1 รายการ", timeout=SLOW)
    assert list(Attendance.objects.values_list("registration_id", flat=True)) == [serving.pk]
