"""Pages load a cut of Bootstrap Icons (a few KB, not 134 KB): every icon a page uses must be in the cut, or it shows
as an empty square. Adding an icon to a template without re-running tools/subset_icons.py fails here."""

import re

from fontTools.ttLib import TTFont

from tools import subset_icons


def defined_in_subset() -> dict[str, int]:
    css = subset_icons.SUBSET_CSS.read_text(encoding="utf-8")
    return {name: int(point, 16) for name, point in subset_icons.DEFINITION.findall(css)}


def test_every_icon_the_pages_use_is_in_the_cut_font_and_its_css():
    used = subset_icons.used_icons() & set(subset_icons.code_points())
    defined = defined_in_subset()
    missing = sorted(used - set(defined))
    assert not missing, f"icons used but not in the cut: {missing}; run .venv/bin/python tools/subset_icons.py"
    glyphs = TTFont(subset_icons.SUBSET_FONT).getBestCmap()
    assert all(defined[name] in glyphs for name in used), "portal-icons.woff2 lacks a glyph its CSS names"
    assert subset_icons.SUBSET_FONT.stat().st_size < 20_000


def test_pages_link_the_cut_and_not_the_whole_font(client):
    page = client.get("/accounts/login/").content.decode()
    assert "portal-icons.css" in page
    assert "bootstrap-icons.min.css" not in page


def test_a_name_in_a_template_that_is_no_icon_is_not_counted():
    assert subset_icons.USE.findall('class="bi bi-person-plus me-1"') == ["person-plus"]
    assert re.search(subset_icons.DEFINITION, '.bi-x-lg::before{content:"\\f659"}')
