"""Helpers for the report tests (departures, registrations with attendance), and a small province built by hand whose
every figure is worked out below. People and events come from their apps' factories."""

import datetime as dt

from django.utils import timezone

from mentors.tests.factories import MentorFactory
from provinces.models import Agency, District, Province, Region, Subdistrict
from trainings.models import Attendance, Category, Event, EventTarget, Registration
from trainings.tests.factories import EventFactory
from volunteers.models import StatusChange, Volunteer
from volunteers.tests.factories import VolunteerFactory


def leave(volunteer, status, on, reason):
    """Record a departure (or suspension) the way the registry does: the status, its date and the reason."""
    StatusChange.objects.create(
        volunteer=volunteer, from_status=volunteer.status, to_status=status, changed_on=on, reason=reason
    )
    volunteer.status = status
    volunteer.status_changed_on = on
    volunteer.save()


def register(event, category, *, province, volunteer=None, mentor=None, name="", days=(), cancelled=False):
    registration = Registration.objects.create(
        event=event,
        category=category,
        volunteer=volunteer,
        mentor=mentor,
        name=name,
        home_province=province,
        cancelled_at=timezone.now() if cancelled else None,
    )
    for day in days:
        Attendance.objects.create(registration=registration, day=day)
    return registration


def event_days(event):
    """The event's days in order (EventFactory makes one for each date from start to end)."""
    return list(event.days.order_by("date"))


def build_small_province():
    """Province 98 "ทดสอบ": two districts, five subdistricts, eight volunteers, three mentors, five events.

    Fiscal year 2568 runs 1 Oct 2024 – 30 Sep 2025. Figures worked out by hand (see test_province_report.py):
    V1 active, S11, appointed FY2563, male, born 1970 (55 on 30 Sep 2025), mentor M1
    V2 active, S11, appointed 15 Nov 2024 (FY2568: new), female, born 1995 (30), mentor M1
    V3 active, S12, appointed 2019, female, born 1960 (65), no mentor
    V4 suspended 1 Feb 2025, S13, male, mentor M2
    V5 resigned 15 Mar 2025 (FY2568 leaver, "ย้ายภูมิลำเนา"), S21, mentor M2
    V6 died 20 May 2024 (FY2567 leaver), S21
    V7 active, S22, appointed 5 Oct 2025 (FY2569: not yet a volunteer in FY2568)
    V8 resigned 1 Dec 2025 (FY2569), S22, female, born 1990 (35): still serving at the end of FY2568, mentor M3
    M1 active (labour office), M2 active (employment office), M3 inactive (labour office)
    E1 hosted, FY2568, two days, targets volunteer 4 / mentor 2 / anti-trafficking 2; five registrations (one from
       Chiang Mai) and one cancelled; E2 hosted FY2567; E3 national in Bangkok FY2568; E4 cancelled; E5 no attendance.
    """
    north = Region.objects.get(code="north")
    province = Province.objects.create(code="98", name_th="ทดสอบ", name_en="Thotsop", region=north)
    d1 = District.objects.create(code="9801", name_th="เมืองทดสอบ", name_en="Mueang Thotsop", province=province)
    d2 = District.objects.create(code="9802", name_th="นาทดสอบ", name_en="Na Thotsop", province=province)
    subdistricts = {}
    for code, district in [("980101", d1), ("980102", d1), ("980103", d1), ("980201", d2), ("980202", d2)]:
        subdistricts[code] = Subdistrict.objects.create(
            code=code, name_th=f"ตำบล{code[-2:]}", name_en=f"Tambon {code}", district=district, province=province
        )
    labour = Agency.objects.create(province=province, kind=Agency.Kind.LABOUR, name_th="สำนักงานแรงงานจังหวัดทดสอบ")
    employment = Agency.objects.create(
        province=province, kind=Agency.Kind.EMPLOYMENT, name_th="สำนักงานจัดหางานจังหวัดทดสอบ"
    )
    m1 = MentorFactory(agency=labour, province=province)
    m2 = MentorFactory(agency=employment, province=province)
    m3 = MentorFactory(agency=labour, province=province, is_active=False)

    s11, s12, s13, s21, s22 = (subdistricts[c] for c in ["980101", "980102", "980103", "980201", "980202"])
    f = Volunteer.Gender.FEMALE
    v1 = VolunteerFactory(subdistrict=s11, appointed_on=dt.date(2020, 1, 10), birth_date=dt.date(1970, 5, 1), mentor=m1)
    v2 = VolunteerFactory(
        subdistrict=s11, appointed_on=dt.date(2024, 11, 15), gender=f, birth_date=dt.date(1995, 3, 1), mentor=m1
    )
    v3 = VolunteerFactory(subdistrict=s12, appointed_on=dt.date(2019, 6, 1), gender=f, birth_date=dt.date(1960, 1, 1))
    v4 = VolunteerFactory(subdistrict=s13, appointed_on=dt.date(2018, 1, 1), birth_date=dt.date(1980, 7, 7), mentor=m2)
    v5 = VolunteerFactory(subdistrict=s21, appointed_on=dt.date(2017, 1, 1), birth_date=dt.date(1975, 1, 1), mentor=m2)
    v6 = VolunteerFactory(subdistrict=s21, appointed_on=dt.date(2016, 1, 1), birth_date=dt.date(1950, 1, 1))
    v7 = VolunteerFactory(subdistrict=s22, appointed_on=dt.date(2025, 10, 5), birth_date=dt.date(1985, 1, 1))
    v8 = VolunteerFactory(
        subdistrict=s22, appointed_on=dt.date(2015, 1, 1), gender=f, birth_date=dt.date(1990, 2, 2), mentor=m3
    )
    leave(v4, Volunteer.Status.SUSPENDED, dt.date(2025, 2, 1), "ขาดการติดต่อ")
    leave(v5, Volunteer.Status.RESIGNED, dt.date(2025, 3, 15), "ย้ายภูมิลำเนา")
    leave(v6, Volunteer.Status.DECEASED, dt.date(2024, 5, 20), "เสียชีวิตด้วยโรคประจำตัว")
    leave(v8, Volunteer.Status.RESIGNED, dt.date(2025, 12, 1), "ประกอบอาชีพอื่น")

    chiang_mai = Province.objects.get(code="50")
    bangkok = Province.objects.get(code="10")
    e1 = EventFactory(
        held=True,
        host_province=province,
        start_date=dt.date(2025, 1, 7),
        end_date=dt.date(2025, 1, 8),
        title="E1 เสริมสร้างเครือข่าย",
    )
    for category, target in [(Category.VOLUNTEER, 4), (Category.MENTOR, 2), (Category.ANTI_TRAFFICKING, 2)]:
        EventTarget.objects.create(event=e1, category=category, target=target)
    day1, day2 = event_days(e1)
    register(e1, Category.VOLUNTEER, province=province, volunteer=v1, days=[day1, day2])
    register(e1, Category.VOLUNTEER, province=province, volunteer=v2, days=[day1])
    register(e1, Category.VOLUNTEER, province=province, volunteer=v3)
    register(e1, Category.MENTOR, province=province, mentor=m1, days=[day1])
    register(e1, Category.ANTI_TRAFFICKING, province=chiang_mai, name="นายเชียงใหม่ มาร่วม", days=[day2])
    register(e1, Category.VOLUNTEER, province=province, name="ยกเลิกแล้ว", days=[day1], cancelled=True)

    e2 = EventFactory(held=True, host_province=province, start_date=dt.date(2024, 3, 1), title="E2 ปีก่อน")
    EventTarget.objects.create(event=e2, category=Category.VOLUNTEER, target=10)
    (e2_day,) = event_days(e2)
    register(e2, Category.VOLUNTEER, province=province, volunteer=v5, days=[e2_day])
    register(e2, Category.VOLUNTEER, province=province, volunteer=v6, days=[e2_day])

    e3 = EventFactory(
        held=True,
        host_province=bangkok,
        level=Event.Level.NATIONAL,
        start_date=dt.date(2024, 12, 3),
        title="E3 สัมมนาระดับประเทศ",
    )
    EventTarget.objects.create(event=e3, category=Category.MENTOR, target=100)
    (e3_day,) = event_days(e3)
    register(e3, Category.MENTOR, province=province, mentor=m2, days=[e3_day])
    register(e3, Category.VOLUNTEER, province=province, volunteer=v1)
    register(e3, Category.MENTOR, province=chiang_mai, name="พี่เลี้ยงเชียงใหม่", days=[e3_day])

    e4 = EventFactory(
        host_province=province, start_date=dt.date(2025, 1, 7), status=Event.Status.CANCELLED, title="E4 ยกเลิก"
    )
    EventTarget.objects.create(event=e4, category=Category.VOLUNTEER, target=50)
    register(e4, Category.VOLUNTEER, province=province, volunteer=v1, days=event_days(e4))

    e5 = EventFactory(held=True, host_province=province, start_date=dt.date(2025, 6, 1), title="E5 ยังไม่ลงเวลา")
    event_days(e5)
    register(e5, Category.VOLUNTEER, province=province, volunteer=v3)

    return {
        "province": province,
        "districts": (d1, d2),
        "volunteers": (v1, v2, v3, v4, v5, v6, v7, v8),
        "mentors": (m1, m2, m3),
        "events": (e1, e2, e3, e4, e5),
    }
