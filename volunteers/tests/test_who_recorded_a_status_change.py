"""The volunteer page names who recorded each status change, and still opens when there is nobody to name:
a change made by the demo loader (no account) shows "ระบบ", one by an account deleted since shows "บัญชีที่ถูกลบ"."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from volunteers import demo
from volunteers.models import StatusChange, Volunteer

pytestmark = pytest.mark.django_db


def status_history(response) -> str:
    html = response.content.decode()
    start = html.index('data-testid="status-history"')
    return html[start : html.index("</ul>", start)]


def test_a_status_change_without_an_account_does_not_break_the_page(client_for, lampang_officer, lampang_volunteer):
    StatusChange.objects.create(
        volunteer=lampang_volunteer, to_status="suspended", changed_on=dt.date(2024, 1, 5), reason="ไม่ทราบผู้บันทึก"
    )
    response = client_for(lampang_officer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk]))
    assert response.status_code == 200
    # No history of the row says who it was: either the system or a deleted account, and the page says both.
    assert "บันทึกโดย ระบบ หรือบัญชีที่ถูกลบแล้ว" in status_history(response)


def test_a_status_change_by_an_account_deleted_since_shows_a_deleted_account(
    client_for, lampang_officer, lampang_volunteer
):
    former = StaffFactory(
        username="former.officer",
        first_name="อดีต",
        last_name="เจ้าหน้าที่",
        role="officer",
        province=lampang_volunteer.province,
    )
    client = client_for(former)
    url = reverse("volunteers:status", args=[lampang_volunteer.pk])
    response = client.post(url, {"to_status": "resigned", "changed_on": "30/09/2567", "reason": "ย้ายไปทำงานกรุงเทพฯ"})
    assert response.status_code == 302
    assert "บันทึกโดย อดีต เจ้าหน้าที่" in status_history(
        client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk]))
    )
    former.delete()

    response = client_for(lampang_officer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk]))
    assert response.status_code == 200
    history = status_history(response)
    assert "บันทึกโดย บัญชีที่ถูกลบ ·" in history and "ระบบ" not in history
    # The volunteer's own history (the table above) names the same deleted account, not "?".
    html = response.content.decode()
    assert "บัญชีที่ถูกลบ" in html[: html.index('data-testid="status-history"')]


def test_status_changes_of_the_demo_data_are_shown_as_made_by_the_system(client_for, lampang_officer, lampang):
    demo.load()
    changed = Volunteer.objects.filter(province=lampang, status_changes__isnull=False).first()
    assert changed is not None
    response = client_for(lampang_officer).get(reverse("volunteers:detail", args=[changed.pk]))
    assert response.status_code == 200
    assert "บันทึกโดย ระบบ ·" in status_history(response)
