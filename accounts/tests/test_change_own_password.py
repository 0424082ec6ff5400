"""Staff change their own password on the account security page: the current password first, a new one that passes
the portal's rules, refusals in Thai, the session kept (second factor included), the change on the audit record."""

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from core.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ดอยขุนตาล-2569-ลำปาง"


def change(client, old, new, again=None):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new if again is None else again},
        follow=True,
    )


def test_the_security_page_leads_to_the_password_change(client_for, lampang_officer):
    page = client_for(lampang_officer).get(reverse("accounts:security")).content.decode()
    assert reverse("accounts:password_change") in page and "เปลี่ยนรหัสผ่าน" in page


def test_an_officer_changes_their_password_and_stays_signed_in(client_for, lampang_officer, rf):
    client = client_for(lampang_officer)

    response = change(client, PASSWORD, NEW_PASSWORD)

    assert response.redirect_chain[-1][0] == reverse("accounts:security")
    assert "เปลี่ยนรหัสผ่านแล้ว" in response.content.decode()
    # Still signed in past the second factor: the registry opens without asking for a code again.
    assert client.get(reverse("volunteers:list")).status_code == 200
    assert authenticate(rf.post("/"), username=lampang_officer.username, password=NEW_PASSWORD) == lampang_officer
    assert authenticate(rf.post("/"), username=lampang_officer.username, password=PASSWORD) is None
    changed = AuditEvent.objects.get(action=AuditEvent.Action.PASSWORD_CHANGED)
    assert changed.user == lampang_officer


def test_agency_staff_change_their_password_too(client_for, lampang_agency_staff, rf):
    client = client_for(lampang_agency_staff)
    assert reverse("accounts:password_change") in client.get(reverse("accounts:security")).content.decode()

    response = change(client, PASSWORD, NEW_PASSWORD)

    assert "เปลี่ยนรหัสผ่านแล้ว" in response.content.decode()
    assert authenticate(rf.post("/"), username="lampang.agency", password=NEW_PASSWORD) == lampang_agency_staff


@pytest.mark.parametrize(
    ("old", "new", "again", "message"),
    [
        ("ไม่ใช่รหัสผ่านเดิม", NEW_PASSWORD, None, "ใส่รหัสผ่านเก่าผิด"),
        (PASSWORD, "ลำปาง12", None, "ต้องมีอย่างน้อย 10 ตัวอักษร"),
        (PASSWORD, "0812345678901", None, "เป็นตัวเลขทั้งหมด"),
        (PASSWORD, "lampang.officer", None, "คล้ายกับชื่อผู้ใช้"),
        (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "ไม่ตรงกัน"),
    ],
)
def test_a_refused_password_says_why_in_thai_and_keeps_the_old_one(
    client_for, lampang_officer, rf, old, new, again, message
):
    response = change(client_for(lampang_officer), old, new, again)

    assert response.status_code == 200 and message in response.content.decode()
    assert authenticate(rf.post("/"), username=lampang_officer.username, password=PASSWORD) == lampang_officer
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PASSWORD_CHANGED).exists()
