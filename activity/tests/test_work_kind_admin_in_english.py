"""An administrator reading the admin in English sees a kind of work's Thai name field called "Name", as the kinds'
list and the report files call it, not "First name" (the same Thai word as a person's first name)."""

import pytest
from django.urls import reverse

from tests.english import in_english

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def test_the_kind_of_work_page_names_its_name_field_name_in_english(admin_client, work_kinds):
    kind = work_kinds[0]

    page = in_english(admin_client).get(reverse("admin:activity_workkind_change", args=[kind.pk]))

    assert page.status_code == 200
    label = page.content.decode()
    assert '<label class="required" for="id_name_th">Name:</label>' in label
    assert "First name" not in label


def test_in_thai_the_field_keeps_its_thai_name(admin_client, work_kinds):
    page = admin_client.get(reverse("admin:activity_workkind_change", args=[work_kinds[0].pk]))

    assert '<label class="required" for="id_name_th">ชื่อ:</label>' in page.content.decode()
