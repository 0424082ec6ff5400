"""A case open longer than CASE_OVERDUE_DAYS (30) is เกินกำหนด: day 30 is on time, day 31 is overdue."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Status
from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_overdue_starts_the_day_after_the_limit(client_for, lampang_officer, lampang_volunteer, settings):
    settings.CASE_OVERDUE_DAYS = 30
    today = timezone.localdate()
    on_time = CaseFactory(volunteer=lampang_volunteer, spotted_on=today - dt.timedelta(days=30))
    late = CaseFactory(volunteer=lampang_volunteer, spotted_on=today - dt.timedelta(days=31))
    closed = CaseFactory(
        volunteer=lampang_volunteer,
        spotted_on=today - dt.timedelta(days=90),
        status=Status.NOT_REFERABLE,
        closed_on=today - dt.timedelta(days=80),
        not_referable_reason="ติดต่อผู้รับบริการไม่ได้",
    )
    assert (on_time.days_open(today), late.days_open(today), closed.days_open(today)) == (30, 31, 10)
    assert not on_time.is_overdue(today) and late.is_overdue(today) and not closed.is_overdue(today)
    scoped = Case.objects.across_provinces("test")
    assert list(scoped.overdue(today)) == [late]
    client = client_for(lampang_officer)
    page = client.get(reverse("cases:list"), {"overdue": "on"}).content.decode()
    assert f"#{late.pk}<" in page and f"#{on_time.pk}<" not in page and f"#{closed.pk}<" not in page
    assert "เกินกำหนด" in client.get(reverse("cases:detail", args=[late.pk])).content.decode()
    assert 'data-testid="overdue"' not in client.get(reverse("cases:detail", args=[on_time.pk])).content.decode()


def test_the_limit_is_a_setting(lampang_volunteer, settings):
    today = timezone.localdate()
    case = CaseFactory(volunteer=lampang_volunteer, spotted_on=today - dt.timedelta(days=8))
    settings.CASE_OVERDUE_DAYS = 7
    assert case.is_overdue(today)
    settings.CASE_OVERDUE_DAYS = 8
    assert not case.is_overdue(today)
