"""Who sees which cases: the province is the tenant; flagged cases only for the anti-trafficking officer, HQ and
administrators; agency staff only their agency's cases, and nothing else of the portal."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Status
from cases.tests.factories import CaseFactory
from core import thai
from provinces.models import Agency

pytestmark = pytest.mark.django_db


def listed(client, **params) -> str:
    return client.get(reverse("cases:list"), params).content.decode()


def test_another_provinces_case_is_missing(client_for, chiangmai_officer, lampang_case):
    client = client_for(chiangmai_officer)
    for name in ("cases:detail", "cases:status"):
        assert client.get(reverse(name, args=[lampang_case.pk])).status_code == 404
    assert f"#{lampang_case.pk}<" not in listed(client, province="52")


def test_a_flagged_case_is_hidden_from_the_viewer_and_the_officer(
    client_for, lampang_viewer, lampang_officer, chiangmai_officer, flagged_case, lampang_case
):
    for user in (lampang_viewer, lampang_officer, chiangmai_officer):
        client = client_for(user)
        assert client.get(reverse("cases:detail", args=[flagged_case.pk])).status_code == 404
        page = listed(client)
        assert f"#{flagged_case.pk}<" not in page and "สงสัยค้ามนุษย์" not in page
        assert 'name="flagged"' not in page
    assert f"#{lampang_case.pk}<" in listed(client_for(lampang_officer))


def test_a_flagged_case_is_seen_by_the_anti_trafficking_officer_hq_and_administrators(
    client_for, lampang_anti_trafficking, hq_analyst, hq_officer, admin_user, flagged_case, lampang_case
):
    for user in (lampang_anti_trafficking, hq_analyst, hq_officer, admin_user):
        client = client_for(user)
        page = client.get(reverse("cases:detail", args=[flagged_case.pk])).content.decode()
        assert "สงสัยเป็นการบังคับใช้แรงงานหรือการค้ามนุษย์" in page, user
        only_flagged = listed(client, province="52", flagged="on")
        assert f"#{flagged_case.pk}<" in only_flagged and f"#{lampang_case.pk}<" not in only_flagged, user


def test_another_provinces_anti_trafficking_officer_does_not_see_the_flagged_case(client_for, chiang_mai, flagged_case):
    from accounts.scope import ANTI_TRAFFICKING
    from accounts.tests.factories import StaffFactory

    officer = StaffFactory(username="chiangmai.trafficking", role=ANTI_TRAFFICKING, province=chiang_mai)
    assert client_for(officer).get(reverse("cases:detail", args=[flagged_case.pk])).status_code == 404


def test_agency_staff_see_only_their_agencys_cases(client_for, lampang_agency_staff, lampang_volunteer, flagged_case):
    ours = CaseFactory(volunteer=lampang_volunteer)
    labour_office = Agency.objects.get(province_id=lampang_volunteer.province_id, kind=Agency.Kind.LABOUR)
    theirs = CaseFactory(volunteer=lampang_volunteer, agency=labour_office)
    client = client_for(lampang_agency_staff)
    assert client.get(reverse("core:home")).url == reverse("cases:inbox")
    inbox = client.get(reverse("cases:inbox")).content.decode()
    assert f"#{ours.pk}<" in inbox
    assert f"#{theirs.pk}<" not in inbox and f"#{flagged_case.pk}<" not in inbox
    assert client.get(reverse("cases:detail", args=[ours.pk])).status_code == 200
    assert client.get(reverse("cases:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("cases:detail", args=[flagged_case.pk])).status_code == 404


def test_agency_staff_update_the_status_and_nothing_else(client_for, lampang_agency_staff, lampang_volunteer):
    case = CaseFactory(volunteer=lampang_volunteer)
    client = client_for(lampang_agency_staff)
    today = timezone.localdate()
    response = client.post(
        reverse("cases:status", args=[case.pk]),
        {"to_status": Status.ACCEPTED, "changed_on": thai.format_date_numeric_be(today)},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and case.accepted_on == today
    # No new case, no registry, no reports, no imports, no admin site.
    for name, args in [
        ("cases:create", []),
        ("cases:list", []),
        ("volunteers:list", []),
        ("volunteers:detail", [lampang_volunteer.pk]),
        ("mentors:list", []),
        ("trainings:list", []),
        ("reports:home", []),
        ("provinces:detail", ["52"]),
        ("rosters:list", []),
    ]:
        got = client.get(reverse(name, args=args))
        assert got.status_code == 403, (name, got.status_code)
    assert client.post(reverse("cases:create"), {"volunteer": lampang_volunteer.pk}).status_code == 403
    assert Case.objects.count() == 1


def test_agency_staff_see_no_link_into_the_registry(client_for, lampang_agency_staff, lampang_volunteer):
    case = CaseFactory(volunteer=lampang_volunteer)
    page = client_for(lampang_agency_staff).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert lampang_volunteer.full_name in page
    for name in ("volunteers:list", "mentors:list", "trainings:list", "reports:home"):
        assert f'href="{reverse(name)}"' not in page, name
    assert reverse("volunteers:detail", args=[lampang_volunteer.pk]) not in page


def test_the_inbox_is_for_agency_staff(client_for, lampang_officer):
    assert client_for(lampang_officer).get(reverse("cases:inbox")).status_code == 403


def test_the_agency_opens_the_full_national_id_with_a_purpose_and_the_viewer_cannot(
    client_for, lampang_agency_staff, lampang_viewer, lampang_volunteer
):
    from core.models import AuditEvent
    from core.tests.national_ids import valid_national_id

    person_id = valid_national_id(5, prefix="11004")
    case = CaseFactory(volunteer=lampang_volunteer, national_id_needed=True, national_id=person_id)
    url = reverse("cases:national_id", args=[case.pk])
    client = client_for(lampang_agency_staff)
    assert person_id not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    shown = client.post(url, {"purpose": "refer"}).content.decode()
    assert thai.format_national_id(person_id) in shown
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_NATIONAL_ID, object_id=str(case.pk)).count() == 1
    viewer = client_for(lampang_viewer)
    assert viewer.post(url, {"purpose": "refer"}).status_code == 403
    assert "แสดงเลขประจำตัวประชาชนเต็ม" not in viewer.get(reverse("cases:detail", args=[case.pk])).content.decode()
