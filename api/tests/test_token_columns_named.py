"""The token tables name their columns for what they hold: on the English token page the token's name is under
"Token name" (it read "First name", as a person's), and in the Thai admin site the token's first characters are under
"ขึ้นต้นด้วย" (it read "Shown prefix" in English)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_english_token_page_heads_the_names_column_token_name(client_for, lampang_agency_staff, token_for):
    token_for(lampang_agency_staff)
    client = client_for(lampang_agency_staff)
    client.cookies["django_language"] = "en"

    page = client.get(reverse("api_tokens:list")).content.decode()

    assert '<th scope="col">Token name</th>' in page
    assert "First name" not in page


def test_the_thai_admin_list_of_tokens_names_the_prefix_column_in_thai(client_for, admin_user, token_for):
    token_for(admin_user)
    client = client_for(admin_user)

    changelist = client.get(reverse("admin:api_apitoken_changelist")).content.decode()
    change_page = client.get(reverse("admin:api_apitoken_change", args=[admin_user.api_tokens.get().pk]))

    assert "ขึ้นต้นด้วย" in changelist
    assert "shown prefix" not in changelist.lower()
    assert "ขึ้นต้นด้วย" in change_page.content.decode()
    assert "shown prefix" not in change_page.content.decode().lower()
