"""HQ officers plan and run national events with people from every province; they change nothing of a province."""

import pytest
from django.urls import reverse

from trainings.models import Event, Registration

pytestmark = pytest.mark.django_db


def national_event_form(bangkok, **extra):
    return {
        "title": "สัมมนาเจ้าหน้าที่พี่เลี้ยงอาสาสมัครแรงงาน ระดับประเทศ",
        "kind": Event.Kind.SEMINAR,
        "host_province": bangkok.pk,
        "venue": "โรงแรมในกรุงเทพมหานคร",
        "start_date": "3/12/2563",
        "end_date": "3/12/2563",
        "status": Event.Status.OPEN,
        "target_mentor": "76",
        **extra,
    }


def test_hq_officer_creates_a_national_event_and_registers_lampang_and_chiang_mai_volunteers(
    client_for, hq_officer, bangkok, lampang_volunteer, chiangmai_volunteer
):
    client = client_for(hq_officer)
    assert client.get(reverse("trainings:create")).status_code == 200
    # The level is fixed to national for HQ officers, whatever the form says.
    response = client.post(reverse("trainings:create"), national_event_form(bangkok, level=Event.Level.PROVINCIAL))
    event = Event.objects.get(title__startswith="สัมมนาเจ้าหน้าที่พี่เลี้ยง")
    assert response.status_code == 302 and response["Location"] == reverse("trainings:detail", args=[event.pk])
    assert event.level == Event.Level.NATIONAL and event.host_province == bangkok and event.created_by == hq_officer

    response = client.post(
        reverse("trainings:register", args=[event.pk]), {"volunteer": [lampang_volunteer.pk, chiangmai_volunteer.pk]}
    )
    assert response.status_code == 302
    registered = Registration.objects.filter(event=event).active()
    assert set(registered.values_list("home_province__code", flat=True)) == {"52", "50"}
    assert set(registered.values_list("registered_by", flat=True)) == {hq_officer.pk}
    # The register page finds people of any province for a national event.
    page = client.get(reverse("trainings:register", args=[event.pk]), {"q": chiangmai_volunteer.first_name})
    assert chiangmai_volunteer.first_name in page.content.decode()
    # HQ officers run the event: edit it, take attendance, cancel a registration.
    assert client.get(reverse("trainings:edit", args=[event.pk])).status_code == 200
    day = event.days.get()
    assert client.get(reverse("trainings:tick", args=[event.pk, day.pk])).status_code == 200
    cancel = reverse("trainings:cancel", args=[registered.get(home_province__code="52").pk])
    assert client.post(cancel, {"reason": "ติดภารกิจ"}).status_code == 302


def test_hq_officer_gets_403_on_a_lampang_volunteer_and_a_lampang_event(
    client_for, hq_officer, lampang_volunteer, lampang_event
):
    client = client_for(hq_officer)
    before = (lampang_volunteer.first_name, lampang_volunteer.version)
    edit = reverse("volunteers:edit", args=[lampang_volunteer.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"first_name": "เปลี่ยน", "version": lampang_volunteer.version}).status_code == 403
    assert client.get(reverse("volunteers:create")).status_code == 403
    lampang_volunteer.refresh_from_db()
    assert (lampang_volunteer.first_name, lampang_volunteer.version) == before
    # A province's own event is the province's to run.
    assert client.get(reverse("trainings:edit", args=[lampang_event.pk])).status_code == 403
    assert client.get(reverse("trainings:register", args=[lampang_event.pk])).status_code == 403
    # Imports write a province's registry: the province's officers (or an administrator) do them.
    assert client.get(reverse("rosters:list")).status_code == 403


def test_hq_analyst_still_gets_403_on_creating_an_event(client_for, hq_analyst, bangkok, national_event):
    client = client_for(hq_analyst)
    assert client.get(reverse("trainings:create")).status_code == 403
    assert client.post(reverse("trainings:create"), national_event_form(bangkok)).status_code == 403
    assert client.get(reverse("trainings:edit", args=[national_event.pk])).status_code == 403
    assert client.get(reverse("trainings:register", args=[national_event.pk])).status_code == 403
    assert not Event.objects.filter(title__startswith="สัมมนาเจ้าหน้าที่พี่เลี้ยง").exclude(pk=national_event.pk).exists()


def test_province_officers_still_cannot_create_a_national_event(client_for, lampang_officer, bangkok):
    client_for(lampang_officer).post(
        reverse("trainings:create"), national_event_form(bangkok, level=Event.Level.NATIONAL)
    )
    assert not Event.objects.filter(level=Event.Level.NATIONAL).exists()


def test_the_demo_has_an_hq_officer_who_needs_two_factor_login(geography):
    from django.contrib.auth.models import User

    from accounts import demo, scope
    from accounts.two_factor import requires_second_factor

    demo.load()
    officer = User.objects.get(username="hq.officer")
    assert scope.role_of(officer) == scope.HQ_OFFICER and scope.home_province_id(officer) is None
    assert officer.check_password(demo.DEMO_PASSWORD)
    assert requires_second_factor(officer)
    assert officer.has_perm("trainings.add_event") and not officer.has_perm("volunteers.change_volunteer")
