"""The admin site saves events and registrations under the rules of the event pages (trainings.services): days follow
the dates, capacity and dates are checked in Thai, and registrations are made and cancelled on the portal only (found
by probing the admin)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core import thai
from tests.admin_forms import form_as_posted
from trainings import services
from trainings.models import Category, Event, EventTarget, Registration
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

JAN_7, JAN_8, JAN_9 = dt.date(2020, 1, 7), dt.date(2020, 1, 8), dt.date(2020, 1, 9)


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def edit_event(client, event, **changes):
    url = reverse("admin:trainings_event_change", args=[event.pk])
    data = form_as_posted(client, url)
    data.update({name: thai.format_date_numeric_be(v) if isinstance(v, dt.date) else v for name, v in changes.items()})
    return client.post(url, data)


def page_of(response) -> str:
    return response.content.decode()


def dates_of(event) -> list[dt.date]:
    return list(event.days.values_list("date", flat=True))


# Events ---------------------------------------------------------------------------------------------------------


def test_an_event_added_in_the_admin_gets_a_check_in_day_for_each_of_its_days(admin_client, lampang):
    data = form_as_posted(admin_client, reverse("admin:trainings_event_add"))
    data.update(
        title="อบรมที่เพิ่มในหน้าผู้ดูแลระบบ",
        kind=Event.Kind.COURSE,
        host_province=lampang.pk,
        venue="ศาลากลาง",
        start_date="07/01/2563",
        end_date="09/01/2563",
        status=Event.Status.OPEN,
    )

    response = admin_client.post(reverse("admin:trainings_event_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert dates_of(Event.objects.get(title="อบรมที่เพิ่มในหน้าผู้ดูแลระบบ")) == [JAN_7, JAN_8, JAN_9]


def test_the_days_follow_dates_changed_in_the_admin(admin_client, lampang_event):
    assert edit_event(admin_client, lampang_event, end_date=JAN_9).status_code == 302
    assert dates_of(lampang_event) == [JAN_7, JAN_8, JAN_9]

    assert edit_event(admin_client, lampang_event, start_date=JAN_8, end_date=JAN_8).status_code == 302
    assert dates_of(lampang_event) == [JAN_8]


def test_a_day_with_attendance_is_not_cut_off_by_dates_changed_in_the_admin(admin_client, admin_user, lampang):
    event = EventFactory(host_province=lampang, start_date=JAN_7, end_date=JAN_8)
    registration = RegistrationFactory(event=event)
    services.check_in(day=event.days.get(date=JAN_8), registration=registration, method="tick", by=admin_user)

    response = edit_event(admin_client, event, end_date=JAN_7)

    assert "มีการบันทึกการเข้าร่วมของวันที่ 8 ม.ค. 2563 แล้ว จึงตัดวันนั้นออกจากกิจกรรมไม่ได้" in page_of(response)
    event.refresh_from_db()
    assert event.end_date == JAN_8 and dates_of(event) == [JAN_7, JAN_8]


def test_days_are_not_added_or_deleted_by_hand_in_the_admin(admin_client, admin_user, lampang_event):
    # Deleting a day deleted its attendance with it; a day added by hand lay outside the event's dates.
    registration = RegistrationFactory(event=lampang_event)
    services.check_in(day=lampang_event.days.get(), registration=registration, method="tick", by=admin_user)
    url = reverse("admin:trainings_event_change", args=[lampang_event.pk])
    data = form_as_posted(admin_client, url)
    data.update({"days-0-DELETE": "on", "days-TOTAL_FORMS": "2", "days-1-date": "01/02/2563"})

    admin_client.post(url, data)

    assert dates_of(lampang_event) == [JAN_7]
    assert registration.attendances.count() == 1
    formset = admin_client.get(url).context["inline_admin_formsets"][0]
    assert formset.formset.model.__name__ == "EventDay"
    assert not formset.has_add_permission and not formset.formset.can_delete


def test_an_event_longer_than_a_month_is_refused_in_the_admin_in_thai(admin_client, lampang_event):
    # A year typed in ค.ศ. as พ.ศ. (or the other way) makes an event of a year; the portal refuses it.
    response = edit_event(admin_client, lampang_event, end_date=dt.date(2020, 3, 1))

    assert "กิจกรรมยาวเกิน 31 วัน ตรวจสอบว่ากรอกปี พ.ศ. หรือ ค.ศ. ถูกต้อง" in page_of(response)
    lampang_event.refresh_from_db()
    assert lampang_event.end_date == JAN_7


def test_an_event_yet_to_start_is_not_recorded_as_held_in_the_admin(admin_client, lampang):
    # The reports count the events held: one still to come would be counted.
    soon = timezone.localdate() + dt.timedelta(days=30)
    event = EventFactory(host_province=lampang, start_date=soon)

    response = edit_event(admin_client, event, status=Event.Status.DONE)

    assert f"กิจกรรมที่ยังไม่ถึงวันเริ่ม ({thai.format_date_be(soon)}) บันทึกว่า “จัดเสร็จแล้ว” ไม่ได้" in page_of(response)
    event.refresh_from_db()
    assert event.status == Event.Status.OPEN


def test_a_capacity_below_the_people_registered_is_refused_in_the_admin_in_thai(admin_client, lampang):
    event = EventFactory(host_province=lampang, targets={Category.OTHER: (2, 5)})
    RegistrationFactory.create_batch(3, event=event)

    response = edit_event(admin_client, event, **{"targets-0-capacity": "2"})

    assert "อื่น ๆลงทะเบียนไว้แล้ว 3 คน มากกว่าจำนวนรับสูงสุดใหม่ (2 คน) ยกเลิกการลงทะเบียนบางคนก่อน" in page_of(response)
    assert EventTarget.objects.get(event=event).capacity == 5


def test_a_capacity_below_its_target_is_refused_in_the_admin_as_on_the_event_page(admin_client, lampang):
    event = EventFactory(host_province=lampang, targets={Category.VOLUNTEER: (30, 40)})

    response = edit_event(admin_client, event, **{"targets-0-capacity": "20"})

    assert "อาสาสมัครแรงงาน: จำนวนรับสูงสุด (20) น้อยกว่าเป้าหมาย (30)" in page_of(response)
    assert EventTarget.objects.get(event=event).capacity == 40


def test_a_portal_edit_opened_before_an_admin_change_is_refused_and_keeps_the_change(
    admin_client, client_for, lampang_officer, lampang_event
):
    opened_at = lampang_event.version

    assert edit_event(admin_client, lampang_event, title="ชื่อที่ผู้ดูแลระบบแก้").status_code == 302
    officers_save = client_for(lampang_officer).post(
        reverse("trainings:edit", args=[lampang_event.pk]),
        {
            "title": "ชื่อที่เจ้าหน้าที่แก้",
            "kind": "workshop",
            "venue": "ห้องประชุม",
            "start_date": "07/01/2563",
            "end_date": "07/01/2563",
            "status": "open",
            "version": opened_at,
        },
    )

    assert "ถูกแก้ไขไปแล้ว" in page_of(officers_save)
    lampang_event.refresh_from_db()
    assert lampang_event.title == "ชื่อที่ผู้ดูแลระบบแก้"


# Registrations --------------------------------------------------------------------------------------------------


@pytest.fixture
def full_event(lampang):
    """A Lampang event whose one seat for volunteers is taken."""
    event = EventFactory(host_province=lampang, targets={Category.VOLUNTEER: (1, 1)})
    RegistrationFactory(event=event, volunteer=VolunteerFactory(province=lampang))
    return event


@pytest.mark.parametrize("bypass", ["past_capacity", "not_serving", "from_another_province"])
def test_registrations_are_not_added_in_the_admin_around_the_portals_checks(
    admin_client, lampang, chiang_mai, full_event, bypass
):
    if bypass == "past_capacity":
        volunteer, home = VolunteerFactory(province=lampang), lampang
    elif bypass == "not_serving":
        full_event.targets.all().delete()
        volunteer, home = VolunteerFactory(province=lampang, status=Volunteer.Status.RESIGNED), lampang
    else:
        full_event.targets.all().delete()
        volunteer, home = VolunteerFactory(province=lampang), chiang_mai
    before = Registration.objects.count()

    response = admin_client.post(
        reverse("admin:trainings_registration_add"),
        {
            "event": full_event.pk,
            "category": Category.VOLUNTEER,
            "volunteer": volunteer.pk,
            "home_province": home.pk,
            "code": "ADMIN00001",
        },
    )

    assert response.status_code == 403
    assert Registration.objects.count() == before
    listed = page_of(admin_client.get(reverse("admin:trainings_registration_changelist")))
    assert reverse("admin:trainings_registration_add") not in listed


def test_a_cancelled_registration_is_not_restored_in_the_admin(admin_client, admin_user, lampang, full_event):
    # Restored when the seat had been taken, it was one person past the capacity.
    cancelled = RegistrationFactory(event=full_event, volunteer=VolunteerFactory(province=lampang))
    services.cancel_registration(registration=cancelled, reason="ติดภารกิจ", by=admin_user)
    url = reverse("admin:trainings_registration_change", args=[cancelled.pk])
    data = form_as_posted(admin_client, url)
    data.update(cancelled_at_0="", cancelled_at_1="", cancel_reason="")

    admin_client.post(url, data)

    cancelled.refresh_from_db()
    assert cancelled.is_cancelled and cancelled.cancel_reason == "ติดภารกิจ"
    assert "cancelled_at" not in admin_client.get(url).context["adminform"].form.fields


def test_a_registrations_event_person_and_category_are_not_changed_in_the_admin(
    admin_client, lampang, chiang_mai, lampang_registration
):
    registered = (lampang_registration.event, lampang_registration.volunteer, lampang_registration.category, lampang)
    other_event = EventFactory(host_province=lampang)
    other_volunteer = VolunteerFactory(province=lampang, status=Volunteer.Status.RESIGNED)
    url = reverse("admin:trainings_registration_change", args=[lampang_registration.pk])
    data = form_as_posted(admin_client, url)
    data.update(
        event=other_event.pk, volunteer=other_volunteer.pk, category=Category.SPEAKER, home_province=chiang_mai.pk
    )

    admin_client.post(url, data)

    lampang_registration.refresh_from_db()
    now = lampang_registration
    assert (now.event, now.volunteer, now.category, now.home_province) == registered
    offered = admin_client.get(url).context["adminform"].form.fields
    assert not {"event", "volunteer", "mentor", "category", "home_province", "code"} & set(offered)


def test_a_guests_name_corrected_in_the_admin_keeps_the_guest_rules(admin_client, lampang_event):
    guest = RegistrationFactory(event=lampang_event, name="นายวิทยากร รับเชิญ")
    RegistrationFactory(event=lampang_event, name="นางสาวผู้สังเกต การณ์")
    url = reverse("admin:trainings_registration_change", args=[guest.pk])

    blank = admin_client.post(url, {**form_as_posted(admin_client, url), "name": "  "})
    taken = admin_client.post(url, {**form_as_posted(admin_client, url), "name": "นางสาวผู้สังเกต  การณ์"})

    assert "กรุณากรอกชื่อ-นามสกุลของผู้เข้าร่วม" in page_of(blank)
    assert "นางสาวผู้สังเกต การณ์ ลงทะเบียนในกิจกรรมนี้ไว้แล้ว" in page_of(taken)
    guest.refresh_from_db()
    assert guest.name == "นายวิทยากร รับเชิญ"
    corrected = admin_client.post(url, {**form_as_posted(admin_client, url), "name": " นายวิทยากร  รับเชิญดี "})
    assert corrected.status_code == 302
    guest.refresh_from_db()
    assert guest.name == "นายวิทยากร รับเชิญดี"
