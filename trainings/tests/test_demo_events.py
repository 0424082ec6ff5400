"""The two events of the articles, as load_demo leaves them: real dates, places and targets."""

import datetime as dt
import html
import re
from collections import defaultdict

import pytest
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from core.templatetags.thai import be_date
from core.thai import current_fiscal_year
from trainings import demo
from trainings.models import Attendance, Event, Registration
from trainings.selectors import event_figures
from volunteers.models import Volunteer
from volunteers.services import out_of_office_on_many

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The registry's demo and the events, loaded once for the module (the national demo takes a while) in a
    transaction rolled back at the end."""
    import accounts.demo
    import mentors.demo
    import volunteers.demo

    with django_db_blocker.unblock(), transaction.atomic():
        for module in (accounts.demo, mentors.demo, volunteers.demo, demo):
            module.load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_events(demo_loaded, geography):
    return {
        "lampang": Event.objects.get(start_date="2020-01-07"),
        "bangkok": Event.objects.get(start_date="2020-12-03"),
    }


def figures(event):
    rows, total = event_figures(event)
    return {r.category: (r.target, r.registered, r.attended) for r in rows}, total


def test_the_lampang_workshop_lands_in_fy_2563_with_its_targets_and_most_present(demo_events):
    event = demo_events["lampang"]
    assert event.fiscal_year == 2563
    assert event.host_province.code == "52" and event.level == Event.Level.PROVINCIAL
    assert event.venue.startswith("ห้องประชุมล้อมรัก โรงแรม ณ บ้านแม่ รีสอร์ท")
    assert event.presiding_official == "รศ.ดร.จักษ์ พันธ์ชูเพชร"
    rows, total = figures(event)
    assert {c: (t, r) for c, (t, r, _) in rows.items()} == {
        "volunteer": (100, 100),
        "mentor": (14, 14),
        "anti_trafficking": (14, 14),
    }
    # Every 16th volunteer and the 14th officer stayed away.
    assert rows["volunteer"][2] == 94 and rows["mentor"][2] == 14 and rows["anti_trafficking"][2] == 13
    assert total.target == 128 and total.registered == 128 and total.attended == 121


def test_the_lampang_workshop_has_100_volunteers_of_lampang_serving_that_day_most_of_them_serving_still(demo_events):
    """As the article's workshop had: the demo registry keeps the records of those who served in January 2020."""
    event = demo_events["lampang"]
    pks = event.registrations.active().filter(category="volunteer").values_list("volunteer", flat=True)
    registered = list(Volunteer.objects.filter(pk__in=pks).select_related("province"))
    assert len(registered) == 100
    assert {v.province.code for v in registered} == {"52"}
    assert not out_of_office_on_many(registered, dt.date(2020, 1, 7))
    assert Volunteer.objects.serving().filter(pk__in=[v.pk for v in registered]).count() > 80


def test_the_bangkok_seminar_lands_in_fy_2564_with_115_people_from_76_provinces(demo_events):
    event = demo_events["bangkok"]
    assert event.fiscal_year == 2564
    assert event.level == Event.Level.NATIONAL and event.host_province.code == "10"
    assert event.presiding_official == "นายสุทธิ สุโกศล"
    rows, total = figures(event)
    assert total.registered == 115 and total.target == 115
    assert rows["mentor"][:2] == (76, 76)
    mentor_provinces = event.registrations.filter(category="mentor").values("home_province").distinct().count()
    assert mentor_provinces == 76
    assert not event.registrations.filter(category="mentor", home_province__code="10").exists()
    assert event.registrations.filter(category="mentor").exclude(mentor=None).count() == 76
    assert 105 <= total.attended < 115


def test_loading_the_demo_twice_changes_nothing(demo_events):
    def counts():
        articles = Registration.objects.filter(event__in=demo_events.values())
        return (Event.objects.count(), Registration.objects.count(), Attendance.objects.count(), articles.count())

    before = counts()
    demo.load()
    assert counts() == before
    assert before[3] == 243


def test_a_lampang_officer_sees_the_workshop_figures_and_their_mentor_in_the_seminar(
    client_for, lampang_officer, demo_events
):
    client = client_for(lampang_officer)
    page = client.get(reverse("trainings:detail", args=[demo_events["lampang"].pk])).content.decode()
    assert 'data-testid="total-registered">128<' in page
    response = client.get(reverse("trainings:registrations", args=[demo_events["bangkok"].pk]))
    assert [r.home_province.code for r in response.context["registrations"]] == ["52"]


def test_the_demo_records_attendance_only_on_days_that_have_come(demo_events):
    assert Attendance.objects.exists()
    assert not Attendance.objects.filter(day__date__gt=timezone.localdate()).exists()
    checked_in_on = {
        (timezone.localdate(a.checked_in_at), a.day.date) for a in Attendance.objects.select_related("day")
    }
    assert all(moment == day for moment, day in checked_in_on)  # each check-in on its own day, Bangkok time


def test_the_demo_records_attendance_only_of_volunteers_serving_that_day(demo_events):
    """As the check-in desk refuses (trainings.services.check_in): nobody is registered who was out of office when
    the event began, nor marked present on a day they were out of office."""
    on_day = defaultdict(set)
    for volunteer, day in Attendance.objects.exclude(registration__volunteer=None).values_list(
        "registration__volunteer", "day__date"
    ):
        on_day[day].add(volunteer)
    assert sum(len(volunteers) for volunteers in on_day.values()) > 3_000
    present_out = {
        day: sorted(out_of_office_on_many(Volunteer.objects.filter(pk__in=volunteers), day))
        for day, volunteers in on_day.items()
    }
    assert not {day: pks for day, pks in present_out.items() if pks}

    from_day = defaultdict(set)
    for volunteer, day in (
        Registration.objects.active().exclude(volunteer=None).values_list("volunteer", "event__start_date")
    ):
        from_day[day].add(volunteer)
    registered_out = {
        day: sorted(out_of_office_on_many(Volunteer.objects.filter(pk__in=volunteers), day))
        for day, volunteers in from_day.items()
    }
    assert not {day: pks for day, pks in registered_out.items() if pks}


def test_a_lampang_officer_sees_whose_term_ended_during_this_years_course(client_for, lampang_officer, demo_events):
    """Lampang's course of this fiscal year runs over the day a round of its leads' terms ended (volunteers.demo): the
    participants list names the last day the desk could mark them present, in พ.ศ., and the tick list of the course's
    last day has their line without a box, saying why."""
    course = Event.objects.get(
        host_province__code="52",
        level=Event.Level.PROVINCIAL,
        fiscal_year=current_fiscal_year(),
        end_date__gt=F("start_date"),
    )
    leaving = list(
        Volunteer.objects.filter(
            registrations__event=course, term_ends_on__gt=course.start_date, term_ends_on__lt=course.end_date
        )
    )
    assert 1 <= len(leaving) <= 2
    assert all(v.terms.order_by("starts_on").last().ends_on == v.term_ends_on for v in leaving)
    client = client_for(lampang_officer)

    notes = {}
    number, pages = 1, 1
    while number <= pages:
        response = client.get(reverse("trainings:registrations", args=[course.pk]), {"page": number})
        page = html.unescape(response.content.decode())
        for code, row in re.findall(r'<tr [^>]*data-code="(\w+)"[^>]*>(.*?)</tr>', page, re.S):
            if note := re.search(r'data-testid="cut-short">([^<]*)<', row):
                notes[code] = note.group(1)
        number, pages = number + 1, response.context["page"].paginator.num_pages
    for volunteer in leaving:
        code = course.registrations.get(volunteer=volunteer).code
        last_day = be_date(volunteer.term_ends_on)
        assert last_day.endswith(str(volunteer.term_ends_on.year + 543))
        assert f"บันทึกการเข้าร่วมได้ถึงวันที่ {last_day}" in notes[code]
    assert len(notes) == len(leaving)

    last = course.days.get(date=course.end_date)
    tick_list = html.unescape(client.get(reverse("trainings:tick", args=[course.pk, last.pk])).content.decode())
    for volunteer in leaving:
        # A row to tick once the day has come, a line of the list before it: the line is found by the name it says.
        line = next(
            line for line in re.findall(r"<tr\b.*?</tr>|<li\b.*?</li>", tick_list, re.S) if volunteer.full_name in line
        )
        assert 'data-testid="out-of-office"' in line
        assert be_date(volunteer.term_ends_on) in line and "วาระ" in line
        assert 'role="button"' not in line and "bi-circle" not in line and "มาแล้ว" not in line
