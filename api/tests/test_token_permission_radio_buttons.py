"""The token page's choice between a read-only and a read-write token is two round radio buttons beside their labels:
the form's styling gave them Bootstrap's text-box class too, which drew each as a wide oval over its label."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_permission_choices_are_plain_radio_buttons(client_for, lampang_agency_staff):
    page = client_for(lampang_agency_staff).get(reverse("api_tokens:list")).content.decode()

    radios = re.findall(r'<input type="radio" name="access"[^>]*>', page)
    assert len(radios) == 2
    for radio in radios:
        assert 'class="form-check-input"' in radio
        assert "form-control" not in radio
