"""English mode shows English only where the catalogues have it (issue 13): every committed catalogue is fully
translated (no fuzzy guess of makemessages, no empty entry), its compiled .mo says the same as its .po, and a fresh
makemessages run over the code finds no Thai message they lack, so a new Thai string without its English fails the
tests by name instead of showing Thai to English readers."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
CATALOGUE = Path("locale", "en", "LC_MESSAGES", "django.po")
# As makemessages is run for the project (README): the benchmarks and tools are not shown to users.
IGNORED = {"bench", "tools", "node_modules", "__pycache__"}
MAKEMESSAGES = "manage.py makemessages -l en --ignore=.venv --ignore=bench --ignore=tools"


def catalogues(root: Path) -> list[Path]:
    """The English catalogues under root: the project's and each app's."""
    return sorted([root / CATALOGUE, *root.glob(f"*/{CATALOGUE}")])


def entries(po: Path) -> dict[tuple[str, str], bool]:
    """Each live entry's (context, msgid), and whether its English is finished (every msgstr given, not fuzzy)."""
    found = {}
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        fuzzy = False
        key = ""
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
            elif match := re.match(r'(msg\w+(?:\[\d+\])?) "(.*)"$', line):
                key = match[1]
                fields[key] = match[2]
        if fields.get("msgid"):
            finished = all(value for name, value in fields.items() if name.startswith("msgstr"))
            found[(fields.get("msgctxt", ""), fields["msgid"])] = finished and not fuzzy
    return found


def test_every_committed_catalogue_is_fully_translated_and_compiles():
    for po in catalogues(BASE):
        run = subprocess.run(
            ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        where = po.relative_to(BASE)
        assert run.returncode == 0, f"{where} does not compile:\n{run.stderr}"
        unfinished = [msgid for (_, msgid), finished in entries(po).items() if not finished]
        assert "fuzzy" not in run.stderr and "untranslated" not in run.stderr and not unfinished, (
            f"{where}: {run.stderr.strip()}; translate (and remove '#, fuzzy' from): {unfinished}"
        )


def test_every_compiled_catalogue_matches_its_po(tmp_path):
    # Django reads the .mo: a translation added to the .po but not compiled still shows Thai.
    for po in catalogues(BASE):
        fresh = tmp_path / "fresh.mo"
        subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True)
        with fresh.open("rb") as expected, po.with_suffix(".mo").open("rb") as committed:
            assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(expected)._catalog, (
                f"{po.relative_to(BASE)} is newer than its .mo: run manage.py compilemessages --ignore=.venv"
            )


def mirror(tree: Path) -> None:
    """The project's sources as links and its English catalogues as copies, for makemessages to update in tree."""
    for folder, folders, files in os.walk(BASE):
        folders[:] = [name for name in folders if not name.startswith(".") and name not in IGNORED]
        source_folder = Path(folder)
        relative = source_folder.relative_to(BASE)
        for name in files:
            if name.endswith((".py", ".html", ".txt")):
                (tree / relative).mkdir(parents=True, exist_ok=True)
                (tree / relative / name).symlink_to(source_folder / name)
            elif name == "django.po" and "locale" in relative.parts:
                (tree / relative).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source_folder / name, tree / relative / name)


# Settings of their own, so that makemessages writes into the copy and never into the project's locale/.
MAKEMESSAGES_IN_COPY = """
import sys
from django.conf import settings
settings.configure(LOCALE_PATHS=[sys.argv[1] + "/locale"], USE_I18N=True)
import django
django.setup()
from django.core.management import call_command
call_command("makemessages", locale=["en"], verbosity=0)
"""


def test_no_message_in_the_code_is_missing_from_the_english_catalogues(tmp_path):
    tree = tmp_path / "project"
    mirror(tree)
    subprocess.run([sys.executable, "-c", MAKEMESSAGES_IN_COPY, str(tree)], cwd=tree, check=True)
    missing = []
    for fresh in catalogues(tree):
        committed = BASE / fresh.relative_to(tree)
        known = entries(committed) if committed.exists() else {}
        missing += [
            f"{fresh.relative_to(tree)}: {msgid}" + (f" (context {context})" if context else "")
            for context, msgid in entries(fresh)
            if not known.get((context, msgid))
        ]
    assert not missing, (
        "These messages have no English translation yet. Run `.venv/bin/python "
        f"{MAKEMESSAGES}`, translate them, then `manage.py compilemessages --ignore=.venv`:\n" + "\n".join(missing)
    )
