"""While the second factor is owed, the top bar offers only what works there: no menu that bounces back."""

import re

import pytest
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from conftest import totp_device_for

pytestmark = pytest.mark.django_db


def links_in_top_bar(html: str) -> set[str]:
    nav = re.search(r"<nav class=\"navbar.*?</nav>", html, re.S).group(0)
    return set(re.findall(r'href="([^"]+)"', nav)) | set(re.findall(r'action="([^"]+)"', nav))


def password_login(client, user):
    client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})


@pytest.mark.parametrize(
    "step, has_device", [("accounts:two_factor_setup", False), ("accounts:two_factor_verify", True)]
)
def test_the_two_factor_pages_show_no_menu_that_bounces(client, hq_analyst, step, has_device):
    if has_device:
        totp_device_for(hq_analyst)
    password_login(client, hq_analyst)
    page = client.get(reverse(step))
    assert page.status_code == 200
    links = links_in_top_bar(page.content.decode())
    # Every link left in the bar opens without being sent back to this step.
    for url in links - {"#"}:
        if url == reverse("accounts:logout") or url.startswith(reverse("set_language")):
            continue
        response = client.get(url)
        assert not (response.status_code == 302 and "/accounts/2fa/" in response["Location"]), url
    assert reverse("accounts:logout") in links
    for gone in ("reports:dashboard", "provinces:list", "volunteers:list", "trainings:list", "accounts:security"):
        assert reverse(gone) not in links, gone


def test_after_the_second_factor_the_menu_is_back(client_for, hq_analyst):
    links = links_in_top_bar(client_for(hq_analyst).get(reverse("reports:dashboard")).content.decode())
    assert {reverse("reports:dashboard"), reverse("volunteers:list"), reverse("accounts:security")} <= links


def test_a_province_officer_switching_it_on_keeps_the_menu(client_for, lampang_officer):
    # Opting in from the security page: nothing is owed yet, so the portal stays usable around the set-up.
    links = links_in_top_bar(client_for(lampang_officer).get(reverse("accounts:two_factor_setup")).content.decode())
    assert reverse("volunteers:list") in links
