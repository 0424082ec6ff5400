"""For the admin's own templates: Gregorian years in text Django formatted (the date hierarchy) as พ.ศ. in Thai."""

import re

from django import template

from core import thai
from core.people import page_in_thai

register = template.Library()

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|21\d\d)(?!\d)")


@register.filter
def be_years(text):
    """`พฤศจิกายน 2026` -> `พฤศจิกายน 2569` in Thai mode; unchanged in English."""
    if not page_in_thai():
        return text
    return _YEAR.sub(lambda m: str(thai.to_be_year(int(m.group(1)))), str(text))
