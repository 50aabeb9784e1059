"""A workshop hall on one machine: real server processes on one database, client processes.

``prepare_hall(url, folder)`` builds the world in the database at ``url`` (reference data,
the demo workspace with its personas and two more desk staff of DODOMA_CC, an open cohort).
``serving(url, folder, n)`` starts ``n`` real ``mrejesho run`` processes (waitress, as
``make run`` serves) on free loopback ports, all on that database; ``in_processes`` runs client
functions (tests/reliability/clients.py) in processes started with ``spawn``, each given a
barrier so that they all start their requests at the same moment.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import requests
import sqlalchemy as sa

from sandbox import create_app
from sandbox.extensions import db
from sandbox.models import Institution
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.workspace.demo import ensure_demo
from sandbox.workflow import Role
from tests.desk.factories import make_user
from tests.reliability import clients

ROOT = Path(__file__).resolve().parents[2]
MREJESHO = Path(sys.executable).parent / "mrejesho"
SECRET = "reliability-hall-secret-key-for-loopback-only-0123456789"
DEMO_ITEMS = 20
STARTUP_WAIT = 120  # seconds a server may take to answer its first request
PROCESS_WAIT = 900  # seconds the client processes may take in all (a safety stop)
# (username, password) of four desk staff of DODOMA_CC: two officers, two heads.
RACERS = (
    ("afisa.dodoma", DEMO_PASSWORD),
    ("mkuu.dodoma", DEMO_PASSWORD),
    ("afisa2.dodoma", "pw"),
    ("mkuu2.dodoma", "pw"),
)
# Words that a server's log must never show: a crash, or SQLite refusing a writer.
BAD_LOG_WORDS = ("Traceback", "database is locked", "Database busy", "OperationalError")


@dataclass(frozen=True)
class Hall:
    """The prepared world: the app on its database, the cohort's join code, a portal target."""

    app: object
    join_code: str
    institution_id: int
    category_id: int


def prepare_hall(url: str, folder: Path) -> Hall:
    """Reference data, the demo workspace and personas, two more staff and an open cohort."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "INSTANCE_DIR": folder})
    with app.app_context():
        db.create_all()
        workspace, _ = ensure_demo(app.config["DEMO_WORKSPACE"], items=DEMO_ITEMS, seed=11)
        make_user(workspace, "afisa2.dodoma", Role.OFFICER, "DODOMA_CC")
        make_user(workspace, "mkuu2.dodoma", Role.HEAD, "DODOMA_CC")
        cohort = create_cohort("Warsha ya Ukumbi", seed=3, start=date(2026, 11, 9))
        council = db.session.scalar(sa.select(Institution).where(Institution.code == "DODOMA_CC"))
        hall = Hall(app, cohort.join_code, council.id, council.categories[0].id)
        db.session.remove()
    return hall


def _free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(url: str, folder: Path) -> dict:
    """The environment of a server process: this database, a shared key, loopback only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MREJESHO_")}
    env.update(DATABASE_URL=url, INSTANCE_PATH=str(folder), SECRET_KEY=SECRET, HOST="127.0.0.1")
    return env


def _wait_until_up(base: str, process: subprocess.Popen, log: Path) -> None:
    """Return once the server answers; stop with its log when it died or never answered."""
    deadline = time.monotonic() + STARTUP_WAIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server died at start:\n{log.read_text()[-3000:]}")
        try:
            requests.get(f"{base}/login", timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer within {STARTUP_WAIT} s:\n{log.read_text()[-3000:]}")


@contextmanager
def serving(url: str, folder: Path, count: int):
    """``count`` real server processes on one database: yields their (base URL, log file)."""
    started = []
    try:
        for number in range(count):
            port, log = _free_port(), folder / f"server-{number}.log"
            command = [str(MREJESHO), "run", "--host", "127.0.0.1", "--port", str(port)]
            with log.open("w") as out:
                process = subprocess.Popen(
                    command, env=_server_env(url, folder), cwd=ROOT, stdout=out, stderr=out
                )
            started.append((process, f"http://127.0.0.1:{port}", log))
        for process, base, log in started:
            _wait_until_up(base, process, log)
        yield [(base, log) for _, base, log in started]
    finally:
        for process, _, _ in started:
            process.terminate()
        for process, _, _ in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def bad_log_lines(logs: list[Path]) -> list[str]:
    """The lines of the servers' logs that show a crash or a refused writer."""
    return [
        line
        for log in logs
        for line in log.read_text(errors="replace").splitlines()
        if any(word in line for word in BAD_LOG_WORDS)
    ]


def in_processes(jobs: list[tuple]) -> list:
    """Run each (function, args) in a spawned process, all released together; their answers
    in order (a string where a process failed)."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(jobs)), context.Queue()
    processes = [
        context.Process(target=clients.run_one, args=(target, args, barrier, index, results))
        for index, (target, args) in enumerate(jobs)
    ]
    for process in processes:
        process.start()
    try:
        found = dict(results.get(timeout=PROCESS_WAIT) for _ in processes)
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():  # only after a failure: never leave a client running
                process.terminate()
    return [found[index] for index in range(len(jobs))]
