"""Every 403 and 404 a signed-in user meets is in the audit record, with the path they asked for."""

import pytest

from core.models import AuditEvent

pytestmark = pytest.mark.django_db


def refusals():
    return AuditEvent.objects.filter(action=AuditEvent.Action.REFUSED)


def test_another_provinces_page_is_refused_and_recorded(client_for, lampang_officer):
    client = client_for(lampang_officer)
    assert client.get("/provinces/50/", REMOTE_ADDR="198.51.100.30").status_code == 404
    assert client.post("/provinces/50/", REMOTE_ADDR="198.51.100.30").status_code == 404

    event = refusals().last()
    assert event.user == lampang_officer and event.username == "lampang.officer"
    assert event.path == "/provinces/50/" and event.ip_address == "198.51.100.30"
    assert event.detail["status"] == 404
    assert sorted(e.detail["method"] for e in refusals()) == ["GET", "POST"]


def test_a_forbidden_page_is_recorded_with_its_status(client_for, django_user_model, geography):
    nobody = django_user_model.objects.create_user("nobody", password="x-long-password-1")
    client_for(nobody).get("/")
    assert refusals().get().detail["status"] == 403


def test_anonymous_visitors_and_static_files_are_not_recorded(client, client_for, lampang_officer):
    client.get("/no-such-page/")
    assert not refusals().exists()
    client_for(lampang_officer).get("/static/no-such-file.css")
    assert not refusals().exists()


def test_allowed_pages_are_not_recorded(client_for, lampang_officer):
    assert client_for(lampang_officer).get("/provinces/52/").status_code == 200
    assert not refusals().exists()
