"""The event list can be narrowed to national or to provincial events."""

import pytest
from django.urls import reverse

from trainings.models import Event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["hq_analyst", "lampang_officer"])
def test_the_event_list_filters_national_and_provincial_events(
    client_for, personas, persona, lampang_event, national_event
):
    client = client_for(personas[persona])
    everything = client.get(reverse("trainings:list")).content.decode()
    assert lampang_event.title in everything and national_event.title in everything
    assert 'name="level"' in everything

    national = client.get(reverse("trainings:list"), {"level": Event.Level.NATIONAL}).content.decode()
    assert national_event.title in national and lampang_event.title not in national

    provincial = client.get(reverse("trainings:list"), {"level": Event.Level.PROVINCIAL}).content.decode()
    assert lampang_event.title in provincial and national_event.title not in provincial


def test_the_level_filter_keeps_the_province_scope(client_for, chiangmai_officer, lampang_event, national_event):
    html = client_for(chiangmai_officer).get(reverse("trainings:list"), {"level": "provincial"}).content.decode()
    assert lampang_event.title not in html
