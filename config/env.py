"""Settings read from the environment, each stopping with one clear sentence when it is wrong."""

from urllib.parse import urlparse

import environ

from config import localdb


class ConfigurationError(SystemExit):
    def __init__(self, message: str):
        super().__init__(f"Configuration error: {message}")


env = environ.Env()
environ.Env.read_env(localdb.BASE_DIR / ".env")


def database_config(conn_max_age: int) -> dict:
    url = env.str("DATABASE_URL", default="")
    if not url:
        try:
            url = localdb.ensure_database_url()
        except localdb.LocalDatabaseError as exc:
            raise ConfigurationError(str(exc)) from None
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql", "pgsql", "postgis"} or not (parsed.path.strip("/")):
        raise ConfigurationError(
            f"DATABASE_URL must look like postgres://user:password@host:5432/dbname, got {url.split('@')[-1]!r}."
        )
    try:
        config = env.db_url_config(url)
    except Exception as exc:
        raise ConfigurationError(f"DATABASE_URL could not be read ({exc}).") from None
    config["CONN_MAX_AGE"] = conn_max_age
    config["CONN_HEALTH_CHECKS"] = True
    return config


def secret_key(production: bool) -> str:
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if production:
        raise ConfigurationError("SECRET_KEY is not set. Set it to a long random string (see .env.example).")
    return "django-insecure-development-key-not-for-production"
