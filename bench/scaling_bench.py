"""Scaling benchmark (not a test): gunicorn with 1, 2, 4 processes on one PostgreSQL.

What a national training server does (docs/DEPLOY.md), shrunk to this machine, everything on
127.0.0.1 and thrown away at the end:

  1  a throw-away PostgreSQL (`.ci/pg.sh start`), the demo world seeded into it once
     (`mrejesho setup`, 1,200 items), kept as a template database;
  2  for each worker count: a fresh copy of that database (`CREATE DATABASE … TEMPLATE`),
     `gunicorn wsgi:app -k gthread -w N` as a deployment starts it (SECRET_KEY and
     DATABASE_URL from the environment), a short warm-up, then the workshop mix of
     bench/locustfile.py (desk officers: login, inbox, tabs, items, actions; citizens:
     search, form, submission, tracking; USSD phones, step by step) **without pauses**, so
     every process has work: requests/s, median and p95, errors;
  3  CPU use during each measured run, from /proc: the app's processes, PostgreSQL's, the
     load generator's (locust) and the whole machine's, in cores (2 = both cores busy).

The baseline is the same run's 1 worker: 2w/1w and 4w/1w are throughput ratios.

    python bench/scaling_bench.py            # 1, 2, 4 workers, 25 s each (~4 minutes)
    python bench/scaling_bench.py --quick    # 8 s each, fewer users (~1.5 minutes)
    python bench/scaling_bench.py --rounds 2 # 1, 2, 4, then again: the machine's other load moves

Decisions: the mix runs without think time (a hall with pauses measures latency, not how much
a server can do); 24 users (10 desk, 10 citizens, 4 phones) keep up to 24 requests in flight,
more than 4 processes × 1 core can serve; each worker count gets its own copy of the seeded
database, so the later runs do not find the items the earlier ones acknowledged.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.load_bench import Result, _free_port, _load, _machine, _result, _wait_up  # noqa: E402

BIN = Path(sys.executable).parent
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
PG_SCRIPT = ROOT / ".ci" / "pg.sh"
SECRET = "scaling-bench-secret-key-for-loopback-only-0123456789"
TEMPLATE = "mrejesho_test"  # the database .ci/pg.sh creates; seeded once, then copied
LOGIN_EVENT = "login within"  # locustfile's deadline pseudo-request: not an HTTP request
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Plan:
    """Worker counts, durations and the mix of users of one run."""

    workers: tuple[int, ...]
    rounds: int
    seconds: int
    warm_up: int
    users: dict
    items: int


FULL = Plan((1, 2, 4), 1, 25, 8, {"BENCH_DESK": 10, "BENCH_CITIZENS": 10, "BENCH_USSD": 4}, 1200)
QUICK = Plan((1, 2, 4), 1, 8, 3, {"BENCH_DESK": 5, "BENCH_CITIZENS": 5, "BENCH_USSD": 2}, 1200)


@dataclass
class Measured:
    """One worker count: locust's figures for every request, cores busy by whom."""

    round: int
    workers: int
    result: Result
    cpu: dict
    memory: float  # MB resident, the app's processes together at the end of the run


def main() -> None:
    """Seed once, then measure each worker count on its own copy; print the table."""
    plan = _plan(_arguments())
    _machine()
    found = []
    with tempfile.TemporaryDirectory(prefix="scaling-bench-") as tmp, _postgres() as (url, pg):
        work = Path(tmp)
        _seed(url, plan.items, work)
        for round_ in range(1, plan.rounds + 1):  # rounds interleave: others' load moves
            for workers in plan.workers:
                copy = _fresh_copy(url, f"run_{round_}_{workers}")
                found.append(_measure(copy, round_, workers, plan, work, pg))
    _print(found, plan)
    print(f"\nat the end: {_load()}")


def _arguments() -> argparse.Namespace:
    """--quick, --workers, --rounds, --seconds, --items."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="8 s runs, 12 users")
    parser.add_argument("--workers", help="comma-separated worker counts (1,2,4)")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the worker counts")
    parser.add_argument("--seconds", type=int, help="length of each measured run")
    parser.add_argument("--items", type=int, help="demo world size (1,200)")
    return parser.parse_args()


def _plan(args: argparse.Namespace) -> Plan:
    """The plan the options ask for."""
    plan = QUICK if args.quick else FULL
    workers = tuple(int(n) for n in args.workers.split(",")) if args.workers else plan.workers
    seconds, items = args.seconds or plan.seconds, args.items or plan.items
    return Plan(workers, args.rounds, seconds, plan.warm_up, plan.users, items)


@contextmanager
def _postgres():
    """A throw-away PostgreSQL on a free loopback port: (its URL, its data folder)."""
    folder = Path(tempfile.mkdtemp(prefix="scaling-pg-"))
    started = subprocess.run(
        ["bash", str(PG_SCRIPT), "start", str(folder), str(_free_port())],
        capture_output=True,
        text=True,
    )
    if started.returncode:
        shutil.rmtree(folder, ignore_errors=True)
        raise SystemExit(f"PostgreSQL did not start:\n{started.stderr}")
    try:
        print(f"  PostgreSQL {_pg_version(folder)} at {folder}", flush=True)
        yield started.stdout.strip().splitlines()[-1], folder
    finally:
        subprocess.run(["bash", str(PG_SCRIPT), "stop", str(folder)], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _pg_version(folder: Path) -> str:
    """The server's major version (PG_VERSION of its data folder)."""
    return (folder / "data" / "PG_VERSION").read_text().strip()


def _app_env(url: str, work: Path, items: int) -> dict:
    """The environment of a deployed process: database, shared key, its own instance folder.

    Every simulated user comes from 127.0.0.1, so the typed-reference limit is raised for
    this run only (as bench/load_bench.py does); failed logins keep the default.
    """
    env = os.environ.copy()
    env.update(
        DATABASE_URL=url,
        SECRET_KEY=SECRET,
        MREJESHO_ENV="production",
        INSTANCE_PATH=str(work / "instance"),
        DEMO_ITEMS=str(items),
        RATE_LIMIT_REFERENCE="1000000 per minute",
    )
    return env


def _seed(url: str, items: int, work: Path) -> None:
    """`mrejesho setup` (migrations, world, demo) into the template database."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "mrejesho"), "setup"],
        env=_app_env(url, work, items),
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"mrejesho setup failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    print(f"  seeded the demo world ({items:,} items) in {time.perf_counter() - started:.1f} s")


def _fresh_copy(url: str, name: str) -> str:
    """A new database copied from the seeded one; its URL."""
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
    return url.rsplit("/", 1)[0] + f"/{name}"


def _measure(url: str, round_: int, workers: int, plan: Plan, work: Path, pg: Path) -> Measured:
    """Serve with ``workers`` processes; warm up; measure the mix and the CPU it took."""
    users = sum(plan.users.values())
    print(f"  round {round_}, {workers} worker(s): {users} users, {plan.seconds} s …", flush=True)
    with _gunicorn(url, workers, work) as (base, server):
        _locust(base, plan.warm_up, plan.users, work)
        before = _cpu(server, pg)
        result = _locust(base, plan.seconds, plan.users, work)
        after, memory = _cpu(server, pg), _resident_mb(server)
    cpu = {who: after[who] - before[who] for who in before}
    cpu["locust"] = result["_cpu"]
    busy = {who: seconds / result["_wall"] for who, seconds in cpu.items()}
    return Measured(round_, workers, result["all"], busy, memory)


@contextmanager
def _gunicorn(url: str, workers: int, work: Path):
    """`gunicorn wsgi:app` as docs/DEPLOY.md starts it, on a free port: (its URL, its pid)."""
    port = _free_port()
    command = [
        str(BIN / "gunicorn"),
        "wsgi:app",
        "--chdir",
        str(ROOT),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        "8",
        "--timeout",
        "120",
        "--keep-alive",
        "60",
        "--no-control-socket",
    ]
    log = (work / f"gunicorn-{workers}.log").open("w")
    process = subprocess.Popen(
        command,
        env=_app_env(url, work, 0),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(base, process)
        yield base, process.pid
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _locust(base: str, seconds: int, users: dict, work: Path) -> dict:
    """The workshop mix without pauses: {"all": Result, "_cpu": locust's CPU s, "_wall": s}."""
    prefix = work / f"locust-{time.monotonic_ns()}"
    count = sum(users.values())
    command = [str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "-u", str(count)]
    command += ["-r", str(count), "-t", f"{seconds}s", "--stop-timeout", "10", "--host", base]
    command += ["--json-file", str(prefix), "--only-summary", "--loglevel", "WARNING"]
    command += ["DeskOfficer", "Citizen", "UssdCaller"]
    env = {**os.environ, **{k: str(v) for k, v in users.items()}}
    env.update(BENCH_THINK="0,0", BENCH_USSD_PAUSE="0,0", BENCH_LOGIN_DEADLINE="60")
    before, started = _children_cpu(), time.monotonic()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run(command, env=env, timeout=seconds + 120, **quiet)
    stats = json.loads(prefix.with_suffix(".json").read_text())
    entries = [e for e in stats if not e["name"].startswith(LOGIN_EVENT)]
    wall = time.monotonic() - started
    return {"all": _result(_merged(entries)), "_cpu": _children_cpu() - before, "_wall": wall}


def _merged(entries: list[dict]) -> dict:
    """One locust JSON entry for every request of the run (histograms added together)."""
    times: collections.Counter = collections.Counter()
    for entry in entries:
        times.update(entry["response_times"])
    return {
        "response_times": times,
        "num_requests": sum(e["num_requests"] for e in entries),
        "num_failures": sum(e["num_failures"] for e in entries),
        "start_time": min(e["start_time"] for e in entries),
        "last_request_timestamp": max(e["last_request_timestamp"] for e in entries),
        "max_response_time": max(e["max_response_time"] for e in entries),
    }


# -- CPU from /proc ------------------------------------------------------------------


def _children_cpu() -> float:
    """CPU seconds of this script's finished children (locust, once it has exited)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _cpu(server: int, pg: Path) -> dict:
    """CPU seconds so far: the app (gunicorn's session), PostgreSQL, the whole machine."""
    postmaster = int((pg / "data" / "postmaster.pid").read_text().split()[0])
    app = database = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # a process that ended while we looked
        pid, ppid, session = int(stat.parent.name), int(fields[1]), int(fields[3])
        seconds = (int(fields[11]) + int(fields[12])) / TICKS
        if session == server:
            app += seconds
        elif pid == postmaster or ppid == postmaster:
            database += seconds
    return {"app": app, "postgres": database, "machine": _machine_busy()}


def _resident_mb(server: int) -> float:
    """Resident memory of gunicorn's session (master and workers), in MB."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(status.read_text().rsplit(")", 1)[1].split()[3]) != server:
                continue
            lines = (status.parent / "status").read_text().splitlines()
        except (OSError, IndexError):
            continue
        total += next((int(x.split()[1]) for x in lines if x.startswith("VmRSS:")), 0)
    return total / 1024


def _machine_busy() -> float:
    """CPU seconds the whole machine was busy since boot (every core, every user)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / TICKS


# -- the table -----------------------------------------------------------------------


def _print(found: list[Measured], plan: Plan) -> None:
    """Throughput, latency, errors and CPU per worker count; ratios to the round's 1 worker."""
    mix = ", ".join(f"{v} {k[6:].lower()}" for k, v in plan.users.items())
    print(
        f"\nworkshop mix without pauses ({mix}), gunicorn gthread × 8 threads, PostgreSQL on "
        f"the same machine, {plan.seconds} s per run; CPU in cores busy (CPU s ÷ wall s), "
        "app+pg CPU ms per request, req/s per core the app got, the app's resident memory"
    )
    head = f"{'round':>5}{'workers':>8}{'req/s':>8}{'p50':>9}{'p95':>9}{'errors':>7}{'ratio':>7}"
    cpu = f"{'app':>6}{'pg':>6}{'locust':>7}{'machine':>8}{'others':>7}{'ms/req':>7}{'/core':>6}"
    cpu += f"{'app MB':>8}"
    print(head + cpu)
    for row in found:
        print(_row(row, _baseline(found, row.round)))
    for round_ in range(1, plan.rounds + 1):
        base, rows = _baseline(found, round_), [r for r in found if r.round == round_]
        ratios = ", ".join(f"{r.workers}w/1w {r.result.per_second / base:.2f}" for r in rows)
        print(f"  round {round_}: throughput ÷ 1 worker's: {ratios}; {os.cpu_count()} cores")


def _baseline(found: list[Measured], round_: int) -> float:
    """The round's first worker count's requests/s (1 worker unless --workers says other)."""
    return next(r.result.per_second for r in found if r.round == round_)


def _row(row: Measured, base: float) -> str:
    """One line of the table."""
    r, cpu = row.result, row.cpu
    others = max(cpu["machine"] - cpu["app"] - cpu["postgres"] - cpu["locust"], 0.0)
    per_request = (cpu["app"] + cpu["postgres"]) / max(r.per_second, 1e-9) * 1000
    return (
        f"{row.round:>5}{row.workers:>8}{r.per_second:>8.1f}{r.p50:>7.0f}ms{r.p95:>7.0f}ms"
        f"{r.failures:>7}{r.per_second / base:>7.2f}{cpu['app']:>6.2f}{cpu['postgres']:>6.2f}"
        f"{cpu['locust']:>7.2f}{cpu['machine']:>8.2f}{others:>7.2f}{per_request:>7.1f}"
        f"{r.per_second / max(cpu['app'], 1e-9):>6.0f}{row.memory:>8.0f}"
    )


if __name__ == "__main__":
    main()
