import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.thai import current_fiscal_year
from trainings import services
from trainings.models import Event, EventTarget
from trainings.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


NEXT_MONTH = dt.date.today() + dt.timedelta(days=30)


def be(day: dt.date) -> str:
    return f"{day:%d/%m}/{day.year + 543}"


def event_post(**overrides):
    data = {
        "title": "ประชุมเชิงปฏิบัติการเครือข่าย อสร. จังหวัดลำปาง",
        "project": "โครงการเสริมสร้างศักยภาพเครือข่ายอาสาสมัครแรงงาน",
        "kind": "workshop",
        "topics": ["network", "anti_trafficking"],
        "venue": "โรงแรม ณ บ้านแม่ รีสอร์ท",
        "start_date": "07/01/2563",
        "end_date": "08/01/2563",
        "status": "open",
        "presiding_official": "นายทดสอบ ระบบดี",
        "presiding_position": "แรงงานจังหวัดลำปาง",
        "budget": "50000",
        "target_volunteer": "100",
        "capacity_volunteer": "110",
        "target_mentor": "14",
        "target_anti_trafficking": "14",
    }
    data.update(overrides)
    return data


def test_officer_creates_a_two_day_workshop_in_their_province(client_for, lampang_officer, lampang):
    response = client_for(lampang_officer).post(reverse("trainings:create"), event_post(), follow=True)
    event = Event.objects.get()
    assert response.redirect_chain[-1][0] == reverse("trainings:detail", args=[event.pk])
    assert event.host_province == lampang and event.level == Event.Level.PROVINCIAL
    assert event.fiscal_year == 2563
    assert [d.date for d in event.days.all()] == [dt.date(2020, 1, 7), dt.date(2020, 1, 8)]
    assert {t.category: (t.target, t.capacity) for t in event.targets.all()} == {
        "volunteer": (100, 110),
        "mentor": (14, None),
        "anti_trafficking": (14, None),
    }
    assert "สร้างกิจกรรม" in response.content.decode()
    assert "7 มกราคม 2563" in response.content.decode()


def test_officer_cannot_host_in_another_province_or_nationally(client_for, lampang_officer, chiang_mai):
    client_for(lampang_officer).post(
        reverse("trainings:create"), event_post(host_province=chiang_mai.pk, level="national")
    )
    event = Event.objects.get()
    # The province and level fields are fixed for officers: whatever is posted, the event stays their own.
    assert event.host_province.code == "52"
    assert event.level == Event.Level.PROVINCIAL


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"end_date": "06/01/2563"}, "end_date", "อยู่ก่อนวันเริ่ม"),
        ({"target_volunteer": "-5"}, "target_volunteer", "ต้องไม่ติดลบ"),
        ({"capacity_mentor": "-1"}, "capacity_mentor", "ต้องไม่ติดลบ"),
        ({"start_date": "31/02/2563"}, "start_date", "ไม่มีวันที่"),
        ({"title": ""}, "title", ""),
        ({"budget": "-10"}, "budget", "ไม่ติดลบ"),
        # Found by probing the form: Django's Thai catalogue leaves the decimal field's limits in English.
        ({"budget": "12345678901"}, "budget", "ตัวเลขหน้าจุดทศนิยมต้องไม่เกิน 10 หลัก"),
        ({"budget": "1.234"}, "budget", "ทศนิยมต้องไม่เกิน 2 ตำแหน่ง"),
        ({"budget": "9" * 20}, "budget", "รวมทศนิยมแล้วต้องไม่เกิน 12 หลัก"),
        ({"capacity_volunteer": "50"}, "capacity_volunteer", "น้อยกว่าเป้าหมาย"),
        # Found by the fuzz test: past PostgreSQL's integer the save was a server error.
        ({"target_volunteer": "9" * 20}, "target_volunteer", "ไม่เกิน 100,000 คน"),
        ({"capacity_speaker": "3000000000"}, "capacity_speaker", "ไม่เกิน 100,000 คน"),
        # Found by probing the API: an event still to come recorded as held.
        (
            {"status": "done", "start_date": be(NEXT_MONTH), "end_date": be(NEXT_MONTH)},
            "status",
            "ยังไม่ถึงวันเริ่ม",
        ),
    ],
)
def test_bad_event_input_gets_a_thai_message_and_saves_nothing(client_for, lampang_officer, overrides, field, message):
    response = client_for(lampang_officer).post(reverse("trainings:create"), event_post(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not Event.objects.exists()


def test_service_refuses_end_before_start_and_negative_targets(lampang_officer, lampang):
    fields = {"title": "ทดสอบ", "kind": "workshop", "host_province": lampang, "venue": "ห้องประชุม", "status": "draft"}
    with pytest.raises(ValidationError, match="อยู่ก่อนวันเริ่ม"):
        services.create_event(
            by=lampang_officer, start_date=dt.date(2020, 1, 8), end_date=dt.date(2020, 1, 7), **fields
        )
    with pytest.raises(ValidationError, match="ต้องไม่ติดลบ"):
        services.create_event(
            by=lampang_officer,
            start_date=dt.date(2020, 1, 7),
            end_date=dt.date(2020, 1, 7),
            targets={"volunteer": (-1, None)},
            **fields,
        )
    assert not Event.objects.exists()


def test_only_administrators_open_national_events(lampang_officer, admin_user, bangkok):
    fields = {
        "title": "สัมมนาระดับประเทศ",
        "kind": "seminar",
        "level": "national",
        "host_province": bangkok,
        "venue": "กรุงเทพมหานคร",
        "start_date": dt.date(2020, 12, 3),
        "end_date": dt.date(2020, 12, 3),
    }
    with pytest.raises(PermissionDenied):
        services.create_event(by=lampang_officer, **fields)
    event = services.create_event(by=admin_user, **fields)
    assert event.fiscal_year == 2564


def test_editing_dates_moves_the_days_but_keeps_days_with_attendance(client_for, lampang_officer, lampang_event):
    client = client_for(lampang_officer)
    response = client.post(
        reverse("trainings:edit", args=[lampang_event.pk]),
        event_post(start_date="07/01/2563", end_date="09/01/2563", title=lampang_event.title, version=0),
    )
    assert response.status_code == 302
    assert lampang_event.days.count() == 3
    registration = RegistrationFactory(event=lampang_event)
    services.check_in(day=lampang_event.days.last(), registration=registration, method="tick", by=lampang_officer)
    response = client.post(
        reverse("trainings:edit", args=[lampang_event.pk]),
        event_post(start_date="07/01/2563", end_date="07/01/2563", title=lampang_event.title, version=1),
    )
    assert response.status_code == 200
    assert "ตัดวันนั้นออกจากกิจกรรมไม่ได้" in response.content.decode()
    assert lampang_event.days.count() == 3


def test_an_edit_opened_before_someone_else_saved_is_refused_and_keeps_their_change(
    client_for, lampang_officer, lampang_event
):
    first, second = client_for(lampang_officer), client_for(lampang_officer)
    opened_at = lampang_event.version
    response = first.post(
        reverse("trainings:edit", args=[lampang_event.pk]),
        event_post(title="ชื่อที่เจ้าหน้าที่คนแรกแก้", version=opened_at),
    )
    assert response.status_code == 302
    response = second.post(
        reverse("trainings:edit", args=[lampang_event.pk]),
        event_post(title="ชื่อที่เจ้าหน้าที่คนที่สองแก้", version=opened_at),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="stale-edit"' in page and "ถูกแก้ไขไปแล้ว" in page
    lampang_event.refresh_from_db()
    assert lampang_event.title == "ชื่อที่เจ้าหน้าที่คนแรกแก้"
    assert lampang_event.version == opened_at + 1


@pytest.mark.parametrize("version", [None, "abc", "9" * 20], ids=["missing", "not-a-number", "past-any-version"])
def test_an_edit_form_without_its_version_is_refused(client_for, lampang_officer, lampang_event, version):
    # A version past the column's range was taken for somebody's later edit: "edited after you opened it", untrue.
    sent = {} if version is None else {"version": version}
    response = client_for(lampang_officer).post(
        reverse("trainings:edit", args=[lampang_event.pk]), event_post(title="ไม่มีรุ่นของข้อมูล", **sent)
    )
    assert response.status_code == 200
    assert "ไม่พบรุ่นของข้อมูล" in response.content.decode() and "ถูกแก้ไขไปแล้ว" not in response.content.decode()
    lampang_event.refresh_from_db()
    assert lampang_event.title != "ไม่มีรุ่นของข้อมูล"


def test_lowering_capacity_below_registrations_is_refused(lampang_officer, lampang_event):
    EventTarget.objects.create(event=lampang_event, category="other", target=2, capacity=5)
    RegistrationFactory.create_batch(3, event=lampang_event)
    with pytest.raises(ValidationError, match="มากกว่าจำนวนรับสูงสุดใหม่"):
        services.update_event(event=lampang_event, by=lampang_officer, targets={"other": (2, 2)})
    assert lampang_event.targets.get().capacity == 5


@pytest.mark.parametrize(
    "start, end, fiscal_year",
    [
        ("30/09/2563", "30/09/2563", 2563),  # the last day of FY 2563
        ("01/10/2563", "01/10/2563", 2564),  # the first day of FY 2564
        ("30/09/2563", "02/10/2563", 2563),  # across the boundary: the start date decides
    ],
)
def test_an_events_fiscal_year_comes_from_its_start_date_across_30_september_and_1_october(
    client_for, lampang_officer, start, end, fiscal_year
):
    client = client_for(lampang_officer)
    response = client.post(reverse("trainings:create"), event_post(start_date=start, end_date=end), follow=True)
    event = Event.objects.get()
    assert event.fiscal_year == fiscal_year
    assert f"ปีงบประมาณ {fiscal_year}" in response.content.decode()
    assert Event.objects.in_fiscal_year(fiscal_year).get() == event


def test_moving_an_event_across_1_october_moves_its_fiscal_year(lampang_officer, lampang_event):
    services.update_event(
        event=lampang_event, by=lampang_officer, start_date=dt.date(2020, 9, 30), end_date=dt.date(2020, 10, 1)
    )
    lampang_event.refresh_from_db()
    assert lampang_event.fiscal_year == 2563
    services.update_event(
        event=lampang_event, by=lampang_officer, start_date=dt.date(2020, 10, 1), end_date=dt.date(2020, 10, 1)
    )
    lampang_event.refresh_from_db()
    assert lampang_event.fiscal_year == 2564


def test_a_start_far_ahead_is_questioned_as_a_mistyped_year(client_for, lampang_officer):
    # Found by probing the form: 10/12/2600 (a typo for 2570) made an event of fiscal year 2601.
    last_year = current_fiscal_year() + services.MAX_FISCAL_YEARS_AHEAD
    client = client_for(lampang_officer)

    response = client.post(reverse("trainings:create"), event_post(start_date="10/12/2600", end_date="10/12/2600"))

    message = " ".join(response.context["form"].errors["start_date"])
    assert "วันเริ่ม 10 ธ.ค. 2600 อยู่ในปีงบประมาณ 2601" in message
    assert f"เกิน 2 ปีงบประมาณข้างหน้า (รับได้ถึง 30 ก.ย. {last_year})" in message
    assert message in response.content.decode()
    assert not Event.objects.exists()
    # The last day of the last fiscal year it accepts is still taken.
    last_day = f"30/09/{last_year}"
    client.post(reverse("trainings:create"), event_post(start_date=last_day, end_date=last_day))
    assert Event.objects.get().fiscal_year == last_year


def test_the_service_refuses_a_start_far_ahead_for_the_api_and_the_admin_too(lampang_officer, lampang):
    fields = {"title": "ทดสอบ", "kind": "workshop", "host_province": lampang, "venue": "ห้องประชุม", "status": "draft"}
    with pytest.raises(ValidationError, match="ปีงบประมาณ 2601"):
        services.create_event(
            by=lampang_officer, start_date=dt.date(2057, 12, 10), end_date=dt.date(2057, 12, 10), **fields
        )
    assert not Event.objects.exists()


def test_a_wrong_topic_is_shown_on_the_topics_field(client_for, lampang_officer):
    response = client_for(lampang_officer).post(reverse("trainings:create"), event_post(topics=["zzz"]))

    errors = response.context["form"].errors["topics"]
    page = response.content.decode()
    assert 'data-testid="error-topics"' in page
    assert all(str(error) in page for error in errors)
    assert not Event.objects.exists()
