"""A province's officer nominates its serving volunteers for the fiscal year's award, and may withdraw before HQ
decides; nobody else may, and nobody who is not serving can be nominated."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from awards.models import Nomination
from awards.tests.factories import NominationFactory
from core.thai import current_fiscal_year
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

CITATION = "พาผู้ว่างงาน 35 คนไปสมัครงานกับสำนักงานจัดหางานจังหวัด จนได้งานทำ"


def nominate(client, volunteer, citation=CITATION, **extra):
    return client.post(reverse("awards:nominate"), {"volunteer": volunteer.pk, "citation": citation, **extra})


def test_officer_nominates_a_serving_volunteer_from_the_volunteer_page(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    page = client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    link = f"{reverse('awards:nominate')}?volunteer={lampang_volunteer.pk}"
    assert link in page
    form = client.get(link).content.decode()
    assert "นายสมหมาย ขยันยิ่ง" in form

    response = nominate(client, lampang_volunteer)
    assert response.status_code == 302
    nomination = Nomination.objects.get(volunteer=lampang_volunteer)
    assert nomination.fiscal_year == current_fiscal_year()
    assert nomination.status == Nomination.Status.NOMINATED
    assert nomination.province == lampang_volunteer.province
    assert nomination.nominated_by == lampang_officer
    listing = strip_tags(client.get(response.url, follow=True).content.decode())
    assert "นายสมหมาย ขยันยิ่ง" in listing and "เสนอชื่อ" in listing and "พาผู้ว่างงาน 35 คน" in listing
    # The volunteer page now shows the nomination, and no second nominate link.
    page = client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    assert f"ปีงบประมาณ {current_fiscal_year()}" in page and link not in page


def test_the_nominations_page_offers_the_serving_volunteers_not_yet_nominated(
    client_for, lampang_officer, lampang, lampang_volunteer
):
    resigned = VolunteerFactory(province=lampang, first_name="ลาออกแล้ว", status=Volunteer.Status.RESIGNED)
    already = VolunteerFactory(province=lampang, first_name="เสนอแล้ว")
    NominationFactory(volunteer=already)
    client = client_for(lampang_officer)
    assert reverse("awards:nominate") in client.get(reverse("awards:list")).content.decode()
    form = client.get(reverse("awards:nominate")).content.decode()
    assert f'value="{lampang_volunteer.pk}"' in form
    assert f'value="{resigned.pk}"' not in form and f'value="{already.pk}"' not in form


def test_chiang_mai_officer_nominating_a_lampang_volunteer_gets_404(client_for, chiangmai_officer, lampang_volunteer):
    client = client_for(chiangmai_officer)
    assert nominate(client, lampang_volunteer).status_code == 404
    assert client.get(f"{reverse('awards:nominate')}?volunteer={lampang_volunteer.pk}").status_code == 404
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    "status, term_ended, shown",
    [
        (Volunteer.Status.RESIGNED, False, "ลาออก"),
        (Volunteer.Status.DECEASED, False, "เสียชีวิต"),
        (Volunteer.Status.SUSPENDED, False, "พักการปฏิบัติหน้าที่"),
        (Volunteer.Status.ACTIVE, True, "ครบวาระ"),
    ],
)
def test_someone_not_serving_is_refused_with_a_thai_message(
    client_for, lampang_officer, lampang_volunteer, status, term_ended, shown
):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(
        status=status, term_ends_on=yesterday if term_ended else None
    )
    response = nominate(client_for(lampang_officer), lampang_volunteer)
    assert response.status_code == 200
    text = strip_tags(response.content.decode())
    assert "เสนอชื่อ นายสมหมาย ขยันยิ่ง ไม่ได้" in text and "เสนอชื่อได้เฉพาะอาสาสมัครที่ปฏิบัติหน้าที่อยู่" in text
    assert shown in text
    assert not Nomination.objects.exists()


def test_opening_the_form_for_someone_not_serving_says_why_at_once(client_for, lampang_officer, lampang_volunteer):
    # A second tab: the volunteer page's button, clicked after the volunteer resigned.
    Volunteer.objects.filter(pk=lampang_volunteer.pk).update(status=Volunteer.Status.RESIGNED)
    response = client_for(lampang_officer).get(f"{reverse('awards:nominate')}?volunteer={lampang_volunteer.pk}")
    assert response.status_code == 200
    text = strip_tags(response.content.decode())
    assert "เสนอชื่อ นายสมหมาย ขยันยิ่ง ไม่ได้: สถานะ “ลาออก/พ้นสภาพ”" in text


def test_opening_the_form_for_someone_already_nominated_says_so_at_once(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    nominate(client, lampang_volunteer)
    response = client.get(f"{reverse('awards:nominate')}?volunteer={lampang_volunteer.pk}")
    assert response.status_code == 200
    text = strip_tags(response.content.decode())
    assert f"นายสมหมาย ขยันยิ่ง ได้รับการเสนอชื่อในปีงบประมาณ {current_fiscal_year()} แล้ว" in text


def test_a_second_nomination_in_the_same_year_is_refused(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    nominate(client, lampang_volunteer)
    response = nominate(client, lampang_volunteer, citation="อีกครั้ง")
    assert response.status_code == 200
    assert f"ได้รับการเสนอชื่อในปีงบประมาณ {current_fiscal_year()} แล้ว" in response.content.decode()
    assert Nomination.objects.count() == 1


def test_the_database_refuses_a_duplicate_too(lampang_volunteer):
    from django.core.exceptions import ValidationError

    NominationFactory(volunteer=lampang_volunteer)
    with pytest.raises(ValidationError, match="ได้รับการเสนอชื่อในปีงบประมาณนี้แล้ว"):
        Nomination(volunteer=lampang_volunteer, fiscal_year=current_fiscal_year(), citation="ซ้ำ").full_clean()


def test_a_citation_is_required_and_not_too_long(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    assert "กรุณาระบุผลงานของอาสาสมัครโดยสังเขป" in nominate(client, lampang_volunteer, citation="  ").content.decode()
    assert "ไม่เกิน 1,000 ตัวอักษร" in nominate(client, lampang_volunteer, citation="ก" * 1001).content.decode()
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst", "hq_officer"])
def test_those_who_only_read_cannot_nominate(client_for, personas, lampang_volunteer, persona):
    client = client_for(personas[persona])
    assert nominate(client, lampang_volunteer).status_code == 403
    assert not Nomination.objects.exists()


def test_the_viewer_sees_the_nominations_without_buttons(client_for, lampang_viewer, lampang_volunteer):
    nomination = NominationFactory(volunteer=lampang_volunteer)
    page = client_for(lampang_viewer).get(reverse("awards:list")).content.decode()
    assert "นายสมหมาย ขยันยิ่ง" in strip_tags(page)
    assert reverse("awards:withdraw", args=[nomination.pk]) not in page
    assert reverse("awards:nominate") not in page


def test_the_province_withdraws_before_hq_reviews_but_not_after(
    client_for, lampang_officer, hq_officer, lampang_volunteer
):
    nomination = NominationFactory(volunteer=lampang_volunteer)
    client = client_for(lampang_officer)
    response = client.post(reverse("awards:withdraw", args=[nomination.pk]), follow=True)
    assert "ถอนการเสนอชื่อ นายสมหมาย ขยันยิ่ง" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.WITHDRAWN and nomination.withdrawn_by == lampang_officer
    # Withdrawn, the person may be put forward again.
    assert nominate(client, lampang_volunteer).status_code == 302

    again = Nomination.objects.get(volunteer=lampang_volunteer, status=Nomination.Status.NOMINATED)
    Nomination.objects.filter(pk=again.pk).update(status=Nomination.Status.SELECTED, reviewed_by=hq_officer)
    response = client.post(reverse("awards:withdraw", args=[again.pk]), follow=True)
    assert "ถอนได้เฉพาะที่ยังรอส่วนกลางพิจารณา" in response.content.decode()
    again.refresh_from_db()
    assert again.status == Nomination.Status.SELECTED


def test_chiang_mai_cannot_see_or_withdraw_lampangs_nominations(client_for, chiangmai_officer, lampang_volunteer):
    nomination = NominationFactory(volunteer=lampang_volunteer)
    client = client_for(chiangmai_officer)
    assert client.post(reverse("awards:withdraw", args=[nomination.pk])).status_code == 404
    assert "ขยันยิ่ง" not in client.get(reverse("awards:list")).content.decode()
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.NOMINATED
