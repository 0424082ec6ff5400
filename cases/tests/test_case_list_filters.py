"""The province's case list narrows by status, overdue, agency and district; HQ picks the province."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Status
from cases.tests.factories import CaseFactory
from provinces.models import Agency, Subdistrict

pytestmark = pytest.mark.django_db


def shown(client, **params) -> set[int]:
    html = client.get(reverse("cases:list"), params).content.decode()
    return {pk for pk in PKS if f"#{pk}<" in html}


PKS: list[int] = []


def test_the_list_filters(client_for, lampang_officer, hq_analyst, lampang_volunteer, chiangmai_case):
    today = timezone.localdate()
    elsewhere = Subdistrict.objects.filter(province_id=lampang_volunteer.province_id).exclude(
        district_id=lampang_volunteer.subdistrict.district_id
    )[0]
    labour = Agency.objects.get(province_id=lampang_volunteer.province_id, kind=Agency.Kind.LABOUR)
    fresh = CaseFactory(volunteer=lampang_volunteer)
    old = CaseFactory(volunteer=lampang_volunteer, spotted_on=today - dt.timedelta(days=40), agency=labour)
    done = CaseFactory(
        volunteer=lampang_volunteer,
        subdistrict_id=elsewhere.pk,
        status=Status.DONE,
        accepted_on=today,
        closed_on=today,
    )
    PKS[:] = [fresh.pk, old.pk, done.pk, chiangmai_case.pk]
    client = client_for(lampang_officer)
    assert shown(client) == {fresh.pk, old.pk, done.pk}
    assert shown(client, status="open") == {fresh.pk, old.pk}
    assert shown(client, status=Status.DONE) == {done.pk}
    assert shown(client, overdue="on") == {old.pk}
    assert shown(client, agency_kind=Agency.Kind.LABOUR) == {old.pk}
    assert shown(client, district=elsewhere.district_id) == {done.pk}
    hq = client_for(hq_analyst)
    assert shown(hq) == set(PKS)
    assert shown(hq, province="50") == {chiangmai_case.pk}
