"""The demo's outstanding volunteers: last fiscal year's, one or two in each province with serving volunteers, and a
few of this year awaiting HQ in Lampang and Chiang Mai; a second run adds nothing."""

import pytest

from accounts import demo as accounts_demo
from awards import demo
from awards.models import Nomination
from core.thai import current_fiscal_year
from provinces.models import Province
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(lampang, chiang_mai, bangkok):
    accounts_demo.load()
    for province, count in [(lampang, 8), (chiang_mai, 5), (bangkok, 3)]:
        for n in range(count):
            VolunteerFactory(province=province, first_name=f"สาธิต{province.code}{n}")
    VolunteerFactory(province=lampang, first_name="ลาออก", status=Volunteer.Status.RESIGNED)


def test_the_demo_has_last_years_outstanding_volunteers_and_this_years_nominations(registry, lampang, chiang_mai):
    demo.load()
    last = Nomination.objects.filter(fiscal_year=current_fiscal_year() - 1)
    assert set(last.values_list("status", flat=True)) == {Nomination.Status.SELECTED}
    per_province = {p: last.filter(province=p).count() for p in Province.objects.filter(code__in=["52", "50", "10"])}
    assert all(1 <= n <= 2 for n in per_province.values())
    assert not last.filter(volunteer__status=Volunteer.Status.RESIGNED).exists()
    awaiting = Nomination.objects.filter(fiscal_year=current_fiscal_year(), status=Nomination.Status.NOMINATED)
    assert awaiting.filter(province=lampang).count() == 3 and awaiting.filter(province=chiang_mai).count() == 2
    assert set(awaiting.values_list("province__code", flat=True)) == {"52", "50"}


def test_a_second_run_adds_nothing(registry):
    demo.load()
    before = list(Nomination.objects.order_by("pk").values_list("pk", "volunteer_id", "fiscal_year", "status"))
    demo.load()
    assert list(Nomination.objects.order_by("pk").values_list("pk", "volunteer_id", "fiscal_year", "status")) == before
