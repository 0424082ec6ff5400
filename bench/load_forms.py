"""What a browser posts from the monthly-report grid (templates/activity/grid.html, static/activity/grid.js), for the
load benchmark's simulated officers (bench/load_locustfile.py) and for the test that checks it still saves
(tests/test_benchmark_fills.py). Plain functions: no Django, no Locust (which patches the sockets on import).

The grid's row is a small form after the table (csrfmiddlewaretoken, volunteer, report, district, month, page and
the subdistrict if one is chosen) joined by the row's inputs through form= (k_<kind code> per kind of work, problems).
grid.js sends `new FormData(form)` with fetch: multipart/form-data, the fields in document order (the row's inputs
come first, the form after the table), with X-CSRFToken and Accept: application/json; it answers {"ok": true, ...}.
"""

import html
import random
import re

ROW_FORM = re.compile(r'<form id="(row-\d+)" method="post" action="([^"]+)" class="grid-row-form">(.*?)</form>', re.S)
ROW_INPUT = re.compile(r'<input form="(row-\d+)" name="([^"]+)" value="([^"]*)"')
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def grid_rows(page: str) -> list[dict]:
    """The editable rows of a grid page: {"form", "action", "fields": [(name, value)] in FormData's order}."""
    inputs: dict[str, list[tuple[str, str]]] = {}
    for form_id, name, value in ROW_INPUT.findall(page):
        inputs.setdefault(form_id, []).append((name, html.unescape(value)))
    rows = []
    for form_id, action, inner in ROW_FORM.findall(page):
        hidden = [(name, html.unescape(value)) for name, value in HIDDEN.findall(inner)]
        rows.append({"form": form_id, "action": html.unescape(action), "fields": inputs.get(form_id, []) + hidden})
    return rows


def field(fields: list[tuple[str, str]], name: str) -> str:
    return next((value for key, value in fields if key == name), "")


def typed(fields: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    """The row after an officer typed a paper form's numbers into it: every count cell gets a number (most of them
    small, some 0), at least one differing from what the row held, since grid.js saves a row only when it changed."""
    counts = [name for name, _value in fields if name.startswith("k_")]
    new = {name: str(rng.choice([0, 0, 1, 2, 3, 5, 8, 12])) for name in counts}
    if counts and all(new[name] == field(fields, name) for name in counts):
        name = rng.choice(counts)
        new[name] = str(int(new[name]) + 1)
    return [(name, new.get(name, value)) for name, value in fields]


def multipart(fields: list[tuple[str, str]], rng: random.Random) -> tuple[bytes, str]:
    """The body and Content-Type of a FormData without files, as a browser encodes it."""
    boundary = "----WebKitFormBoundary" + "".join(
        rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop0123456789", k=16)
    )
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode("utf-8"), f"multipart/form-data; boundary={boundary}"
