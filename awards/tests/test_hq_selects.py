"""HQ sees every province's nominations of a fiscal year, filters them, and selects or declines them with a note."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from awards.models import Nomination
from awards.tests.factories import NominationFactory
from volunteers.models import Volunteer
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominations(lampang_volunteer, chiangmai_volunteer, lampang):
    other = VolunteerFactory(province=lampang, first_name="บุญมี", last_name="รักถิ่น")
    return {
        "lampang": NominationFactory(volunteer=lampang_volunteer),
        "lampang2": NominationFactory(volunteer=other),
        "chiangmai": NominationFactory(volunteer=chiangmai_volunteer),
    }


def test_hq_sees_every_provinces_nominations_and_filters_them(client_for, hq_analyst, nominations, chiang_mai):
    client = client_for(hq_analyst)
    # The nominations menu sends HQ to its review page.
    assert client.get(reverse("awards:list")).url.startswith(reverse("awards:review"))
    text = strip_tags(client.get(reverse("awards:review")).content.decode())
    assert "นายสมหมาย ขยันยิ่ง" in text and "นายคำแปง ไชยวงศ์" in text
    text = strip_tags(client.get(reverse("awards:review"), {"province": chiang_mai.code}).content.decode())
    assert "คำแปง" in text and "ขยันยิ่ง" not in text
    text = strip_tags(client.get(reverse("awards:review"), {"region": chiang_mai.region.code}).content.decode())
    assert "คำแปง" in text and "ขยันยิ่ง" in text  # both in the North
    Nomination.objects.filter(pk=nominations["lampang"].pk).update(status=Nomination.Status.DECLINED)
    text = strip_tags(client.get(reverse("awards:review"), {"status": "declined"}).content.decode())
    assert "ขยันยิ่ง" in text and "คำแปง" not in text and "รักถิ่น" not in text


def test_hq_officer_selects_several_at_once_with_a_note(client_for, hq_officer, nominations):
    chosen = [nominations["lampang"].pk, nominations["chiangmai"].pk]
    response = client_for(hq_officer).post(
        reverse("awards:review"),
        {"nominations": chosen, "decision": "selected", "note": "มติคณะกรรมการ ครั้งที่ 1/2569"},
        follow=True,
    )
    assert "บันทึกผล “ได้รับคัดเลือก” 2 รายการแล้ว" in response.content.decode()
    for pk in chosen:
        nomination = Nomination.objects.get(pk=pk)
        assert nomination.status == Nomination.Status.SELECTED
        assert nomination.review_note == "มติคณะกรรมการ ครั้งที่ 1/2569" and nomination.reviewed_by == hq_officer
    assert Nomination.objects.get(pk=nominations["lampang2"].pk).status == Nomination.Status.NOMINATED


def test_hq_officer_declines_one(client_for, hq_officer, nominations):
    client_for(hq_officer).post(
        reverse("awards:review"), {"nominations": [nominations["lampang2"].pk], "decision": "declined"}
    )
    assert Nomination.objects.get(pk=nominations["lampang2"].pk).status == Nomination.Status.DECLINED


def test_nothing_ticked_is_said_in_thai_and_nothing_changes(client_for, hq_officer, nominations):
    response = client_for(hq_officer).post(reverse("awards:review"), {"decision": "selected"})
    assert response.status_code == 200
    assert "กรุณาเลือกรายชื่อที่จะพิจารณาอย่างน้อยหนึ่งรายการ" in response.content.decode()
    assert not Nomination.objects.exclude(status=Nomination.Status.NOMINATED).exists()


def test_a_withdrawn_nomination_cannot_be_selected(client_for, hq_officer, nominations):
    Nomination.objects.filter(pk=nominations["lampang"].pk).update(status=Nomination.Status.WITHDRAWN)
    response = client_for(hq_officer).post(
        reverse("awards:review"),
        {"nominations": [nominations["lampang"].pk, nominations["chiangmai"].pk], "decision": "selected"},
    )
    assert response.status_code == 200
    assert not Nomination.objects.filter(status=Nomination.Status.SELECTED).exists()


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        ({"status": Volunteer.Status.RESIGNED}, "ลาออก/พ้นสภาพ"),
        ({"status": Volunteer.Status.SUSPENDED}, "พักการปฏิบัติหน้าที่"),
        ({"term_ends_on": timezone.localdate() - dt.timedelta(days=3)}, "ครบวาระ"),
    ],
)
def test_a_volunteer_no_longer_serving_after_the_nomination_cannot_be_selected_but_can_be_declined(
    client_for, hq_officer, nominations, change, shown
):
    nominee = nominations["lampang"].volunteer
    Volunteer.objects.filter(pk=nominee.pk).update(**change)
    chosen = [nominations["lampang"].pk, nominations["chiangmai"].pk]
    client = client_for(hq_officer)

    response = client.post(reverse("awards:review"), {"nominations": chosen, "decision": "selected"})

    assert response.status_code == 200
    assert f"คัดเลือกไม่ได้ อาสาสมัครไม่ได้ปฏิบัติหน้าที่อยู่แล้ว: นายสมหมาย ขยันยิ่ง (สถานะ “{shown}”)" in response.content.decode()
    assert not Nomination.objects.filter(status=Nomination.Status.SELECTED).exists()
    client.post(reverse("awards:review"), {"nominations": [nominations["lampang"].pk], "decision": "declined"})
    assert Nomination.objects.get(pk=nominations["lampang"].pk).status == Nomination.Status.DECLINED


def test_hq_analyst_reads_but_cannot_decide(client_for, hq_analyst, nominations):
    client = client_for(hq_analyst)
    page = client.get(reverse("awards:review")).content.decode()
    assert 'name="decision"' not in page
    response = client.post(
        reverse("awards:review"), {"nominations": [nominations["lampang"].pk], "decision": "selected"}
    )
    assert response.status_code == 405
    assert not Nomination.objects.filter(status=Nomination.Status.SELECTED).exists()


@pytest.mark.parametrize("persona", ["lampang_officer", "lampang_viewer", "chiangmai_officer"])
def test_province_staff_do_not_find_the_review_page(client_for, personas, nominations, persona):
    client = client_for(personas[persona])
    assert client.get(reverse("awards:review")).status_code == 404
    response = client.post(
        reverse("awards:review"), {"nominations": [nominations["lampang"].pk], "decision": "selected"}
    )
    assert response.status_code == 404
    assert not Nomination.objects.filter(status=Nomination.Status.SELECTED).exists()
