"""Page weight: what the first and a repeat visit of each page transfer over a provincial office's connection.

    make bench-weight       (or .venv/bin/python bench/page_weight.py [--kbps 1600] [--latency-ms 150])

Serves the demo data (geography and load_demo, in a database of its own) with gunicorn as `make run` does (DEBUG
off, WhiteNoise, hashed static files), and opens each page in Debian's Chromium through Playwright, throttled
through the DevTools protocol to 1.6 Mbit/s both ways with 150 ms of latency. The first visit is a new browser
profile (nothing cached); the repeat visit opens the same page again in that profile, as an officer does the next
morning. Bytes are what went over the wire (compressed bodies plus headers, `encodedDataLength`); the time is from
the navigation to the page's `load` event. Targets (issue 18): first visit under 250 KB and 2.5 s; a repeat visit
transfers only the HTML.

The last line: max_first_visit_kb=.. max_first_visit_ms=.. max_repeat_visit_kb=.. pages=..
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import ROOT, last_line, setup_django
from bench.load import free_port, stop, wait_until_up

DATABASE = "bench_page_weight"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def prepare() -> None:
    """The demo data, loaded again (after emptying the database) when a migration or any app's demo.py changed."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command

    from bench.common import fill_fingerprint, is_filled, mark_filled
    from provinces.services import load_geography

    demo_modules = [
        import_module(f"{app.name}.demo")
        for app in apps.get_app_configs()
        if app.path.startswith(str(settings.BASE_DIR)) and find_spec(f"{app.name}.demo")
    ]
    fingerprint = fill_fingerprint(0, *demo_modules)
    if is_filled(DATABASE, fingerprint):
        print("reusing the demo data (schema and demo unchanged)", flush=True)
        return
    call_command("flush", interactive=False, verbosity=0)
    load_geography()
    call_command("load_demo", verbosity=0)
    mark_filled(DATABASE, fingerprint)


def pages_to_weigh() -> list[tuple[str, str, str]]:
    """(persona, label, path): the pages an officer and HQ open most, on demo objects."""
    from django.urls import reverse

    from provinces.models import Province
    from trainings.models import Event
    from volunteers.models import Volunteer

    lampang = Province.objects.get(code="52")
    volunteer = Volunteer.objects.filter(province=lampang).order_by("pk").first()
    event = Event.objects.filter(host_province=lampang).order_by("pk").first()
    pages = [
        ("anonymous", "login", reverse("accounts:login")),
        ("officer", "volunteer list", reverse("volunteers:list")),
        ("officer", "volunteer page", reverse("volunteers:detail", args=[volunteer.pk])),
        ("officer", "mentor list", reverse("mentors:list")),
        ("officer", "trainings list", reverse("trainings:list")),
        ("officer", "province report", reverse("reports:province", args=[lampang.code])),
        ("hq", "national dashboard", reverse("reports:dashboard")),
    ]
    if event:
        pages.insert(5, ("officer", "training event", reverse("trainings:detail", args=[event.pk])))
    return pages


def sessions() -> dict[str, str]:
    from django.conf import settings

    from bench.common import client_for, staff
    from provinces.models import Province

    officer = staff("weight.officer", "officer", Province.objects.get(code="52"))
    hq = staff("weight.hq", "hq")
    return {
        name: client_for(user).cookies[settings.SESSION_COOKIE_NAME].value
        for name, user in [("officer", officer), ("hq", hq)]
    }


def visit(page, cdp, url: str) -> tuple[int, float, int]:
    """One navigation: bytes over the wire, milliseconds to the load event, and the number of requests sent."""
    transferred = {"bytes": 0, "requests": 0}

    def finished(event):
        transferred["bytes"] += int(event.get("encodedDataLength", 0))

    def sent(_event):
        transferred["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.requestWillBeSent", sent)
    try:
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_timeout(300)  # late events of the last responses
        elapsed = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; }"
        )
    finally:
        cdp.remove_listener("Network.loadingFinished", finished)
        cdp.remove_listener("Network.requestWillBeSent", sent)
    return transferred["bytes"], float(elapsed), transferred["requests"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kbps", type=int, default=1600, help="link speed in kilobits per second, both ways")
    parser.add_argument("--latency-ms", type=int, default=150)
    args = parser.parse_args()

    print(f"database {DATABASE}: migrating, geography and demo data", flush=True)
    setup_django(DATABASE)
    prepare()
    from django.conf import settings

    work = Path(tempfile.mkdtemp(prefix="portal-weight-"))
    env = {
        **os.environ,
        "DEBUG": "false",
        "PRODUCTION": "false",
        "HASHED_STATIC_FILES": "true",  # as `make run` and production serve them
        "ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )
    pages = pages_to_weigh()
    cookies = sessions()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=3",
            "--worker-class=gthread",
            "--log-level=warning",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    from playwright.sync_api import sync_playwright

    results = []
    try:
        wait_until_up(base + "/accounts/login/")
        bytes_per_second = args.kbps * 1000 / 8
        print(f"Chromium at {args.kbps / 1000:g} Mbit/s, {args.latency_ms} ms latency; gunicorn on {base}", flush=True)
        print(f"{'page':<22} {'first KB':>9} {'first ms':>9} {'req':>4} {'repeat KB':>10} {'repeat ms':>10}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for persona, label, path in pages:
                context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH")
                if persona != "anonymous":
                    context.add_cookies(
                        [
                            {
                                "name": settings.SESSION_COOKIE_NAME,
                                "value": cookies[persona],
                                "domain": "127.0.0.1",
                                "path": "/",
                            }
                        ]
                    )
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send(
                    "Network.emulateNetworkConditions",
                    {
                        "offline": False,
                        "latency": args.latency_ms,
                        "downloadThroughput": bytes_per_second,
                        "uploadThroughput": bytes_per_second,
                    },
                )
                first_bytes, first_ms, requests = visit(page, cdp, base + path)
                repeat_bytes, repeat_ms, _ = visit(page, cdp, base + path)
                context.close()
                results.append((label, first_bytes, first_ms, repeat_bytes))
                print(
                    f"{label:<22} {first_bytes / 1024:>9.0f} {first_ms:>9.0f} {requests:>4} "
                    f"{repeat_bytes / 1024:>10.0f} {repeat_ms:>10.0f}",
                    flush=True,
                )
            browser.close()
    finally:
        stop(gunicorn, "gunicorn")
    print(
        last_line(
            {
                "max_first_visit_kb": round(max(r[1] for r in results) / 1024),
                "max_first_visit_ms": round(max(r[2] for r in results)),
                "max_repeat_visit_kb": round(max(r[3] for r in results) / 1024),
                "pages": len(results),
            }
        )
    )


if __name__ == "__main__":
    main()
