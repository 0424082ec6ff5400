"""Two POSTs of one volunteer's monthly report of the same month at once: both find no report when they look, one
writes it (201) and the other is told, in the client's language, that the month's report already exists and which id
to correct (409), never a 500; one report is written. Whether the service's look catches the other write (the
volunteer's row is locked) or the unique (volunteer, month) index does, the answer is the same."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from activity import rules
from activity import services as activity_services
from activity.kinds import seed_work_kinds
from activity.models import MonthlyReport
from api import work_views
from tests.english import THAI, english_name, in_english
from volunteers.tests.factories import VolunteerFactory

REPORTS = "/api/v1/monthly-reports/"


@pytest.fixture
def worker(lampang):
    seed_work_kinds()
    return VolunteerFactory(province=lampang, first_name="บุญมี", last_name="ทำงานดี", appointed_on=dt.date(2024, 1, 15))


def last_month() -> dt.date:
    return rules.previous_month(timezone.localdate())


def report_of(worker, counts: dict, month=None) -> dict:
    return {"volunteer": worker.pk, "month": (month or last_month()).strftime("%Y-%m"), "counts": counts}


def reports_of(worker):
    return MonthlyReport.objects.across_provinces("the test's own volunteer").filter(volunteer=worker)


@pytest.mark.django_db(transaction=True)
def test_two_posts_of_the_same_month_at_once_write_one_report_and_tell_the_second_which_to_correct(
    worker, lampang_officer, token_for, monkeypatch
):
    # Each request waits, once it has looked for the month's report and found none, until the other has too.
    both_looked = threading.Barrier(2, timeout=10)
    save_report = activity_services.save_report

    def once_both_looked(**kwargs):
        both_looked.wait()
        return save_report(**kwargs)

    monkeypatch.setattr(work_views.activity_services, "save_report", once_both_looked)
    answers = {}

    def post(token, count):
        try:
            api = APIClient()
            api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
            answers[count] = api.post(REPORTS, report_of(worker, {"info_jobs": count}), format="json")
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(token_for(lampang_officer), count)) for count in (3, 7)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(answer.status_code for answer in answers.values()) == [201, 409]
    saved = next(answer for answer in answers.values() if answer.status_code == 201).json()
    refused = next(answer for answer in answers.values() if answer.status_code == 409).json()["detail"]
    report = reports_of(worker).get()
    assert saved["id"] == report.pk and report.count_of("info_jobs") == saved["counts"]["info_jobs"]
    assert f"นายบุญมี ทำงานดี มีรายงานเดือน{rules.month_shown(last_month())} แล้ว" in refused
    assert f"รายงานรหัส {report.pk} ถูกบันทึกโดยคำขออื่นที่ส่งมาพร้อมกัน" in refused
    assert f"PUT {REPORTS}{report.pk}/" in refused


@pytest.mark.django_db
def test_when_the_unique_index_catches_the_second_report_the_answer_is_the_same_in_english(
    worker, lampang_officer, api_as, monkeypatch
):
    # The other request saves the month between this one's look and its save, and the service's own look misses it
    # too, so that only the unique (volunteer, month) index stops the second report.
    save_report, report_errors = activity_services.save_report, activity_services.report_errors
    month = last_month()

    def after_another_saved(**kwargs):
        save_report(volunteer=worker, month=month, counts={"info_jobs": "3"}, by=lampang_officer)
        return save_report(**kwargs)

    def missing_the_report(**kwargs):
        errors = report_errors(**kwargs)
        errors.pop(activity_services.ROW, None)
        return errors

    monkeypatch.setattr(work_views.activity_services, "save_report", after_another_saved)
    monkeypatch.setattr(activity_services, "report_errors", missing_the_report)

    answer = in_english(api_as(lampang_officer)).post(REPORTS, report_of(worker, {"info_jobs": 7}), format="json")

    report = reports_of(worker).get()
    assert answer.status_code == 409, answer.content
    detail = answer.json()["detail"]
    assert f"{english_name(worker)} already has a report for" in detail
    assert f"report {report.pk} was saved by another request sent at the same time" in detail
    assert f"PUT {REPORTS}{report.pk}/" in detail
    assert not THAI.search(detail.replace(worker.first_name, "").replace(worker.last_name, ""))
    assert report.count_of("info_jobs") == 3


@pytest.mark.django_db
def test_a_post_of_a_month_already_reported_still_replaces_it(worker, lampang_officer, api_as):
    api = api_as(lampang_officer)

    first = api.post(REPORTS, report_of(worker, {"info_jobs": 3}), format="json")
    again = api.post(REPORTS, report_of(worker, {"info_jobs": 7}), format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert reports_of(worker).get().count_of("info_jobs") == 7
