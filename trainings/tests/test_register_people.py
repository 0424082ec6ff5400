import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils.html import strip_tags

from trainings import services
from trainings.models import Category, Event, EventTarget, Registration
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_officer_registers_a_mentor_and_their_whole_group(
    client_for, lampang_officer, lampang, lampang_event, lampang_mentor
):
    group = VolunteerFactory.create_batch(5, province=lampang, mentor=lampang_mentor)
    VolunteerFactory(province=lampang, mentor=lampang_mentor, status=Volunteer.Status.RESIGNED)
    response = client_for(lampang_officer).post(
        reverse("trainings:register_group", args=[lampang_event.pk]), {"mentor": lampang_mentor.pk}, follow=True
    )
    assert "ลงทะเบียนแล้ว 6 คน" in response.content.decode()
    registered = lampang_event.registrations.active()
    assert set(registered.exclude(volunteer=None).values_list("volunteer_id", flat=True)) == {v.pk for v in group}
    assert registered.get(mentor=lampang_mentor).category == Category.MENTOR
    assert set(registered.values_list("home_province__code", flat=True)) == {"52"}


def test_registering_the_group_again_skips_those_already_in(lampang_officer, lampang, lampang_event, lampang_mentor):
    VolunteerFactory.create_batch(3, province=lampang, mentor=lampang_mentor)
    services.register_mentor_group(event=lampang_event, mentor=lampang_mentor, by=lampang_officer)
    result = services.register_mentor_group(event=lampang_event, mentor=lampang_mentor, by=lampang_officer)
    assert result.created == []
    assert len(result.already_registered) == 4
    assert lampang_event.registrations.count() == 4


def test_search_by_name_and_register_the_ones_ticked(
    client_for, lampang_officer, lampang, lampang_event, lampang_volunteer
):
    VolunteerFactory(province=lampang, first_name="มาลี", last_name="ทองคำ")
    client = client_for(lampang_officer)
    page = client.get(reverse("trainings:register", args=[lampang_event.pk]), {"q": "สมหมาย"}).content.decode()
    assert "สมหมาย ขยันยิ่ง" in strip_tags(page) and "มาลี" not in strip_tags(page)
    response = client.post(
        reverse("trainings:register", args=[lampang_event.pk]), {"volunteer": [lampang_volunteer.pk]}, follow=True
    )
    assert "ลงทะเบียนแล้ว 1 คน" in response.content.decode()
    page = client.get(reverse("trainings:register", args=[lampang_event.pk]), {"q": "สมหมาย"}).content.decode()
    assert "ลงทะเบียนแล้ว" in page


def test_search_by_district(client_for, lampang_officer, lampang, lampang_event):
    from provinces.models import Subdistrict

    far = Subdistrict.objects.filter(province=lampang).order_by("-code").first()
    VolunteerFactory(province=lampang, subdistrict=far, first_name="อำนาจ", last_name="ปาระมี")
    VolunteerFactory(province=lampang, first_name="สุดา", last_name="ใจดี")
    page = client_for(lampang_officer).get(
        reverse("trainings:register", args=[lampang_event.pk]), {"district": far.district_id}
    )
    names = [v.full_name for v in page.context["results"]]
    assert names == ["นายอำนาจ ปาระมี"]


def test_no_one_is_registered_twice(lampang_officer, lampang_event, lampang_volunteer):
    services.register_people(event=lampang_event, volunteers=[lampang_volunteer], by=lampang_officer)
    result = services.register_people(event=lampang_event, volunteers=[lampang_volunteer], by=lampang_officer)
    assert result.already_registered == [lampang_volunteer.full_name]
    assert lampang_event.registrations.count() == 1
    with pytest.raises(IntegrityError):  # the database refuses it too
        Registration.objects.create(
            event=lampang_event,
            volunteer=lampang_volunteer,
            category="volunteer",
            home_province=lampang_event.host_province,
        )


def test_a_guest_with_the_same_name_is_refused(lampang_officer, lampang_event, lampang):
    services.register_guest(
        event=lampang_event, category="speaker", name="นายวิทยากร  เก่งมาก", home_province=lampang, by=lampang_officer
    )
    with pytest.raises(ValidationError, match="ลงทะเบียนในกิจกรรมนี้ไว้แล้ว"):
        services.register_guest(
            event=lampang_event, category="speaker", name="นายวิทยากร เก่งมาก", home_province=lampang, by=lampang_officer
        )


def test_going_over_capacity_is_refused_with_a_clear_message_and_nothing_saved(
    client_for, lampang_officer, lampang, lampang_event
):
    EventTarget.objects.create(event=lampang_event, category="volunteer", target=2, capacity=2)
    people = VolunteerFactory.create_batch(3, province=lampang)
    response = client_for(lampang_officer).post(
        reverse("trainings:register", args=[lampang_event.pk]), {"volunteer": [p.pk for p in people]}, follow=True
    )
    page = response.content.decode()
    assert "เกินจำนวนรับ: อาสาสมัครแรงงานรับได้สูงสุด 2 คน ลงทะเบียนแล้ว 0 คน เหลือที่ว่าง 2 คน แต่เลือกมา 3 คน" in page
    assert not lampang_event.registrations.exists()


def test_a_cancelled_registration_frees_its_seat_and_may_be_registered_again(
    client_for, lampang_officer, lampang_event, lampang_volunteer
):
    EventTarget.objects.create(event=lampang_event, category="volunteer", target=1, capacity=1)
    registration = services.register_people(
        event=lampang_event, volunteers=[lampang_volunteer], by=lampang_officer
    ).created[0]
    client = client_for(lampang_officer)
    response = client.post(reverse("trainings:cancel", args=[registration.pk]), {"reason": ""})
    assert "กรุณาระบุเหตุผล" in response.content.decode()
    response = client.post(reverse("trainings:cancel", args=[registration.pk]), {"reason": "ติดภารกิจ"}, follow=True)
    assert "ยกเลิกการลงทะเบียนของ" in response.content.decode()
    registration.refresh_from_db()
    assert registration.cancelled_at and registration.cancel_reason == "ติดภารกิจ"
    again = services.register_people(event=lampang_event, volunteers=[lampang_volunteer], by=lampang_officer)
    assert len(again.created) == 1
    with pytest.raises(ValidationError, match="ถูกยกเลิกไปแล้ว"):
        services.cancel_registration(registration=registration, reason="ซ้ำ", by=lampang_officer)


def test_a_participant_from_another_province_is_refused(
    client_for, lampang_officer, lampang_event, chiangmai_volunteer
):
    with pytest.raises(ValidationError, match="เฉพาะผู้เข้าร่วมในจังหวัดที่ท่านดูแล"):
        services.register_people(event=lampang_event, volunteers=[chiangmai_volunteer], by=lampang_officer)
    # Through the page, the other province's people are not even found: a clear message, nothing saved.
    response = client_for(lampang_officer).post(
        reverse("trainings:register", args=[lampang_event.pk]), {"volunteer": [chiangmai_volunteer.pk]}, follow=True
    )
    assert "ไม่พบผู้เข้าร่วม 1 คนที่เลือกในทะเบียนของจังหวัดที่ท่านดูแล" in response.content.decode()
    assert not lampang_event.registrations.exists()


def test_guests_come_with_name_position_agency_province_and_phone(client_for, lampang_officer, lampang_event, lampang):
    response = client_for(lampang_officer).post(
        reverse("trainings:register_guest", args=[lampang_event.pk]),
        {
            "category": "anti_trafficking",
            "name": "นางสาวจิราพร ดวงแก้ว",
            "position": "นักวิชาการแรงงาน",
            "agency_name": "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดลำปาง",
            "home_province": lampang.pk,
            "phone": "054111222",
        },
        follow=True,
    )
    registration = lampang_event.registrations.get()
    assert f"รหัส {registration.code}" in response.content.decode()
    assert registration.agency_display == "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดลำปาง"
    assert registration.category == "anti_trafficking"


def test_volunteers_cannot_be_typed_in_as_guests(lampang_officer, lampang_event, lampang):
    with pytest.raises(ValidationError, match="ต้องเลือกจากทะเบียน"):
        services.register_guest(
            event=lampang_event, category="volunteer", name="นายสมชาย ใจดี", home_province=lampang, by=lampang_officer
        )


def test_provinces_register_their_own_people_into_an_open_national_event(
    client_for, lampang_officer, chiangmai_officer, national_event, lampang_volunteer, chiangmai_volunteer, hq_analyst
):
    services.register_people(event=national_event, volunteers=[lampang_volunteer], by=lampang_officer)
    services.register_people(event=national_event, volunteers=[chiangmai_volunteer], by=chiangmai_officer)
    page = (
        client_for(lampang_officer).get(reverse("trainings:registrations", args=[national_event.pk])).content.decode()
    )
    assert "สมหมาย ขยันยิ่ง" in strip_tags(page) and "คำแปง" not in strip_tags(page)
    page = client_for(hq_analyst).get(reverse("trainings:registrations", args=[national_event.pk])).content.decode()
    assert "สมหมาย ขยันยิ่ง" in strip_tags(page) and "คำแปง ไชยวงศ์" in strip_tags(page)
    assert set(national_event.registrations.values_list("home_province__code", flat=True)) == {"52", "50"}


def test_a_national_event_not_yet_open_refuses_province_registrations(
    lampang_officer, national_event, lampang_volunteer, lampang
):
    Event.objects.filter(pk=national_event.pk).update(status=Event.Status.DRAFT)
    with pytest.raises(ValidationError, match="ยังไม่เปิดรับลงทะเบียน"):
        services.register_people(event=national_event, volunteers=[lampang_volunteer], by=lampang_officer)
    with pytest.raises(ValidationError, match="เฉพาะผู้เข้าร่วมในจังหวัดที่ท่านดูแล"):
        Event.objects.filter(pk=national_event.pk).update(status=Event.Status.OPEN)
        from provinces.models import Province

        services.register_guest(
            event=national_event,
            category="official",
            name="นายต่างถิ่น มาเอง",
            home_province=Province.objects.get(code="50"),
            by=lampang_officer,
        )


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (Event.Status.CLOSED, "ส่วนกลางปิดรับลงทะเบียนกิจกรรมนี้แล้ว จึงยกเลิกการลงทะเบียนไม่ได้"),
        (Event.Status.DONE, "กิจกรรมนี้จัดเสร็จแล้ว จึงยกเลิกการลงทะเบียนไม่ได้"),
    ],
)
def test_a_province_cancels_its_people_in_a_national_event_only_while_hq_keeps_registration_open(
    client_for, lampang_officer, hq_officer, national_event, lampang_volunteer, status, said
):
    registration = services.register_people(event=national_event, volunteers=[lampang_volunteer], by=lampang_officer)
    registration = registration.created[0]
    Event.objects.filter(pk=national_event.pk).update(status=status)
    cancel = reverse("trainings:cancel", args=[registration.pk])

    refused = client_for(lampang_officer).post(cancel, {"reason": "ติดภารกิจ"})
    registration.refresh_from_db()
    assert said in refused.content.decode() and not registration.is_cancelled

    assert client_for(hq_officer).post(cancel, {"reason": "ติดภารกิจ"}).status_code == 302  # HQ runs the event
    registration.refresh_from_db()
    assert registration.is_cancelled


@pytest.mark.parametrize("category", [Category.OBSERVER, Category.SPEAKER])
def test_a_volunteer_is_not_registered_in_another_category_around_the_volunteers_seats(
    client_for, lampang_officer, lampang, category
):
    event = EventFactory(host_province=lampang, targets={Category.VOLUNTEER: (1, 1)})
    RegistrationFactory(event=event, volunteer=VolunteerFactory(province=lampang))
    newcomer = VolunteerFactory(province=lampang)

    response = client_for(lampang_officer).post(
        reverse("trainings:register", args=[event.pk]), {"volunteer": [newcomer.pk], "category": category}, follow=True
    )

    assert "อาสาสมัครแรงงานลงทะเบียนได้ในประเภท “อาสาสมัครแรงงาน” เท่านั้น" in response.content.decode()
    assert not event.registrations.filter(volunteer=newcomer).exists()


def test_a_mentor_group_for_a_mentor_that_is_not_a_number_is_not_found(client_for, lampang_officer, lampang_event):
    response = client_for(lampang_officer).post(
        reverse("trainings:register_group", args=[lampang_event.pk]), {"mentor": "abc"}
    )
    assert response.status_code == 404


def test_a_cancelled_event_takes_no_registrations(lampang_officer, lampang_event, lampang_volunteer):
    Event.objects.filter(pk=lampang_event.pk).update(status=Event.Status.CANCELLED)
    with pytest.raises(ValidationError, match="ยกเลิก"):
        services.register_people(event=lampang_event, volunteers=[lampang_volunteer], by=lampang_officer)


def test_registration_list_shows_people_with_their_codes(client_for, lampang_viewer, lampang_event):
    registration = RegistrationFactory(event=lampang_event, name="นายสุเทพ ทองมา")
    page = client_for(lampang_viewer).get(reverse("trainings:registrations", args=[lampang_event.pk])).content.decode()
    assert "นายสุเทพ ทองมา" in strip_tags(page) and registration.code in strip_tags(page)
    assert reverse("trainings:cancel", args=[registration.pk]) not in page


# A batch with someone who no longer serves: the others are registered, and the page names who was not, and why.


def test_a_batch_of_seven_serving_volunteers_and_one_resigned_registers_the_seven_and_names_the_resigned_one(
    client_for, lampang_officer, lampang, lampang_event
):
    serving = VolunteerFactory.create_batch(7, province=lampang)
    resigned = VolunteerFactory(
        province=lampang, first_name="สมศักดิ์", last_name="ลาออกแล้ว", status=Volunteer.Status.RESIGNED
    )
    response = client_for(lampang_officer).post(
        reverse("trainings:register", args=[lampang_event.pk]),
        {"volunteer": [v.pk for v in serving[:4]] + [resigned.pk] + [v.pk for v in serving[4:]]},
        follow=True,
    )
    page = response.content.decode()
    assert "ลงทะเบียนแล้ว 7 คน" in page
    assert f"ลงทะเบียนไม่ได้ 1 คน เพราะรับเฉพาะผู้ที่ยังปฏิบัติหน้าที่: {resigned.full_name} (สถานะ “ลาออก/พ้นสภาพ”)" in page
    registered = set(lampang_event.registrations.active().values_list("volunteer_id", flat=True))
    assert registered == {v.pk for v in serving}


def test_people_who_no_longer_serve_are_each_named_with_their_status_and_the_rest_registered(
    lampang_officer, lampang, lampang_event, lampang_mentor
):
    serving = VolunteerFactory(province=lampang)
    suspended = VolunteerFactory(province=lampang, status=Volunteer.Status.SUSPENDED)
    deceased = VolunteerFactory(province=lampang, status=Volunteer.Status.DECEASED)
    lampang_mentor.is_active = False
    lampang_mentor.save()
    result = services.register_people(
        event=lampang_event, volunteers=[suspended, serving, deceased], mentors=[lampang_mentor], by=lampang_officer
    )
    assert [r.volunteer for r in result.created] == [serving]
    assert result.not_registered == [
        (suspended.full_name, "สถานะ “พักการปฏิบัติหน้าที่”"),
        (deceased.full_name, "สถานะ “เสียชีวิต”"),
        (lampang_mentor.full_name, "พี่เลี้ยงที่ไม่ได้ปฏิบัติหน้าที่แล้ว"),
    ]
    assert lampang_event.registrations.count() == 1


def test_a_batch_of_only_resigned_people_registers_nobody_and_says_who(
    client_for, lampang_officer, lampang, lampang_event
):
    resigned = VolunteerFactory(province=lampang, status=Volunteer.Status.RESIGNED)
    response = client_for(lampang_officer).post(
        reverse("trainings:register", args=[lampang_event.pk]), {"volunteer": [resigned.pk]}, follow=True
    )
    page = response.content.decode()
    assert f"ลงทะเบียนไม่ได้ 1 คน เพราะรับเฉพาะผู้ที่ยังปฏิบัติหน้าที่: {resigned.full_name}" in page
    assert "ลงทะเบียนแล้ว" not in page
    assert not lampang_event.registrations.exists()


def test_the_picker_shows_each_persons_status_and_offers_only_those_serving(
    client_for, lampang_officer, lampang, lampang_event
):
    serving = VolunteerFactory(province=lampang, first_name="ขยัน", last_name="ทำงาน")
    resigned = VolunteerFactory(province=lampang, first_name="ขยัน", last_name="ลาออก", status="resigned")
    client = client_for(lampang_officer)
    url = reverse("trainings:register", args=[lampang_event.pk])

    response = client.get(url, {"q": "ขยัน"})
    assert [v.pk for v in response.context["results"]] == [serving.pk]
    page = response.content.decode()
    assert 'data-status="active">ปฏิบัติหน้าที่</span>' in page
    assert "ไม่แสดงผู้ที่ไม่ได้ปฏิบัติหน้าที่ 1 คน" in page

    page = client.get(url, {"q": "ขยัน", "inactive": "on"}).content.decode()
    assert resigned.full_name in strip_tags(page)
    assert 'data-status="resigned">ลาออก/พ้นสภาพ</span>' in page
    assert f'name="volunteer" value="{serving.pk}"' in page
    assert f'name="volunteer" value="{resigned.pk}"' not in page  # shown, but not offered
