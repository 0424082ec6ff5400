"""Only an administrator moves a volunteer to another province; the move is in history and the audit record."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from core.models import AuditEvent
from provinces.models import Subdistrict
from volunteers.models import Volunteer
from volunteers.selectors import volunteer_history

pytestmark = pytest.mark.django_db


def test_admin_moves_a_volunteer_to_chiang_mai(client_for, admin_user, lampang_volunteer, chiang_mai):
    target = Subdistrict.objects.filter(province=chiang_mai).first()
    client = client_for(admin_user)
    url = reverse("volunteers:move", args=[lampang_volunteer.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"province": "50", "subdistrict": target.pk, "reason": "ย้ายภูมิลำเนา"})
    assert response.status_code == 302
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.province == chiang_mai and lampang_volunteer.mentor is None
    event = AuditEvent.objects.get(action="move_province")
    assert event.detail["from_province"] == "52" and event.detail["to_province"] == "50"
    changes = volunteer_history(lampang_volunteer)[0].changes
    assert any(label == "ตำบล/แขวง" and "เชียงใหม่" in new for label, _old, new in changes)
    connection.check_constraints()  # the new subdistrict and province agree, as the database checks at commit


def test_an_edit_form_opened_before_the_move_is_refused_as_stale(client_for, admin_user, lampang_volunteer, chiang_mai):
    client = client_for(admin_user)
    edit = reverse("volunteers:edit", args=[lampang_volunteer.pk])
    opened_at = lampang_volunteer.version
    target = Subdistrict.objects.filter(province=chiang_mai).first()
    client.post(reverse("volunteers:move", args=[lampang_volunteer.pk]), {"province": "50", "subdistrict": target.pk})

    form = client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name != "version"}
    data.update(version=opened_at, subdistrict=lampang_volunteer.subdistrict_id, first_name="ก่อนย้าย")
    response = client.post(edit, data)

    assert response.status_code == 200
    assert "ถูกแก้ไขไปแล้วเมื่อ" in response.content.decode()
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.province == chiang_mai and lampang_volunteer.first_name != "ก่อนย้าย"


def test_the_database_refuses_a_province_that_is_not_the_subdistricts_by_any_door(lampang_volunteer, chiang_mai):
    """Raw SQL, a queryset update or a bulk writer: the volunteer would be listed in Chiang Mai's registry while their
    subdistrict is in Lampang."""
    with pytest.raises(IntegrityError, match="volunteer_subdistrict_in_province"), transaction.atomic():
        Volunteer.objects.filter(pk=lampang_volunteer.pk).update(province=chiang_mai)
        connection.check_constraints()
    with pytest.raises(IntegrityError, match="volunteer_subdistrict_in_province"), transaction.atomic():
        Volunteer.objects.filter(pk=lampang_volunteer.pk).update(subdistrict_id=Subdistrict.objects.count() + 10_000)
        connection.check_constraints()
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.province.code == "52" and lampang_volunteer.subdistrict.province.code == "52"


def test_officer_cannot_move(client_for, lampang_officer, lampang_volunteer, chiang_mai):
    target = Subdistrict.objects.filter(province=chiang_mai).first()
    url = reverse("volunteers:move", args=[lampang_volunteer.pk])
    client = client_for(lampang_officer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"province": "50", "subdistrict": target.pk}).status_code == 403
    lampang_volunteer.refresh_from_db()
    assert lampang_volunteer.province.code == "52"


def test_subdistrict_must_be_in_the_chosen_province(client_for, admin_user, lampang_volunteer, lampang):
    target = Subdistrict.objects.filter(province=lampang).last()
    response = client_for(admin_user).post(
        reverse("volunteers:move", args=[lampang_volunteer.pk]), {"province": "50", "subdistrict": target.pk}
    )
    assert "ไม่ได้อยู่ในจังหวัดเชียงใหม่" in response.content.decode()
