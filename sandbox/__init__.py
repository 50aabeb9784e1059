"""Mrejesho Sandbox: a training replica of e-Mrejesho, Tanzania's government feedback system."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from sandbox.config import Config
from sandbox.extensions import babel, csrf, db, login, migrate
from sandbox.limits import limiter
from sandbox.secret_key import InsecureConfiguration, settle_secret_key
from sandbox.security import init_security
from sandbox.services.training.library import load_library
from sandbox.url_converters import bound_url_integers

__all__ = ["InsecureConfiguration", "create_app"]

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application: config, extensions, blueprints and CLI commands."""
    app = Flask(__name__, instance_path=str(Config.INSTANCE_DIR))
    app.config.from_object(Config)
    if test_config:
        app.config.update(test_config)
    app.instance_path = str(app.config["INSTANCE_DIR"])
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config["SECRET_KEY"] = settle_secret_key(
        app.config["SECRET_KEY"],
        instance_dir=Path(app.instance_path),
        production=app.config["PRODUCTION"],
        host=app.config["HOST"],
    )
    _behind_proxies(app)
    _init_extensions(app)
    bound_url_integers(app)
    _register_blueprints(app)
    load_library(app)
    from sandbox import cli

    cli.register(app)
    return app


def _behind_proxies(app: Flask) -> None:
    """Believe PROXY_HOPS proxies' X-Forwarded-For, -Proto, -Host and -Port (none by default)."""
    hops = app.config["PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)


def _init_extensions(app: Flask) -> None:
    """Bind the unbound extensions to this app."""
    from sandbox.i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    init_security(app)
    login.init_app(app)
    login.login_view = "auth.login"
    login.login_message = None
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=";".join(translation_directories()),
    )


def translation_directories() -> list[str]:
    """The shared catalog first, then each area's own (sandbox/<area>/translations)."""
    package = Path(__file__).parent
    areas = sorted(str(p) for p in package.glob("*/translations") if p.is_dir())
    return [str(package / "translations"), *areas]


def _register_blueprints(app: Flask) -> None:
    """One blueprint per area."""
    from sandbox.accounts.views import bp as accounts_bp
    from sandbox.admin.views import bp as admin_bp
    from sandbox.auth.views import bp as auth_bp
    from sandbox.desk.views import bp as desk_bp
    from sandbox.errors import register_error_handlers
    from sandbox.facilitator.certificate_views import verify_bp
    from sandbox.facilitator.views import bp as facilitator_bp
    from sandbox.guides.views import bp as guides_bp
    from sandbox.main.views import bp as main_bp
    from sandbox.open311.views import bp as open311_bp
    from sandbox.portal.views import bp as portal_bp
    from sandbox.preview.views import bp as preview_bp
    from sandbox.reports.views import bp as reports_bp
    from sandbox.sms.views import bp as sms_bp
    from sandbox.templating import register_template_helpers
    from sandbox.training.views import bp as training_bp
    from sandbox.ussd.views import bp as ussd_bp
    from sandbox.workspace_routing import register_channel_blueprint

    blueprints = (main_bp, auth_bp, desk_bp, open311_bp, reports_bp, accounts_bp, admin_bp)
    for bp in (*blueprints, training_bp, guides_bp, facilitator_bp, verify_bp, preview_bp):
        app.register_blueprint(bp)
    for bp in (portal_bp, ussd_bp, sms_bp):  # demo at /portal…, any workspace at /w/<code>/…
        register_channel_blueprint(app, bp)
    register_error_handlers(app)
    register_template_helpers(app)


@sa.event.listens_for(sa.engine.Engine, "connect")
def _tune_sqlite(dbapi_connection, connection_record) -> None:
    """WAL and a busy timeout so a workshop's concurrent writes wait instead of failing."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
