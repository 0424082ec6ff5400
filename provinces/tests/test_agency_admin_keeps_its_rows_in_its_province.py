"""An agency with mentors, referred cases or staff keeps its province and kind in the admin site: moved, they would be
left in another province than their agency. An agency with nothing attached can still be set up freely."""

import pytest
from django.urls import reverse

from cases.tests.factories import CaseFactory
from provinces.models import Agency
from tests.admin_forms import form_as_posted
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def chiang_mai_without_a_skill_office(chiang_mai):
    # Every province has one agency of each kind: make room for a move to Chiang Mai.
    Agency.objects.filter(province=chiang_mai, kind=Agency.Kind.SKILL).delete()
    return chiang_mai


def test_an_agency_with_a_mentor_keeps_its_province_and_kind_and_says_why(
    admin_client, lampang, lampang_mentor, chiang_mai_without_a_skill_office
):
    agency = lampang_mentor.agency
    url = reverse("admin:provinces_agency_change", args=[agency.pk])
    data = form_as_posted(admin_client, url)
    data.update(province=chiang_mai_without_a_skill_office.pk, kind=Agency.Kind.SKILL, name_th="ย้ายไปเชียงใหม่")

    page = admin_client.get(url).content.decode()
    response = admin_client.post(url, data)

    assert "เปลี่ยนไม่ได้ เพราะมีข้อมูลผูกกับหน่วยงานนี้แล้ว (พี่เลี้ยงอาสาสมัครแรงงาน)" in page
    assert 'name="province"' not in page and 'name="kind"' not in page
    assert response.status_code == 302
    agency.refresh_from_db()
    assert (agency.province, agency.kind, agency.name_th) == (lampang, Agency.Kind.LABOUR, "ย้ายไปเชียงใหม่")
    lampang_mentor.refresh_from_db()
    assert lampang_mentor.province == lampang


def test_an_agency_with_referred_cases_or_staff_keeps_its_province(
    admin_client, lampang, lampang_agency_staff, chiang_mai_without_a_skill_office
):
    CaseFactory(volunteer=VolunteerFactory(province=lampang))
    agency = Agency.objects.get(province=lampang, kind=Agency.Kind.EMPLOYMENT)
    url = reverse("admin:provinces_agency_change", args=[agency.pk])
    data = {**form_as_posted(admin_client, url), "province": chiang_mai_without_a_skill_office.pk, "kind": "skill"}

    page = admin_client.get(url).content.decode()
    admin_client.post(url, data)

    assert "เรื่องส่งต่อ" in page and "ข้อมูลเจ้าหน้าที่" in page
    agency.refresh_from_db()
    assert (agency.province, agency.kind) == (lampang, Agency.Kind.EMPLOYMENT)


def test_an_agency_with_nothing_attached_can_still_be_moved(admin_client, lampang, chiang_mai_without_a_skill_office):
    agency = Agency.objects.get(province=lampang, kind=Agency.Kind.SKILL)
    url = reverse("admin:provinces_agency_change", args=[agency.pk])

    page = admin_client.get(url).content.decode()
    response = admin_client.post(
        url, {**form_as_posted(admin_client, url), "province": chiang_mai_without_a_skill_office.pk}
    )

    assert 'name="province"' in page and "เปลี่ยนไม่ได้" not in page
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.province == chiang_mai_without_a_skill_office
    add_page = admin_client.get(reverse("admin:provinces_agency_add")).content.decode()
    assert 'name="province"' in add_page and 'name="kind"' in add_page
