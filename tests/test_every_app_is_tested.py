"""`make test` runs pytest over the testpaths of pyproject.toml: an app whose tests folder is not listed there has
tests that never run (activity, cases, coverage and awards were missed that way for a while)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_tests_folder_is_in_the_testpaths():
    testpaths = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"])
    folders = {path.parent.parent.name for path in ROOT.glob("*/tests/__init__.py")}
    assert folders, "no app tests found"
    assert not folders - testpaths, f"tests that make test never runs: {sorted(folders - testpaths)}"
