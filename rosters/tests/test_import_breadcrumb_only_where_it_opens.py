"""An import's page links back to the import page only for those who may open it (probe p4, D5): a reader of the
province (viewer, anti-trafficking officer) sees the import but no link that answers them 403."""

import pytest
from django.urls import reverse

from rosters.models import ImportJob
from rosters.tests.factories import person, xlsx_bytes
from rosters.tests.helpers import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def lampang_job(client_for, lampang_officer):
    _, job = upload(client_for(lampang_officer), xlsx_bytes([person(1), person(2)]))
    assert job.status == ImportJob.Status.PREVIEW
    return job


@pytest.mark.parametrize("persona", ["lampang_viewer", "lampang_anti_trafficking"])
def test_a_reader_sees_the_import_without_a_link_to_the_import_page(client_for, request, lampang_job, persona):
    client = client_for(request.getfixturevalue(persona))
    page = client.get(reverse("rosters:job", args=[lampang_job.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "นำเข้าและส่งออกรายชื่อ" in html  # the breadcrumb still says where the page belongs
    assert f'href="{reverse("rosters:list")}"' not in html
    assert client.get(reverse("rosters:list")).status_code == 403


@pytest.mark.parametrize(
    "persona",
    ["lampang_officer", "lampang_viewer", "lampang_anti_trafficking", "hq_analyst", "hq_officer", "admin_user"],
)
def test_the_import_page_is_linked_exactly_for_those_it_opens_for(client_for, request, lampang_job, persona):
    client = client_for(request.getfixturevalue(persona))
    page = client.get(reverse("rosters:job", args=[lampang_job.pk]))
    assert page.status_code == 200
    linked = f'href="{reverse("rosters:list")}"' in page.content.decode()
    opens = client.get(reverse("rosters:list")).status_code == 200
    assert linked == opens
    if persona == "lampang_officer":
        assert linked
