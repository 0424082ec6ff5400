"""The volunteer page: profile, mentor, status history and change history; the full national ID only to those who need it."""

import pytest
from django.urls import reverse

from core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["lampang_officer", "admin"])
def test_the_page_shows_the_id_masked_with_a_button_to_open_it_and_records_nothing(
    persona, personas, client_for, lampang_volunteer
):
    html = client_for(personas[persona]).get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    assert "1-5201-xxxxx-xx-9" in html
    assert "00012" not in html
    assert "แสดงเลขประจำตัวประชาชนเต็ม" in html
    assert reverse("volunteers:national_id", args=[lampang_volunteer.pk]) in html
    assert not AuditEvent.objects.filter(action="view_national_id").exists()


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst"])
def test_others_see_the_id_masked_and_nothing_is_recorded(persona, personas, client_for, lampang_volunteer):
    html = client_for(personas[persona]).get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    assert "1-5201-xxxxx-xx-9" in html
    assert "00012" not in html
    assert "แสดงเลขประจำตัวประชาชนเต็ม" not in html
    assert not AuditEvent.objects.filter(action="view_national_id").exists()


def test_page_shows_profile_mentor_and_age(client_for, lampang_officer, lampang_volunteer):
    import datetime as dt

    lampang_volunteer.birth_date = dt.date(1980, 1, 7)
    lampang_volunteer.appointed_on = dt.date(2020, 1, 7)
    lampang_volunteer.save()
    html = client_for(lampang_officer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    assert "นายสมหมาย ขยันยิ่ง" in html
    assert "7 มกราคม 2523" in html and "อายุ" in html
    assert "7 มกราคม 2563" in html and "2563" in html
    assert "วิไล พี่เลี้ยงดี" in html
    assert "081-" in html


def test_list_shows_ids_masked_even_to_the_officer(client_for, lampang_officer, lampang_volunteer):
    html = client_for(lampang_officer).get(reverse("volunteers:list")).content.decode()
    assert "1-5201-xxxxx-xx-9" in html
    assert "1-5201-00012-34-9" not in html and "1520100012349" not in html
