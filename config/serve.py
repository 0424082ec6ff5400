"""The portal's local servers and `make stop`.

`python -m config.serve HOST PORT` (make run) serves as production does: gunicorn, WhiteNoise, DEBUG off, so every
error is the portal's Thai page; its pid goes to .local/web-PORT.pid. `--dev` (make dev) is Django's runserver with
DEBUG and autoreload instead. Both first check that the port is free and say so in one sentence if not (`--check`
does only that, before `make run` starts the worker).
`python -m config.serve stop` (make stop) ends every web server and the task worker recorded in .local/, then the
local PostgreSQL server.
"""

import os
import signal
import socket
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL = BASE_DIR / ".local"
WEB_PID_PATTERN = "web-*.pid"
WORKER_PID = LOCAL / "worker.pid"
# The settings every gunicorn of the portal shares (production's too), such as the longest request line.
GUNICORN_CONFIG = BASE_DIR / "gunicorn.conf.py"
DEFAULT_ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# A local machine serves one or a few people: three workers keep a long export from holding up the pages, at a
# fraction of production's memory (there: 2 x cores + 1, see the README's production section).
LOCAL_WORKERS = 3
STOP_WAIT_SECONDS = 15


def _check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            sys.exit(f"Port {port} on {host} is already in use: stop what runs there, or run `make run PORT=8001`.")


def _allowed_hosts(host: str) -> str:
    """The hosts the portal answers to: ALLOWED_HOSTS if set, else the local names plus the one it listens on."""
    hosts = list(DEFAULT_ALLOWED_HOSTS)
    if host in {"0.0.0.0", "::"}:
        # Listening on every address: answer to this machine's own name too (others go in ALLOWED_HOSTS).
        hosts += [socket.gethostname(), socket.getfqdn()]
    else:
        hosts.append(f"[{host}]" if ":" in host else host)
    return ",".join(dict.fromkeys(hosts))


def serve(host: str, port: int) -> None:
    """gunicorn as in production (gthread workers, keep-alive), but over plain HTTP and with fewer workers."""
    _check_port_free(host, port)
    import environ

    # .env first, so that an ALLOWED_HOSTS set there wins over the default below (it never overrides the environment).
    environ.Env.read_env(BASE_DIR / ".env")
    os.environ["DEBUG"] = "false"
    # As `make run` collected them: hashed names, compressed copies, cached by browsers for a year.
    os.environ.setdefault("HASHED_STATIC_FILES", "true")
    os.environ.setdefault("ALLOWED_HOSTS", _allowed_hosts(host))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    LOCAL.mkdir(exist_ok=True)
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        f"--config={GUNICORN_CONFIG}",
        f"--workers={LOCAL_WORKERS}",
        "--worker-class=gthread",
        "--keep-alive=75",
        f"--bind={bind}",
        f"--pid={LOCAL / f'web-{port}.pid'}",
        "--access-logfile=-",
        # gunicorn's control socket is one path per user (~/.gunicorn): two portals on one machine would share it.
        "--no-control-socket",
    ]
    os.chdir(BASE_DIR)
    os.execv(sys.executable, args)


def serve_dev(host: str, port: int) -> None:
    """Django's development server: DEBUG on (technical error pages), code reloaded on every change."""
    _check_port_free(host, port)
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    execute_from_command_line(["manage.py", "runserver", bind])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        # An exited process that its parent has not collected yet (a zombie) has stopped.
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _recorded_pid(pid_file: Path) -> int | None:
    """The pid in the file if that process still runs this portal (a stale file after a reboot is ignored)."""
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    if not _alive(pid):
        return None
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():
        command = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        if not any(name in command for name in ("gunicorn", "db_worker", "rqworker", "config.serve")):
            return None
    return pid


def stop() -> None:
    """End the web servers and the worker (SIGTERM, then SIGKILL after STOP_WAIT_SECONDS), then PostgreSQL."""
    web = [(f"web server on port {f.stem.removeprefix('web-')}", f) for f in sorted(LOCAL.glob(WEB_PID_PATTERN))]
    if not web:
        print("No web server was running.")
    running = {}
    for name, pid_file in [*web, ("task worker", WORKER_PID)]:
        pid = _recorded_pid(pid_file)
        if pid is None:
            if pid_file.exists() or name == "task worker":
                print(f"The {name} was not running.")
            pid_file.unlink(missing_ok=True)
            continue
        os.kill(pid, signal.SIGTERM)
        running[name] = (pid, pid_file)
    deadline = time.monotonic() + STOP_WAIT_SECONDS
    while any(_alive(pid) for pid, _ in running.values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    for name, (pid, pid_file) in running.items():
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
            print(f"Killed the {name} (pid {pid}): it did not stop within {STOP_WAIT_SECONDS} seconds.")
        else:
            print(f"Stopped the {name} (pid {pid}).")
        pid_file.unlink(missing_ok=True)
    # The database last: the web server and the worker may be finishing a request or a batch until here.
    from config import localdb

    localdb.stop()


def main(argv: list[str]) -> None:
    if argv[:1] == ["stop"]:
        stop()
        return
    flags = {a for a in argv if a.startswith("--")}
    argv = [a for a in argv if not a.startswith("--")]
    host = argv[0] if argv else "127.0.0.1"
    port = int(argv[1]) if len(argv) > 1 else 8000
    if "--check" in flags:
        _check_port_free(host, port)
    elif "--dev" in flags:
        serve_dev(host, port)
    else:
        serve(host, port)


if __name__ == "__main__":
    main(sys.argv[1:])
