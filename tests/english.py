"""What the tests of English mode share: switching a test client to English, reading a page's field errors, and
finding Thai left in English text."""

import re
from html import unescape

from django.utils import translation

THAI = re.compile("[\u0e00-\u0e7f]")


def in_english(client):
    """The client, reading the portal in English from now on (the language menu's cookie)."""
    client.cookies["django_language"] = "en"
    return client


def field_errors(response) -> dict[str, list[str]]:
    """{field: [its error messages]} as the page shows them under each field."""
    found: dict[str, list[str]] = {}
    for name, text in re.findall(r'data-field-error="(\w+)">(.*?)</div>', response.content.decode(), re.S):
        found.setdefault(name, []).append(unescape(text).strip())
    return found


def english_name(volunteer) -> str:
    """The volunteer as an English message names them: the title in English, the name as written (Mr บุญมี ทำงานดี)."""
    with translation.override("en"):
        return volunteer.full_name
