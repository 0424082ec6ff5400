"""The admin's list pages count the rows ticked for an action in Thai: "เลือกแล้ว 1 จาก 7 รายการ", not Django's
half-translated "1 จาก 7 selected" (its Thai catalogue for the admin's scripts leaves the word in English)."""

import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def admin_script_catalogue(client) -> dict:
    """The translations the admin's scripts read (admin/jsi18n/), as the browser gets them."""
    script = client.get(reverse("admin:jsi18n")).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.DOTALL).group(1))


def test_the_count_of_ticked_rows_is_thai(client_for, admin_user):
    catalogue = admin_script_catalogue(client_for(admin_user))

    counter = catalogue["%(sel)s of %(cnt)s selected"]
    shown = (counter[0] if isinstance(counter, list) else counter) % {"sel": 1, "cnt": 7}
    assert shown == "เลือกแล้ว 1 จาก 7 รายการ"
    assert "selected" not in shown
