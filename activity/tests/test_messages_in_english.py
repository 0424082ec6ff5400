"""An officer reading the portal in English who types a wrong figure, writes into a closed month or a month not yet
come, or corrects a report someone saved meanwhile, is told why in English, with the month named in English (Oct
2026); in Thai the same refusals read as before, word for word. The rules make their message when called, so the
import (which runs them inside its uploader's language) gets each reader's language too."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from activity import rules, services
from activity.models import MonthlyReport
from core.people import display_name
from provinces.models import District
from tests.english import THAI, english_name, in_english
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

MONTH = "2026-10"
OCTOBER = dt.date(2026, 10, 1)


@pytest.fixture
def volunteer(lampang, work_kinds):
    subdistrict = District.objects.get(code="5201").subdistricts.order_by("code").first()
    return VolunteerFactory(province=lampang, subdistrict=subdistrict, first_name="บุญมี", last_name="ทำงานดี")


def save_row(client, volunteer, month=MONTH, **fields):
    data = {"volunteer": volunteer.pk, "district": "5201", "month": month, "report": "", "problems": ""}
    data.update({f"k_{code}": value for code, value in fields.items()})
    return client.post(reverse("activity:grid", args=["52"]), data, HTTP_ACCEPT="application/json")


def without(text: str, *names: str) -> str:
    """The message less the names it quotes (people's names are data and stay Thai)."""
    for name in names:
        text = text.replace(name, "")
    return text


def test_a_count_that_is_no_number_is_refused_in_english_naming_the_month_and_kind_in_english(
    client_for, lampang_officer, volunteer, work_kinds
):
    kind = next(k for k in work_kinds if k.code == "info_jobs")

    answer = save_row(in_english(client_for(lampang_officer)), volunteer, info_jobs="abc", complaints="50000")

    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert errors["info_jobs"] == (
        f"{english_name(volunteer)}, Oct 2026, “{kind.name_en}”: “abc” is not a whole number. "
        "Please enter a number from 0 to 10,000."
    )
    assert "50,000 people or times in one month is more than possible (at most 10,000)" in errors["complaints"]
    assert not THAI.search(without(answer.json()["message"], english_name(volunteer)))
    assert not MonthlyReport.objects.across_provinces("test").exists()


def test_the_same_count_in_thai_is_refused_with_the_thai_words_as_before(
    client_for, lampang_officer, volunteer, work_kinds
):
    kind = next(k for k in work_kinds if k.code == "info_jobs")

    answer = save_row(client_for(lampang_officer), volunteer, info_jobs="abc")

    assert answer.json()["errors"]["info_jobs"] == (
        f"นายบุญมี ทำงานดี เดือนตุลาคม 2569 ช่อง “{kind.name_th}”: “abc” ไม่ใช่จำนวนเต็ม กรุณาใส่ตัวเลข 0 ถึง 10,000"
    )


def test_a_closed_month_refuses_and_is_closed_and_reopened_in_english(client_for, lampang_officer, volunteer):
    client = in_english(client_for(lampang_officer))
    close = reverse("activity:close_month", args=["52"])
    reopen = reverse("activity:reopen_month", args=["52"])

    closed = client.post(close, {"month": MONTH}, follow=True).content.decode()
    refused = save_row(client, volunteer, info_jobs="1").json()["message"]
    closed_again = client.post(close, {"month": MONTH}, follow=True).content.decode()
    no_reason = client.post(reopen, {"month": MONTH, "reason": " "}).content.decode()
    reopened = client.post(reopen, {"month": MONTH, "reason": "three forms came late"}, follow=True).content.decode()

    assert "Oct 2026 is now closed to reports" in closed
    assert refused == (
        "Lampang has closed Oct 2026 to reports. An officer must reopen this month (giving a reason) before reports "
        "can be entered or corrected."
    )
    assert "Lampang has already closed Oct 2026 to reports." in closed_again
    assert "Please give the reason for reopening this month to reports." in no_reason
    assert "Oct 2026 is open to reports again" in reopened
    with translation.override("en"), pytest.raises(ValidationError) as open_already:
        services.reopen_month(province=volunteer.province, month=OCTOBER, reason="again", by=lampang_officer)
    assert open_already.value.messages == ["Lampang is already open to reports for Oct 2026."]


def test_a_closed_month_in_thai_refuses_with_the_province_and_month_in_thai(client_for, lampang_officer, volunteer):
    client = client_for(lampang_officer)
    client.post(reverse("activity:close_month", args=["52"]), {"month": MONTH})

    refused = save_row(client, volunteer, info_jobs="1").json()["message"]
    closed_again = client.post(reverse("activity:close_month", args=["52"]), {"month": MONTH}, follow=True)

    assert refused == (
        "จังหวัดลำปาง ปิดรับรายงานเดือนตุลาคม 2569 แล้ว เจ้าหน้าที่ต้องเปิดรับรายงานเดือนนี้อีกครั้ง (พร้อมเหตุผล) ก่อนบันทึกหรือแก้ไข"
    )
    assert "จังหวัดลำปาง ปิดรับรายงานเดือนตุลาคม 2569 ไว้แล้ว" in closed_again.content.decode()


def test_a_month_not_yet_come_is_refused_in_english(client_for, lampang_officer, volunteer):
    answer = save_row(in_english(client_for(lampang_officer)), volunteer, month="2099-01", info_jobs="1")

    assert answer.status_code == 400
    assert answer.json()["message"] == "Jan 2099 has not come yet. Reports cannot be entered in advance."


def test_a_report_saved_meanwhile_by_someone_else_is_explained_in_english(client_for, lampang_officer, volunteer):
    client = in_english(client_for(lampang_officer))
    save_row(client, volunteer, info_jobs="1")
    report = MonthlyReport.objects.across_provinces("test").get(volunteer=volunteer)

    answer = client.post(
        reverse("activity:grid", args=["52"]),
        {
            "volunteer": volunteer.pk,
            "district": "5201",
            "month": MONTH,
            "report": report.pk,
            "saved_at": "2026-11-01T00:00:00+07:00",
            "k_info_jobs": "5",
        },
        HTTP_ACCEPT="application/json",
    )

    message = answer.json()["message"]
    assert message.startswith(f"The Oct 2026 report of {english_name(volunteer)} was saved by ")
    assert "The numbers you typed have not been saved." in message
    assert not THAI.search(without(message, english_name(volunteer), display_name(lampang_officer)))


def test_a_volunteer_not_serving_in_the_month_is_refused_in_english(lampang, lampang_officer, work_kinds):
    gone = VolunteerFactory(
        province=lampang, status="resigned", status_changed_on=dt.date(2026, 1, 31), appointed_on=dt.date(2024, 1, 1)
    )

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.save_report(volunteer=gone, month=OCTOBER, counts={}, by=lampang_officer)

    message = refused.value.message_dict[services.ROW][0]
    assert message == (
        f"{english_name(gone)} has had the status “Resigned” since 31 Jan 2026, before Oct 2026, so was not serving in "
        "that month. Reports can be entered only for months in which the volunteer served."
    )
    later = VolunteerFactory(province=lampang, appointed_on=dt.date(2026, 11, 21))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.save_report(volunteer=later, month=OCTOBER, counts={}, by=lampang_officer)
    assert refused.value.message_dict[services.ROW][0].startswith(
        f"{english_name(later)} was appointed on 21 Nov 2026, after Oct 2026, so was not serving in that month."
    )


def test_the_rules_speak_the_language_active_when_called_as_the_import_calls_them():
    later = dt.date(2026, 12, 7)

    with translation.override("en"):
        english = rules.received_on_error(OCTOBER, later, today=dt.date(2026, 12, 1))
        before = rules.received_on_error(OCTOBER, dt.date(2026, 9, 30), today=dt.date(2026, 12, 1))
        too_long = rules.problems_error("x" * (rules.PROBLEMS_MAX_LENGTH + 1))
    with translation.override("th"):
        thai = rules.received_on_error(OCTOBER, later, today=dt.date(2026, 12, 1))

    assert english == "The date the report was received, 7 Dec 2026, is in the future."
    assert before.startswith("The date the report was received, 30 Sep 2026, is before Oct 2026.")
    assert too_long == "Local labour problems can be at most 2,000 characters long (now 2,001)."
    assert thai == "วันที่ได้รับรายงาน 7 ธ.ค. 2569 เป็นวันในอนาคต"
