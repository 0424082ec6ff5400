"""An officer re-appoints a volunteer for a new term, one from their page or many picked on the list, by one order;
the old terms stay on the record, and bad input is refused in Thai with nothing saved."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from core.thai import format_date_be, format_date_numeric_be
from volunteers import rules
from volunteers.models import StatusChange, Term, Volunteer
from volunteers.tests.factories import VolunteerFactory
from volunteers.tests.term_factories import days, ending_in, with_terms

pytestmark = pytest.mark.django_db


def typed(date: dt.date) -> str:
    """A date as an officer types it: 01/10/2569."""
    return format_date_numeric_be(date)


def reappoint_url(volunteer) -> str:
    return reverse("volunteers:reappoint", args=[volunteer.pk])


def test_the_new_term_starts_the_day_after_the_running_one_ends(client_for, lampang_officer, lampang_volunteer):
    ending_in(lampang_volunteer, 20)
    form = client_for(lampang_officer).get(reappoint_url(lampang_volunteer))
    start = days(21)
    assert form.context["form"]["starts_on"].value() == typed(start)
    html = form.content.decode()
    assert format_date_be(rules.default_term_end(start)) in html  # the usual end, shown


def test_an_ended_term_restarts_today_not_in_the_past(client_for, lampang_officer, lampang_volunteer):
    ending_in(lampang_volunteer, -40)
    form = client_for(lampang_officer).get(reappoint_url(lampang_volunteer))
    assert form.context["form"]["starts_on"].value() == typed(days(0))


def test_reappointment_keeps_the_old_term_on_the_page(client_for, lampang_officer, lampang_volunteer):
    ending_in(lampang_volunteer, -5)
    client = client_for(lampang_officer)
    old = lampang_volunteer.terms.get()
    response = client.post(reappoint_url(lampang_volunteer), {"order_no": "ลป 77/2569", "starts_on": typed(days(0))})
    assert response.status_code == 302

    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.term_ends_on == rules.default_term_end(days(0))
    assert lampang_volunteer.terms.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "แต่งตั้ง" in page and "อีกวาระแล้ว" in page
    assert 'data-status="active">ปฏิบัติหน้าที่' in page  # no longer ครบวาระ
    terms = page[page.index('data-testid="terms"') :]
    assert f"{format_date_be(old.starts_on)} – {format_date_be(old.ends_on)}" in terms
    assert f"{format_date_be(days(0))} – {format_date_be(rules.default_term_end(days(0)))}" in terms
    assert "ลป 77/2569" in terms and "วาระที่ 2" in terms


def test_an_end_date_given_is_the_end(client_for, lampang_officer, lampang_volunteer):
    ending_in(lampang_volunteer, -5)
    end = days(400)
    client_for(lampang_officer).post(
        reappoint_url(lampang_volunteer), {"order_no": "ลป 1/2569", "starts_on": typed(days(0)), "ends_on": typed(end)}
    )
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.term_ends_on == end


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"order_no": "", "starts_on": 0}, "กรุณาระบุเลขที่คำสั่งแต่งตั้ง"),
        ({"order_no": "ลป 2/2569", "starts_on": 0, "ends_on": -1}, "ต้องอยู่หลังวันเริ่มวาระ"),
        ({"order_no": "ลป 2/2569", "starts_on": -30}, "ซ้อนกับวาระเดิม"),
        ({"order_no": "ลป 2/2569", "starts_on": ""}, "กรุณาระบุวันเริ่มวาระ"),
        ({"order_no": "ลป 2/2569", "starts_on": 0, "ends_on": 17 * 365}, "เกิน 4 ปี (วาระละ 3 ปี)"),
    ],
)
def test_bad_input_is_refused_in_thai_and_nothing_saved(client_for, lampang_officer, lampang_volunteer, data, message):
    ending_in(lampang_volunteer, -5)
    data = {k: typed(days(v)) if isinstance(v, int) else v for k, v in data.items()}
    response = client_for(lampang_officer).post(reappoint_url(lampang_volunteer), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert lampang_volunteer.terms.count() == 1
    assert Volunteer.objects.get(pk=lampang_volunteer.pk).term_ends_on == days(-5)


def test_a_term_starting_before_the_volunteers_birth_is_refused(client_for, lampang_officer, lampang_volunteer):
    ending_in(lampang_volunteer, -5)
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(birth_date=days(-3))
    data = {"order_no": "ลป 2/2569", "starts_on": typed(days(-4))}

    response = client_for(lampang_officer).post(reappoint_url(lampang_volunteer), data)

    assert response.status_code == 200
    assert f"อยู่ก่อนวันเกิด {format_date_be(days(-3))}" in response.content.decode()
    assert lampang_volunteer.terms.count() == 1


def test_a_deceased_volunteer_is_not_reappointed(client_for, lampang_officer, lampang_volunteer):
    ending_in(lampang_volunteer, -5)
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(status=Volunteer.Status.DECEASED)
    client = client_for(lampang_officer)
    assert (
        "แต่งตั้งอีกวาระ</a>" not in client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    )
    response = client.post(reappoint_url(lampang_volunteer), {"order_no": "ลป 3/2569", "starts_on": typed(days(0))})
    assert response.status_code == 200
    assert "แต่งตั้งผู้ที่เสียชีวิตแล้วให้ดำรงตำแหน่งอีกวาระไม่ได้" in response.content.decode()
    assert lampang_volunteer.terms.count() == 1


def test_a_resigned_volunteer_comes_back_active(client_for, lampang_officer, lampang_volunteer):
    ending_in(lampang_volunteer, -100)
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(status=Volunteer.Status.RESIGNED)
    client_for(lampang_officer).post(
        reappoint_url(lampang_volunteer), {"order_no": "ลป 4/2569", "starts_on": typed(days(0))}
    )
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.status == Volunteer.Status.ACTIVE and lampang_volunteer.is_serving
    assert StatusChange.objects.get(volunteer=lampang_volunteer).reason == "แต่งตั้งอีกวาระ ตามคำสั่ง ลป 4/2569"


def test_a_resigned_volunteer_is_not_made_active_by_a_term_that_starts_next_month(
    client_for, lampang_officer, lampang_volunteer
):
    ending_in(lampang_volunteer, -100)
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(status=Volunteer.Status.RESIGNED)
    response = client_for(lampang_officer).post(
        reappoint_url(lampang_volunteer), {"order_no": "ลป 6/2569", "starts_on": typed(days(30))}
    )
    assert response.status_code == 200
    assert f"วาระใหม่เริ่ม {format_date_be(days(30))} ซึ่งยังไม่ถึง" in response.content.decode()
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.status == Volunteer.Status.RESIGNED
    assert lampang_volunteer.terms.count() == 1
    assert not StatusChange.objects.filter(volunteer=lampang_volunteer).exists()


def test_another_province_gets_404_and_a_viewer_cannot(
    client_for, chiangmai_officer, lampang_viewer, hq_analyst, lampang_volunteer
):
    ending_in(lampang_volunteer, -5)
    data = {"order_no": "ลป 5/2569", "starts_on": typed(days(0))}
    url = reappoint_url(lampang_volunteer)
    assert client_for(chiangmai_officer).get(url).status_code == 404
    assert client_for(chiangmai_officer).post(url, data).status_code == 404
    for reader in (lampang_viewer, hq_analyst):
        client = client_for(reader)
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
        detail = client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
        assert url not in detail
    assert lampang_volunteer.terms.count() == 1


# ------------------------------------------------------------------------------------------- many at once


def test_many_picked_on_the_list_are_reappointed_by_one_order(client_for, lampang_officer, lampang):
    people = [ending_in(VolunteerFactory(province=lampang), n) for n in (-20, 10, 30)]
    client = client_for(lampang_officer)
    list_page = client.get(reverse("volunteers:list")).content.decode()
    assert f'formaction="{reverse("volunteers:reappoint_many")}"' in list_page

    picked = [v.pk for v in people]
    asked = client.post(reverse("volunteers:reappoint_many"), {"volunteers": picked, "next": "/volunteers/"})
    assert asked.status_code == 200
    html = asked.content.decode()
    assert all(f'name="volunteers" value="{v.pk}"' in html and v.first_name in html for v in people)
    # One start for all: the earliest day that overlaps nobody's running term.
    assert asked.context["form"]["starts_on"].value() == typed(days(31))

    done = client.post(
        reverse("volunteers:reappoint_many"),
        {"volunteers": picked, "order_no": "ลป 10/2569", "starts_on": typed(days(31)), "next": "/volunteers/"},
    )
    assert done.status_code == 302 and done["Location"] == "/volunteers/"
    assert Term.objects.filter(order_no="ลป 10/2569").count() == 3
    page = client.get("/volunteers/").content.decode()
    assert "แต่งตั้งอาสาสมัคร 3 คนอีกวาระ ตามคำสั่ง ลป 10/2569 แล้ว" in page
    # The two whose terms end before the start are told out of office until it; the third runs on without a gap.
    gap = re.search(r"([^>]*)ครบวาระก่อนวาระใหม่เริ่ม ([^<]*)", page)
    assert gap and format_date_be(days(31)) in gap.group(2)
    assert people[0].full_name in gap.group(1) and people[1].full_name in gap.group(1)
    assert people[2].full_name not in gap.group(1)


def test_one_refused_refuses_all_and_the_page_names_who_and_why(client_for, lampang_officer, lampang):
    fine = ending_in(VolunteerFactory(province=lampang, first_name="พร้อม"), -20)
    deceased = ending_in(VolunteerFactory(province=lampang, first_name="ล่วงลับ", status="deceased"), -20)
    overlapping = with_terms(
        VolunteerFactory(province=lampang, first_name="ซ้อนวาระ"), (days(-1000), days(-1)), (days(0), days(500))
    )
    response = client_for(lampang_officer).post(
        reverse("volunteers:reappoint_many"),
        {"volunteers": [fine.pk, deceased.pk, overlapping.pk], "order_no": "ลป 11/2569", "starts_on": typed(days(0))},
    )
    assert response.status_code == 200
    html = response.content.decode()
    refused = html[html.index('data-testid="refused"') :]
    refused = refused[: refused.index("</ul>")]
    assert f"{deceased.full_name}: แต่งตั้งผู้ที่เสียชีวิตแล้วให้ดำรงตำแหน่งอีกวาระไม่ได้" in refused
    assert f"{overlapping.full_name}: วาระ" in refused and "ซ้อนกับวาระเดิม" in refused
    assert fine.full_name not in refused
    assert not Term.objects.filter(order_no="ลป 11/2569").exists()


def test_bulk_refuses_another_province_and_readers(client_for, chiangmai_officer, lampang_viewer, lampang_volunteer):
    ending_in(lampang_volunteer, -5)
    data = {"volunteers": [lampang_volunteer.pk], "order_no": "ลป 12/2569", "starts_on": typed(days(0))}
    assert client_for(chiangmai_officer).post(reverse("volunteers:reappoint_many"), data).status_code == 404
    assert client_for(lampang_viewer).post(reverse("volunteers:reappoint_many"), data).status_code == 403
    assert lampang_volunteer.terms.count() == 1
    list_page = client_for(lampang_viewer).get(reverse("volunteers:list")).content.decode()
    assert reverse("volunteers:reappoint_many") not in list_page


@pytest.mark.parametrize("with_order", [False, True])
def test_pressing_reappoint_with_nobody_ticked_says_so(client_for, lampang_officer, lampang_volunteer, with_order):
    data = {"next": reverse("volunteers:terms_ending")}
    if with_order:
        data |= {"order_no": "ลป 9/2569", "starts_on": typed(days(0))}
    response = client_for(lampang_officer).post(reverse("volunteers:reappoint_many"), data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("volunteers:terms_ending")
    assert "กรุณาเลือกอาสาสมัครอย่างน้อยหนึ่งคน" in response.content.decode()
    assert not Term.objects.exclude(volunteer=lampang_volunteer).exists()
