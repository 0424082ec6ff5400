"""The anti-trafficking officer and agency staff roles (issue 15): each belongs to one province, agency staff to
one agency of it; both get their role's group."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import StaffProfile
from accounts.roles import GROUP_NAMES
from accounts.scope import AGENCY_STAFF, ANTI_TRAFFICKING
from accounts.tests.factories import UserFactory
from provinces.models import Agency

pytestmark = pytest.mark.django_db


def test_agency_staff_need_an_agency_of_their_province(lampang, chiang_mai):
    user = UserFactory(username="agency.nobody")
    without = StaffProfile(user=user, role=AGENCY_STAFF, province=lampang)
    with pytest.raises(ValidationError) as error:
        without.full_clean()
    assert "ต้องระบุหน่วยงานที่สังกัด" in str(error.value)
    elsewhere = StaffProfile(
        user=user, role=AGENCY_STAFF, province=lampang, agency=Agency.objects.get(province=chiang_mai, kind="labour")
    )
    with pytest.raises(ValidationError) as error:
        elsewhere.full_clean()
    assert "ไม่อยู่ในจังหวัดของเจ้าหน้าที่" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffProfile.objects.create(user=user, role=AGENCY_STAFF, province=lampang)


def test_the_agency_gives_agency_staff_their_province(lampang):
    user = UserFactory(username="agency.lampang")
    profile = StaffProfile(user=user, role=AGENCY_STAFF, agency=Agency.objects.get(province=lampang, kind="employment"))
    profile.full_clean()
    profile.save()
    assert profile.province == lampang
    assert list(user.groups.values_list("name", flat=True)) == [GROUP_NAMES[AGENCY_STAFF]]


def test_the_anti_trafficking_officer_needs_a_province_and_no_agency(lampang):
    user = UserFactory(username="trafficking.nowhere")
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffProfile.objects.create(user=user, role=ANTI_TRAFFICKING)
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffProfile.objects.create(
            user=user, role=ANTI_TRAFFICKING, province=lampang, agency=Agency.objects.filter(province=lampang).first()
        )
    profile = StaffProfile.objects.create(user=user, role=ANTI_TRAFFICKING, province=lampang)
    assert user.groups.get().name == GROUP_NAMES[ANTI_TRAFFICKING]
    assert user.has_perm("cases.add_case") and user.has_perm("volunteers.view_volunteer")
    assert not user.has_perm("volunteers.change_volunteer")
    assert profile.agency is None
