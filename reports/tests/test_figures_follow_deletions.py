"""A deletion shows in the reports on the next request, as an insert does: a check-in taken back at the desk, a
mistaken registration or a volunteer deleted in the admin, a target dropped (found by probing the reports: the cached
figures kept the old attendance for up to ten minutes, as their change stamp followed only the newest row of each
table)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.tests.factories import register
from trainings.models import Category
from trainings.tests.factories import EventFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

FY = 2568


@pytest.fixture
def lampang_workshop(lampang):
    """A Lampang workshop of FY 2568 (target 4 volunteers) at which three volunteers were ticked present in turn."""
    event = EventFactory(
        held=True, host_province=lampang, start_date=dt.date(2025, 1, 7), targets={Category.VOLUNTEER: (4, None)}
    )
    day = event.days.get()
    people = [VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7)) for _i in range(3)]
    registrations = [register(event, Category.VOLUNTEER, province=lampang, volunteer=v, days=[day]) for v in people]
    return {"event": event, "day": day, "registrations": registrations}


def hosted_totals(client):
    response = client.get(reverse("reports:province", args=["52"]), {"fy": FY})
    assert response.status_code == 200
    return response.context["data"]["hosted"]["totals"]


def take_back(client, workshop, registration):
    """The desk's undo on the tick list."""
    return client.post(
        reverse("trainings:tick", args=[workshop["event"].pk, workshop["day"].pk]),
        {"registration": registration.pk, "action": "undo"},
        HTTP_ACCEPT="application/json",
    )


def dashboard_attended(client) -> int:
    rows = client.get(reverse("reports:dashboard"), {"fy": FY}).context["data"]["rows"]
    return next(r for r in rows if r["code"] == "52")["attended"]


def workbook_attended(client) -> int:
    response = client.get(reverse("reports:dashboard_xlsx", args=["provinces"]), {"fy": FY})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[1]
    lampang = next(row for row in rows if "ลำปาง" in row)
    return lampang[header.index("เข้าร่วม (คน)")]


def test_a_check_in_taken_back_at_the_desk_leaves_the_report_at_once(client_for, lampang_officer, lampang_workshop):
    client = client_for(lampang_officer)
    assert hosted_totals(client)["attended"] == 3

    undone = take_back(client, lampang_workshop, lampang_workshop["registrations"][0])  # not the newest check-in

    assert undone.json()["ok"] is True and undone.json()["present"] is False
    totals = hosted_totals(client)
    assert (totals["attended"], totals["rate"]) == (2, 50.0)


def test_the_dashboard_and_its_workbook_follow_a_check_in_taken_back(
    client_for, lampang_officer, hq_analyst, lampang_workshop
):
    hq = client_for(hq_analyst)
    assert dashboard_attended(hq) == 3 and workbook_attended(hq) == 3

    take_back(client_for(lampang_officer), lampang_workshop, lampang_workshop["registrations"][1])

    hq = client_for(hq_analyst)
    assert dashboard_attended(hq) == 2 and workbook_attended(hq) == 2


def test_a_mistaken_registration_deleted_in_the_admin_leaves_the_report_at_once(
    client_for, admin_user, lampang_officer, lampang_workshop
):
    client = client_for(admin_user)
    assert hosted_totals(client)["registered"] == 3
    mistaken = lampang_workshop["registrations"][0]
    # Its tick taken back first: a registration with attendance recorded is not deleted (trainings.admin).
    take_back(client_for(lampang_officer), lampang_workshop, mistaken)
    client = client_for(admin_user)

    deleted = client.post(reverse("admin:trainings_registration_delete", args=[mistaken.pk]), {"post": "yes"})

    assert deleted.status_code == 302
    totals = hosted_totals(client)
    assert (totals["registered"], totals["attended"]) == (2, 2)


def test_a_volunteer_deleted_in_the_admin_leaves_the_province_report_at_once(client_for, admin_user, lampang):
    entered_by_mistake = VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7))
    VolunteerFactory(province=lampang, appointed_on=dt.date(2020, 1, 7))  # changed last: the latest change stays
    client = client_for(admin_user)
    url = reverse("reports:province", args=["52"])
    assert 'data-testid="stat-total">2<' in client.get(url, {"fy": FY}).content.decode()

    deleted = client.post(reverse("admin:volunteers_volunteer_delete", args=[entered_by_mistake.pk]), {"post": "yes"})

    assert deleted.status_code == 302
    assert 'data-testid="stat-total">1<' in client.get(url, {"fy": FY}).content.decode()


def test_a_target_dropped_from_an_event_leaves_the_report_at_once(client_for, lampang_officer, lampang_workshop):
    client = client_for(lampang_officer)
    assert hosted_totals(client)["target"] == 4

    lampang_workshop["event"].targets.all().delete()  # the newest target row of the registry is still there

    assert hosted_totals(client)["target"] == 0
