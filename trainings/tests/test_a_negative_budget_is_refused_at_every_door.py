"""A negative budget is refused with the same Thai message whichever way the event is saved: the event page, the API
and the admin all run trainings.services.validate_event, where the rule lives (the admin saved -100 before: found by
probing the admin)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from api import tokens
from tests.admin_forms import form_as_posted
from trainings import services
from trainings.models import Event
from trainings.tests.test_plan_an_event import event_post

pytestmark = pytest.mark.django_db

REFUSED = "งบประมาณต้องไม่ติดลบ"


@pytest.fixture
def event(lampang_event):
    Event.objects.filter(pk=lampang_event.pk).update(budget=Decimal("5000"))
    lampang_event.refresh_from_db()
    return lampang_event


def budget_of(event) -> Decimal | None:
    return Event.objects.values_list("budget", flat=True).get(pk=event.pk)


def test_the_admin_refuses_a_negative_budget_on_the_field(client_for, admin_user, event):
    client = client_for(admin_user)
    url = reverse("admin:trainings_event_change", args=[event.pk])
    data = form_as_posted(client, url)
    data["budget"] = "-100"

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["budget"] == [REFUSED]
    assert budget_of(event) == Decimal("5000")


def test_the_admin_adds_no_event_with_a_negative_budget(client_for, admin_user, lampang):
    client = client_for(admin_user)
    url = reverse("admin:trainings_event_add")
    data = form_as_posted(client, url)
    data.update(
        title="อบรมงบติดลบ",
        kind=Event.Kind.COURSE,
        host_province=lampang.pk,
        venue="ศาลากลาง",
        start_date="07/01/2563",
        end_date="07/01/2563",
        status=Event.Status.OPEN,
        budget="-1",
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["budget"] == [REFUSED]
    assert not Event.objects.filter(title="อบรมงบติดลบ").exists()


def test_the_event_page_refuses_it_on_the_field(client_for, lampang_officer):
    response = client_for(lampang_officer).post(reverse("trainings:create"), event_post(budget="-10"))

    assert response.status_code == 200
    assert response.context["form"].errors["budget"] == [REFUSED]
    assert not Event.objects.exists()


def test_the_api_refuses_it_with_the_same_message(lampang_officer, event):
    token = tokens.create_token(user=lampang_officer, name="ทดสอบ", days=30, read_only=False)[1]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    url = f"/api/v1/events/{event.pk}/"
    version = api.get(url)["ETag"]

    response = api.patch(url, {"budget": "-100"}, format="json", HTTP_IF_MATCH=version)

    assert response.status_code == 400
    assert response.json()["errors"] == {"budget": [REFUSED]}
    assert budget_of(event) == Decimal("5000")


def test_the_rule_is_the_services_own(event):
    event.budget = Decimal("-0.01")
    with pytest.raises(ValidationError) as refused:
        services.validate_event(event)
    assert refused.value.message_dict == {"budget": [REFUSED]}
    event.budget = Decimal("0")
    services.validate_event(event)
