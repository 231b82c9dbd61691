"""Settings from the environment. Production refuses to start without what it needs."""

import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class ConfigError(RuntimeError):
    """A setting is missing or invalid; the message names it in one line."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    if value.strip() == "":
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, not {value!r}") from None
    if not 0 < seconds <= 600:
        raise ConfigError(f"{name} must be more than 0 and at most 600 seconds, not {value!r}")
    return seconds


def _int(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or int(value) < minimum:
        raise ConfigError(f"{name} must be a whole number of at least {minimum}, not {value!r}")
    return int(value)


def _dev_secret_key(instance_path: str) -> str:
    # Generated once and kept in the instance folder, so sessions survive restarts in
    # development without anyone committing a key.
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'scheme.db'}"
    # Heroku-style URLs name the driver "postgres"; SQLAlchemy wants psycopg 3 explicitly.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"DATABASE_URL is not a valid database URL: {url!r}") from None
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise ConfigError(
            f"DATABASE_URL must be a sqlite:// or postgresql:// URL, not {parsed.get_backend_name()!r}"
        )
    return url


def from_environment(instance_path: str) -> dict:
    production = os.environ.get("SCHEME_ENV", "development") == "production"
    database_url = _database_url(instance_path)
    secret_key = os.environ.get("SECRET_KEY")
    if not secret_key:
        if production:
            raise ConfigError("SECRET_KEY must be set when SCHEME_ENV=production")
        secret_key = _dev_secret_key(instance_path)
    base_url = os.environ.get("SCHEME_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    if production and "SCHEME_BASE_URL" not in os.environ:
        raise ConfigError("SCHEME_BASE_URL must be set when SCHEME_ENV=production")
    return {
        "SCHEME_ENV": "production" if production else "development",
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SCHEME_BASE_URL": base_url,
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "MAX_CONTENT_LENGTH": 10 * 1024 * 1024 + 64 * 1024,  # a 10 MB photo plus the form around it
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool(os.environ.get("MAIL_USE_TLS")),
        "MAIL_DEFAULT_SENDER": os.environ.get(
            "MAIL_DEFAULT_SENDER", "Spot It Stop It <no-reply@spotitstopit.invalid>"
        ),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "PASSWORD_HASH_COST": "default",
        # How many proxies (load balancers) in front of the app add X-Forwarded-For and
        # X-Forwarded-Proto: the client's address is the one the outermost of them saw.
        "TRUSTED_PROXIES": _int("TRUSTED_PROXIES", 0),
        # A signed-in session ends after this long without a request.
        "STAFF_IDLE_MINUTES": _int("STAFF_IDLE_MINUTES", 30, minimum=1),
        "BUSINESS_IDLE_MINUTES": _int("BUSINESS_IDLE_MINUTES", 240, minimum=1),
        # Wrong passwords or two-factor codes in a row that lock an account, and for how long.
        "SIGN_IN_LOCK_AFTER": _int("SIGN_IN_LOCK_AFTER", 10, minimum=1),
        "SIGN_IN_LOCK_MINUTES": _int("SIGN_IN_LOCK_MINUTES", 15, minimum=1),
        # Scans of the public page are written at most this long after they happen
        # (scheme.domain.scan_counts); 0 writes each one at once.
        "SCAN_COUNT_FLUSH_SECONDS": 60,
        # No request waits on the database for ever (scheme.database): PostgreSQL cancels a
        # statement after DATABASE_STATEMENT_TIMEOUT and gives up waiting for a lock after
        # DATABASE_LOCK_TIMEOUT; SQLite waits that long for another writer. The public page
        # behind every sticker gives up sooner, and so does the health check's probe.
        "DATABASE_STATEMENT_TIMEOUT": _seconds("DATABASE_STATEMENT_TIMEOUT", 8),
        "DATABASE_LOCK_TIMEOUT": _seconds("DATABASE_LOCK_TIMEOUT", 4),
        "PUBLIC_PAGE_STATEMENT_TIMEOUT": _seconds("PUBLIC_PAGE_STATEMENT_TIMEOUT", 2),
        # On PostgreSQL each app process keeps a copy of what the public page reads, kept right
        # by the database's notices (scheme.domain.certificates.public_page_copy).
        "PUBLIC_PAGE_COPY": _bool(os.environ.get("PUBLIC_PAGE_COPY", "true")),
        "HEALTH_CHECK_TIMEOUT": _seconds("HEALTH_CHECK_TIMEOUT", 2),
    }
