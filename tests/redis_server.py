"""A real Redis for the tests of the RQ task backend and the Redis cache: Debian's redis-server (`make redis-deps`),
started by the test run on a free port in a temporary directory, like the embedded PostgreSQL. Tests can stop it
and start it again (empty, as a restarted Redis without persistence is) to play an outage.

Use it with `from tests.redis_server import redis_server_fixture, running_redis_fixture  # noqa: F401` in a test
module, then ask for `redis_server` or `running_redis`.
"""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory)]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", str(self.directory / "log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start: {(self.directory / 'log').read_text()[-2000:]}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(20)
        self.process = None

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture(scope="session", name="redis_server")
def redis_server_fixture(tmp_path_factory):
    if not Path(REDIS_SERVER).exists():
        pytest.fail("redis-server not found: run `make test`, which installs Debian's redis-server (make redis-deps).")
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(name="running_redis")
def running_redis_fixture(redis_server):
    """The session's Redis, started again if an earlier test left it stopped, and emptied."""
    if not redis_server.answers():
        redis_server.start()
    import redis

    redis.Redis.from_url(redis_server.url()).flushall()
    return redis_server
