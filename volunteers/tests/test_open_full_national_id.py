"""The officer opens a volunteer's full national ID: says why first, sees it on the answer, and the view is recorded
with the purpose; without a purpose, or for those who may not, the ID stays masked."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from volunteers.selectors import volunteer_history

pytestmark = pytest.mark.django_db

FULL = "1-5201-00012-34-9"
MASKED = "1-5201-xxxxx-xx-9"


def reveal_url(volunteer):
    return reverse("volunteers:national_id", args=[volunteer.pk])


def views_recorded():
    return AuditEvent.objects.filter(action="view_national_id")


@pytest.mark.parametrize("persona", ["lampang_officer", "admin"])
def test_giving_a_purpose_shows_the_full_id_and_records_one_view_with_it(
    persona, personas, client_for, lampang_volunteer
):
    response = client_for(personas[persona]).post(reveal_url(lampang_volunteer), {"purpose": "refer"})
    html = response.content.decode()
    assert response.status_code == 200
    assert FULL in html
    assert "บันทึกการเปิดดูแล้ว" in html
    event = views_recorded().get()
    assert event.user == personas[persona]
    assert event.object_id == str(lampang_volunteer.pk)
    assert event.province_id == lampang_volunteer.province_id
    assert event.detail["purpose"] == "refer"
    assert event.detail["purpose_label"] == "ส่งต่อหน่วยงาน"
    assert "1520100012349" not in event.path


def test_other_with_a_reason_typed_records_the_reason(client_for, lampang_officer, lampang_volunteer):
    response = client_for(lampang_officer).post(
        reveal_url(lampang_volunteer), {"purpose": "other", "note": "ศาลแรงงานขอข้อมูล"}
    )
    assert FULL in response.content.decode()
    event = views_recorded().get()
    assert (event.detail["purpose"], event.detail["note"]) == ("other", "ศาลแรงงานขอข้อมูล")


@pytest.mark.parametrize(
    "data, error",
    [
        ({}, "กรุณาเลือกวัตถุประสงค์ของการเปิดดูเลขประจำตัวประชาชน"),
        ({"purpose": "other", "note": "   "}, "กรุณาระบุวัตถุประสงค์"),
        ({"purpose": "curiosity"}, "กรุณาเลือกวัตถุประสงค์จากรายการ"),
    ],
    ids=["no purpose", "other without the reason", "a purpose not on the list"],
)
def test_without_a_valid_purpose_the_id_stays_masked_with_a_thai_error(
    data, error, client_for, lampang_officer, lampang_volunteer
):
    response = client_for(lampang_officer).post(reveal_url(lampang_volunteer), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert error in html
    assert MASKED in html
    assert "00012" not in html
    assert not views_recorded().exists()


def test_opening_the_reveal_address_without_posting_goes_back_to_the_masked_page(
    client_for, lampang_officer, lampang_volunteer
):
    response = client_for(lampang_officer).get(reveal_url(lampang_volunteer), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("volunteers:detail", args=[lampang_volunteer.pk])
    assert MASKED in html and "00012" not in html
    assert not views_recorded().exists()


@pytest.mark.parametrize("persona", ["lampang_viewer", "hq_analyst"])
def test_viewer_and_hq_analyst_are_refused_the_full_id(persona, personas, client_for, lampang_volunteer):
    client = client_for(personas[persona])
    for response in (
        client.post(reveal_url(lampang_volunteer), {"purpose": "refer"}),
        client.get(reveal_url(lampang_volunteer)),
    ):
        assert response.status_code in (403, 404)
        assert "00012" not in response.content.decode()
    assert not views_recorded().exists()


def test_chiang_mai_officer_gets_404_on_a_lampang_volunteers_full_id(client_for, chiangmai_officer, lampang_volunteer):
    response = client_for(chiangmai_officer).post(reveal_url(lampang_volunteer), {"purpose": "refer"})
    assert response.status_code == 404
    assert "00012" not in response.content.decode()
    assert not views_recorded().exists()


def test_the_history_shows_an_old_id_in_full_only_on_the_answer_to_the_purpose(
    client_for, lampang_officer, lampang_volunteer
):
    lampang_volunteer.national_id = "1520100012357"
    lampang_volunteer.save()
    assert any(change[0] == "เลขประจำตัวประชาชน" for change in volunteer_history(lampang_volunteer)[0].changes)
    client = client_for(lampang_officer)
    page = client.get(reverse("volunteers:detail", args=[lampang_volunteer.pk])).content.decode()
    history = page.split('data-testid="change-history"')[1]
    assert "1-5201-xxxxx-xx-9" in history and "00012" not in history
    answer = client.post(reveal_url(lampang_volunteer), {"purpose": "duplicates"}).content.decode()
    history = answer.split('data-testid="change-history"')[1]
    assert "1-5201-00012-34-9" in history and "1-5201-00012-35-7" in history


def test_opening_the_edit_form_which_shows_the_full_id_is_recorded(client_for, lampang_officer, lampang_volunteer):
    client = client_for(lampang_officer)
    assert "1520100012349" in client.get(reverse("volunteers:edit", args=[lampang_volunteer.pk])).content.decode()
    event = views_recorded().get()
    assert event.detail["purpose"] == "edit_form"
    assert event.user == lampang_officer
