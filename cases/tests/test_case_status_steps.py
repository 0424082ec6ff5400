"""A case moves ส่งต่อแล้ว → รับเรื่องแล้ว → ดำเนินการเสร็จ / ส่งต่อไม่ได้, each step with its date, never backwards."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Status
from core import thai

pytestmark = pytest.mark.django_db


def step(client, case, to_status, day, reason=""):
    return client.post(
        reverse("cases:status", args=[case.pk]),
        {"to_status": to_status, "changed_on": thai.format_date_numeric_be(day), "reason": reason},
    )


def test_each_step_is_kept_with_its_date_and_shown_on_the_case(client_for, lampang_officer, lampang_case):
    client = client_for(lampang_officer)
    today = timezone.localdate()
    accepted_on, done_on = today - dt.timedelta(days=2), today - dt.timedelta(days=1)
    assert step(client, lampang_case, Status.ACCEPTED, accepted_on).status_code == 302
    assert step(client, lampang_case, Status.DONE, done_on).status_code == 302
    lampang_case.refresh_from_db()
    assert (lampang_case.status, lampang_case.accepted_on, lampang_case.closed_on) == (
        Status.DONE,
        accepted_on,
        done_on,
    )
    page = client.get(reverse("cases:detail", args=[lampang_case.pk])).content.decode()
    for day in (lampang_case.referred_on, accepted_on, done_on):
        assert thai.format_date_be(day) in page
    assert "ดำเนินการเสร็จ" in page
    # Days open stop at the closing day.
    assert lampang_case.days_open(today) == (done_on - lampang_case.referred_on).days


def test_a_step_backwards_is_refused_in_thai_and_nothing_changes(client_for, lampang_officer, lampang_case):
    client = client_for(lampang_officer)
    today = timezone.localdate()
    step(client, lampang_case, Status.ACCEPTED, today)
    response = step(client, lampang_case, Status.REFERRED, today)
    assert response.status_code == 200
    assert "สถานะย้อนกลับหรือข้ามขั้นไม่ได้" in response.content.decode()
    lampang_case.refresh_from_db()
    assert lampang_case.status == Status.ACCEPTED


def test_a_closed_case_stays_closed(client_for, lampang_officer, lampang_case):
    client = client_for(lampang_officer)
    today = timezone.localdate()
    step(client, lampang_case, Status.NOT_REFERABLE, today, reason="ผู้รับบริการย้ายออกนอกพื้นที่")
    response = step(client, lampang_case, Status.ACCEPTED, today)
    assert "เรื่องนี้ปิดแล้ว" in response.content.decode()
    lampang_case.refresh_from_db()
    assert lampang_case.status == Status.NOT_REFERABLE
    assert lampang_case.not_referable_reason == "ผู้รับบริการย้ายออกนอกพื้นที่"


def test_done_needs_the_agency_to_have_accepted_first(client_for, lampang_officer, lampang_case):
    response = step(client_for(lampang_officer), lampang_case, Status.DONE, timezone.localdate())
    assert "ข้ามขั้นไม่ได้" in response.content.decode()
    assert Case.objects.get().status == Status.REFERRED


def test_not_referable_needs_a_reason(client_for, lampang_officer, lampang_case):
    response = step(client_for(lampang_officer), lampang_case, Status.NOT_REFERABLE, timezone.localdate())
    assert "กรุณาระบุเหตุผลที่ส่งต่อไม่ได้" in response.content.decode()
    assert Case.objects.get().status == Status.REFERRED


def test_a_step_dated_before_the_previous_one_is_refused(client_for, lampang_officer, lampang_case):
    day = lampang_case.referred_on - dt.timedelta(days=1)
    response = step(client_for(lampang_officer), lampang_case, Status.ACCEPTED, day)
    assert "วันที่ต้องไม่ก่อนขั้นก่อนหน้า" in response.content.decode()
    assert Case.objects.get().accepted_on is None


def test_the_viewer_reads_the_case_but_cannot_change_its_status(client_for, lampang_viewer, lampang_case):
    client = client_for(lampang_viewer)
    page = client.get(reverse("cases:detail", args=[lampang_case.pk])).content.decode()
    assert "ส่งต่อแล้ว" in page and reverse("cases:status", args=[lampang_case.pk]) not in page
    assert step(client, lampang_case, Status.ACCEPTED, timezone.localdate()).status_code == 403
    assert Case.objects.get().status == Status.REFERRED
