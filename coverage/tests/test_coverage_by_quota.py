"""Coverage by quota: serving subdistrict leads against each subdistrict's quota, per district and province."""

import datetime as dt

import pytest

from coverage.selectors import province_coverage, quota_coverage_by_district, quota_coverage_by_province
from provinces.models import Subdistrict
from volunteers.models import Volunteer
from volunteers.rules import Tier
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 11, 30)


def first_subdistricts(province, n=2):
    return list(Subdistrict.objects.filter(province=province).order_by("code")[:n])


def leads(subdistrict, n, **extra):
    return [VolunteerFactory(subdistrict=subdistrict, tier=Tier.LEAD, **extra) for _ in range(n)]


def place_of(coverage, subdistrict):
    return next(p for p in coverage.subdistricts if p.pk == subdistrict.pk)


def test_a_subdistrict_with_its_one_lead_is_covered_and_one_without_has_one_vacancy(lampang):
    first, second = first_subdistricts(lampang)
    leads(first, 1)

    coverage = province_coverage(lampang, ON)

    assert place_of(coverage, first).covered and place_of(coverage, first).missing == 0
    assert not place_of(coverage, second).covered and place_of(coverage, second).missing == 1
    subdistricts = Subdistrict.objects.filter(province=lampang).count()
    assert coverage.totals.as_dict() == {
        "subdistricts": subdistricts,
        "covered": 1,
        "quota": subdistricts,
        "filled": 1,
        "vacancies": subdistricts - 1,
        "leads": 1,
        "network": 0,
    }


def test_raising_the_quota_uncovers_the_subdistrict_and_adds_the_vacancy(lampang):
    first, _ = first_subdistricts(lampang)
    leads(first, 1)
    before = province_coverage(lampang, ON)

    Subdistrict.objects.filter(pk=first.pk).update(quota=2)
    after = province_coverage(lampang, ON)

    assert place_of(before, first).covered
    assert not place_of(after, first).covered and place_of(after, first).missing == 1
    assert after.totals.vacancies == before.totals.vacancies + 1
    assert after.totals.quota == before.totals.quota + 1


def test_in_bangkok_a_khwaeng_with_two_serving_leads_is_one_short_of_its_three(bangkok):
    khwaeng, _ = first_subdistricts(bangkok)
    leads(khwaeng, 2)

    place = place_of(province_coverage(bangkok, ON), khwaeng)

    assert (place.quota, place.leads, place.missing, place.covered, place.filled) == (3, 2, 1, False, 2)


def test_a_network_member_or_a_lead_whose_term_ended_fills_no_quota(lampang):
    first, _ = first_subdistricts(lampang)
    VolunteerFactory(subdistrict=first, tier=Tier.NETWORK)
    leads(first, 1, term_ends_on=ON - dt.timedelta(days=1))
    leads(first, 1, status=Volunteer.Status.RESIGNED)

    place = place_of(province_coverage(lampang, ON), first)

    assert (place.leads, place.network, place.missing, place.covered) == (0, 1, 1, False)


def test_a_lead_serving_to_the_last_day_of_the_term_still_fills_it(lampang):
    first, _ = first_subdistricts(lampang)
    leads(first, 1, term_ends_on=ON)

    assert place_of(province_coverage(lampang, ON), first).covered
    assert not place_of(province_coverage(lampang, ON + dt.timedelta(days=1)), first).covered


def test_leads_above_the_quota_do_not_fill_another_subdistricts_vacancy(lampang):
    first, second = first_subdistricts(lampang)
    leads(first, 3)

    coverage = province_coverage(lampang, ON)
    district = next(d for d in coverage.districts if d.pk == first.district_id)

    assert district.totals.filled == 1
    assert district.totals.leads == 3
    assert district.totals.vacancies == district.totals.quota - 1


def test_a_province_is_counted_in_two_queries_whatever_its_size(bangkok, django_assert_num_queries):
    for khwaeng in first_subdistricts(bangkok, 5):
        leads(khwaeng, 1)

    with django_assert_num_queries(2):
        coverage = province_coverage(bangkok, ON)

    assert coverage.totals.leads == 5


def test_the_national_figures_per_district_and_province_match_each_provinces_own(lampang, chiang_mai, bangkok):
    leads(first_subdistricts(lampang)[0], 1)
    leads(first_subdistricts(chiang_mai)[1], 2)
    leads(first_subdistricts(bangkok)[0], 2)

    districts = quota_coverage_by_district(ON)
    provinces = quota_coverage_by_province(ON)

    assert len(provinces) == 77
    assert {row["district_id"] for row in districts} >= {s.district_id for s in first_subdistricts(bangkok)}
    for province in (lampang, chiang_mai, bangkok):
        own = province_coverage(province, ON)
        assert provinces[province.code] == own.totals.as_dict()
        by_district = {row["code"]: row for row in districts if row["province_code"] == province.code}
        assert {d.code: d.totals.filled for d in own.districts} == {k: r["filled"] for k, r in by_district.items()}
    assert provinces["10"]["quota"] == 3 * Subdistrict.objects.filter(province=bangkok).count()
    assert provinces["10"]["filled"] == 2 and provinces["50"]["filled"] == 1


def test_the_national_figures_read_two_queries_for_all_provinces(lampang, django_assert_num_queries):
    with django_assert_num_queries(2):
        rows = quota_coverage_by_district(ON, provinces=[lampang.pk])
    assert {row["province_code"] for row in rows} == {"52"}
