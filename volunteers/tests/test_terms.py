"""Terms of office on the registry's pages: the volunteer's terms, ครบวาระ from the date, the tier, and the list's
filters and columns."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.tests.national_ids import valid_national_id
from core.thai import format_date_be
from mentors.tests.factories import MentorFactory
from provinces.models import Subdistrict
from volunteers.models import Term, Volunteer
from volunteers.tests.factories import VolunteerFactory
from volunteers.tests.term_factories import days, ending_in, with_terms

pytestmark = pytest.mark.django_db


def badge(html: str) -> str:
    """The status badge at the top of the volunteer page."""
    return re.search(r'data-testid="status-badge"><span class="badge ([^"]+)" data-status="(\w+)">([^<]+)<', html)


def test_the_page_lists_every_term_the_current_one_marked(client_for, lampang_officer, lampang_volunteer):
    with_terms(
        lampang_volunteer,
        (dt.date(2020, 1, 7), dt.date(2023, 1, 6)),
        (dt.date(2023, 1, 7), days(200)),
    )
    Term.objects.filter(volunteer=lampang_volunteer, starts_on=dt.date(2020, 1, 7)).update(order_no="ลป 15/2563")
    html = client_for(lampang_officer).get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    terms = html[html.index('data-testid="terms"') :]
    terms = terms[: terms.index("</ul>")]
    first, second = terms.index('data-term="1"'), terms.index('data-term="2"')
    assert second < first  # newest first
    assert "วาระที่ 1" in terms and "7 ม.ค. 2563 – 6 ม.ค. 2566" in terms and "ลป 15/2563" in terms
    assert "สิ้นสุดแล้ว" in terms[first:]
    assert "วาระปัจจุบัน" in terms[second:first]
    assert "แกนนำระดับตำบล" in html
    assert "แต่งตั้งอีกวาระ</a>" in html


def test_serving_on_the_last_day_and_term_ended_the_day_after(client_for, lampang_officer, lampang):
    last_day_today = ending_in(VolunteerFactory(province=lampang), 0)
    ended_yesterday = ending_in(VolunteerFactory(province=lampang), -1)
    client = client_for(lampang_officer)

    serving = badge(client.get(reverse("volunteers:detail", args=[last_day_today.pk])).content.decode())
    assert serving.group(2, 3) == ("active", "ปฏิบัติหน้าที่")
    assert "text-bg-success" in serving.group(1)

    page = client.get(reverse("volunteers:detail", args=[ended_yesterday.pk])).content.decode()
    ended = badge(page)
    assert ended.group(2, 3) == ("term_ended", "ครบวาระ")
    assert "text-bg-danger" in ended.group(1)
    assert f'ครบวาระ <span class="text-muted small">(วาระสิ้นสุด {format_date_be(days(-1))})' in page


def test_the_list_filters_term_ended_apart_from_active(client_for, lampang_officer, lampang):
    serving = ending_in(VolunteerFactory(province=lampang, first_name="ยังอยู่"), 30)
    ended = ending_in(VolunteerFactory(province=lampang, first_name="ครบแล้ว"), -10)
    client = client_for(lampang_officer)

    page = client.get(reverse("volunteers:list"), {"status": "term_ended"}).content.decode()
    assert ended.first_name in page and serving.first_name not in page
    assert 'data-status="term_ended">ครบวาระ</span>' in page
    assert '<option value="term_ended" selected>ครบวาระ</option>' in page

    page = client.get(reverse("volunteers:list"), {"status": "active"}).content.decode()
    assert serving.first_name in page and ended.first_name not in page


def test_the_list_shows_and_filters_the_tier_and_shows_the_term_end(client_for, lampang_officer, lampang):
    lead = ending_in(VolunteerFactory(province=lampang), 45)
    network = VolunteerFactory(province=lampang, tier=Volunteer.Tier.NETWORK)
    client = client_for(lampang_officer)

    page = client.get(reverse("volunteers:list")).content.decode()
    row = page[page.index(f'data-volunteer="{lead.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "แกนนำระดับตำบล" in row
    assert format_date_be(lead.term_ends_on) in row

    page = client.get(reverse("volunteers:list"), {"tier": "network"}).content.decode()
    assert f'data-volunteer="{network.pk}"' in page and f'data-volunteer="{lead.pk}"' not in page


def test_the_list_costs_the_same_queries_with_term_ended_rows(client_for, lampang_officer, lampang):
    """The ครบวาระ badge and the term columns come from the row itself: no query per row."""
    for n in range(30):
        ending_in(VolunteerFactory(province=lampang, mentor=MentorFactory(province=lampang)), -n)
    client = client_for(lampang_officer)
    counts = {}
    for size in (10, 25):
        client.get(reverse("volunteers:list"), {"per_page": size, "status": "term_ended"})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("volunteers:list"), {"per_page": size, "status": "term_ended"})
        assert len(response.context["volunteers"]) == size
        counts[size] = len(queries)
    assert counts[10] == counts[25]


def test_other_pages_badges_show_term_ended_in_its_colour(client_for, lampang_officer, lampang, lampang_mentor):
    ended = ending_in(VolunteerFactory(province=lampang, mentor=lampang_mentor), -3)
    html = client_for(lampang_officer).get(reverse("mentors:detail", args=[lampang_mentor.pk])).content.decode()
    assert '<span class="badge text-bg-danger" data-status="term_ended">ครบวาระ</span>' in html
    assert ended.first_name in html


def _registration(subdistrict, **extra):
    return {
        "national_id": valid_national_id(7171),
        "title": "mrs",
        "first_name": "บัวตอง",
        "last_name": "ดอกงาม",
        "subdistrict": subdistrict.pk,
        "appointed_on": "1/10/2566",
        "appointment_order": "ลป 99/2566",
        "tier": "network",
        **extra,
    }


def test_registration_takes_the_tier_and_a_term_end_or_the_usual_term(client_for, lampang_officer, lampang):
    subdistrict = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    client = client_for(lampang_officer)
    form = client.get(reverse("volunteers:create")).content.decode()
    assert 'name="term_ends_on"' in form and 'name="tier"' in form

    client.post(reverse("volunteers:create"), _registration(subdistrict))
    usual = Volunteer.objects.get(first_name="บัวตอง")
    assert usual.tier == Volunteer.Tier.NETWORK
    assert usual.term_ends_on == dt.date(2026, 9, 30)

    client.post(
        reverse("volunteers:create"),
        _registration(subdistrict, national_id=valid_national_id(7172), first_name="ลำดวน", term_ends_on="31/3/2568"),
    )
    set_end = Volunteer.objects.get(first_name="ลำดวน")
    assert set_end.term_ends_on == dt.date(2025, 3, 31)
    assert list(set_end.terms.values_list("starts_on", "ends_on")) == [(dt.date(2023, 10, 1), dt.date(2025, 3, 31))]


def test_a_term_end_before_the_appointment_is_refused_in_thai(client_for, lampang_officer, lampang):
    subdistrict = Subdistrict.objects.filter(province=lampang).order_by("code").first()
    response = client_for(lampang_officer).post(
        reverse("volunteers:create"), _registration(subdistrict, term_ends_on="30/9/2566")
    )
    assert response.status_code == 200
    assert "วันสิ้นสุดวาระ 30 ก.ย. 2566 ต้องอยู่หลังวันเริ่มวาระ 1 ต.ค. 2566" in response.content.decode()
    assert not Volunteer.objects.filter(first_name="บัวตอง").exists()
    assert not Term.objects.exists()


def test_the_edit_form_changes_the_tier_and_has_no_term_end(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    url = reverse("volunteers:edit", args=[lampang_volunteer.pk])
    form = client.get(url).content.decode()
    assert 'name="term_ends_on"' not in form and 'name="tier"' in form
    v = lampang_volunteer
    data = {
        "national_id": v.national_id,
        "title": v.title,
        "first_name": v.first_name,
        "last_name": v.last_name,
        "phone": v.phone,
        "subdistrict": v.subdistrict_id,
        "mentor": v.mentor_id,
        "version": v.version,
        "tier": "network",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.tier == Volunteer.Tier.NETWORK
    assert "เครือข่าย อสร." in client.get(response["Location"]).content.decode()
