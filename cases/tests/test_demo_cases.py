"""`load_demo` adds a few hundred cases per province over the last 24 months (issue 15): referred by volunteers serving
then to the agency that takes what the person needs, most done within 5-45 days, some not referable with a reason,
some overdue, a few flagged (more on the borders), names on some open cases only, personal data erased a year after
closing; the tallies count them, the monthly reports count the referrals, and a second load adds nothing.

The demo is loaded once for the module (it takes a while) inside a transaction rolled back at the end."""

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from activity import rules
from activity.models import MonthlyReport
from cases import demo
from cases.models import Case, CaseTally, Status
from provinces.models import Agency, Province
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def today(demo_loaded, geography):
    return timezone.localdate()


def test_every_province_has_a_few_hundred_cases_of_the_last_24_months_more_where_the_network_is_larger(today):
    per_province = dict(Case.objects.values_list("province__code").annotate(n=Count("pk")).order_by())
    assert set(per_province) == set(Province.objects.values_list("code", flat=True))
    # Lampang and Chiang Mai also hold the hand-written ones.
    assert all(140 <= n <= 400 + len(demo.CASES.get(code, [])) for code, n in per_province.items())
    sizes = dict(Volunteer.objects.values_list("province__code").annotate(n=Count("pk")).order_by())
    largest, smallest = max(sizes, key=sizes.get), min(sizes, key=sizes.get)
    assert per_province[largest] > per_province[smallest] + 150
    assert not Case.objects.filter(referred_on__lt=today - dt.timedelta(days=demo.DAYS)).exists()
    assert not Case.objects.filter(referred_on__gt=today).exists()


def test_each_case_was_referred_by_a_volunteer_serving_then_to_the_agency_for_its_needs(today):
    cases = Case.objects.all()
    assert not cases.exclude(volunteer__province=F("province"), agency__province=F("province")).exists()
    assert not cases.exclude(subdistrict=F("volunteer__subdistrict")).exists()
    for month in {rules.month_start(today - dt.timedelta(days=d)) for d in range(0, demo.DAYS, 30)}:
        serving = Volunteer.objects.filter(rules.serving_in_month(month))
        of_month = cases.filter(referred_on__gte=month, referred_on__lt=rules.next_month(month))
        assert not of_month.exclude(volunteer__in=serving).exists(), month
    # Jobs go to the employment office, Section 40 to social security, training to skill development, complaints,
    # protection and safety to the labour protection and welfare office.
    assert set(cases.values_list("needs__0", "agency__kind").distinct()) == {
        ("job_seekers", Agency.Kind.EMPLOYMENT),
        ("section40_applicants", Agency.Kind.SOCIAL_SECURITY),
        ("training_applicants", Agency.Kind.SKILL),
        ("complaints", Agency.Kind.WELFARE),
        ("info_protection", Agency.Kind.WELFARE),
        ("info_safety", Agency.Kind.WELFARE),
    }


def test_most_cases_are_done_within_5_to_45_days_some_not_referable_some_overdue(today):
    cases = Case.objects.all()
    total = cases.count()
    done = cases.filter(status=Status.DONE)
    assert 0.65 <= done.count() / total <= 0.9
    days = [(closed - referred).days for referred, closed in done.values_list("referred_on", "closed_on")]
    assert sum(5 <= d <= 45 for d in days) / len(days) > 0.98
    not_referable = cases.filter(status=Status.NOT_REFERABLE)
    assert 0.03 <= not_referable.count() / total <= 0.1
    assert set(not_referable.values_list("not_referable_reason", flat=True)) >= set(demo.NOT_REFERABLE_REASONS)
    overdue = cases.overdue(today)
    assert 0.03 <= overdue.count() / total <= 0.15
    assert cases.open().filter(referred_on__gte=today - dt.timedelta(days=settings.CASE_OVERDUE_DAYS)).exists()
    assert cases.filter(status=Status.ACCEPTED).exists() and cases.filter(status=Status.REFERRED).exists()


def test_a_few_cases_are_flagged_in_every_province_more_on_the_borders(today):
    flagged = dict(Case.objects.filter(flagged=True).values_list("province__code").annotate(n=Count("pk")).order_by())
    assert len(flagged) >= 75
    inland = [n for code, n in flagged.items() if code not in demo.BORDER and code != "52"]
    assert max(inland) <= 3
    assert min(flagged[code] for code in demo.BORDER) >= 4


def test_names_and_contacts_only_on_open_cases_and_erased_a_year_after_closing(today):
    cases = Case.objects.all()
    named = cases.exclude(person_name="")
    assert named.count() > 500
    # Besides the hand-written ones (one closed case each in Lampang and Chiang Mai keeps its name).
    assert named.exclude(status__in=[Status.REFERRED, Status.ACCEPTED]).count() <= 2
    assert cases.exclude(person_contact="").filter(person_contact__startswith="08").exists()
    expired = cases.filter(closed_on__lte=today - dt.timedelta(days=settings.CASE_PERSONAL_DATA_DAYS))
    assert expired.count() > 1000
    assert not expired.filter(personal_data_erased_on__isnull=True).exists()
    assert not expired.exclude(person_name="", person_contact="", national_id="").exists()
    assert not cases.filter(
        closed_on__gt=today - dt.timedelta(days=settings.CASE_PERSONAL_DATA_DAYS), personal_data_erased_on__isnull=False
    ).exists()


def test_the_demo_accounts_see_their_cases(today, client):
    agency = User.objects.get(username="lampang.agency")
    client.force_login(agency)
    # The hand-written referral to the employment office, with the person's name the office calls back.
    referral = Case.objects.get(person_name="นายสมบัติ ว่างงาน")
    assert "นายสมบัติ ว่างงาน" in client.get(reverse("cases:detail", args=[referral.pk])).content.decode()
    visible = Case.objects.visible_to(agency)
    assert visible.count() > 50
    assert set(visible.values_list("agency__kind", flat=True)) == {Agency.Kind.EMPLOYMENT}

    trafficking = User.objects.get(username="lampang.trafficking")
    assert Case.objects.visible_to(trafficking).filter(flagged=True).count() >= 2
    assert not Case.objects.visible_to(User.objects.get(username="lampang.officer")).filter(flagged=True).exists()


def test_the_tallies_count_the_demo_cases_though_written_without_their_triggers(today):
    counted = dict(CaseTally.objects.values_list("status").annotate(n=Sum("cases")).order_by())
    assert counted == dict(Case.objects.values_list("status").annotate(n=Count("pk")).order_by())


def test_a_volunteers_monthly_report_counts_at_least_the_cases_they_referred_that_month(today):
    referred = (
        Case.objects.annotate(month=TruncMonth("referred_on"))
        .values_list("volunteer", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    reports = {(r.volunteer_id, r.month): r.referrals for r in MonthlyReport.objects.filter(referrals__gt=0)}
    checked = 0
    for volunteer, month, n in referred:
        if (volunteer, month) in reports:
            assert reports[(volunteer, month)] >= n
            checked += 1
    assert checked > 5000
    assert MonthlyReport.objects.filter(Q(referrals__gt=0)).count() >= checked


def test_loading_again_adds_nothing(today):
    before = (Case.objects.count(), CaseTally.objects.aggregate(Sum("cases")))
    demo.load()
    assert (Case.objects.count(), CaseTally.objects.aggregate(Sum("cases"))) == before
