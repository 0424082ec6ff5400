"""Pages run only the portal's own scripts, styles, fonts and images (Content-Security-Policy)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*\bnonce=\"\{\{ ?request\.csp_nonce ?\}\}\")[^>]*>", re.I)
JSON_DATA_SCRIPT = re.compile(r"<script\b[^>]*type=\"application/(ld\+)?json\"", re.I)
INLINE_STYLE_BLOCK = re.compile(r"<style\b(?![^>]*\bnonce=\"\{\{ ?request\.csp_nonce ?\}\}\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+=", re.I)
JAVASCRIPT_URL = re.compile(r"(href|src|action)=\"\s*javascript:", re.I)


def header(response):
    return {
        name: values.split()
        for name, *values in (
            part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip()
        )
        for values in [values[0] if values else ""]
    }


@pytest.mark.django_db
def test_every_page_carries_a_strict_policy(client_for, lampang_officer):
    response = client_for(lampang_officer).get("/provinces/52/")
    policy = header(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["style-src"][0] == "'self'" and "'unsafe-inline'" not in policy["style-src"]
    assert policy["style-src-attr"] == ["'unsafe-inline'"]  # style="" only; it cannot load from elsewhere
    assert "script-src-attr" not in policy
    assert policy["font-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert not any("http" in source for sources in policy.values() for source in sources)


@pytest.mark.django_db
def test_the_login_page_carries_the_policy_too(client):
    assert "script-src 'self'" in client.get("/accounts/login/")["Content-Security-Policy"]


def test_no_template_needs_what_the_policy_refuses():
    """Inline <script>/<style> need nonce="{{ request.csp_nonce }}"; onclick="" and javascript: never run."""
    problems = []
    for folder in TEMPLATE_DIRS:
        for template in folder.rglob("*.html"):
            text = template.read_text(encoding="utf-8")
            where = template.relative_to(ROOT)
            for line_no, line in enumerate(text.splitlines(), start=1):
                checks = [
                    (INLINE_SCRIPT, "inline <script> without nonce"),
                    (INLINE_STYLE_BLOCK, "<style> without nonce"),
                    (EVENT_HANDLER, "on...= event handler attribute"),
                    (JAVASCRIPT_URL, "javascript: URL"),
                ]
                for pattern, what in checks:
                    if pattern.search(line) and not (pattern is INLINE_SCRIPT and JSON_DATA_SCRIPT.search(line)):
                        problems.append(f"{where}:{line_no}: {what}")
    assert not problems, "Blocked by the Content-Security-Policy:\n" + "\n".join(problems)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_browser_reports_no_violation_on_the_portal_and_admin_pages(browser_login, page, live_server, admin_user):
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    browser_login(admin_user)
    for path in ("/provinces/", "/provinces/52/", "/admin/", "/admin/core/auditevent/", "/accounts/security/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ลำปาง')")
    assert violations == []
