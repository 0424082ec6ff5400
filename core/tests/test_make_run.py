"""`make run` serves as production does (gunicorn, WhiteNoise, DEBUG off), and `make stop` ends what it started."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from config import serve

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def url_of_the_test_database() -> str:
    from django.db import connection

    db = connection.settings_dict
    credentials = f"{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}"
    # The embedded server is reached by its socket folder, which a URL's ?host= puts in OPTIONS, not in HOST.
    host = db["HOST"] or db.get("OPTIONS", {}).get("host", "")
    if not host or host.startswith("/"):
        return f"postgresql://{credentials}@/{db['NAME']}?host={host}"
    return f"postgresql://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_until_listening(server: subprocess.Popen, port: int, *, output) -> None:
    """Until the server accepts connections on the port (60 s at most); if it exits first, what it printed."""
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert server.poll() is None, output.read()
            assert time.monotonic() < deadline, f"the server did not start within 60 seconds: {server.args}"
            time.sleep(0.2)


@pytest.fixture
def served_portal(db, tmp_path):
    """The web server of `make run` on a free port, against the test database, with DEBUG=true in its environment
    (as a developer's .env may have it) to show that `make run` turns it off."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "ALLOWED_HOSTS"}}
    env.update(DEBUG="true", DATABASE_URL=url_of_the_test_database(), STATIC_ROOT=str(tmp_path / "static"))
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env={**env, "HASHED_STATIC_FILES": "true"},  # as the Makefile's run target collects them
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert collected.returncode == 0, collected.stderr
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "config.serve", "127.0.0.1", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_listening(server, port, output=server.stderr)
    yield base, port, server
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def test_make_run_serves_with_gunicorn_and_debug_off(served_portal):
    base, port, server = served_portal
    status, headers, page = fetch(f"{base}/nonexistent/")
    assert status == 404
    assert "ไม่พบหน้าที่ต้องการ" in page
    assert "Using the URLconf" not in page and "Page not found" not in page
    assert headers["Server"].startswith("gunicorn")
    assert "no-store" in headers["Cache-Control"]
    assert (ROOT / ".local" / f"web-{port}.pid").read_text().strip() == str(server.pid)

    status, headers, page = fetch(f"{base}/accounts/login/")
    assert status == 200 and "เข้าสู่ระบบ" in page
    assert "no-store" in headers["Cache-Control"]
    # Plain HTTP on 127.0.0.1: the session and CSRF cookies must not be Secure-only, or no one could log in.
    assert "secure" not in headers.get("Set-Cookie", "").lower()

    # A 6,000-byte request line (a list address with a Thai search, carried in ?next=): the page, not gunicorn's 414.
    carried = quote("/volunteers/?q=" + "ก" * 600, safe="/")
    path = f"/accounts/login/?next={carried}"
    path += "&x=" + "a" * (6000 - len(f"GET {path}&x= HTTP/1.1"))
    assert len(f"GET {path} HTTP/1.1") == 6000
    status, headers, page = fetch(base + path)
    assert status == 200 and "เข้าสู่ระบบ" in page

    # Static files under hashed names, compressed, cached for a year: a repeat visit fetches only the page.
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the page should link the hashed name of portal.css"
    request = urllib.request.Request(base + stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200 and response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]
        assert "no-store" not in response.headers["Cache-Control"]


GUNICORN_LIMIT = (
    "import sys; from gunicorn.app.wsgiapp import WSGIApplication; sys.argv[0] = 'gunicorn'; "
    "print(WSGIApplication('%(prog)s [OPTIONS] [APP_MODULE]').cfg.limit_request_line)"
)


def longest_request_line(gunicorn_args, *, cwd) -> int:
    """The request line gunicorn started with these arguments in that folder accepts (gunicorn as it reads its
    settings, without loading the portal)."""
    run = subprocess.run(
        [sys.executable, "-c", GUNICORN_LIMIT, *gunicorn_args], cwd=cwd, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    return int(run.stdout)


def test_every_way_of_serving_the_portal_accepts_request_lines_of_up_to_8190_bytes(monkeypatch, tmp_path):
    started = []
    monkeypatch.setattr(serve, "_check_port_free", lambda host, port: None)
    monkeypatch.setattr(serve, "LOCAL", tmp_path)
    monkeypatch.setattr("environ.Env.read_env", lambda *args, **kwargs: None)
    monkeypatch.setattr(os, "chdir", lambda path: None)
    monkeypatch.setattr(os, "execv", lambda program, args: started.append(args))
    for name in ("DEBUG", "HASHED_STATIC_FILES", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"):
        monkeypatch.setenv(name, os.environ.get(name, ""))
    serve.serve("127.0.0.1", 8123)
    (args,) = started
    assert args[1:4] == ["-m", "gunicorn", "config.wsgi"]

    # `make run`, wherever it was started from.
    assert longest_request_line(args[3:], cwd=tmp_path) == 8190
    # Production and the benchmarks, as the README and bench/ start gunicorn: from the project's folder.
    assert longest_request_line(["config.wsgi", "--workers=5", "--worker-class=gthread"], cwd=ROOT) == 8190


def test_make_dev_serves_with_debug_on_and_reloads_code(db):
    """`make dev` is the developer's server: Django's runserver with the technical error pages and the reloader,
    even when the environment says DEBUG=false."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "ALLOWED_HOSTS"}}
    env.update(DEBUG="false", DATABASE_URL=url_of_the_test_database())
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "config.serve", "--dev", "127.0.0.1", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the reloader runs the server in a child process: both are stopped below
    )
    try:
        wait_until_listening(server, port, output=server.stdout)
        status, headers, page = fetch(f"http://127.0.0.1:{port}/nonexistent/")
        assert status == 404
        assert "Using the URLconf" in page  # Django's technical page: DEBUG is on
        assert headers["Server"].startswith("WSGIServer")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert "Watching for file changes" in output


def test_make_stop_ends_the_web_server_and_the_worker_then_the_database(tmp_path, monkeypatch):
    stand_in = "import sys, time; time.sleep(120)"
    web = subprocess.Popen([sys.executable, "-c", stand_in, "gunicorn"])
    worker = subprocess.Popen([sys.executable, "-c", stand_in, "db_worker"])
    (tmp_path / "web-8123.pid").write_text(str(web.pid))
    (tmp_path / "worker.pid").write_text(str(worker.pid))
    monkeypatch.setattr(serve, "LOCAL", tmp_path)
    monkeypatch.setattr(serve, "WORKER_PID", tmp_path / "worker.pid")
    order = []
    monkeypatch.setattr(
        "config.localdb.stop", lambda: order.append(("database", web.poll() is not None, worker.poll() is not None))
    )

    serve.stop()

    assert web.wait(timeout=5) == -signal.SIGTERM and worker.wait(timeout=5) == -signal.SIGTERM
    assert order == [("database", True, True)]
    assert list(tmp_path.iterdir()) == []


def test_make_stop_leaves_a_process_alone_whose_pid_was_reused(tmp_path, monkeypatch):
    unrelated = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    (tmp_path / "worker.pid").write_text(str(unrelated.pid))
    monkeypatch.setattr(serve, "LOCAL", tmp_path)
    monkeypatch.setattr(serve, "WORKER_PID", tmp_path / "worker.pid")
    monkeypatch.setattr("config.localdb.stop", lambda: None)
    try:
        serve.stop()
        assert unrelated.poll() is None
    finally:
        unrelated.kill()
        unrelated.wait()
