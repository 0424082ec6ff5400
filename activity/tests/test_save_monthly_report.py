"""Saving a volunteer's monthly report through the service every door uses (the grid now, the import later): the
rules refuse bad rows in Thai and save nothing, lateness is decided at the boundary day, a closed month reopens only
with a reason that the history keeps."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from activity import rules, services
from activity.models import MonthClosure, MonthlyReport
from activity.tests.conftest import OCTOBER
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

NOV_5 = dt.date(2026, 11, 5)


def save(volunteer, by, *, month=OCTOBER, counts=None, today=NOV_5, report_pk=None, problems=""):
    return services.save_report(
        volunteer=volunteer,
        month=month,
        counts=counts if counts is not None else {"info_jobs": "12", "job_seekers": "3"},
        problems=problems,
        by=by,
        today=today,
        report_pk=report_pk,
    )


def refusal(callable_, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        callable_(*args, **kwargs)
    return " ".join(caught.value.messages)


def test_the_counts_typed_are_saved_by_kind_and_blanks_are_zero(serving_volunteer, lampang_officer, work_kinds):
    report = save(
        serving_volunteer,
        lampang_officer,
        counts={"info_jobs": "12", "complaints": "๓", "job_seekers": ""},
        problems=" นายจ้างค้างค่าจ้างคนงานก่อสร้าง ",
    )
    report.refresh_from_db()
    assert report.counts["info_jobs"] == 12
    assert report.counts["complaints"] == 3  # Thai digits as typed on a Thai keyboard
    assert report.counts["job_seekers"] == 0
    assert set(report.counts) == {k.code for k in work_kinds}
    assert report.problems == "นายจ้างค้างค่าจ้างคนงานก่อสร้าง"
    assert (report.province, report.district) == (serving_volunteer.province, serving_volunteer.subdistrict.district)
    assert report.entered_by == lampang_officer


def test_a_correction_changes_the_numbers_and_keeps_the_day_it_was_received(serving_volunteer, lampang_officer):
    report = save(serving_volunteer, lampang_officer, today=NOV_5)
    save(
        serving_volunteer, lampang_officer, counts={"info_jobs": "20"}, today=dt.date(2026, 11, 20), report_pk=report.pk
    )
    report.refresh_from_db()
    assert report.counts["info_jobs"] == 20
    assert report.received_on == NOV_5 and report.on_time
    assert MonthlyReport.objects.across_provinces("test").count() == 1


def test_an_absurd_count_is_refused_naming_the_volunteer_month_and_kind(serving_volunteer, lampang_officer):
    message = refusal(save, serving_volunteer, lampang_officer, counts={"info_jobs": "12", "complaints": "10001"})
    assert "บุญมี ทำงานดี" in message
    assert "ตุลาคม 2569" in message
    assert "เรื่องร้องเรียนด้านแรงงานที่ส่งต่อ" in message
    assert "10,001" in message and "ไม่เกิน 10,000" in message
    assert not MonthlyReport.objects.across_provinces("test").exists()
    # 10,000 itself is the most a month may hold.
    assert save(serving_volunteer, lampang_officer, counts={"complaints": "10000"}).counts["complaints"] == 10_000


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("-1", "ติดลบ"),
        ("2.5", "ไม่ใช่จำนวนเต็ม"),
        ("สิบ", "ไม่ใช่จำนวนเต็ม"),
        ("²", "ไม่ใช่จำนวนเต็ม"),
        ("9" * 5000, "ตัวเลข 5,000 หลักเกินกว่าที่เป็นไปได้"),
        ("-" + "9" * 5000, "ตัวเลขติดลบ 5,000 หลักเกินกว่าที่เป็นไปได้"),
    ],
)
def test_negative_and_non_whole_counts_are_refused(serving_volunteer, lampang_officer, typed, said):
    assert said in refusal(save, serving_volunteer, lampang_officer, counts={"info_jobs": typed})
    assert not MonthlyReport.objects.across_provinces("test").exists()


@pytest.mark.parametrize(
    ("sent", "said"),
    [
        (1e300, "ตัวเลข 301 หลักเกินกว่าที่เป็นไปได้"),
        (-1e300, "ตัวเลขติดลบ 301 หลักเกินกว่าที่เป็นไปได้"),
        ("ก" * 5000, "“" + "ก" * 40 + "…”"),
    ],
)
def test_a_huge_or_long_value_is_refused_without_being_printed_back_whole(
    serving_volunteer, lampang_officer, sent, said
):
    message = refusal(save, serving_volunteer, lampang_officer, counts={"info_jobs": sent})
    assert said in message and len(message) < 300


def test_the_database_refuses_an_absurd_count_that_skips_the_rules(serving_volunteer):
    from django.db import IntegrityError, transaction

    report = MonthlyReport(
        volunteer=serving_volunteer,
        province=serving_volunteer.province,
        district=serving_volunteer.subdistrict.district,
        month=OCTOBER,
        counts={"info_jobs": 10_001},
        received_on=NOV_5,
        on_time=True,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        report.save()


def test_a_volunteer_who_was_not_serving_in_the_month_is_refused(lampang, lampang_officer, work_kinds):
    resigned = VolunteerFactory(
        province=lampang,
        first_name="ลาออก",
        last_name="ไปแล้ว",
        status="resigned",
        status_changed_on=dt.date(2026, 9, 30),
    )
    # Each refusal says why, with its date, not the status the volunteer has today.
    message = refusal(save, resigned, lampang_officer)
    assert "ลาออก ไปแล้ว มีสถานะ “ลาออก/พ้นสภาพ” ตั้งแต่ 30 ก.ย. 2569 ก่อนเดือนตุลาคม 2569" in message
    term_over = VolunteerFactory(province=lampang, term_ends_on=dt.date(2026, 9, 30))
    assert "สิ้นสุดเมื่อ 30 ก.ย. 2569 ก่อนเดือนตุลาคม 2569" in refusal(save, term_over, lampang_officer)
    later = VolunteerFactory(province=lampang, appointed_on=dt.date(2026, 11, 1))
    message = refusal(save, later, lampang_officer)
    assert "ได้รับแต่งตั้งเมื่อ 1 พ.ย. 2569 หลังเดือนตุลาคม 2569" in message and "สถานะ" not in message
    suspended = VolunteerFactory(province=lampang, status="suspended", status_changed_on=None)
    assert "โดยไม่มีวันที่มีผล" in refusal(save, suspended, lampang_officer)
    assert not MonthlyReport.objects.across_provinces("test").exists()


def test_a_volunteer_who_served_part_of_the_month_may_report_it(lampang, lampang_officer, work_kinds):
    left_mid_month = VolunteerFactory(province=lampang, status="resigned", status_changed_on=dt.date(2026, 10, 15))
    term_ended_on_the_first = VolunteerFactory(province=lampang, term_ends_on=dt.date(2026, 10, 1))
    appointed_on_the_last = VolunteerFactory(province=lampang, appointed_on=dt.date(2026, 10, 31))
    for volunteer in (left_mid_month, term_ended_on_the_first, appointed_on_the_last):
        assert save(volunteer, lampang_officer).pk


def test_a_second_report_for_the_same_month_is_refused(serving_volunteer, lampang_officer):
    first = save(serving_volunteer, lampang_officer, counts={"info_jobs": "5"})
    message = refusal(save, serving_volunteer, lampang_officer, counts={"info_jobs": "99"})
    assert "มีรายงานเดือนตุลาคม 2569 แล้ว" in message
    first.refresh_from_db()
    assert first.counts["info_jobs"] == 5


def test_a_report_for_a_future_month_is_refused(serving_volunteer, lampang_officer):
    message = refusal(save, serving_volunteer, lampang_officer, month=dt.date(2026, 12, 1), today=NOV_5)
    assert "เดือนธันวาคม 2569 ยังมาไม่ถึง" in message
    assert not MonthlyReport.objects.across_provinces("test").exists()
    # The month in progress is not the future.
    assert save(serving_volunteer, lampang_officer, month=dt.date(2026, 11, 1), today=NOV_5).pk


def test_a_report_received_on_the_due_day_is_on_time_and_the_day_after_is_late(lampang, lampang_officer, work_kinds):
    on_the_5th = save(VolunteerFactory(province=lampang), lampang_officer, today=dt.date(2026, 11, 5))
    on_the_6th = save(VolunteerFactory(province=lampang), lampang_officer, today=dt.date(2026, 11, 6))
    assert on_the_5th.on_time is True
    assert on_the_6th.on_time is False


def test_the_due_day_is_a_setting(settings, serving_volunteer, lampang_officer):
    settings.ACTIVITY_REPORT_DUE_DAY = 10
    assert rules.due_date(OCTOBER) == dt.date(2026, 11, 10)
    assert save(serving_volunteer, lampang_officer, today=dt.date(2026, 11, 8)).on_time is True


def test_viewers_and_other_provinces_cannot_save(serving_volunteer, lampang_viewer, chiangmai_officer, hq_analyst):
    for user in (lampang_viewer, chiangmai_officer, hq_analyst):
        with pytest.raises(PermissionDenied):
            save(serving_volunteer, user)
    assert not MonthlyReport.objects.across_provinces("test").exists()


def test_a_closed_month_refuses_entries_until_reopened_with_a_reason_kept_in_history(
    serving_volunteer, lampang, lampang_officer
):
    services.close_month(province=lampang, month=OCTOBER, by=lampang_officer, today=NOV_5)
    message = refusal(save, serving_volunteer, lampang_officer)
    assert "จังหวัดลำปาง ปิดรับรายงานเดือนตุลาคม 2569 แล้ว" in message

    assert "กรุณาระบุเหตุผล" in refusal(
        services.reopen_month, province=lampang, month=OCTOBER, reason="  ", by=lampang_officer
    )
    services.reopen_month(province=lampang, month=OCTOBER, reason="ใบรายงานของอำเภอเกาะคามาถึงช้า", by=lampang_officer)
    assert save(serving_volunteer, lampang_officer).pk

    closure = MonthClosure.objects.across_provinces("test").get(province=lampang, month=OCTOBER)
    events = list(closure.events.order_by("pgh_id").select_related("pgh_context"))
    assert [e.is_closed for e in events] == [True, False]
    reopened = events[-1]
    assert reopened.reason == "ใบรายงานของอำเภอเกาะคามาถึงช้า"
    assert reopened.changed_by_id == lampang_officer.pk
    assert reopened.pgh_context.metadata["user"] == lampang_officer.pk


def test_the_report_history_names_who_entered_and_corrected_it(serving_volunteer, lampang_officer, admin_user):
    report = save(serving_volunteer, lampang_officer, counts={"info_jobs": "1"})
    save(serving_volunteer, admin_user, counts={"info_jobs": "2"}, report_pk=report.pk)
    events = list(report.events.order_by("pgh_id").select_related("pgh_context"))
    assert [e.counts["info_jobs"] for e in events] == [1, 2]
    assert [e.pgh_context.metadata["user"] for e in events] == [lampang_officer.pk, admin_user.pk]


def test_a_spreadsheet_number_counts_only_when_whole():
    assert rules.count_error(3.0, volunteer="ก", month=OCTOBER, kind="ข") is None
    assert rules.clean_count(3.0) == 3
    assert "ไม่ใช่จำนวนเต็ม" in rules.count_error(2.5, volunteer="ก", month=OCTOBER, kind="ข")


def test_a_resignation_dated_before_months_already_reported_is_refused_naming_them(
    client_for, serving_volunteer, lampang_officer
):
    save(serving_volunteer, lampang_officer, month=OCTOBER)
    save(serving_volunteer, lampang_officer, month=dt.date(2026, 11, 1), today=dt.date(2026, 12, 2))
    client = client_for(lampang_officer)
    url = reverse("volunteers:status", args=[serving_volunteer.pk])

    early = client.post(url, {"to_status": "resigned", "changed_on": "29/09/2569", "reason": "ย้ายที่อยู่"})

    assert early.status_code == 200
    assert "มีรายงานประจำเดือนของ ต.ค. 2569, พ.ย. 2569 หลังวันที่มีผล 29 ก.ย. 2569" in early.content.decode()
    serving_volunteer.refresh_from_db()
    assert serving_volunteer.status == "active"
    # Leaving in the last month reported is fine: that month was served in part.
    assert (
        client.post(url, {"to_status": "resigned", "changed_on": "15/11/2569", "reason": "ย้ายที่อยู่"}).status_code == 302
    )
    serving_volunteer.refresh_from_db()
    assert serving_volunteer.status == "resigned"
