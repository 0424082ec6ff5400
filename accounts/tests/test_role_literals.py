"""Roles are named in one place (accounts.scope.Role); code and templates compare with those names, never with the
strings stored in the database, so renaming or adding a role cannot leave a check behind."""

import ast
import re
from pathlib import Path

from django.conf import settings

from accounts.scope import Role

ROOT = Path(settings.BASE_DIR)
DEFINING_MODULE = ROOT / "accounts" / "scope.py"
APPS = ["accounts", "core", "provinces", "mentors", "volunteers", "trainings", "rosters", "reports", "config"]
ROLE_VALUES = {str(role) for role in Role}
# "admin" is also a URL namespace, an import source and a demo username: only a role where roles are compared.
UNAMBIGUOUS = ROLE_VALUES - {"admin"}


def _is_role_value(node) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in ROLE_VALUES
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        return any(_is_role_value(element) for element in node.elts)
    return False


def role_literals_in_python(source: str) -> list[int]:
    """Line numbers where a role is written as a string instead of through accounts.scope."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and node.value in UNAMBIGUOUS:
            lines.append(node.lineno)
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_role_value(side) for side in sides) and "role" in ast.unparse(node).lower():
                lines.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg == "role" and _is_role_value(node.value):
            lines.append(node.value.lineno)
    return sorted(set(lines))


_ANY_ROLE = "|".join(map(re.escape, sorted(ROLE_VALUES)))
_UNAMBIGUOUS_ROLE = "|".join(map(re.escape, sorted(UNAMBIGUOUS)))
TEMPLATE_ROLE = re.compile(rf"""(==|!=|\bin)\s*["'](?:{_ANY_ROLE})["']|["'](?:{_UNAMBIGUOUS_ROLE})["']""")


def role_literals_in_template(text: str) -> list[int]:
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        for tag in re.findall(r"{%.*?%}|{{.*?}}", line):
            if TEMPLATE_ROLE.search(tag):
                lines.append(number)
    return lines


def _python_sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = set(path.relative_to(ROOT).parts)
            if "tests" in parts or "migrations" in parts or path == DEFINING_MODULE:
                continue
            yield path


def _templates():
    yield from sorted((ROOT / "templates").rglob("*.html"))
    for app in APPS:
        yield from sorted((ROOT / app).glob("templates/**/*.html"))


def test_no_role_is_written_as_a_string_outside_accounts_scope():
    found = []
    for path in _python_sources():
        found += [f"{path.relative_to(ROOT)}:{n}" for n in role_literals_in_python(path.read_text(encoding="utf-8"))]
    for path in _templates():
        found += [f"{path.relative_to(ROOT)}:{n}" for n in role_literals_in_template(path.read_text(encoding="utf-8"))]
    assert not found, f"role written as a string (use accounts.scope / the template context flags): {found}"


def test_the_check_finds_a_planted_role_literal_and_leaves_other_admins_alone():
    assert role_literals_in_python('if role_of(user) in {"officer", "viewer"}:\n    pass') == [1]
    assert role_literals_in_python('x = 1\nif role_of(user) == "admin":\n    pass') == [2]
    assert role_literals_in_python('StaffFactory(role="admin")') == [1]
    assert role_literals_in_python('if match.namespaces[:1] == ["admin"]:\n    pass\nsource = "admin"') == []
    assert role_literals_in_template('{% if user_role == "officer" %}x{% endif %}') == [1]
    assert role_literals_in_template("<p>officer</p>{% if user_can_write %}{% endif %}") == []
