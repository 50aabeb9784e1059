"""Load benchmark (not a test): real servers on loopback, locust users, a bare page beside ours.

Everything runs on 127.0.0.1 with temporary SQLite files, deleted at the end:

  a  the bare page (bench/bare_app.py: 20 of 100,000 indexed rows), 8 users, no pause
  b  the officer's inbox, demo world of 1,200 items (`mrejesho setup`), 8 users
  c  the inbox on a 100,000-item world (afisa.dodoma sees ~10,000), 8 users
     — a, b, c for waitress as `make run` serves and for `mrejesho run --workers 2`;
  d  a workshop hall, 150 users for 3 minutes as `make run` serves: desk officers (login
     within 5 s of starting, inbox, items, actions), citizens on the portal, USSD phones;
     its baseline, just before on the same server: as many users, pausing as long, on the
     bare app (its page for a GET, its read-update-commit step for a POST);
  e  the first login + first inbox page on a freshly seeded 100,000-item world, no warm-up;
  f  in-process: a USSD step against a bare read-update-commit step, and the reports
     dashboard at 1,200 and at 100,000 items against the bare page.

    python bench/load_bench.py            # the full run (~15 minutes)
    python bench/load_bench.py --quick    # short runs, 10,000 items instead of 100,000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
SECRET = "load-bench-secret-key-for-loopback-only-0123456789"
WORKSHOP = {"BENCH_DESK": 60, "BENCH_CITIZENS": 60, "BENCH_USSD": 30}
FIRST_LOGIN_TIMEOUT = 300  # seconds; the first login of issue 10 took 163 s
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass(frozen=True)
class Plan:
    """Sizes and durations of one run."""

    big_items: int
    seconds: int
    workshop_users: dict
    workshop_seconds: int
    spawn_rate: int
    in_process_requests: int


FULL = Plan(100_000, 30, WORKSHOP, 180, 5, 30)
QUICK = Plan(10_000, 8, {"BENCH_DESK": 12, "BENCH_CITIZENS": 12, "BENCH_USSD": 6}, 25, 5, 10)
TARGET_P95_MS = 300  # issue 10: every request type of the workshop
THINK = "3,10"  # seconds between a trainee's clicks (BENCH_THINK of bench/locustfile.py)


@dataclass
class Result:
    """One locust measurement of one request name."""

    method: str
    requests: int
    failures: int
    per_second: float
    p50: float
    p95: float
    max: float


def main() -> None:
    """Run every measurement and print the tables."""
    args = _arguments()
    plan = QUICK if args.quick else FULL
    rows: list[tuple] = []
    with tempfile.TemporaryDirectory(prefix="load-bench-") as tmp:
        work = Path(tmp)
        _machine()
        bare_db = work / "bare.sqlite3"
        _timed("bare database, 100,000 rows", _bare_command(bare_db, create_only=True))
        small = work / "w1200"
        _timed("demo world, 1,200 items", ["setup"], _env(small, 1200))
        throughput = {}
        for workers in (0, 2):
            label = _server_label(workers)
            with _server(_bare_command(bare_db, workers=workers), os.environ.copy(), work) as url:
                throughput["bare", workers] = _locust(url, "BarePage", 8, plan.seconds, work)
            with _server(_ours(workers), _env(small, 1200), work) as url:
                throughput["1200", workers] = _locust(url, "InboxReader", 8, plan.seconds, work)
            rows.append((label, "a bare page", throughput["bare", workers]["bare page"], None))
            rows.append((label, "b inbox, 1,200 items", throughput["1200", workers]["inbox"], 1))
        hall = {
            workers: (
                _bare_hall(bare_db, workers, plan, work),
                _workshop(small, workers, plan, work),
            )
            for workers in (0, 2)
        }
        big = work / "wbig"
        _timed(f"world of {plan.big_items:,} items", ["setup"], _env(big, plan.big_items))
        first = _first_login(big, plan.big_items, work)
        for workers in (0, 2):
            with _server(_ours(workers), _env(big, plan.big_items), work) as url:
                found = _locust(url, "InboxReader", 8, plan.seconds, work)
            rows.append(
                (_server_label(workers), f"c inbox, {plan.big_items:,} items", found["inbox"], 1)
            )
        in_process = _in_process(small, big, bare_db, plan)
    _print_throughput(rows, throughput)
    for workers, (bare, found) in hall.items():
        _print_workshop(found, bare, workers, plan)
    _print_first_login(first, plan.big_items)
    _print_in_process(in_process, plan.big_items)
    print(f"\nat the end: {_load()}")


def _arguments() -> argparse.Namespace:
    """--quick."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs, smaller big world")
    return parser.parse_args()


def _machine() -> None:
    """The machine the figures come from."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(
        f"machine: {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.platform()}; {_load()}",
        flush=True,
    )


def _load() -> str:
    """The system's load average: other work on the same cores changes every figure."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


def _timed(what: str, command: list[str], env: dict | None = None) -> None:
    """Run a command (a `mrejesho` one when it starts with a command name), say how long."""
    full = command if command[0].startswith("/") else [str(BIN / "mrejesho"), *command]
    started = time.perf_counter()
    done = subprocess.run(full, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    print(f"  made {what} in {time.perf_counter() - started:.1f} s", flush=True)


def _env(instance: Path, items: int) -> dict:
    """The environment of our app on one world: its own instance folder and demo size.

    Rate limits count per client address, and every simulated user here comes from
    127.0.0.1: the tracking limit (typed references, 30 a minute for a real address) is
    raised for this run only. Failed logins keep the default: a right password never counts.
    """
    env = os.environ.copy()
    env.pop("DATABASE_URL", None)
    env.update(
        INSTANCE_PATH=str(instance),
        DEMO_ITEMS=str(items),
        SECRET_KEY=SECRET,
        HOST="127.0.0.1",
        RATE_LIMIT_REFERENCE="1000000 per minute",
    )
    return env


def _ours(workers: int) -> list[str]:
    """`mrejesho run` as `make run` serves it, or with --workers."""
    command = [str(BIN / "mrejesho"), "run"]
    return [*command, "--workers", str(workers)] if workers else command


def _bare_command(db: Path, *, workers: int = 0, create_only: bool = False) -> list[str]:
    """bench/bare_app.py served like ours (or only filled)."""
    command = [sys.executable, str(ROOT / "bench" / "bare_app.py"), "--db", str(db)]
    if create_only:
        return [*command, "--create-only"]
    return [*command, "--workers", str(workers)]


def _server_label(workers: int) -> str:
    """How a server was run, for the tables."""
    return f"gunicorn {workers} workers" if workers else "waitress (make run)"


def _free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _server(command: list[str], env: dict, work: Path):
    """A server subprocess on a free loopback port, up (answers /healthz or /), then stopped."""
    port = _free_port()
    log = (work / f"server-{port}.log").open("w")
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        env={**env, "HOST": "127.0.0.1"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_up(url, process)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _wait_up(url: str, process: subprocess.Popen) -> None:
    """Wait until the server answers a cheap page (60 s at most)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server stopped with {process.returncode}; see its log")
        try:
            requests.get(f"{url}/healthz", timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


def _locust(url: str, users_of: str, users: int, seconds: int, work: Path, **env) -> dict:
    """Run locust headless for ``seconds``; {request name: Result} (plus failure messages)."""
    prefix = work / f"locust-{users_of.split()[0]}-{time.monotonic_ns()}"
    command = [
        str(BIN / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(env.pop("spawn_rate", users)),
        "-t",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        url,
        "--csv",
        str(prefix),
        "--json-file",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *users_of.split(),
    ]
    extra = {k: str(v) for k, v in env.items()}
    subprocess.run(
        command,
        env={**os.environ, **extra},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=seconds + 120,
    )
    stats = json.loads(prefix.with_suffix(".json").read_text())
    found = {entry["name"]: _result(entry) for entry in stats}
    failures = prefix.parent / f"{prefix.name}_failures.csv"
    found["_failures"] = failures.read_text().splitlines()[1:] if failures.exists() else []
    return found


def _result(entry: dict) -> Result:
    """Count, failures, req/s, p50, p95, max from one locust JSON entry."""
    times = sorted((float(ms), n) for ms, n in entry["response_times"].items())
    count = entry["num_requests"]
    span = max(entry["last_request_timestamp"] - entry["start_time"], 1e-9)

    def percentile(share: float) -> float:
        wanted, seen = share * count, 0
        for ms, n in times:
            seen += n
            if seen >= wanted:
                return ms
        return times[-1][0] if times else 0.0

    return Result(
        method=entry.get("method") or "",
        requests=count,
        failures=entry["num_failures"],
        per_second=count / span,
        p50=percentile(0.50),
        p95=percentile(0.95),
        max=entry["max_response_time"],
    )


def _workshop(world: Path, workers: int, plan: Plan, work: Path) -> dict:
    """d: the workshop hall on a fresh copy of the demo world."""
    users = sum(plan.workshop_users.values())
    label = _server_label(workers)
    print(f"  workshop: {users} users for {plan.workshop_seconds} s, {label} …", flush=True)
    hall = work / f"hall-{workers}"
    shutil.copytree(world, hall)
    with _server(_ours(workers), _env(hall, 1200), work) as url:
        return _locust(
            url,
            "DeskOfficer Citizen UssdCaller",
            users,
            plan.workshop_seconds,
            work,
            spawn_rate=plan.spawn_rate,
            BENCH_THINK=THINK,
            **plan.workshop_users,
        )


def _bare_hall(bare_db: Path, workers: int, plan: Plan, work: Path) -> dict:
    """d's baseline: the hall's users and pauses on the bare app, served the same way."""
    users = sum(plan.workshop_users.values())
    print(f"  bare hall: {users} users for {plan.workshop_seconds} s, …", flush=True)
    with _server(_bare_command(bare_db, workers=workers), os.environ.copy(), work) as url:
        return _locust(
            url,
            "BareHall",
            users,
            plan.workshop_seconds,
            work,
            spawn_rate=plan.spawn_rate,
            BENCH_THINK=THINK,
        )


def _first_login(world: Path, items: int, work: Path) -> dict:
    """e: server start, then the first login and inbox page, no warm-up."""
    from sandbox.seeding.personas import DEMO_PASSWORD

    print(f"  first login on the fresh {items:,}-item world …", flush=True)
    with _server(_ours(0), _env(world, items), work) as url:
        browser = requests.Session()
        started = time.perf_counter()
        token = CSRF.search(browser.get(f"{url}/login", timeout=60).text).group(1)
        try:
            answer = browser.post(
                f"{url}/login",
                data={"csrf_token": token, "username": "afisa.dodoma", "password": DEMO_PASSWORD},
                timeout=FIRST_LOGIN_TIMEOUT,
            )
            ok = answer.status_code == 200 and answer.url.endswith("/desk/feedback")
        except requests.Timeout:
            ok = False
        first = time.perf_counter() - started
        started = time.perf_counter()
        second = browser.get(f"{url}/desk/feedback", timeout=FIRST_LOGIN_TIMEOUT)
        again = time.perf_counter() - started
    return {"ok": ok, "first": first, "again": again, "again_ok": second.status_code == 200}


def _in_process(small: Path, big: Path, bare_db: Path, plan: Plan) -> dict:
    """f: USSD steps and the reports dashboard with the Flask test client (no server)."""
    print("  in-process: USSD steps, reports dashboard …", flush=True)
    from bench.bare_app import create_bare_app

    bare = create_bare_app(bare_db).test_client()
    n = plan.in_process_requests * 10
    ids = iter(range(1, 100_000))
    found = {
        "bare page": _median(lambda: bare.get("/"), n),
        "bare step": _median(lambda: bare.post("/step", data={"id": next(ids)}), n),
    }
    found.update(_ussd_steps(small, n // 10))
    found.update(_dashboard(small, plan.in_process_requests, "1,200"))
    found.update(_dashboard(big, plan.in_process_requests, "big"))
    return found


def _median(call, times: int, warm: int = 5) -> float:
    """Median seconds of ``call`` after a few warm-up calls; each answer must be 200."""
    for _ in range(warm):
        assert call().status_code == 200
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        response = call()
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings)


def _ours_in_process(world: Path):
    """Our app on a world's SQLite file (made by `mrejesho setup`), for the test client."""
    from sandbox import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{world / 'mrejesho.sqlite3'}",
            "INSTANCE_DIR": world,
            "SECRET_KEY": SECRET,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )


def _ussd_steps(world: Path, sessions: int) -> dict:
    """Every step of ``sessions`` USSD submissions (median per step and of the last step)."""
    client = _ours_in_process(world).test_client()
    walk = ["9", "2", "1", "tanesco", "1", "Umeme umekatika Mbagala tangu jana", "2", "1"]
    steps, last = [], []
    for n in range(sessions + 2):
        session = {"sessionId": f"ATUid_inproc_{n}", "serviceCode": "*152*00#"}
        session["phoneNumber"] = f"+2557130{n:05d}"
        for done in range(len(walk) + 1):
            started = time.perf_counter()
            answer = client.post("/ussd", data={**session, "text": "*".join(walk[:done])})
            took = time.perf_counter() - started
            assert answer.status_code == 200 and answer.text.startswith(("CON", "END"))
            if n >= 2:  # the first two sessions warm up
                (last if done == len(walk) else steps).append(took)
    return {"ussd step": statistics.median(steps), "ussd last step": statistics.median(last)}


def _dashboard(world: Path, requests_: int, size: str) -> dict:
    """The reports dashboard on one world: the first request, then the median."""
    from sandbox.seeding.personas import DEMO_PASSWORD

    client = _ours_in_process(world).test_client()
    answer = client.post("/login", data={"username": "mwezeshaji", "password": DEMO_PASSWORD})
    assert answer.status_code == 302, "the facilitator could not log in"
    started = time.perf_counter()
    assert client.get("/reports/").status_code == 200
    first = time.perf_counter() - started
    return {
        f"dashboard {size} first": first,
        f"dashboard {size}": _median(lambda: client.get("/reports/"), requests_, warm=1),
    }


# -- tables -----------------------------------------------------------------------


def _ms(value: float) -> str:
    """Milliseconds as a short figure."""
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def _print_throughput(rows: list[tuple], throughput: dict) -> None:
    """a, b, c: req/s, p50, p95, failures, ratio to the bare page of the same server."""
    print("\n8 users, no pause (locust headless, loopback); ratio = req/s ÷ bare page's req/s")
    print(f"{'server':<22}{'page':<28}{'req/s':>8}{'p50':>10}{'p95':>10}{'fail':>6}{'ratio':>8}")
    for server, what, result, compare in rows:
        workers = 2 if server.startswith("gunicorn") else 0
        bare = throughput["bare", workers]["bare page"].per_second
        ratio = f"{result.per_second / bare:.3f}" if compare else "1"
        print(
            f"{server:<22}{what:<28}{result.per_second:>8.1f}{_ms(result.p50):>10}"
            f"{_ms(result.p95):>10}{result.failures:>6}{ratio:>8}"
        )


def _print_workshop(hall: dict, bare: dict, workers: int, plan: Plan) -> None:
    """d: every request type with its count, failures, p50, p95 and max; its p95 as a ratio
    to the bare hall's p95 of the same method (GET: the bare page, POST: the bare step);
    the targets."""
    users = sum(plan.workshop_users.values())
    mix = ", ".join(f"{v} {k[6:].lower()}" for k, v in plan.workshop_users.items())
    print(
        f"\nworkshop: {users} users ({mix}), {plan.workshop_seconds} s, "
        f"{plan.spawn_rate} started a second, a click every {THINK.replace(',', '–')} s, "
        f"{_server_label(workers)}"
    )
    baseline = {"GET": bare.get("bare page"), "POST": bare.get("bare step")}
    print(
        f"{'request':<34}{'count':>7}{'fail':>6}{'p50':>10}{'p95':>10}{'max':>10}{'p95 ÷ bare':>12}"
    )
    for name, result in sorted(_named(bare).items()):
        print(
            f"{'baseline: ' + name:<34}{result.requests:>7}{result.failures:>6}"
            f"{_ms(result.p50):>10}{_ms(result.p95):>10}{_ms(result.max):>10}{'1':>12}"
        )
    for name, result in sorted(_named(hall).items()):
        base = baseline.get(result.method)
        ratio = f"{result.p95 / base.p95:.1f}" if base and base.p95 else ""
        print(
            f"{name:<34}{result.requests:>7}{result.failures:>6}{_ms(result.p50):>10}"
            f"{_ms(result.p95):>10}{_ms(result.max):>10}{ratio:>12}"
        )
    results = _named(hall)
    failures = sum(r.failures for r in results.values())
    login = results.get("login within 5 s of start")
    slow = [k for k, r in results.items() if r.p95 >= TARGET_P95_MS and not k.startswith("login ")]
    tried = login.requests if login else 0
    in_time = tried - login.failures if login else 0
    total = sum(r.requests for r in results.values()) - tried
    print(
        f"  {total / plan.workshop_seconds:.0f} requests/s; failures {failures}; logged in within "
        f"5 s: {in_time} of {tried}; p95 ≥ {TARGET_P95_MS} ms: {', '.join(slow) or 'none'}"
    )
    for line in hall["_failures"][:8]:
        print(f"  failure: {line}")


def _named(found: dict) -> dict:
    """The request names' results of one locust run (not its failure messages)."""
    return {k: v for k, v in found.items() if not k.startswith("_")}


def _print_first_login(first: dict, items: int) -> None:
    """e: the first login and inbox on a freshly seeded world, and the next inbox."""
    print(f"\nfirst login after seeding {items:,} items (no warm-up), afisa.dodoma, waitress")
    state = "" if first["ok"] else f"  FAILED (no inbox within {FIRST_LOGIN_TIMEOUT} s)"
    print(f"  login + first inbox page: {first['first']:.2f} s{state}")
    print(f"  the next inbox page:      {first['again']:.2f} s")


def _print_in_process(found: dict, items: int) -> None:
    """f: in-process medians and their ratios to the bare equivalents."""
    print("\nin-process (Flask test client, median per request)")
    bare_step, page = found["bare step"], found["bare page"]
    lines = [
        ("bare read-update-commit step", bare_step, None),
        ("USSD step (menus, 1,200 items)", found["ussd step"], bare_step),
        ("USSD last step (the submission)", found["ussd last step"], bare_step),
        ("bare page", page, None),
        ("reports dashboard, 1,200 items", found["dashboard 1,200"], page),
        ("  its first request", found["dashboard 1,200 first"], page),
        (f"reports dashboard, {items:,} items", found["dashboard big"], page),
        ("  its first request", found["dashboard big first"], page),
    ]
    for what, seconds, base in lines:
        ratio = f"ratio {seconds / base:.1f}" if base else ""
        print(f"  {what:<36}{_ms(seconds * 1000):>10}   {ratio}")


if __name__ == "__main__":
    main()
