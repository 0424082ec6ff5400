import pytest
from django.core.management import call_command

from core.thai import is_valid_national_id
from mentors.models import Mentor
from provinces.models import Agency, Province
from volunteers.models import StatusChange, Volunteer


@pytest.mark.django_db
def test_load_demo_adds_realistic_people_once(geography):
    call_command("load_demo")
    call_command("load_demo")  # twice: nothing duplicated, nothing fails

    lampang = Province.objects.get(code="52")
    assert Volunteer.objects.filter(province=lampang).count() == 150
    assert Volunteer.objects.filter(province__code="50").count() == 60
    assert Volunteer.objects.filter(province__code="10").count() == 15
    assert all(is_valid_national_id(n) for n in Volunteer.objects.values_list("national_id", flat=True))

    lampang_mentors = Mentor.objects.filter(province=lampang)
    assert lampang_mentors.count() == 14
    assert lampang_mentors.values("agency__kind").distinct().count() == len(Agency.Kind.values)
    assert Province.objects.filter(mentors__isnull=False).distinct().count() == 77

    in_lampang = Volunteer.objects.filter(province=lampang)
    assert in_lampang.filter(status="active").count() > 110
    assert (
        in_lampang.exclude(status="active").count() == StatusChange.objects.filter(volunteer__province=lampang).count()
    )
    assert in_lampang.filter(mentor__isnull=False).count() > 100
    assert in_lampang.values("subdistrict__district").distinct().count() >= 10
    assert in_lampang.filter(mentor__isnull=False).exclude(mentor__province=lampang).count() == 0
    years = {v.year for v in in_lampang.values_list("appointed_on", flat=True)}
    assert min(years) <= 2018 and max(years) >= 2025
