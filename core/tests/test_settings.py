"""The settings stop with one clear sentence when the environment is wrong, and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "PRODUCTION": "true",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-7f3a9c1e5b2d8f4a6c0e",
    "ALLOWED_HOSTS": "aor-sor-ror.mol.go.th",
    "DEBUG": "false",
}


def run_manage(*args, env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PRODUCTION", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_checks_pass_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_secret_key_in_production_is_one_sentence():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", env_extra=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_database_url_is_one_sentence():
    result = run_manage("check", env_extra={"DATABASE_URL": "mysql//nonsense"})
    assert result.returncode != 0
    assert "DATABASE_URL must look like postgres://" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_port_already_in_use_is_one_sentence():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        result = subprocess.run(
            [sys.executable, "-m", "config.serve", "127.0.0.1", str(port)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "Traceback" not in result.stderr
