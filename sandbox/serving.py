"""Serving a hall: waitress in one process (`mrejesho run`), or gunicorn with N processes.

The sizes are for a workshop of about 150 trainees on a 2-core laptop; docs/PERFORMANCE.md
("Serving a workshop") gives the reasoning behind each default.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from flask import Flask

FILES_BESIDE_CONNECTIONS = 256  # SQLite files (3 per pooled connection), uploads, logs, pipes


class ServerUnavailable(Exception):
    """The chosen server cannot run on this system (gunicorn on Windows)."""

    message_sw = (
        "--workers inahitaji gunicorn, ambayo haifanyi kazi kwenye Windows. Tumia "
        "`mrejesho run` bila --workers (waitress)."
    )
    message_en = (
        "--workers needs gunicorn, which does not run on Windows. Use `mrejesho run` without "
        "--workers (waitress)."
    )


@dataclass(frozen=True)
class Hall:
    """How one server process is sized: threads, open connections, idle time, listen queue."""

    host: str
    port: int
    threads: int = 8
    connections: int = 1000
    channel_timeout: int = 60
    cleanup_interval: int = 10
    backlog: int = 1024


def waitress_options(hall: Hall) -> dict:
    """The keyword arguments of waitress.serve for this hall."""
    return {
        "host": hall.host,
        "port": hall.port,
        "threads": hall.threads,
        "connection_limit": hall.connections,
        "channel_timeout": hall.channel_timeout,
        "cleanup_interval": hall.cleanup_interval,
        "backlog": hall.backlog,
        # select() cannot watch a descriptor numbered 1024 or more; poll() can (waitress
        # falls back to select() where poll() does not exist, on Windows).
        "asyncore_use_poll": True,
        "ident": "mrejesho-sandbox",
    }


def gunicorn_options(hall: Hall, workers: int) -> dict:
    """gunicorn's settings for this hall: N processes of threaded (gthread) workers."""
    return {
        "bind": f"[{hall.host}]:{hall.port}" if ":" in hall.host else f"{hall.host}:{hall.port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": hall.threads,
        "worker_connections": hall.connections,
        "keepalive": hall.channel_timeout,
        "backlog": hall.backlog,
        "timeout": 120,
        "graceful_timeout": 30,
        "post_fork": _fresh_pool,
    }


def serve_waitress(app: Flask, hall: Hall) -> None:
    """Serve with waitress in this process until interrupted."""
    from waitress import serve

    raise_open_files_limit(hall.connections + FILES_BESIDE_CONNECTIONS)
    serve(app, **waitress_options(hall))


def serve_gunicorn(app: Flask, hall: Hall, workers: int) -> None:
    """Serve with gunicorn, ``workers`` processes (POSIX only), until interrupted."""
    if sys.platform == "win32":
        raise ServerUnavailable()
    from gunicorn.app.base import BaseApplication

    class _Server(BaseApplication):
        """gunicorn running this very app object (created once, before the fork)."""

        def load_config(self) -> None:
            """Our settings instead of gunicorn's command line."""
            for name, value in gunicorn_options(hall, workers).items():
                self.cfg.set(name, value)
            if "control_socket_disable" in self.cfg.settings:  # gunicorn 25+: one per user,
                self.cfg.set("control_socket_disable", True)  # so a second server would clash

        def load(self) -> Flask:
            """The WSGI app each worker serves."""
            return app

    raise_open_files_limit(hall.connections + FILES_BESIDE_CONNECTIONS)
    _Server().run()


def _fresh_pool(server, worker) -> None:
    """A forked worker opens its own database connections, never the parent's."""
    app = worker.app.load()
    extension = app.extensions.get("sqlalchemy")  # Flask-SQLAlchemy: ours, or the bench's
    if extension is not None:
        with app.app_context():
            for engine in extension.engines.values():
                engine.dispose(close=False)


def raise_open_files_limit(wanted: int) -> int:
    """Raise this process's soft limit of open files towards ``wanted`` (never past the hard)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to raise
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        return target
    return soft
