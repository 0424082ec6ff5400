"""An administrator who sets up the portal from .env.example finds every variable the portal reads."""

import ast
import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# The settings and the code that reads its own variables (backups run outside a request, so not through settings).
READERS = [*sorted((BASE_DIR / "config").glob("*.py")), BASE_DIR / "core" / "backups.py"]
# Set by the portal itself for the processes it starts, never by an administrator.
SET_BY_THE_PORTAL = {"DJANGO_SETTINGS_MODULE"}


def is_env(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "env"


def is_os_environ(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and getattr(node.value, "id", None) == "os"


def variables_read(source: str) -> set[str]:
    """Names read through django-environ (`env.int("X")`, `env("X")`) or `os.environ.get("X")` / `os.environ["X"]`."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            reads_env = is_env(func) or (
                isinstance(func, ast.Attribute)
                and (is_env(func.value) or (is_os_environ(func.value) and func.attr == "get"))
            )
            if reads_env and isinstance(node.args[0].value, str):
                names.add(node.args[0].value)
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and is_os_environ(node.value):
            names.add(ast.literal_eval(node.slice))
    return names - SET_BY_THE_PORTAL


def documented() -> set[str]:
    """Variables set or shown commented out (`# NAME=...`) in .env.example."""
    text = (BASE_DIR / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_every_variable_the_settings_read_is_in_env_example():
    read = set().union(*(variables_read(path.read_text(encoding="utf-8")) for path in READERS))
    # The reader must find the ones everybody sets, or the test below proves nothing.
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "CACHE_URL", "BACKUP_DIR"} <= read
    missing = sorted(read - documented())
    assert not missing, f".env.example does not document {missing}"


def test_every_variable_in_env_example_has_a_comment_above_it():
    lines = (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines()
    uncommented = []
    for number, line in enumerate(lines):
        if re.match(r"^[A-Z][A-Z0-9_]+=", line):
            above = number - 1
            # A group of variables shares the comment above its first line.
            while above >= 0 and re.match(r"^#? ?[A-Z][A-Z0-9_]+=", lines[above]):
                above -= 1
            if above < 0 or not lines[above].startswith("#"):
                uncommented.append(line.split("=")[0])
    assert not uncommented, f"no comment says what these are for: {uncommented}"


def test_the_reader_sees_every_kind_of_read():
    source = 'A = env.int("ONE", default=1)\nB = env("TWO")\nC = os.environ.get("THREE")\nD = os.environ["FOUR"]\n'
    assert variables_read(source) == {"ONE", "TWO", "THREE", "FOUR"}
