"""Pages are in Thai unless the user picks English, whatever language the browser asks for."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = "en-US,en;q=0.9"


def test_a_browser_set_to_english_still_gets_thai(client):
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE=ENGLISH_BROWSER).content.decode()
    assert '<html lang="th">' in html
    assert "<h1>เข้าสู่ระบบ</h1>" in html or ">เข้าสู่ระบบ<" in html


def test_choosing_english_switches_and_choosing_thai_switches_back(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in html and "Log in" in html
    client.post(reverse("set_language"), {"language": "th", "next": "/"}, HTTP_ACCEPT_LANGUAGE=ENGLISH_BROWSER)
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE=ENGLISH_BROWSER).content.decode()
    assert '<html lang="th">' in html


def test_an_unknown_language_in_the_cookie_falls_back_to_thai(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="th">' in client.get(reverse("accounts:login")).content.decode()
