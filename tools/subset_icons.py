"""Cut Bootstrap Icons down to the icons the portal uses: a font of a few KB instead of 134 KB, and a small CSS.

    .venv/bin/python tools/subset_icons.py        (after adding an icon to a template; `make test` says when)

Reads every `bi-<name>` in templates/, static/ (the portal's own scripts) and the apps' Python, looks each name up in
the vendored bootstrap-icons.min.css for its code point, and writes static/vendor/bootstrap-icons/portal-icons.css and
portal-icons.woff2 (fontTools, which fpdf2 already brings; WOFF2 needs brotli, from the test tools). Pages load these
two; the full set stays in tools/bootstrap-icons/ as the source of the cut.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "static" / "vendor" / "bootstrap-icons"
# The whole set, as vendored from npm (bootstrap-icons 1.13.2): the source of the cut, not served.
FULL_CSS = ROOT / "tools" / "bootstrap-icons" / "bootstrap-icons.min.css"
FULL_FONT = ROOT / "tools" / "bootstrap-icons" / "bootstrap-icons.woff2"
SUBSET_CSS = ICONS / "portal-icons.css"
SUBSET_FONT = ICONS / "portal-icons.woff2"
SOURCE_SUFFIXES = {".html", ".js", ".py", ".txt"}
USE = re.compile(r"\bbi-([a-z0-9]+(?:-[a-z0-9]+)*)")
DEFINITION = re.compile(r'\.bi-([a-z0-9-]+)::before\{content:"\\([0-9a-f]+)"\}')


def source_files():
    for folder in ["templates", "static"]:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in SOURCE_SUFFIXES and "vendor" not in path.parts:
                yield path
    for app in ROOT.iterdir():
        if (app / "apps.py").exists():
            for path in app.rglob("*.py"):
                if "tests" not in path.parts and "migrations" not in path.parts:
                    yield path


def used_icons() -> set[str]:
    names = set()
    for path in source_files():
        names.update(USE.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return names


def code_points() -> dict[str, int]:
    return {name: int(hexa, 16) for name, hexa in DEFINITION.findall(FULL_CSS.read_text(encoding="utf-8"))}


def subset_css(icons: dict[str, int], font_url: str) -> str:
    rules = "".join(f'.bi-{name}::before{{content:"\\{point:x}"}}' for name, point in sorted(icons.items()))
    return (
        "/* Bootstrap Icons 1.13.2 (MIT), only the icons the portal uses: made by tools/subset_icons.py */\n"
        f'@font-face{{font-display:block;font-family:bootstrap-icons;src:url("{font_url}") format("woff2")}}'
        '.bi::before,[class*=" bi-"]::before,[class^=bi-]::before{display:inline-block;'
        "font-family:bootstrap-icons!important;font-style:normal;font-weight:400!important;font-variant:normal;"
        "text-transform:none;line-height:1;vertical-align:-.125em;-webkit-font-smoothing:antialiased;"
        "-moz-osx-font-smoothing:grayscale}" + rules + "\n"
    )


def main() -> int:
    from fontTools import subset

    known = code_points()
    wanted = used_icons()
    # Utility classes that look like icon names but are not icons (none today) are simply not in the font's list.
    icons = {name: known[name] for name in wanted if name in known}
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.name_IDs = [0, 1, 2]  # keep the copyright and family names
    font = subset.load_font(str(FULL_FONT), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(icons.values()))
    subsetter.subset(font)
    subset.save_font(font, str(SUBSET_FONT), options)
    SUBSET_CSS.write_text(subset_css(icons, SUBSET_FONT.name), encoding="utf-8")
    print(f"{len(icons)} icons: {SUBSET_FONT.stat().st_size:,} bytes of font, {SUBSET_CSS.stat().st_size:,} of CSS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
