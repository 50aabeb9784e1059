"""Settings read from the environment, with safe defaults for a facilitator's laptop."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from sandbox.secret_key import DEV_SECRET_KEY

__all__ = [
    "DEV_SECRET_KEY",
    "Config",
    "database_url",
    "engine_options",
    "is_production",
    "proxy_hops",
]
POOL_SETTINGS = {"DATABASE_POOL_SIZE": "pool_size", "DATABASE_MAX_OVERFLOW": "max_overflow"}


def _instance_dir() -> Path:
    """Where the SQLite file, uploads and other local state live."""
    return Path(os.environ.get("INSTANCE_PATH", Path.cwd() / "instance")).resolve()


def database_url(instance_dir: Path) -> str:
    """DATABASE_URL if set (postgres:// normalised to psycopg 3), else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{instance_dir / 'mrejesho.sqlite3'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def engine_options(environ: Mapping[str, str]) -> dict:
    """SQLAlchemy's engine options: pre-ping, and the pool's sizes where the environment
    gives them (DATABASE_POOL_SIZE, DATABASE_MAX_OVERFLOW; docs/DEPLOY.md sizes them)."""
    options: dict = {"pool_pre_ping": True}
    for variable, option in POOL_SETTINGS.items():
        value = environ.get(variable, "").strip()
        if value:
            options[option] = int(value)
    return options


def proxy_hops(environ: Mapping[str, str]) -> int:
    """How many proxies in front of the app to believe (PROXY_HOPS, default 0: none).

    0 keeps X-Forwarded-* ignored, so nobody can pick the address the rate limits count.
    Behind one load balancer it is 1: the client address, scheme and host it forwards are
    then the request's (docs/DEPLOY.md).
    """
    return int(environ.get("PROXY_HOPS", "0").strip() or 0)


def is_production(value: str | None) -> bool:
    """MREJESHO_ENV names production in any letter case (``Production``, ``PRODUCTION``)."""
    return (value or "").strip().lower() == "production"


class Config:
    """Defaults; every value can be overridden by the environment or a test config."""

    INSTANCE_DIR = _instance_dir()
    SECRET_KEY = os.environ.get("SECRET_KEY")  # None: generated once under INSTANCE_DIR
    SQLALCHEMY_DATABASE_URI = database_url(INSTANCE_DIR)
    SQLALCHEMY_ENGINE_OPTIONS: dict = engine_options(os.environ)
    PROXY_HOPS = proxy_hops(os.environ)
    HOST = os.environ.get("HOST", "127.0.0.1")
    PORT = int(os.environ.get("PORT", "5000"))
    PRODUCTION = is_production(os.environ.get("MREJESHO_ENV"))
    BABEL_DEFAULT_LOCALE = "sw"
    BABEL_DEFAULT_TIMEZONE = "Africa/Dar_es_Salaam"
    LANGUAGES = ("sw", "en")
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_SAMESITE = "Lax"
    PER_PAGE = 25
    # Rate limits (sandbox/limits.py): memory:// counts per process; several processes or
    # hosts must share a store, e.g. RATELIMIT_STORAGE_URI=redis://localhost:6379.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    RATE_LIMIT_LOGIN = os.environ.get("RATE_LIMIT_LOGIN", "10 per minute;60 per hour")
    RATE_LIMIT_JOIN = os.environ.get("RATE_LIMIT_JOIN", "10 per minute;60 per hour")
    RATE_LIMIT_PERSONAL_CODE = os.environ.get(
        "RATE_LIMIT_PERSONAL_CODE", "10 per 10 minutes"
    )  # a PIN of 10^4 takes weeks; a prank lockout, minutes
    RATE_LIMIT_REFERENCE = os.environ.get("RATE_LIMIT_REFERENCE", "30 per minute")
    RATE_LIMIT_API_KEY = os.environ.get("RATE_LIMIT_API_KEY", "10 per minute")
    RATE_LIMIT_VERIFY = os.environ.get("RATE_LIMIT_VERIFY", "30 per minute;300 per hour")
    # The key of certificate codes' check characters; None: derived from SECRET_KEY. Give
    # the same value to installations that must verify each other's certificates.
    CERTIFICATE_KEY = os.environ.get("CERTIFICATE_KEY") or None
    # Where certificates' QR codes send a phone (e.g. https://mafunzo.example.go.tz); None:
    # the address the facilitator's browser used, which is useless when that is 127.0.0.1.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL") or None
    DEMO_WORKSPACE = "demo"
    DEMO_SEED = int(os.environ.get("DEMO_SEED", "2024"))
    DEMO_ITEMS = int(os.environ.get("DEMO_ITEMS", "1200"))
    SEED_DATA_DIR = os.environ.get("SEED_DATA_DIR") or None
    SCENARIOS_DIR = os.environ.get("SCENARIOS_DIR") or None  # None: the shipped scenarios/
    # xAPI: the home page of trainees' accounts and the root of the sandbox's own IRIs.
    XAPI_BASE_IRI = os.environ.get("XAPI_BASE_IRI", "https://mrejesho-sandbox.invalid")
