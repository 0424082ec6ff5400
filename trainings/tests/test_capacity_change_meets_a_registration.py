"""A capacity lowered in the admin while an officer registers someone into the same event: the registration waits
for the change and is refused if the seat is gone, so the event never holds more people than its capacity (the
admin's check, trainings.services.check_capacities, locks the event as a registration does)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from trainings import services
from trainings.models import Category, EventTarget, Registration
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_registration_made_while_the_admin_lowers_the_capacity_cannot_take_a_seat_that_is_gone(
    lampang, lampang_officer
):
    event = EventFactory(host_province=lampang, targets={Category.VOLUNTEER: (1, 2)})
    RegistrationFactory(event=event, volunteer=VolunteerFactory(province=lampang), category=Category.VOLUNTEER)
    newcomer = VolunteerFactory(province=lampang)
    checked, refused = threading.Event(), []

    def admin_saves_capacity_of_one():
        try:
            with transaction.atomic():  # as the admin's change view saves: check, then the rows
                services.check_capacities(event, {Category.VOLUNTEER: (1, 1)})
                checked.set()
                time.sleep(1.0)  # the officer registers meanwhile
                EventTarget.objects.filter(event=event, category=Category.VOLUNTEER).update(capacity=1)
        finally:
            checked.set()
            connection.close()

    def officer_registers():
        try:
            checked.wait(10)
            with transaction.atomic():
                services.register_people(event=event, volunteers=[newcomer], by=lampang_officer)
        except ValidationError as error:
            refused.extend(error.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=admin_saves_capacity_of_one), threading.Thread(target=officer_registers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert EventTarget.objects.get(event=event, category=Category.VOLUNTEER).capacity == 1
    assert Registration.objects.filter(event=event).active().count() == 1
    assert refused, "the officer is told the event is full"
