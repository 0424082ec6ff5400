"""Every change is kept, including bulk writes that never call save(): the triggers see them all."""

import pghistory
import pytest
from django.urls import reverse

from volunteers import services
from volunteers.models import Volunteer
from volunteers.selectors import volunteer_history
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_bulk_mentor_assignment_appears_in_each_history_with_who(lampang, lampang_officer, lampang_mentor):
    volunteers = VolunteerFactory.create_batch(3, province=lampang)
    services.assign_mentor(volunteers=volunteers, mentor=lampang_mentor, by=lampang_officer)
    for volunteer in volunteers:
        latest = volunteer_history(volunteer)[0]
        assert latest.label == "update"
        assert latest.username == lampang_officer.get_full_name()
        assert ("พี่เลี้ยง", "", "นายวิไล พี่เลี้ยงดี") in latest.changes
        assert latest.at is not None


def test_raw_queryset_update_like_an_import_is_recorded(lampang, lampang_officer):
    volunteer = VolunteerFactory(province=lampang, occupation="เกษตรกร")
    with pghistory.context(user=lampang_officer.pk, source="roster_import", import_file="roster.xlsx"):
        Volunteer.objects.filter(province=lampang).update(occupation="ค้าขาย")
    latest = volunteer_history(volunteer)[0]
    assert ("อาชีพ", "เกษตรกร", "ค้าขาย") in latest.changes
    assert latest.source == "นำเข้าจากไฟล์ roster.xlsx"
    assert latest.username == lampang_officer.get_full_name()


def test_history_on_the_page_masks_the_id_for_the_viewer(client_for, lampang_viewer, lampang_volunteer):
    html = client_for(lampang_viewer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    history = html.split('data-testid="change-history"')[1]
    assert "1-5201-xxxxx-xx-9" in history and "00012" not in history


def test_history_names_the_source_in_thai_without_paths_or_commands(client_for, lampang, lampang_officer):
    from volunteers.tests.test_editing_at_the_same_time import form_data

    with pghistory.context(source="ข้อมูลตัวอย่าง (load_demo)"):
        volunteer = VolunteerFactory(province=lampang, occupation="เกษตรกร")
    with pghistory.context(source="roster_import", import_file="roster_lampang.xlsx"):
        Volunteer.objects.filter(pk=volunteer.pk).update(occupation="ค้าขาย")
    volunteer.refresh_from_db()
    client = client_for(lampang_officer)
    url = reverse("volunteers:edit", args=[volunteer.pk])
    page = client.get(url).content.decode()
    assert client.post(url, form_data(page, volunteer, notes="แก้ผ่านฟอร์ม")).status_code == 302

    html = client.get(reverse("volunteers:detail", args=[volunteer.pk])).content.decode()
    history = html.split('data-testid="change-history"')[1].split("</table>")[0]
    assert "แก้ไขผ่านแบบฟอร์ม" in history
    assert "นำเข้าจากไฟล์ roster_lampang.xlsx" in history
    assert "ข้อมูลตัวอย่าง" in history
    assert "/volunteers/" not in history and "load_demo" not in history and "roster_import" not in history


def test_a_reappointment_is_told_in_the_history_with_its_order_and_days_and_the_first_term_is_not(
    client_for, lampang_officer, lampang_volunteer
):
    from core.thai import format_date_be, format_date_numeric_be
    from volunteers import rules
    from volunteers.tests.term_factories import days, ending_in

    ending_in(lampang_volunteer, -5)
    client = client_for(lampang_officer)
    response = client.post(
        reverse("volunteers:reappoint", args=[lampang_volunteer.pk]),
        {"order_no": "ลป 77/2569", "starts_on": format_date_numeric_be(days(0))},
    )
    assert response.status_code == 302

    page = client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    history = page.split('data-testid="change-history"')[1].split("</table>")[0]
    rows = history.split("<tr>")[2:]  # after the header, newest first
    new_term = f"ลป 77/2569 · {format_date_be(days(0))} – {format_date_be(rules.default_term_end(days(0)))}"
    assert "แต่งตั้งอีกวาระ" in rows[0] and "<strong>วาระใหม่</strong>: " + new_term in rows[0]
    assert "<strong>วาระสิ้นสุด</strong>" in rows[0]  # on the same line as the term end it moved
    assert history.count("วาระใหม่") == 1  # the first term is the registration's appointment, told by its own fields


def test_a_later_terms_correction_that_leaves_the_volunteers_row_alone_has_a_line_of_its_own(
    lampang_officer, lampang_volunteer
):
    import datetime as dt

    from volunteers.models import Term
    from volunteers.tests.term_factories import with_terms

    with_terms(
        lampang_volunteer, (dt.date(2020, 1, 7), dt.date(2023, 1, 6)), (dt.date(2023, 1, 7), dt.date(2026, 1, 6))
    )
    later = lampang_volunteer.terms.order_by("starts_on").last()
    with pghistory.context(user=lampang_officer.pk, source="roster_import", import_file="แก้เลขคำสั่ง.xlsx"):
        Term.objects.filter(pk=later.pk).update(order_no="ลป 81/2566")

    latest = volunteer_history(lampang_volunteer)[0]
    assert (latest.username, latest.source) == (lampang_officer.get_full_name(), "นำเข้าจากไฟล์ แก้เลขคำสั่ง.xlsx")
    assert latest.changes == [
        ("แก้ไขวาระ", "คำสั่งที่ 2/ทดสอบ · 7 ม.ค. 2566 – 6 ม.ค. 2569", "ลป 81/2566 · 7 ม.ค. 2566 – 6 ม.ค. 2569")
    ]
