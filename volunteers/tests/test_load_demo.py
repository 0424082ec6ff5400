"""`load_demo` builds a national network shaped like the real one (issue 14): about 7,800 volunteers in all 77
provinces, one lead per covered subdistrict and three per แขวง in part of Bangkok, terms from different years (some
ending within 90 days, some ended), 1-20 mentors per province, five fiscal years of events; twice changes nothing.

The demo is loaded once for the module (it takes a while) inside a transaction rolled back at the end."""

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, F, Max, Min
from django.test import override_settings
from django.utils import timezone

from core.thai import current_fiscal_year, is_valid_national_id
from mentors.models import Mentor
from provinces.models import Agency, Province
from reports import selectors as reports
from trainings.models import Attendance, Event, Registration
from volunteers.models import StatusChange, Term, Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    # The demo's files (the sample roster's failed rows) go to a throwaway folder, not the portal's.
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded, geography):
    return timezone.localdate()


def counts_of_every_model() -> dict[str, int]:
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in tables
    }


def test_every_province_has_volunteers_about_as_many_as_the_real_network(demo):
    assert 7_000 <= Volunteer.objects.count() <= 8_500
    assert Province.objects.filter(volunteers__isnull=False).distinct().count() == 77
    assert all(is_valid_national_id(n) for n in Volunteer.objects.values_list("national_id", flat=True))
    # Most are serving leads; some provinces also have network members.
    serving = Volunteer.objects.serving()
    assert serving.count() > 6_000
    assert 100 < serving.filter(tier="network").count() < 1_000
    assert serving.filter(tier="network").values("province").distinct().count() >= 10


def test_coverage_varies_between_provinces_with_vacancies_everywhere_but_never_empty(demo):
    sizes = dict(Province.objects.exclude(code="10").annotate(n=Count("subdistricts")).values_list("code", "n"))
    with_lead = dict(
        Volunteer.objects.serving()
        .filter(tier="lead")
        .exclude(province__code="10")
        .values_list("province__code")
        .annotate(n=Count("subdistrict", distinct=True))
    )
    covered = {code: with_lead.get(code, 0) / size for code, size in sizes.items()}
    assert len(covered) == 76
    assert len([c for c in covered.values() if c >= 0.75]) >= 65
    assert 3 <= len([c for c in covered.values() if c < 0.75]) <= 10  # a few weaker provinces
    assert len([c for c in covered.values() if c < 1]) >= 65  # vacancies nearly everywhere
    assert min(covered.values()) > 0.4
    # Outside Bangkok one lead per subdistrict: never two serving leads in one.
    doubled = (
        Volunteer.objects.serving()
        .filter(tier="lead")
        .exclude(province__code="10")
        .values("subdistrict")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not doubled.exists()


def test_bangkok_has_three_leads_in_some_khwaeng_and_fewer_in_others(demo):
    bangkok = Province.objects.get(code="10")
    leads = Counter(
        dict(
            Volunteer.objects.serving()
            .filter(province=bangkok, tier="lead")
            .values_list("subdistrict")
            .annotate(n=Count("id"))
        )
    )
    per_khwaeng = Counter(leads.get(s, 0) for s in bangkok.subdistricts.values_list("pk", flat=True))
    assert per_khwaeng[3] >= 50
    assert per_khwaeng[1] + per_khwaeng[2] >= 30 and per_khwaeng[0] > 0
    assert sum(n * k for n, k in per_khwaeng.items()) < 540  # partly filled


def test_terms_started_in_different_years_some_end_soon_and_some_have_ended(demo):
    today = demo
    total = Volunteer.objects.count()
    ending = Volunteer.objects.serving().filter(term_ends_on__lte=today + dt.timedelta(days=90))
    assert ending.count() > 200
    ended = Volunteer.objects.term_ended()
    assert 0.01 * total < ended.count() < 0.08 * total  # ครบวาระ: a few percent
    assert ended.filter(term_ends_on__gte=today - dt.timedelta(days=366)).count() == ended.count()
    assert {d.year for d in Volunteer.objects.values_list("appointed_on", flat=True)} >= set(
        range(today.year - 6, today.year)
    )


def test_every_appointed_volunteer_has_terms_and_the_latest_gives_the_term_end(demo):
    assert not Volunteer.objects.filter(appointed_on__isnull=False, terms__isnull=True).exists()
    mismatched = Volunteer.objects.annotate(last_end=Max("terms__ends_on")).exclude(term_ends_on=F("last_end")).count()
    assert mismatched == 0
    assert (
        not Volunteer.objects.annotate(first_start=Min("terms__starts_on"))
        .exclude(appointed_on=F("first_start"))
        .exists()
    )
    # Second terms keep the first: two Term rows, back to back.
    second = Volunteer.objects.annotate(n=Count("terms")).filter(n__gte=2)
    assert second.count() > 1_000
    volunteer = second.order_by("pk").first()
    first, following = list(Term.objects.filter(volunteer=volunteer).order_by("starts_on"))[:2]
    assert following.starts_on == first.ends_on + dt.timedelta(days=1)


def test_leavers_have_a_reason_and_their_status_change(demo):
    leavers = Volunteer.objects.exclude(status="active")
    assert leavers.filter(status="resigned").count() > 200
    assert leavers.filter(status="deceased").exists() and leavers.filter(status="suspended").exists()
    reinstated = Volunteer.objects.filter(status="active", absence_status="suspended")
    assert leavers.count() + 2 * reinstated.count() == StatusChange.objects.count()
    assert not StatusChange.objects.filter(reason="").exists()
    assert not leavers.exclude(status_changes__to_status=F("status")).exists()


def test_some_serving_volunteers_were_away_and_came_back(demo):
    """Reinstated after a suspension within the months the monthly reports cover (the last 24), or re-appointed a
    year after their term ended before them: the reports count them as not serving at the ends of the years between
    (volunteers.absences), and the monthly reports expect nothing of them in the months they were away."""
    returned = Volunteer.objects.filter(status="active").exclude(absent_from=None)
    assert set(returned.values_list("absence_status", flat=True)) == {"suspended", "term_ended"}
    assert returned.count() > 0.01 * Volunteer.objects.filter(status="active").count()
    reports_begin = timezone.localdate() - dt.timedelta(days=2 * 366)
    assert not returned.filter(absence_status="term_ended", absent_until__gt=reports_begin).exists()
    assert not returned.filter(absence_status="suspended", absent_from__lt=reports_begin).exists()
    for volunteer in returned.filter(absence_status="suspended")[:20]:
        steps = list(volunteer.status_changes.order_by("changed_on").values_list("to_status", "changed_on"))
        assert steps == [("suspended", volunteer.absent_from), ("active", volunteer.absent_until)]


def test_one_to_twenty_mentors_per_province_from_its_agencies_and_most_volunteers_have_one(demo):
    per_province = dict(Province.objects.annotate(n=Count("mentors")).values_list("code", "n"))
    assert all(1 <= n <= 20 for n in per_province.values()), per_province
    assert per_province["52"] == 14
    assert len(set(per_province.values())) > 8
    lampang_mentors = Mentor.objects.filter(province__code="52")
    assert lampang_mentors.values("agency__kind").distinct().count() == len(Agency.Kind.values)
    assert not Mentor.objects.exclude(agency__province=F("province")).exists()
    with_mentor = Volunteer.objects.filter(mentor__isnull=False)
    assert with_mentor.count() > 0.8 * Volunteer.objects.count()
    assert not with_mentor.exclude(mentor__province=F("province")).exists()


def test_five_fiscal_years_of_events_with_people_from_many_provinces(demo):
    current = current_fiscal_year()
    years = set(Event.objects.values_list("fiscal_year", flat=True))
    assert set(range(current - 4, current + 1)) <= years
    assert current + 1 in years
    for fy in range(current - 4, current):
        held = Attendance.objects.filter(registration__event__fiscal_year=fy)
        assert held.values("registration__home_province").distinct().count() > 30, fy
        assert Event.objects.filter(fiscal_year=fy, level="provincial").count() >= 10
    national = Event.objects.filter(fiscal_year=current - 1, level="national").annotate(
        provinces=Count("registrations__home_province", distinct=True)
    )
    assert max(e.provinces for e in national) > 40
    upcoming = Event.objects.filter(start_date__gt=demo, status="open")
    assert upcoming.exists()
    assert Registration.objects.filter(event__in=upcoming).exists()
    assert not Attendance.objects.filter(day__date__gt=demo).exists()
    # The two events of the articles are still there, as they were.
    # (Lampang's volunteers: those of the registry serving in January 2020, trainings/tests/test_demo_events.py.)
    lampang = Event.objects.filter(start_date="2020-01-07", fiscal_year=2563).get()
    assert lampang.registrations.exclude(category="volunteer").count() == 28
    assert Event.objects.filter(start_date="2020-12-03", fiscal_year=2564).get().registrations.count() == 115


def test_the_national_dashboard_of_this_year_shows_a_whole_nation(demo):
    data = reports.dashboard(current_fiscal_year())
    assert len(data["rows"]) == 77
    assert all(row["active"] > 0 and row["covered"] > 0 for row in data["rows"])
    assert data["country"]["serving"] > 6_000
    assert data["country"]["covered"] > 0.8 * data["country"]["subdistricts"]
    assert data["country"]["mentors"] > 300


def test_loading_twice_changes_no_count(demo):
    before = counts_of_every_model()
    call_command("load_demo", stdout=StringIO())
    assert counts_of_every_model() == before
    assert before["volunteers.Volunteer"] > 7_000 and before["volunteers.Term"] > before["volunteers.Volunteer"]
